"""Which product version a caller may quote on: a live version published to the caller's
channel, or, for test clients and the tenant's own staff, a version in test mode (whose quotes
are marked test and never become real bookings)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from product_service.tables import product_versions
from servicekit.context_token import RequestContext

# Everything of a version but its definition: the definition is the bulk of the row, and a
# version out of draft never changes, so it is read once and kept (DEFINITIONS).
_HEAD = [c for c in product_versions.c if c.name != "definition"]
DEFINITIONS: dict[tuple[str, str, int, int], dict[str, Any]] = {}
MAX_DEFINITIONS = 1024


@dataclass(frozen=True)
class OfferedVersion:
    """An offered (test or live) product version with its definition as stored."""

    tenant_id: str
    code: str
    version: int
    status: str
    effective_from: date
    channels: dict[str, Any] | None
    row_version: int
    definition: dict[str, Any]


def offered_to(ctx: RequestContext, row: Any) -> bool:
    channels = row.channels or {}
    if ctx.client_id:
        if ctx.test_client:
            return bool(row.status == "test")
        if row.status != "live":
            return False
        if ctx.channel == "website":
            return bool(channels.get("website"))
        return ctx.client_id in channels.get("intermediaries", [])
    # The tenant's own staff quote for the manual channel.
    return row.status == "test" or (row.status == "live" and bool(channels.get("manual")))


def _key(row: Any) -> tuple[str, str, int, int]:
    return (row.tenant_id, row.code, row.version, row.row_version)


async def _definitions(session: AsyncSession, heads: list[Any]) -> None:
    """Read the definitions of `heads` not kept yet into DEFINITIONS."""
    missing = [h for h in heads if _key(h) not in DEFINITIONS]
    if not missing:
        return
    if len(DEFINITIONS) + len(missing) > MAX_DEFINITIONS:
        DEFINITIONS.clear()
        missing = heads
    c = product_versions.c
    rows = await session.execute(
        select(c.tenant_id, c.code, c.version, c.row_version, c.definition).where(
            tuple_(c.code, c.version).in_([(h.code, h.version) for h in missing])
        )
    )
    for row in rows:
        DEFINITIONS[_key(row)] = row.definition


async def offered_versions(
    session: AsyncSession, ctx: RequestContext, code: str | None = None
) -> list[OfferedVersion]:
    """The newest offered version of each product (or of the product `code`)."""
    query = select(*_HEAD).where(product_versions.c.status.in_(("test", "live")))
    if code is not None:
        query = query.where(product_versions.c.code == code)
    heads = (
        await session.execute(
            query.order_by(product_versions.c.code, product_versions.c.version.desc())
        )
    ).all()
    chosen: dict[str, Any] = {}
    for head in heads:
        if head.code not in chosen and offered_to(ctx, head):
            chosen[head.code] = head
    await _definitions(session, list(chosen.values()))
    return [
        OfferedVersion(
            tenant_id=h.tenant_id,
            code=h.code,
            version=h.version,
            status=h.status,
            effective_from=h.effective_from,
            channels=h.channels,
            row_version=h.row_version,
            definition=DEFINITIONS[_key(h)],
        )
        for h in chosen.values()
    ]


async def offered_version(
    session: AsyncSession, ctx: RequestContext, code: str
) -> OfferedVersion | None:
    return next(iter(await offered_versions(session, ctx, code)), None)
