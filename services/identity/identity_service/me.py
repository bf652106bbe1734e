"""`GET /api/identity/me`: who the caller is, for which tenant, with which rights."""

from fastapi import APIRouter
from pydantic import BaseModel

from identity_service.access import resolve
from servicekit.access import AUTHENTICATED, AccessQuery
from servicekit.app import Context, RuntimeDep

router = APIRouter(prefix="/api/identity", tags=["me"])


class Me(BaseModel):
    subject: str
    username: str
    tenant: str | None
    acting_as: str | None
    roles: list[str]
    rights: list[str]


@router.get("/me", response_model=Me, openapi_extra=AUTHENTICATED)
async def me(ctx: Context, runtime: RuntimeDep) -> Me:
    caller = AccessQuery(
        ctx.subject, ctx.roles, ctx.token_tenant, ctx.requested_tenant, ctx.client_id
    )
    decision = await resolve(runtime, caller)
    return Me(
        subject=ctx.subject,
        username=ctx.username,
        tenant=decision.tenant if decision.allowed else (ctx.token_tenant or None),
        acting_as=decision.acting_as,
        roles=sorted(ctx.roles),
        rights=sorted(decision.rights) if decision.allowed else [],
    )
