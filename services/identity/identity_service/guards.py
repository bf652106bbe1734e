"""Who may administer a tenant: its own appointed administrators, and the platform operator only
while the tenant is operator-managed. Administration routes are role-guarded here, not by module
rights at the gateway."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity_service.tables import administrators, tenants
from servicekit.access import ADMIN_ROLE
from servicekit.app import Runtime
from servicekit.context_token import RequestContext
from servicekit.problems import Problem


def require_operator(ctx: RequestContext) -> None:
    if not ctx.is_operator:
        raise Problem(403, "Only a platform operator may do this")


async def tenant_record(session: AsyncSession, slug: str) -> Any:
    return (await session.execute(select(tenants).where(tenants.c.slug == slug))).first()


async def is_administrator(session: AsyncSession, ctx: RequestContext, slug: str) -> bool:
    """The caller is an appointed administrator of `slug` (the session is `slug`'s)."""
    if ADMIN_ROLE not in ctx.roles or ctx.token_tenant != slug:
        return False
    found = await session.scalar(
        select(administrators.c.user_id).where(administrators.c.user_id == ctx.subject)
    )
    return found is not None


async def administering_as(session: AsyncSession, ctx: RequestContext, slug: str) -> str:
    """ "administrator" or "operator", or a 403/404 Problem; the session is `slug`'s."""
    tenant = await tenant_record(session, slug)
    if tenant is None:
        raise Problem(404, f"No tenant '{slug}'")
    if await is_administrator(session, ctx, slug):
        return "administrator"
    if ctx.is_operator:
        if tenant.administration == "operator-managed":
            return "operator"
        raise Problem(403, "This tenant runs its own administration")
    raise Problem(403, "Only this tenant's administrator may do this")


async def require_administrator(runtime: Runtime, ctx: RequestContext, slug: str) -> None:
    async with runtime.db.tenant_transaction(slug) as session:
        await administering_as(session, ctx, slug)
