"""Claim payments to the claimant or another payee (a repairer), to a validated IBAN. A payment
within the entering handler's authority limit is released at once; above it, it waits until a
second person with `claims:approve`, not the one who entered it, approves it (four eyes; the
rules are `payment_rules`). A
released payment lowers the open reserve and goes to the ledger as `claim.payment.released`, which
charges the insurer's current account and makes the payable to the payee."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Header
from pydantic import BaseModel, Field
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.authority import limit_of
from claims_service.claim_file import PaymentOut, payment_out, stored_claim
from claims_service.claim_status import check_payable
from claims_service.payment_rules import (
    AWAITING,
    check_approver,
    check_awaiting,
    check_within_reserve,
    payee_iban,
    refusal_note,
    released_at_once,
)
from claims_service.read_models import known_relation
from claims_service.tables import claim_payments, claims, outbox
from claims_service.treatment import awaiting_approval, record_reserve
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.idempotency import earlier_answer, request_hash
from servicekit.outbox import add_event
from servicekit.problems import Problem, invalid

router = APIRouter(prefix="/api/claims", tags=["claims"])
APPROVE = {"x-permission": {"module": "claims", "action": "approve"}}


class PaymentIn(BaseModel):
    payee_relation_id: uuid.UUID
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    iban: str | None = Field(
        default=None, max_length=50, description="The payee's IBAN on record if left out"
    )
    note: str | None = Field(default=None, max_length=1000)


class RefusalIn(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


async def _payee(session: AsyncSession, body: PaymentIn) -> tuple[str, str]:
    """The payee's name and the IBAN to pay to, checked."""
    payee = await known_relation(session, str(body.payee_relation_id))
    if payee is None:
        raise invalid("payee_relation_id", "unknown relation", "The payee is not a known relation")
    return payee.name, payee_iban(body.iban, payee.iban, payee.name)


async def _stored_payment(session: AsyncSession, claim_id: str, payment_id: str) -> Any:
    try:
        uuid.UUID(payment_id)
    except ValueError as exc:
        raise Problem(404, "No such payment") from exc
    row = (
        await session.execute(
            select(claim_payments)
            .where(claim_payments.c.id == payment_id, claim_payments.c.claim_id == claim_id)
            .with_for_update()
        )
    ).first()
    if row is None:
        raise Problem(404, "No such payment")
    return row


async def _release(session: AsyncSession, ctx: RequestContext, claim: Any, payment: Any) -> None:
    await session.execute(
        update(claim_payments)
        .where(claim_payments.c.id == payment.id)
        .values(status="released", decided_by=ctx.username, decided_at=datetime.now(UTC))
    )
    await session.execute(
        update(claims).where(claims.c.id == claim.id).values(paid=claim.paid + payment.amount)
    )
    reason = f"payment of {payment.amount} to {payment.payee_name}"
    await record_reserve(session, ctx, claim, claim.reserve - payment.amount, reason)
    data = {
        "payment_id": str(payment.id),
        "claim_id": str(claim.id),
        "claim_number": claim.number,
        "policy_id": str(claim.policy_id),
        "policy_number": claim.policy_number,
        "product": claim.product_code,
        "insurer": claim.insurer,
        "payee_relation_id": str(payment.payee_relation_id),
        "payee_name": payment.payee_name,
        "iban": payment.iban,
        "amount": str(payment.amount),
        "currency": "EUR",
        "released_on": datetime.now(UTC).date().isoformat(),
        "requested_by": payment.requested_by,
        "released_by": ctx.username,
        "test": claim.test,
    }
    event = Event.new("claims", "claim.payment.released", ctx.tenant, data)
    await add_event(session, outbox, event)


@router.post("/{claim_id}/payments", response_model=PaymentOut, status_code=201)
async def enter_payment(
    claim_id: str,
    body: PaymentIn,
    ctx: Context,
    session: TenantSession,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> PaymentOut:
    """The same Idempotency-Key and body answer the payment made the first time (a repeated
    click or a retried request never pays twice)."""
    claim = await stored_claim(session, claim_id, lock=True)
    digest = request_hash({"claim": claim_id, **body.model_dump(mode="json")})
    earlier = await earlier_answer(session, claim_payments, ctx.subject, idempotency_key, digest)
    if earlier is not None:
        return payment_out(earlier)
    check_payable(claim.status)
    name, iban = await _payee(session, body)
    check_within_reserve(body.amount, claim.reserve, await awaiting_approval(session, claim.id))
    payment_id = str(uuid.uuid4())
    await session.execute(
        insert(claim_payments).values(
            tenant_id=ctx.tenant,
            id=payment_id,
            claim_id=claim.id,
            payee_relation_id=str(body.payee_relation_id),
            payee_name=name,
            iban=iban,
            amount=body.amount,
            status=AWAITING,
            requested_by=ctx.username,
            note=body.note,
            created_by=ctx.subject,
            idempotency_key=idempotency_key,
            request_hash=digest,
        )
    )
    payment = await _stored_payment(session, claim.id, payment_id)
    if released_at_once(body.amount, await limit_of(session, ctx.username)):
        await _release(session, ctx, claim, payment)
        payment = await _stored_payment(session, claim.id, payment_id)
    return payment_out(payment)


@router.post(
    "/{claim_id}/payments/{payment_id}/approve", response_model=PaymentOut, openapi_extra=APPROVE
)
async def approve_payment(
    claim_id: str, payment_id: str, ctx: Context, session: TenantSession
) -> PaymentOut:
    claim = await stored_claim(session, claim_id, lock=True)
    payment = await _stored_payment(session, claim.id, payment_id)
    check_approver(payment.status, payment.requested_by, ctx.username)
    await _release(session, ctx, claim, payment)
    return payment_out(await _stored_payment(session, claim.id, payment_id))


@router.post(
    "/{claim_id}/payments/{payment_id}/refuse", response_model=PaymentOut, openapi_extra=APPROVE
)
async def refuse_payment(
    claim_id: str, payment_id: str, body: RefusalIn, ctx: Context, session: TenantSession
) -> PaymentOut:
    claim = await stored_claim(session, claim_id, lock=True)
    payment = await _stored_payment(session, claim.id, payment_id)
    check_awaiting(payment.status)
    await session.execute(
        update(claim_payments)
        .where(claim_payments.c.id == payment.id)
        .values(
            status="refused",
            decided_by=ctx.username,
            decided_at=datetime.now(UTC),
            note=refusal_note(payment.note, body.reason),
        )
    )
    return payment_out(await _stored_payment(session, claim.id, payment_id))
