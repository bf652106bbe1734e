"""API access for the tenant's intermediaries and its own website: Keycloak confidential clients
(client-credentials grant) whose tokens name the tenant, the channel and, for an intermediary,
its relation. The secret is shown once; rotating gives a new one; revoking ends access at once."""

import secrets
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import insert, select, update

from identity_service.changes import record_change
from identity_service.deps import Directory
from identity_service.guards import administering_as
from identity_service.tables import api_clients
from servicekit.access import AUTHENTICATED, PUBLIC_CLIENT
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.problems import Problem

router = APIRouter(tags=["api-clients"])
ADMIN = "/api/identity/tenants/{slug}/api-clients"


class ApiClientIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    channel: Literal["intermediary", "website"]
    relation_id: str | None = Field(default=None, max_length=100)
    test: bool = False

    @model_validator(mode="after")
    def intermediary_names_its_relation(self) -> "ApiClientIn":
        if self.channel == "intermediary" and not self.relation_id:
            raise ValueError("relation_id is required for an intermediary")
        return self


class ApiClientOut(BaseModel):
    client_id: str
    name: str
    channel: str
    relation_id: str | None
    test: bool
    created_at: datetime
    revoked_at: datetime | None = None


class ApiClientSecret(BaseModel):
    client_id: str
    client_secret: str = Field(description="Shown once; store it now")


class ApiClientWithSecret(ApiClientOut, ApiClientSecret):
    pass


class ClientInfo(BaseModel):
    client_id: str
    name: str
    tenant: str
    channel: str
    relation_id: str | None
    test: bool


def _out(row: Any) -> ApiClientOut:
    return ApiClientOut(
        client_id=row.client_id,
        name=row.name,
        channel=row.channel,
        relation_id=row.relation_id,
        test=row.test,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )


@router.post(
    ADMIN, status_code=201, response_model=ApiClientWithSecret, openapi_extra=AUTHENTICATED
)
async def register(
    slug: str, body: ApiClientIn, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> ApiClientWithSecret:
    async with runtime.db.tenant_transaction(slug) as session:
        await administering_as(session, ctx, slug)
    client_id = f"{slug}-{body.channel}-{secrets.token_hex(4)}"
    internal_id, secret = await directory.create_api_client(
        client_id,
        body.name,
        {
            "tenant": slug,
            "channel": body.channel,
            "relation_id": body.relation_id,
            "test": body.test,
        },
    )
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        await session.execute(
            insert(api_clients).values(
                tenant_id=slug,
                client_id=client_id,
                keycloak_id=internal_id,
                name=body.name,
                channel=body.channel,
                relation_id=body.relation_id,
                test=body.test,
                created_by=ctx.subject,
            )
        )
        await record_change(
            session,
            ctx,
            slug,
            acting_as,
            f"API client {client_id} registered",
            after=body.model_dump() | {"client_id": client_id},
            event_data={"client_id": client_id},
        )
        row = await _client(session, client_id)
    return ApiClientWithSecret(**_out(row).model_dump(), client_secret=secret)


async def _client(session: Any, client_id: str) -> Any:
    query = select(api_clients).where(api_clients.c.client_id == client_id)
    row = (await session.execute(query)).first()
    if row is None:
        raise Problem(404, "No such API client")
    return row


@router.get(ADMIN, response_model=list[ApiClientOut], openapi_extra=AUTHENTICATED)
async def list_clients(slug: str, ctx: Context, runtime: RuntimeDep) -> list[ApiClientOut]:
    async with runtime.db.tenant_transaction(slug) as session:
        await administering_as(session, ctx, slug)
        rows = (await session.execute(select(api_clients).order_by(api_clients.c.created_at))).all()
    return [_out(r) for r in rows]


@router.post(
    ADMIN + "/{client_id}/rotate-secret",
    response_model=ApiClientSecret,
    openapi_extra=AUTHENTICATED,
)
async def rotate(
    slug: str, client_id: str, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> ApiClientSecret:
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        row = await _client(session, client_id)
        if row.revoked_at is not None:
            raise Problem(409, "This API client was revoked")
        secret = await directory.rotate_secret(row.keycloak_id)
        await session.execute(
            update(api_clients)
            .where(api_clients.c.client_id == client_id)
            .values(secret_rotated_at=datetime.now(UTC))
        )
        await record_change(
            session,
            ctx,
            slug,
            acting_as,
            f"API client {client_id} secret rotated",
            event_data={"client_id": client_id},
        )
    return ApiClientSecret(client_id=client_id, client_secret=secret)


@router.delete(ADMIN + "/{client_id}", status_code=204, openapi_extra=AUTHENTICATED)
async def revoke(
    slug: str, client_id: str, ctx: Context, runtime: RuntimeDep, directory: Directory
) -> Response:
    async with runtime.db.tenant_transaction(slug) as session:
        acting_as = await administering_as(session, ctx, slug)
        row = await _client(session, client_id)
        if row.revoked_at is None:
            await session.execute(
                update(api_clients)
                .where(api_clients.c.client_id == client_id)
                .values(revoked_at=datetime.now(UTC))
            )
            await record_change(
                session,
                ctx,
                slug,
                acting_as,
                f"API client {client_id} revoked",
                before={"revoked": False},
                after={"revoked": True},
                event_data={"client_id": client_id},
            )
            await directory.delete_client(row.keycloak_id)
    return Response(status_code=204)


@router.get("/public/v1/client", response_model=ClientInfo, openapi_extra=PUBLIC_CLIENT)
async def whoami(ctx: Context, runtime: RuntimeDep) -> ClientInfo:
    """For an intermediary's developer: which client these credentials are, for which tenant."""
    if not ctx.tenant or not ctx.client_id:
        raise Problem(403, "For API clients only")
    async with runtime.db.tenant_transaction(ctx.tenant) as session:
        row = await _client(session, ctx.client_id)
    return ClientInfo(
        client_id=row.client_id,
        name=row.name,
        tenant=row.tenant_id,
        channel=row.channel,
        relation_id=row.relation_id,
        test=row.test,
    )


class ChannelClient(BaseModel):
    client_id: str
    name: str
    channel: str
    test: bool


@router.get(
    "/api/identity/channel-clients",
    response_model=list[ChannelClient],
    openapi_extra={"x-permission": {"module": "products", "action": "approve"}},
)
async def channel_clients(session: TenantSession) -> list[ChannelClient]:
    """The tenant's API clients that are not revoked, by name: the channels a product approver
    publishes a version to. Names only; registering and revoking stay with the administrator."""
    rows = (
        await session.execute(
            select(api_clients)
            .where(api_clients.c.revoked_at.is_(None))
            .order_by(api_clients.c.name, api_clients.c.client_id)
        )
    ).all()
    return [
        ChannelClient(client_id=r.client_id, name=r.name, channel=r.channel, test=r.test)
        for r in rows
    ]
