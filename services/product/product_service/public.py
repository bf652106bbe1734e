"""The public API for the tenant's machine clients (intermediaries, its website): the products
offered to them, their risk questions as JSON Schema, and quotes and applications."""

from typing import Annotated, Any

from fastapi import APIRouter, Header
from pydantic import BaseModel

from product_service.applications import (
    ApplicationIn,
    ApplicationOut,
    client_application,
    submit_application,
)
from product_service.definition import stored_definition
from product_service.offer import offered_version, offered_versions
from product_service.quotes import QuoteIn, QuoteOut, make_quote, quote_out, stored_quote
from product_service.risk_schema import risk_json_schema
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.problems import Problem

router = APIRouter(prefix="/public/v1", tags=["public"])
PUBLIC = {"x-access": "public-client"}


class OfferedProduct(BaseModel):
    code: str
    name: str
    version: int
    insurer: dict[str, str]
    test: bool


class CoverageInfo(BaseModel):
    code: str
    name: str
    required: bool


class ProductDetail(OfferedProduct):
    coverages: list[CoverageInfo]
    frequencies: list[str]
    risk_schema: dict[str, Any]


def _summary(row: Any) -> OfferedProduct:
    d = row.definition
    return OfferedProduct(
        code=row.code,
        name=d["name"],
        version=row.version,
        insurer=d["insurer"],
        test=row.status == "test",
    )


@router.get("/products", response_model=list[OfferedProduct], openapi_extra=PUBLIC)
async def products(ctx: Context, session: TenantSession) -> list[OfferedProduct]:
    return [_summary(r) for r in await offered_versions(session, ctx)]


@router.get("/products/{code}", response_model=ProductDetail, openapi_extra=PUBLIC)
async def product(code: str, ctx: Context, session: TenantSession) -> ProductDetail:
    row = await offered_version(session, ctx, code)
    if row is None:
        raise Problem(404, f"No product '{code}' is offered to you")
    definition = stored_definition(row)
    return ProductDetail(
        **_summary(row).model_dump(),
        coverages=[
            CoverageInfo(code=c.code, name=c.name, required=c.required)
            for c in definition.coverages
        ],
        frequencies=list(row.definition["frequencies"]),
        risk_schema=risk_json_schema(definition),
    )


@router.post("/quotes", status_code=201, response_model=QuoteOut, openapi_extra=PUBLIC)
async def create_quote(
    body: QuoteIn,
    ctx: Context,
    runtime: RuntimeDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> QuoteOut:
    if not body.product:
        raise Problem(422, "Name the product", errors=[{"field": "product", "message": "required"}])
    return await make_quote(
        runtime.db,
        ctx,
        body.product,
        body,
        channel=ctx.channel or "website",
        idempotency_key=idempotency_key,
        with_trace=False,
        not_offered=f"No product '{body.product}' is offered to you",
    )


@router.get("/quotes/{quote_id}", response_model=QuoteOut, openapi_extra=PUBLIC)
async def get_quote(quote_id: str, ctx: Context, session: TenantSession) -> QuoteOut:
    row = await stored_quote(session, quote_id)
    if row.client_id != ctx.client_id:
        raise Problem(404, "No such quote")
    return quote_out(row, with_trace=False)


@router.post("/applications", status_code=201, response_model=ApplicationOut, openapi_extra=PUBLIC)
async def create_application(
    body: ApplicationIn,
    ctx: Context,
    session: TenantSession,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> ApplicationOut:
    return await submit_application(session, ctx, body, idempotency_key)


@router.get("/applications/{application_id}", response_model=ApplicationOut, openapi_extra=PUBLIC)
async def get_application(
    application_id: str, ctx: Context, session: TenantSession
) -> ApplicationOut:
    return await client_application(session, ctx, application_id)
