"""Which product version a caller may quote on: a live version published to the caller's
channel, or, for test clients and the tenant's own staff, a version in test mode (whose quotes
are marked test and never become real bookings)."""

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from itertools import groupby
from typing import Any, TypeVar

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from product_service.definition import Kept, KeptPerVersion, version_key
from product_service.tables import product_versions
from servicekit.context_token import RequestContext
from servicekit.db import Database


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


# What is read of a version on every quote: all but its definition, which is the bulk of the row
# and is read once per version (_DOCUMENTS), as a version out of draft never changes.
_HEAD = [product_versions.c[f.name] for f in fields(OfferedVersion) if f.name != "definition"]
_DOCUMENTS: KeptPerVersion[dict[str, Any]] = KeptPerVersion()
V = TypeVar("V")


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


def newest_offered(ctx: RequestContext, versions: Iterable[V]) -> V | None:
    """The first of a product's `versions` (newest first) offered to the caller."""
    return next((v for v in versions if offered_to(ctx, v)), None)


async def _with_definitions(session: AsyncSession, heads: list[Any]) -> list[OfferedVersion]:
    """`heads` with their definitions, those not kept yet read in one query."""
    documents = {version_key(h): d for h in heads if (d := _DOCUMENTS.get(h)) is not None}
    missing = [(h.code, h.version) for h in heads if version_key(h) not in documents]
    if missing:
        c = product_versions.c
        rows = await session.execute(
            select(c.tenant_id, c.code, c.version, c.row_version, c.definition).where(
                tuple_(c.code, c.version).in_(missing)
            )
        )
        for row in rows:
            documents[version_key(row)] = _DOCUMENTS.keep(row, row.definition)
    return [
        OfferedVersion(
            **{c.name: getattr(h, c.name) for c in _HEAD}, definition=documents[version_key(h)]
        )
        for h in heads
    ]


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
    chosen = [
        head
        for _, versions in groupby(heads, key=lambda h: h.code)
        if (head := newest_offered(ctx, versions)) is not None
    ]
    return await _with_definitions(session, chosen)


async def offered_version(
    session: AsyncSession, ctx: RequestContext, code: str
) -> OfferedVersion | None:
    return next(iter(await offered_versions(session, ctx, code)), None)


@dataclass(frozen=True)
class Offer:
    """A product's versions in test or live, newest first, with the fingerprint of the database's
    `offer_signature` read in the same statement: `issue_quote` stores a quote only while the
    fingerprint holds, so an offer kept here never makes a quote on a version since replaced."""

    signature: str
    versions: tuple[OfferedVersion, ...]

    def for_caller(self, ctx: RequestContext) -> OfferedVersion | None:
        return newest_offered(ctx, self.versions)


# The offers read last, per tenant and product (all forgotten beyond 4,096): a quote on a
# kept offer is one statement instead of a transaction of five. A product withdrawn meanwhile
# is found so by `issue_quote`, and read again.
_OFFERS: Kept[tuple[str, str], Offer] = Kept(4096)


def kept_offer(tenant: str, code: str) -> Offer | None:
    return _OFFERS.get((tenant, code))


async def read_offer(db: Database, tenant: str, code: str) -> Offer:
    """The offer of product `code` as it stands now, kept for the quotes after this one."""
    query = (
        select(*_HEAD, func.offer_signature(code).label("signature"))
        .where(product_versions.c.code == code, product_versions.c.status.in_(("test", "live")))
        .order_by(product_versions.c.version.desc())
    )
    async with db.tenant_transaction(tenant) as session:
        rows = (await session.execute(query)).all()
        versions = await _with_definitions(session, rows)
    offer = Offer(signature=rows[0].signature if rows else "", versions=tuple(versions))
    # Only products that exist are kept: codes asked for in vain cannot push out the others.
    if versions:
        _OFFERS.keep((tenant, code), offer)
    return offer
