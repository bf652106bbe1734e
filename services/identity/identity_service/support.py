"""Support access: an operator asks for a scope of a tenant for some minutes; the tenant's
administrator approves that one request with the current authenticator code; the grant lasts
until it expires or is revoked. A request not approved in time expires."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity_service.authenticator import CodeIn, raise_if_refused, verify_code
from identity_service.changes import record_change
from identity_service.guards import administering_as, is_administrator, tenant_record
from identity_service.settings import settings
from identity_service.tables import support_requests
from servicekit.access import AUTHENTICATED
from servicekit.app import Context, RuntimeDep
from servicekit.catalogue import load_catalogue
from servicekit.problems import Problem

router = APIRouter(prefix="/api/identity/tenants/{slug}/support-requests", tags=["support"])


class ScopeItem(BaseModel):
    module: str
    action: str


class SupportRequestIn(BaseModel):
    reason: str = Field(min_length=3, max_length=2000)
    scope: list[ScopeItem] = Field(min_length=1)
    minutes: int = Field(ge=1)


class SupportRequestOut(BaseModel):
    id: str
    status: str
    reason: str
    scope: list[ScopeItem]
    minutes: int
    requested_by: str
    requested_at: datetime
    approved_at: datetime | None = None
    approved_by: str | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


def effective_status(row: Any, now: datetime) -> str:
    """The stored status, with time applied: unapproved requests and grants run out."""
    if (
        row.status == "requested"
        and row.requested_at + timedelta(hours=settings.support_request_hours) <= now
    ):
        return "expired"
    if row.status == "active" and row.expires_at is not None and row.expires_at <= now:
        return "expired"
    return str(row.status)


def _out(row: Any) -> SupportRequestOut:
    return SupportRequestOut(
        id=str(row.id),
        status=effective_status(row, datetime.now(UTC)),
        reason=row.reason,
        scope=[ScopeItem(**s) for s in row.scope],
        minutes=row.minutes,
        requested_by=row.requested_by_name,
        requested_at=row.requested_at,
        approved_at=row.approved_at,
        approved_by=row.approved_by,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


def _validate(body: SupportRequestIn) -> None:
    catalogue = load_catalogue()
    errors = [
        {"field": f"scope.{i}", "message": f"no right '{s.module}:{s.action}'"}
        for i, s in enumerate(body.scope)
        if not catalogue.is_right(s.module, s.action)
    ]
    if body.minutes > settings.support_max_minutes:
        errors.append(
            {"field": "minutes", "message": f"at most {settings.support_max_minutes} minutes"}
        )
    if errors:
        raise Problem(422, "Invalid support request", errors=errors)


@router.post("", status_code=201, response_model=SupportRequestOut, openapi_extra=AUTHENTICATED)
async def request_access(
    slug: str, body: SupportRequestIn, ctx: Context, runtime: RuntimeDep
) -> SupportRequestOut:
    if not ctx.is_operator:
        raise Problem(403, "Only a platform operator asks for support access")
    _validate(body)
    scope = sorted({(s.module, s.action) for s in body.scope})
    async with runtime.db.tenant_transaction(slug) as session:
        if await tenant_record(session, slug) is None:
            raise Problem(404, f"No tenant '{slug}'")
        request_id = str(uuid.uuid4())
        await session.execute(
            insert(support_requests).values(
                tenant_id=slug,
                id=request_id,
                requested_by=ctx.subject,
                requested_by_name=ctx.username,
                reason=body.reason,
                scope=[{"module": m, "action": a} for m, a in scope],
                minutes=body.minutes,
            )
        )
        await record_change(
            session,
            ctx,
            slug,
            "operator",
            "support access requested",
            after={
                "request": request_id,
                "scope": [f"{m}:{a}" for m, a in scope],
                "minutes": body.minutes,
                "reason": body.reason,
            },
            event_type=None,
        )
        return _out(await _request(session, request_id))


async def _request(session: AsyncSession, request_id: str) -> Any:
    try:
        uuid.UUID(request_id)
    except ValueError as exc:
        raise Problem(404, "No such support request") from exc
    query = select(support_requests).where(support_requests.c.id == request_id).with_for_update()
    row = (await session.execute(query)).first()
    if row is None:
        raise Problem(404, "No such support request")
    return row


@router.get("", response_model=list[SupportRequestOut], openapi_extra=AUTHENTICATED)
async def list_requests(slug: str, ctx: Context, runtime: RuntimeDep) -> list[SupportRequestOut]:
    """The tenant's requests and grants, past and present, newest first. The administrator
    sees them all; an operator sees them too (they are about the operator's own access)."""
    async with runtime.db.tenant_transaction(slug) as session:
        if ctx.is_operator:
            if await tenant_record(session, slug) is None:
                raise Problem(404, f"No tenant '{slug}'")
        else:
            await administering_as(session, ctx, slug)
        rows = (
            await session.execute(
                select(support_requests).order_by(support_requests.c.requested_at.desc())
            )
        ).all()
    return [_out(r) for r in rows]


@router.post("/{request_id}/approve", response_model=SupportRequestOut, openapi_extra=AUTHENTICATED)
async def approve(
    slug: str, request_id: str, body: CodeIn, ctx: Context, runtime: RuntimeDep
) -> SupportRequestOut:
    async with runtime.db.tenant_transaction(slug) as session:
        if not await is_administrator(session, ctx, slug):
            raise Problem(403, "Only this tenant's own administrator approves support access")
        row = await _request(session, request_id)
        now = datetime.now(UTC)
        if effective_status(row, now) != "requested":
            raise Problem(
                409, f"This request is {effective_status(row, now)}, not awaiting approval"
            )
        check = await verify_code(session, ctx.subject, body.code)
        if check.accepted:
            expires = now + timedelta(minutes=row.minutes)
            await session.execute(
                update(support_requests)
                .where(support_requests.c.id == request_id)
                .values(
                    status="active", approved_at=now, approved_by=ctx.username, expires_at=expires
                )
            )
            await record_change(
                session,
                ctx,
                slug,
                "administrator",
                "support access approved",
                before={"status": "requested"},
                after={
                    "status": "active",
                    "request": request_id,
                    "expires_at": expires.isoformat(),
                },
                event_data={"grant_id": request_id},
            )
            approved = _out(await _request(session, request_id))
    raise_if_refused(check)
    return approved


@router.post("/{request_id}/revoke", response_model=SupportRequestOut, openapi_extra=AUTHENTICATED)
async def revoke(
    slug: str, request_id: str, ctx: Context, runtime: RuntimeDep
) -> SupportRequestOut:
    async with runtime.db.tenant_transaction(slug) as session:
        if not await is_administrator(session, ctx, slug):
            raise Problem(403, "Only this tenant's own administrator revokes support access")
        row = await _request(session, request_id)
        status = effective_status(row, datetime.now(UTC))
        if status not in ("requested", "active"):
            raise Problem(409, f"This request is {status} already")
        await session.execute(
            update(support_requests)
            .where(support_requests.c.id == request_id)
            .values(status="revoked", revoked_at=datetime.now(UTC), revoked_by=ctx.username)
        )
        await record_change(
            session,
            ctx,
            slug,
            "administrator",
            "support access revoked",
            before={"status": status},
            after={"status": "revoked", "request": request_id},
            event_data={"grant_id": request_id},
        )
        return _out(await _request(session, request_id))
