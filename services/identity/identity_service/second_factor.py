"""Whom Keycloak asks a one-time code (OTP) at sign-in, besides the password. Operators and a
tenant's administrators always (their realm roles include `second-factor`); the rest of a tenant's
staff once its administrator asks it of everyone: then every login of the tenant holds the
`second-factor` role itself, new ones from their creation on. Keycloak's browser login (set up by
`realm_setup`) asks whoever holds the role for a code, and has them set up an authenticator app
the first time. The setting is the administrator's, and every change is in the audit trail."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity_service.changes import record_change
from identity_service.deps import Directory
from identity_service.guards import administering_as
from identity_service.keycloak_orgs import KeycloakDirectory
from identity_service.realm_setup import SECOND_FACTOR
from identity_service.tables import logins, tenants
from servicekit.access import AUTHENTICATED
from servicekit.app import Context, RuntimeDep

router = APIRouter(prefix="/api/identity/tenants/{slug}", tags=["logins"])


class SecondFactor(BaseModel):
    required_for: Literal["administrators", "everyone"]


async def _setting(session: AsyncSession, slug: str) -> str:
    return str(await session.scalar(select(tenants.c.second_factor).where(tenants.c.slug == slug)))


async def for_new_login(session: AsyncSession, slug: str) -> bool:
    """Whether a login made now in `slug` must sign in with a second factor from the start."""
    return await _setting(session, slug) == "everyone"


@router.get("/second-factor", response_model=SecondFactor, openapi_extra=AUTHENTICATED)
async def get_second_factor(slug: str, ctx: Context, runtime: RuntimeDep) -> SecondFactor:
    async with runtime.db.tenant_transaction(slug) as session:
        await administering_as(session, ctx, slug)
        return SecondFactor(required_for=await _setting(session, slug))  # type: ignore[arg-type]


@router.put("/second-factor", response_model=SecondFactor, openapi_extra=AUTHENTICATED)
async def set_second_factor(
    slug: str, body: SecondFactor, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> SecondFactor:
    """Asks a second factor of all the tenant's staff (`everyone`), or of its administrators
    only; applied to every login at once, and the same again changes nothing."""
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        before = str(
            await session.scalar(
                select(tenants.c.second_factor).where(tenants.c.slug == slug).with_for_update()
            )
        )
        users = list(await session.scalars(select(logins.c.user_id).order_by(logins.c.user_id)))
        # Keycloak first, inside the transaction: should it fail, the setting stays as it was
        # and asking again applies it whole.
        await _apply(directory, users, body.required_for == "everyone")
        if before != body.required_for:
            changed = update(tenants).where(tenants.c.slug == slug)
            await session.execute(changed.values(second_factor=body.required_for))
            await record_change(
                session,
                ctx,
                slug,
                acting_as,
                f"second factor required of {body.required_for}",
                before={"second_factor": before},
                after={"second_factor": body.required_for},
                event_type=None,
            )
    return body


async def _apply(directory: KeycloakDirectory, users: list[str], everyone: bool) -> None:
    for user_id in users:
        if everyone:
            await directory.grant_realm_role(user_id, SECOND_FACTOR)
        else:
            await directory.revoke_realm_role(user_id, SECOND_FACTOR)
