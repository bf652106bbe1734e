"""Designing products: versions, their lifecycle with four eyes on approval, and publication
to channels. Every step records who and when."""

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Path, Response
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from product_service.definition import DefinitionError, parse_definition, stored_definition
from product_service.lifecycle import check_four_eyes, next_status
from product_service.quotes import QuoteIn, QuoteOut, make_quote
from product_service.risk_schema import risk_json_schema
from product_service.tables import outbox, product_history, product_versions, products
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.outbox import add_event
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem

router = APIRouter(prefix="/api/products", tags=["products"])
# A version number is a 32-bit column: one beyond it is refused before any query.
VersionNumber = Annotated[int, Path(ge=1, le=2_147_483_647, description="The version number")]

CHANGE = {"x-permission": {"module": "products", "action": "change"}}
APPROVE = {"x-permission": {"module": "products", "action": "approve"}}


class ProductSummary(BaseModel):
    code: str
    name: str
    latest_version: int | None = None
    latest_status: str | None = None


class HistoryEntry(BaseModel):
    at: datetime
    by: str
    step: str
    from_status: str | None
    to_status: str
    note: str | None


class Channels(BaseModel):
    manual: bool = False
    website: bool = False
    intermediaries: list[str] = Field(default_factory=list, description="API client ids")


class VersionOut(BaseModel):
    code: str
    version: int
    status: str
    effective_from: date
    definition: dict[str, Any]
    authors: list[str]
    channels: Channels | None
    history: list[HistoryEntry]


class ProductOut(BaseModel):
    code: str
    name: str
    versions: list[dict[str, Any]]


class RejectIn(BaseModel):
    reason: str = Field(min_length=3, max_length=2000)


class PublishIn(BaseModel):
    channels: Channels


