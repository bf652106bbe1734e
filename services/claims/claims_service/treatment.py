"""Handling a claim: status transitions (each with who, when and a note), assigning a handler,
notes, and the open reserve, every change of which is kept with its reason. Which transition and
which reserve are allowed is `claim_status`'s to say."""

from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.claim_file import ClaimFile, claim_file, stored_claim
from claims_service.claim_status import check_reserve, check_transition, releases_reserve
from claims_service.tables import claim_history, claim_payments, claims, reserve_changes
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext

router = APIRouter(prefix="/api/claims", tags=["claims"])
CHANGE = {"x-permission": {"module": "claims", "action": "change"}}
Status = Literal["in_treatment", "awaiting_information", "accepted", "rejected", "paid", "closed"]


class TransitionIn(BaseModel):
    to: Status
    note: str = Field(min_length=1, max_length=4000)


class ReserveIn(BaseModel):
    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    note: str = Field(min_length=1, max_length=1000)


class HandlerIn(BaseModel):
    handler: str = Field(min_length=1, max_length=200, description="The handler's login")
    note: str | None = Field(default=None, max_length=1000)


class NoteIn(BaseModel):
    note: str = Field(min_length=1, max_length=4000)


async def _history(session: AsyncSession, ctx: RequestContext, row: Any, **values: Any) -> None:
    await session.execute(
        insert(claim_history).values(
            tenant_id=ctx.tenant, claim_id=row.id, by=ctx.username, **values
        )
    )


async def record_reserve(
    session: AsyncSession, ctx: RequestContext, row: Any, new: Decimal, reason: str
) -> None:
    """Set the claim's open reserve to `new` and keep the change with its reason."""
    await session.execute(update(claims).where(claims.c.id == row.id).values(reserve=new))
    await session.execute(
        insert(reserve_changes).values(
            tenant_id=ctx.tenant,
            claim_id=row.id,
            reserve=new,
            change=new - row.reserve,
            reason=reason,
            by=ctx.username,
        )
    )


async def awaiting_approval(session: AsyncSession, claim_id: str) -> Decimal:
    """What payments entered but not yet approved hold of the reserve."""
    held = await session.scalar(
        select(func.coalesce(func.sum(claim_payments.c.amount), 0)).where(
            claim_payments.c.claim_id == claim_id,
            claim_payments.c.status == "awaiting_approval",
        )
    )
    return Decimal(held)


@router.post("/{claim_id}/transitions", response_model=ClaimFile, openapi_extra=CHANGE)
async def transition(
    claim_id: str, body: TransitionIn, ctx: Context, session: TenantSession
) -> ClaimFile:
    row = await stored_claim(session, claim_id, lock=True)
    waiting = await awaiting_approval(session, row.id)
    check_transition(row.status, body.to, awaiting_approval=waiting, paid=row.paid)
    await session.execute(update(claims).where(claims.c.id == row.id).values(status=body.to))
    await _history(
        session,
        ctx,
        row,
        kind="transition",
        from_status=row.status,
        to_status=body.to,
        note=body.note,
    )
    if releases_reserve(body.to) and row.reserve:
        await record_reserve(session, ctx, row, Decimal("0.00"), f"claim {body.to}")
    return await claim_file(session, await stored_claim(session, claim_id))


@router.post("/{claim_id}/reserve", response_model=ClaimFile, openapi_extra=CHANGE)
async def set_reserve(
    claim_id: str, body: ReserveIn, ctx: Context, session: TenantSession
) -> ClaimFile:
    row = await stored_claim(session, claim_id, lock=True)
    check_reserve(row.status, body.amount, await awaiting_approval(session, row.id))
    await record_reserve(session, ctx, row, body.amount, body.note)
    return await claim_file(session, await stored_claim(session, claim_id))


@router.post("/{claim_id}/handler", response_model=ClaimFile, openapi_extra=CHANGE)
async def assign_handler(
    claim_id: str, body: HandlerIn, ctx: Context, session: TenantSession
) -> ClaimFile:
    row = await stored_claim(session, claim_id, lock=True)
    await session.execute(update(claims).where(claims.c.id == row.id).values(handler=body.handler))
    note = f"handler {body.handler}" + (f": {body.note}" if body.note else "")
    await _history(session, ctx, row, kind="assigned", note=note)
    return await claim_file(session, await stored_claim(session, claim_id))


@router.post("/{claim_id}/notes", response_model=ClaimFile, openapi_extra=CHANGE)
async def add_note(claim_id: str, body: NoteIn, ctx: Context, session: TenantSession) -> ClaimFile:
    row = await stored_claim(session, claim_id, lock=True)
    await _history(session, ctx, row, kind="note", note=body.note)
    return await claim_file(session, await stored_claim(session, claim_id))
