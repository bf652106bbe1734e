"""`Idempotency-Key` on creating POSTs: the same key and body replays the first answer, the same
key with another body is a conflict. Tables that take keys have the columns `created_by`,
`idempotency_key` and `request_hash`, with a unique index on (tenant, created_by, key)."""

import hashlib
import json
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.problems import Problem


def request_hash(request: dict[str, Any]) -> str:
    canonical = json.dumps(request, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def earlier_answer(
    session: AsyncSession, table: Table, caller: str, key: str | None, digest: str
) -> Any | None:
    """The row the same caller made earlier with `key`, or None; 409 if the body differed."""
    if not key:
        return None
    earlier = (
        await session.execute(
            select(table).where(table.c.created_by == caller, table.c.idempotency_key == key)
        )
    ).first()
    if earlier is not None and earlier.request_hash != digest:
        raise Problem(409, "This Idempotency-Key was used for another request")
    return earlier
