"""A tenant's logins: created in its Keycloak organization, disabled and enabled again, linked to
protocols and individual module rights, and appointed administrator."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from identity_service import second_factor
from identity_service.changes import record_change
from identity_service.deps import Directory
from identity_service.guards import administering_as
from identity_service.realm_setup import SECOND_FACTOR
from identity_service.tables import administrators, logins, tenants, user_protocols, user_rights
from servicekit.access import ADMIN_ROLE, AUTHENTICATED
from servicekit.app import Context, RuntimeDep
from servicekit.catalogue import load_catalogue
from servicekit.paging import Page, Paging, page_of
from servicekit.problems import Problem

router = APIRouter(prefix="/api/identity/tenants/{slug}", tags=["logins"])


class LoginIn(BaseModel):
    username: str = Field(
        pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$",
        description="The login within the tenant; the person signs in as `<username>@<tenant>`",
    )
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=12, max_length=200)
    temporary: bool = True


class LoginOut(BaseModel):
    id: str
    username: str = Field(description="What the person types to sign in: `<login>@<tenant>`")
    email: str
    first_name: str
    last_name: str
    enabled: bool
    administrator: bool = False
    protocols: list[str] = []
    rights: list[str] = []


class EnabledIn(BaseModel):
    enabled: bool


class RightIn(BaseModel):
    module: str
    action: str


class RightsIn(BaseModel):
    protocols: list[str] = []
    rights: list[RightIn] = []


class RightsOut(BaseModel):
    user_id: str
    protocols: list[str]
    rights: list[str]
    effective: list[str]


class AdministratorIn(BaseModel):
    user_id: str


def _out(row: Any, protocols: list[str], rights: list[str], admin: bool) -> LoginOut:
    return LoginOut(
        id=row.user_id,
        username=row.username,
        email=row.email,
        first_name=row.first_name,
        last_name=row.last_name,
        enabled=row.enabled,
        administrator=admin,
        protocols=sorted(protocols),
        rights=sorted(rights),
    )


async def _login(session: AsyncSession, user_id: str) -> Any:
    row = (await session.execute(select(logins).where(logins.c.user_id == user_id))).first()
    if row is None:
        raise Problem(404, "No such login in this tenant")
    return row


async def _links(session: AsyncSession, user_id: str) -> tuple[list[str], list[str]]:
    protocols = await session.scalars(
        select(user_protocols.c.protocol).where(user_protocols.c.user_id == user_id)
    )
    rights = await session.execute(
        select(user_rights.c.module, user_rights.c.action).where(user_rights.c.user_id == user_id)
    )
    return sorted(protocols), sorted(f"{m}:{a}" for m, a in rights.all())


def sign_in_name(login: str, tenant: str) -> str:
    """Logins are unique within a tenant only: Keycloak knows each as `<login>@<tenant>`."""
    return f"{login}@{tenant}"


@router.post("/users", status_code=201, response_model=LoginOut, openapi_extra=AUTHENTICATED)
async def create_login(
    slug: str, body: LoginIn, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> LoginOut:
    username = sign_in_name(body.username, slug)
    async with runtime.db.tenant_transaction(slug) as session:
        await administering_as(session, ctx, slug)
        org_id = await session.scalar(
            select(tenants.c.keycloak_org_id).where(tenants.c.slug == slug)
        )
        taken = await session.scalar(select(logins.c.user_id).where(logins.c.username == username))
    if taken:
        raise Problem(
            409,
            f"Login '{body.username}' exists already",
            errors=[{"field": "username", "message": "taken in this tenant"}],
        )
    if org_id is None:
        raise Problem(409, "The tenant's organization is missing in Keycloak")
    user_id = await directory.create_member(
        org_id,
        {
            "username": username,
            "email": body.email,
            "firstName": body.first_name,
            "lastName": body.last_name,
            "enabled": True,
            "emailVerified": True,
            "credentials": [
                {"type": "password", "value": body.password, "temporary": body.temporary}
            ],
        },
    )
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        values = {
            "tenant_id": slug,
            "user_id": user_id,
            "username": username,
            "email": str(body.email),
            "first_name": body.first_name,
            "last_name": body.last_name,
            "created_by": ctx.subject,
        }
        await session.execute(insert(logins).values(**values))
        if await second_factor.for_new_login(session, slug):
            await directory.grant_realm_role(user_id, SECOND_FACTOR)
        after = {k: v for k, v in values.items() if k not in ("tenant_id", "created_by")}
        await record_change(
            session,
            ctx,
            slug,
            acting_as,
            f"login {username} created",
            after=after,
            event_type=None,
        )
        row = await _login(session, user_id)
    return _out(row, [], [], False)


@router.get("/users", response_model=Page[LoginOut], openapi_extra=AUTHENTICATED)
async def list_logins(
    slug: str, ctx: Context, runtime: RuntimeDep, paging: Paging
) -> Page[LoginOut]:
    async with runtime.db.tenant_transaction(slug) as session:
        await administering_as(session, ctx, slug)
        query = select(logins).order_by(logins.c.username).limit(paging.limit + 1)
        if paging.after:
            query = query.where(logins.c.username > paging.after)
        rows = (await session.execute(query)).all()
        admins = set(await session.scalars(select(administrators.c.user_id)))
        items = []
        for row in rows:
            protocols, rights = await _links(session, row.user_id)
            items.append(_out(row, protocols, rights, row.user_id in admins))
    return page_of(items, [r.username for r in rows], paging.limit)


@router.patch("/users/{user_id}", response_model=LoginOut, openapi_extra=AUTHENTICATED)
async def set_enabled(
    slug: str,
    user_id: str,
    body: EnabledIn,
    ctx: Context,
    runtime: RuntimeDep,
    directory: Directory,
) -> LoginOut:
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        row = await _login(session, user_id)
        await directory.set_enabled(user_id, body.enabled)
        await session.execute(
            update(logins).where(logins.c.user_id == user_id).values(enabled=body.enabled)
        )
        word = "enabled" if body.enabled else "disabled"
        await record_change(
            session,
            ctx,
            slug,
            acting_as,
            f"login {row.username} {word}",
            before={"enabled": row.enabled},
            after={"enabled": body.enabled},
            event_data={"user_id": user_id},
        )
        protocols, rights = await _links(session, user_id)
        admin = await session.scalar(
            select(administrators.c.user_id).where(administrators.c.user_id == user_id)
        )
        return _out(await _login(session, user_id), protocols, rights, admin is not None)


def _validate_rights(body: RightsIn) -> None:
    catalogue = load_catalogue()
    errors = [
        {"field": f"protocols.{i}", "message": f"no protocol '{name}'"}
        for i, name in enumerate(body.protocols)
        if name not in catalogue.protocols
    ]
    errors += [
        {"field": f"rights.{i}", "message": f"no right '{r.module}:{r.action}'"}
        for i, r in enumerate(body.rights)
        if not catalogue.is_right(r.module, r.action)
    ]
    if errors:
        raise Problem(422, "Unknown protocols or rights", errors=errors)


@router.put("/users/{user_id}/rights", response_model=RightsOut, openapi_extra=AUTHENTICATED)
async def set_rights(
    slug: str, user_id: str, body: RightsIn, ctx: Context, runtime: RuntimeDep
) -> RightsOut:
    """Replace the login's protocols and individual rights; the gateway applies it at once."""
    _validate_rights(body)
    protocols = sorted(set(body.protocols))
    rights = sorted({(r.module, r.action) for r in body.rights})
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        row = await _login(session, user_id)
        before_protocols, before_rights = await _links(session, user_id)
        await session.execute(delete(user_protocols).where(user_protocols.c.user_id == user_id))
        await session.execute(delete(user_rights).where(user_rights.c.user_id == user_id))
        if protocols:
            await session.execute(
                insert(user_protocols),
                [{"tenant_id": slug, "user_id": user_id, "protocol": p} for p in protocols],
            )
        if rights:
            await session.execute(
                insert(user_rights),
                [
                    {"tenant_id": slug, "user_id": user_id, "module": m, "action": a}
                    for m, a in rights
                ],
            )
        right_names = [f"{m}:{a}" for m, a in rights]
        await record_change(
            session,
            ctx,
            slug,
            acting_as,
            f"rights of {row.username} set",
            before={"protocols": before_protocols, "rights": before_rights},
            after={"protocols": protocols, "rights": right_names},
            event_data={"user_id": user_id},
        )
    effective = load_catalogue().effective_rights(protocols, right_names)
    return RightsOut(
        user_id=user_id, protocols=protocols, rights=right_names, effective=sorted(effective)
    )


@router.post(
    "/administrators", status_code=201, response_model=LoginOut, openapi_extra=AUTHENTICATED
)
async def appoint_administrator(
    slug: str, body: AdministratorIn, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> LoginOut:
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        row = await _login(session, body.user_id)
        if not row.enabled:
            raise Problem(409, "A disabled login cannot be appointed administrator")
        await directory.grant_realm_role(body.user_id, ADMIN_ROLE)
        await session.execute(
            pg_insert(administrators)
            .values(tenant_id=slug, user_id=body.user_id, appointed_by=ctx.subject)
            .on_conflict_do_nothing()
        )
        await record_change(
            session,
            ctx,
            slug,
            acting_as,
            f"{row.username} appointed administrator",
            after={"administrator": row.username},
            event_data={"user_id": body.user_id},
        )
        protocols, rights = await _links(session, body.user_id)
    return _out(row, protocols, rights, True)
