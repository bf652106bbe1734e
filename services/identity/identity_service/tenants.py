"""Registering tenants: a Keycloak organization plus the identity service's record."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import insert, select

from identity_service.deps import Directory
from identity_service.guards import require_operator
from identity_service.tables import outbox, tenants
from servicekit.access import AUTHENTICATED
from servicekit.app import Context, RuntimeDep
from servicekit.catalogue import load_catalogue
from servicekit.events import Event
from servicekit.outbox import add_event
from servicekit.problems import Problem

router = APIRouter(prefix="/api/identity", tags=["tenants"])

SLUG_PATTERN = r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$"


class TenantIn(BaseModel):
    slug: str = Field(pattern=SLUG_PATTERN, description="Lower-case letters, digits and dashes")
    name: str = Field(min_length=1, max_length=200)


class TenantOut(BaseModel):
    slug: str
    name: str
    administration: str
    created_at: datetime


class TenantList(BaseModel):
    items: list[TenantOut]
    next_cursor: str | None = None


@router.post("/tenants", status_code=201, response_model=TenantOut, openapi_extra=AUTHENTICATED)
async def register_tenant(
    body: TenantIn, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> TenantOut:
    require_operator(ctx)
    async with runtime.db.system_transaction() as session:
        if await session.scalar(select(tenants.c.slug).where(tenants.c.slug == body.slug)):
            raise Problem(409, f"Tenant '{body.slug}' exists already")
    org_id = await directory.ensure_organization(body.slug, body.name)
    async with runtime.db.system_transaction() as session:
        if await session.scalar(select(tenants.c.slug).where(tenants.c.slug == body.slug)):
            raise Problem(409, f"Tenant '{body.slug}' exists already")
        row = (
            await session.execute(
                insert(tenants)
                .values(
                    slug=body.slug,
                    name=body.name,
                    keycloak_org_id=org_id,
                    created_by=ctx.subject,
                )
                .returning(tenants)
            )
        ).one()
        event = Event.new(
            "identity",
            "tenant.registered",
            body.slug,
            {"slug": body.slug, "name": body.name, "administration": row.administration},
        )
        await add_event(session, outbox, event)
    return TenantOut(
        slug=row.slug, name=row.name, administration=row.administration, created_at=row.created_at
    )


@router.get("/tenants", response_model=TenantList, openapi_extra=AUTHENTICATED)
async def list_tenants(ctx: Context, runtime: RuntimeDep) -> TenantList:
    """Metadata only: the operator sees that a tenant exists, never its data."""
    require_operator(ctx)
    async with runtime.db.system_transaction() as session:
        rows = (await session.execute(select(tenants).order_by(tenants.c.slug))).all()
    return TenantList(
        items=[
            TenantOut(
                slug=r.slug, name=r.name, administration=r.administration, created_at=r.created_at
            )
            for r in rows
        ]
    )


@router.get("/tenants/{slug}", response_model=TenantOut, openapi_extra=AUTHENTICATED)
async def get_tenant(slug: str, ctx: Context, runtime: RuntimeDep) -> TenantOut:
    """A tenant's name and status: for the operator always, for the tenant's own logins."""
    if not ctx.is_operator and ctx.token_tenant != slug:
        raise Problem(404, f"No tenant '{slug}'")
    async with runtime.db.system_transaction() as session:
        row = (await session.execute(select(tenants).where(tenants.c.slug == slug))).first()
    if row is None:
        raise Problem(404, f"No tenant '{slug}'")
    return TenantOut(
        slug=row.slug, name=row.name, administration=row.administration, created_at=row.created_at
    )


@router.get("/catalogue", openapi_extra=AUTHENTICATED)
async def catalogue(ctx: Context) -> dict[str, Any]:
    """Modules, actions and the fixed protocols with their rights."""
    return load_catalogue().raw
