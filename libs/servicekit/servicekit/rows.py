"""Reading one row by its id, where a malformed id and an unknown one both answer 404 (RLS hides
other tenants' rows, so theirs are unknown too)."""

import uuid
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.problems import Problem


async def row_by_id(
    session: AsyncSession, table: Table, row_id: str, what: str, *, lock: bool = False
) -> Any:
    """The row of `table` whose `id` is `row_id`, or 404 "No such <what>"; `lock`: locked for
    update until the commit."""
    try:
        uuid.UUID(row_id)
    except ValueError as exc:
        raise Problem(404, f"No such {what}") from exc
    query = select(table).where(table.c.id == row_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    if row is None:
        raise Problem(404, f"No such {what}")
    return row