def _definition(data: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    try:
        definition = parse_definition(data)
    except DefinitionError as exc:
        raise Problem(422, "The product definition is not valid", errors=exc.errors) from exc
    return definition, definition.model_dump(mode="json")


async def _version(session: AsyncSession, code: str, version: int, lock: bool = False) -> Any:
    query = select(product_versions).where(
        product_versions.c.code == code, product_versions.c.version == version
    )
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    if row is None:
        raise Problem(404, f"No version {version} of product '{code}'")
    return row


async def _record(
    session: AsyncSession,
    ctx: RequestContext,
    code: str,
    version: int,
    step: str,
    before: str | None,
    after: str,
    note: str | None = None,
) -> None:
    assert ctx.tenant
    await session.execute(
        insert(product_history).values(
            tenant_id=ctx.tenant,
            code=code,
            version=version,
            actor=ctx.subject,
            actor_name=ctx.username,
            step=step,
            from_status=before,
            to_status=after,
            note=note,
        )
    )
    event = Event.new(
        "product",
        "product.status-changed",
        ctx.tenant,
        {"code": code, "version": version, "step": step, "status": after, "by": ctx.username},
    )
    await add_event(session, outbox, event)


async def _version_out(session: AsyncSession, row: Any) -> VersionOut:
    history = (
        await session.execute(
            select(product_history)
            .where(product_history.c.code == row.code, product_history.c.version == row.version)
            .order_by(product_history.c.at)
        )
    ).all()
    return VersionOut(
        code=row.code,
        version=row.version,
        status=row.status,
        effective_from=row.effective_from,
        definition=row.definition,
        authors=list(row.authors),
        channels=Channels(**row.channels) if row.channels else None,
        history=[
            HistoryEntry(
                at=h.at,
                by=h.actor_name,
                step=h.step,
                from_status=h.from_status,
                to_status=h.to_status,
                note=h.note,
            )
            for h in history
        ],
    )


@router.post("", status_code=201, response_model=VersionOut)
async def create_product(
    ctx: Context, session: TenantSession, data: dict[str, Any] = Body(...)
) -> VersionOut:
    """A new product from its definition (as in examples/home-contents.json): version 1, draft."""
    definition, stored = _definition(data)
    if await session.scalar(select(products.c.code).where(products.c.code == definition.code)):
        raise Problem(409, f"Product '{definition.code}' exists already")
    await session.execute(
        insert(products).values(
            tenant_id=ctx.tenant, code=definition.code, name=definition.name, created_by=ctx.subject
        )
    )
    await session.execute(
        insert(product_versions).values(
            tenant_id=ctx.tenant,
            code=definition.code,
            version=1,
            definition=stored,
            effective_from=definition.effective_from,
            authors=[ctx.subject],
            created_by=ctx.subject,
        )
    )
    await _record(session, ctx, definition.code, 1, "create", None, "draft")
    return await _version_out(session, await _version(session, definition.code, 1))


@router.get("", response_model=Page[ProductSummary])
async def list_products(session: TenantSession, paging: Paging) -> Page[ProductSummary]:
    latest = (
        select(product_versions.c.version, product_versions.c.status)
        .where(product_versions.c.code == products.c.code)
        .order_by(product_versions.c.version.desc())
        .limit(1)
        .lateral()
    )
    query = select(products.c.code, products.c.name, latest.c.version, latest.c.status).join(
        latest, true()
    )
    return await keyset_page(
        session,
        query,
        products.c.code,
        paging,
        lambda r: ProductSummary(
            code=r.code, name=r.name, latest_version=r.version, latest_status=r.status
        ),
    )


@router.get("/{code}", response_model=ProductOut)
async def get_product(code: str, session: TenantSession) -> ProductOut:
    product = (await session.execute(select(products).where(products.c.code == code))).first()
    if product is None:
        raise Problem(404, f"No product '{code}'")
    versions = (
        await session.execute(
            select(
                product_versions.c.version,
                product_versions.c.status,
                product_versions.c.effective_from,
            )
            .where(product_versions.c.code == code)
            .order_by(product_versions.c.version)
        )
    ).all()
    return ProductOut(
        code=product.code,
        name=product.name,
        versions=[
            {"version": v.version, "status": v.status, "effective_from": v.effective_from}
            for v in versions
        ],
    )


@router.get("/{code}/versions/{version}", response_model=VersionOut)
async def get_version(
    code: str, version: VersionNumber, session: TenantSession, response: Response
) -> VersionOut:
    row = await _version(session, code, version)
    response.headers["ETag"] = f'"{row.row_version}"'
    return await _version_out(session, row)


@router.get("/{code}/versions/{version}/risk-schema", response_model=dict[str, Any])
async def version_risk_schema(
    code: str, version: VersionNumber, session: TenantSession
) -> dict[str, Any]:
    """The version's risk questions as JSON Schema (draft 2020-12), for the form of a manual
    application or a test quote; the same schema the public API gives intermediaries."""
    row = await _version(session, code, version)
    return risk_json_schema(stored_definition(row))


@router.put("/{code}/versions/{version}", response_model=VersionOut)
async def edit_draft(
    code: str,
    version: VersionNumber,
    ctx: Context,
    session: TenantSession,
    data: dict[str, Any] = Body(...),
    if_match: str | None = Header(default=None),
) -> VersionOut:
    """Replace a draft's definition. With `If-Match: "<ETag>"`, a concurrent edit gives 409."""
    definition, stored = _definition(data)
    if definition.code != code:
        raise Problem(
            422,
            "The definition is for another product",
            errors=[{"field": "code", "message": f"must be {code}"}],
        )
    row = await _version(session, code, version, lock=True)
    if row.status != "draft":
        raise Problem(409, f"Version {version} is {row.status}: make a new version to change it")
    if if_match is not None and if_match.strip('"') != str(row.row_version):
        raise Problem(409, "Someone changed this version meanwhile: load it again")
    authors = sorted({*row.authors, ctx.subject})
    await session.execute(
        update(product_versions)
        .where(product_versions.c.code == code, product_versions.c.version == version)
        .values(
            definition=stored,
            effective_from=definition.effective_from,
            authors=authors,
            row_version=row.row_version + 1,
        )
    )
    await _record(session, ctx, code, version, "edit", "draft", "draft")
    return await _version_out(session, await _version(session, code, version))


@router.post("/{code}/versions", status_code=201, response_model=VersionOut)
async def new_version(code: str, ctx: Context, session: TenantSession) -> VersionOut:
    """The next draft, starting from the latest version's definition."""
    latest = (
        await session.execute(
            select(product_versions)
            .where(product_versions.c.code == code)
            .order_by(product_versions.c.version.desc())
            .limit(1)
            .with_for_update()
        )
    ).first()
    if latest is None:
        raise Problem(404, f"No product '{code}'")
    if latest.status in ("draft", "submitted"):
        raise Problem(409, f"Version {latest.version} is still {latest.status}")
    number = latest.version + 1
    try:
        await session.execute(
            insert(product_versions).values(
                tenant_id=ctx.tenant,
                code=code,
                version=number,
                definition=latest.definition,
                effective_from=latest.effective_from,
                authors=[ctx.subject],
                created_by=ctx.subject,
            )
        )
    except IntegrityError as exc:
        raise Problem(409, "Another new version was made meanwhile") from exc
    await _record(session, ctx, code, number, "create", None, "draft")
    return await _version_out(session, await _version(session, code, number))


async def _step(
    ctx: RequestContext,
    session: AsyncSession,
    code: str,
    version: int,
    step: str,
    note: str | None = None,
    channels: Channels | None = None,
) -> VersionOut:
    row = await _version(session, code, version, lock=True)
    check_four_eyes(step, ctx.subject, list(row.authors))
    target = next_status(step, row.status)
    values: dict[str, Any] = {"status": target, "row_version": row.row_version + 1}
    if channels is not None:
        values["channels"] = channels.model_dump()
    await session.execute(
        update(product_versions)
        .where(product_versions.c.code == code, product_versions.c.version == version)
        .values(**values)
    )
    await _record(session, ctx, code, version, step, row.status, target, note)
    if step == "publish":
        await _withdraw_older_live(ctx, session, code, version)
    return await _version_out(session, await _version(session, code, version))


async def _withdraw_older_live(
    ctx: RequestContext, session: AsyncSession, code: str, version: int
) -> None:
    """A newly published version replaces the one live before it."""
    older = (
        await session.execute(
            select(product_versions.c.version).where(
                product_versions.c.code == code,
                product_versions.c.status == "live",
                product_versions.c.version != version,
            )
        )
    ).all()
    for row in older:
        await session.execute(
            update(product_versions)
            .where(product_versions.c.code == code, product_versions.c.version == row.version)
            .values(status="withdrawn")
        )
        note = f"replaced by version {version}"
        await _record(session, ctx, code, row.version, "withdraw", "live", "withdrawn", note)


@router.post("/{code}/versions/{version}/submit", response_model=VersionOut, openapi_extra=CHANGE)
async def submit(
    code: str, version: VersionNumber, ctx: Context, session: TenantSession
) -> VersionOut:
    return await _step(ctx, session, code, version, "submit")


@router.post("/{code}/versions/{version}/approve", response_model=VersionOut, openapi_extra=APPROVE)
async def approve(
    code: str, version: VersionNumber, ctx: Context, session: TenantSession
) -> VersionOut:
    return await _step(ctx, session, code, version, "approve")


@router.post("/{code}/versions/{version}/reject", response_model=VersionOut, openapi_extra=APPROVE)
async def reject(
    code: str, version: VersionNumber, body: RejectIn, ctx: Context, session: TenantSession
) -> VersionOut:
    return await _step(ctx, session, code, version, "reject", note=body.reason)


@router.post("/{code}/versions/{version}/test", response_model=VersionOut, openapi_extra=CHANGE)
async def to_test(
    code: str, version: VersionNumber, ctx: Context, session: TenantSession
) -> VersionOut:
    return await _step(ctx, session, code, version, "test")


@router.post("/{code}/versions/{version}/publish", response_model=VersionOut, openapi_extra=APPROVE)
async def publish(
    code: str, version: VersionNumber, body: PublishIn, ctx: Context, session: TenantSession
) -> VersionOut:
    return await _step(ctx, session, code, version, "publish", channels=body.channels)


@router.post(
    "/{code}/versions/{version}/withdraw", response_model=VersionOut, openapi_extra=APPROVE
)
async def withdraw(
    code: str, version: VersionNumber, ctx: Context, session: TenantSession
) -> VersionOut:
    return await _step(ctx, session, code, version, "withdraw")


@router.post(
    "/{code}/quotes",
    status_code=201,
    response_model=QuoteOut,
    openapi_extra={"x-permission": {"module": "products", "action": "view"}},
)
async def manual_quote(
    code: str,
    body: QuoteIn,
    ctx: Context,
    runtime: RuntimeDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> QuoteOut:
    """A quote for the manual channel, with the rating trace for the employee."""
    if body.product not in (None, code):
        raise Problem(
            422,
            "The body names another product",
            errors=[{"field": "product", "message": f"must be {code}"}],
        )
    return await make_quote(
        runtime.db,
        ctx,
        code,
        body,
        channel="manual",
        idempotency_key=idempotency_key,
        with_trace=True,
        not_offered=f"Product '{code}' has no version in test or live for the manual channel",
    )
