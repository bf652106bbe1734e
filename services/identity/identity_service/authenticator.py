"""Enrolling the administrator's authenticator, and checking its codes. The first confirmed
authenticator of an own administrator hands the tenant over: it becomes self-managed, and from
that instant the operator has no access to its data."""

from datetime import UTC, datetime
from typing import Any

import segno
from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from identity_service import totp
from identity_service.changes import record_change
from identity_service.guards import is_administrator
from identity_service.settings import settings
from identity_service.tables import authenticators, tenants
from servicekit.access import AUTHENTICATED
from servicekit.app import Context, RuntimeDep
from servicekit.problems import Problem

router = APIRouter(prefix="/api/identity", tags=["authenticator"])


class Enrolment(BaseModel):
    otpauth_uri: str
    qr_svg: str


class CodeIn(BaseModel):
    code: str = Field(pattern=r"^\s*[0-9]{6}\s*$", description="The 6-digit code on the phone")


class Confirmed(BaseModel):
    confirmed: bool
    administration: str


def secret_box() -> totp.SecretBox:
    return totp.SecretBox(settings.authenticator_encryption_key)


def _own_tenant(ctx: Any) -> str:
    if not ctx.token_tenant:
        raise Problem(403, "Only a tenant's administrator has an authenticator")
    return str(ctx.token_tenant)


@router.post("/authenticator", response_model=Enrolment, openapi_extra=AUTHENTICATED)
async def enrol(ctx: Context, runtime: RuntimeDep) -> Enrolment:
    """A new secret for the calling administrator, shown once as an otpauth:// URI and QR code."""
    tenant = _own_tenant(ctx)
    secret = totp.new_secret()
    async with runtime.db.tenant_transaction(tenant) as session:
        if not await is_administrator(session, ctx, tenant):
            raise Problem(403, "Only this tenant's administrator enrols an authenticator")
        existing = await _authenticator(session, ctx.subject)
        if existing is not None and existing.confirmed_at is not None:
            raise Problem(409, "An authenticator is enrolled already")
        await session.execute(
            insert(authenticators)
            .values(
                tenant_id=tenant, user_id=ctx.subject, secret_encrypted=secret_box().seal(secret)
            )
            .on_conflict_do_update(
                index_elements=["tenant_id", "user_id"],
                set_={"secret_encrypted": secret_box().seal(secret), "last_used_step": 0},
            )
        )
    uri = totp.provisioning_uri(secret, f"{ctx.username}@{tenant}")
    return Enrolment(otpauth_uri=uri, qr_svg=segno.make(uri).svg_inline(scale=4))


@router.post("/authenticator/confirm", response_model=Confirmed, openapi_extra=AUTHENTICATED)
async def confirm(body: CodeIn, ctx: Context, runtime: RuntimeDep) -> Confirmed:
    tenant = _own_tenant(ctx)
    administration = ""
    async with runtime.db.tenant_transaction(tenant) as session:
        if not await is_administrator(session, ctx, tenant):
            raise Problem(403, "Only this tenant's administrator confirms an authenticator")
        check = await verify_code(session, ctx.subject, body.code, require_confirmed=False)
        if check.accepted:
            await session.execute(
                update(authenticators)
                .where(authenticators.c.user_id == ctx.subject)
                .values(confirmed_at=datetime.now(UTC))
            )
            administration = await _hand_over(session, ctx, tenant)
    raise_if_refused(check)
    return Confirmed(confirmed=True, administration=administration)


async def _hand_over(session: AsyncSession, ctx: Any, tenant: str) -> str:
    current = await session.scalar(
        select(tenants.c.administration).where(tenants.c.slug == tenant).with_for_update()
    )
    if current == "self-managed":
        return "self-managed"
    await session.execute(
        update(tenants).where(tenants.c.slug == tenant).values(administration="self-managed")
    )
    await record_change(
        session,
        ctx,
        tenant,
        "administrator",
        "tenant handed over: self-managed",
        before={"administration": current},
        after={"administration": "self-managed"},
        event_type="tenant.handed-over",
        event_data={"slug": tenant, "administration": "self-managed"},
    )
    return "self-managed"


async def _authenticator(session: AsyncSession, user_id: str) -> Any:
    query = select(authenticators).where(authenticators.c.user_id == user_id).with_for_update()
    return (await session.execute(query)).first()


async def verify_code(
    session: AsyncSession, user_id: str, code: str, *, require_confirmed: bool = True
) -> totp.CodeCheck:
    """Check `code` for `user_id` and store the outcome (used step, failures, lock) in the
    caller's transaction, which must commit even when the code is refused."""
    row = await _authenticator(session, user_id)
    if row is None or (require_confirmed and row.confirmed_at is None):
        raise Problem(409, "No confirmed authenticator: enrol one first")
    check = totp.check_code(
        secret_box().open(row.secret_encrypted),
        code,
        last_used_step=row.last_used_step,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        max_failures=settings.authenticator_max_failures,
        lock_minutes=settings.authenticator_lock_minutes,
    )
    values: dict[str, Any] = {
        "failed_attempts": check.failed_attempts,
        "locked_until": check.locked_until,
    }
    if check.step is not None:
        values["last_used_step"] = check.step
    await session.execute(
        update(authenticators).where(authenticators.c.user_id == user_id).values(**values)
    )
    return check


def raise_if_refused(check: totp.CodeCheck) -> None:
    """Called after the transaction that recorded the check has committed."""
    if check.accepted:
        return
    if check.locked_until is not None:
        seconds = max(int((check.locked_until - datetime.now(UTC)).total_seconds()), 1)
        raise Problem(
            429,
            "Too many wrong codes: approval is locked for a while",
            headers={"Retry-After": str(seconds)},
        )
    raise Problem(
        422,
        "The code is not valid (wrong, expired or used before)",
        errors=[{"field": "code", "message": "not valid"}],
    )
