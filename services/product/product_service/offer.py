"""Which product version a caller may quote on: a live version published to the caller's
channel, or, for test clients and the tenant's own staff, a version in test mode (whose quotes
are marked test and never become real bookings)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from product_service.tables import product_versions
from servicekit.context_token import RequestContext


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


async def offered_versions(
    session: AsyncSession, ctx: RequestContext, code: str | None = None
) -> list[Any]:
    """The newest offered version of each product (or of the product `code`)."""
    query = select(product_versions).where(product_versions.c.status.in_(("test", "live")))
    if code is not None:
        query = query.where(product_versions.c.code == code)
    rows = (
        await session.execute(
            query.order_by(product_versions.c.code, product_versions.c.version.desc())
        )
    ).all()
    chosen: dict[str, Any] = {}
    for row in rows:
        if row.code not in chosen and offered_to(ctx, row):
            chosen[row.code] = row
    return list(chosen.values())


async def offered_version(session: AsyncSession, ctx: RequestContext, code: str) -> Any | None:
    return next(iter(await offered_versions(session, ctx, code)), None)
