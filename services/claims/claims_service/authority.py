"""Authority limits: the amount a handler may pay out on their own. Above it a payment waits for
a second person with `claims:approve` (four eyes). The tenant has a default, and its
administrator can set a limit per handler; nobody sets their own. The rules are
`payment_rules`; these are their endpoints and the limits as stored."""

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.payment_rules import (
    DEFAULT_LIMIT,
    authority_limit,
    check_limit_for_other,
    check_sets_limits,
)
from claims_service.tables import authority_limits, claim_settings
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.problems import Problem

router = APIRouter(prefix="/api/claims", tags=["claims"])
# The tenant's administrator keeps these without claims rights of their own (x-administration).
ADMINISTER = {"x-permission": {"module": "claims", "action": "approve"}, "x-administration": True}
ADMINISTERED = {"x-administration": True}
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class ClaimSettings(BaseModel):
    authority_limit: Amount = Field(
        default=DEFAULT_LIMIT, description="What a handler may pay without a second approver"
    )


class AuthorityLimitIn(BaseModel):
    authority_limit: Amount


class AuthorityLimit(BaseModel):
    handler: str
    authority_limit: Decimal
    set_by: str


def _administering(ctx: RequestContext) -> None:
    check_sets_limits(administers_own_tenant=ctx.administers_own_tenant, acting_as=ctx.acting_as)


async def settings_of(session: AsyncSession) -> ClaimSettings:
    limit = await session.scalar(select(claim_settings.c.authority_limit))
    return ClaimSettings(authority_limit=authority_limit(None, limit))


async def limit_of(session: AsyncSession, handler: str) -> Decimal:
    own = await session.scalar(
        select(authority_limits.c.authority_limit).where(authority_limits.c.handler == handler)
    )
    if own is not None:
        return authority_limit(own, None)
    return authority_limit(None, await session.scalar(select(claim_settings.c.authority_limit)))


@router.get("/settings", response_model=ClaimSettings, openapi_extra=ADMINISTERED)
async def get_settings(session: TenantSession) -> ClaimSettings:
    return await settings_of(session)


@router.put("/settings", response_model=ClaimSettings, openapi_extra=ADMINISTER)
async def put_settings(body: ClaimSettings, ctx: Context, session: TenantSession) -> ClaimSettings:
    _administering(ctx)
    values = {"authority_limit": body.authority_limit, "changed_by": ctx.username}
    await session.execute(
        insert(claim_settings)
        .values(tenant_id=ctx.tenant, **values)
        .on_conflict_do_update(index_elements=["tenant_id"], set_=values)
    )
    return await settings_of(session)


@router.get("/authority-limits", response_model=list[AuthorityLimit], openapi_extra=ADMINISTERED)
async def list_limits(session: TenantSession) -> list[AuthorityLimit]:
    rows = await session.execute(select(authority_limits).order_by(authority_limits.c.handler))
    return [
        AuthorityLimit(handler=r.handler, authority_limit=r.authority_limit, set_by=r.set_by)
        for r in rows
    ]


Handler = Annotated[str, Path(min_length=1, max_length=200, description="The handler's login")]


@router.put("/authority-limits/{handler}", response_model=AuthorityLimit, openapi_extra=ADMINISTER)
async def set_limit(
    handler: Handler, body: AuthorityLimitIn, ctx: Context, session: TenantSession
) -> AuthorityLimit:
    _administering(ctx)
    check_limit_for_other(handler, ctx.username)
    values = {"authority_limit": body.authority_limit, "set_by": ctx.username}
    await session.execute(
        insert(authority_limits)
        .values(tenant_id=ctx.tenant, handler=handler, **values)
        .on_conflict_do_update(index_elements=["tenant_id", "handler"], set_=values)
    )
    return AuthorityLimit(handler=handler, **values)


@router.delete("/authority-limits/{handler}", status_code=204, openapi_extra=ADMINISTER)
async def drop_limit(handler: Handler, ctx: Context, session: TenantSession) -> None:
    """The handler falls back to the tenant's default."""
    _administering(ctx)
    gone = await session.execute(
        delete(authority_limits).where(authority_limits.c.handler == handler)
    )
    if not gone.rowcount:
        raise Problem(404, f"{handler} has no limit of their own")
