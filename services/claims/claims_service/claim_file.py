"""`GET /api/claims` and the claim file `GET /api/claims/{id}`: the claim, the policy as it stood
on the loss date, the relations, and the history of statuses, notes, reserves and payments."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.claim_status import STATUSES, next_statuses
from claims_service.cover import state_on
from claims_service.read_models import known_relation
from claims_service.tables import (
    claim_history,
    claim_payments,
    claims,
    known_policies,
    reserve_changes,
)
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/claims", tags=["claims"])


class ClaimSummary(BaseModel):
    id: str
    number: str
    status: str
    policy_id: str
    policy_number: str
    product: str
    loss_date: date
    cause: str
    coverage: str
    handler: str | None
    estimate: Decimal
    reserve: Decimal
    paid: Decimal
    outside_cover: bool
    test: bool
    reported_at: datetime


class PolicyOnLossDate(BaseModel):
    """The policy as the claims service knows it, in force on the loss date (None if not)."""

    number: str
    status: str
    product: dict[str, Any]
    insurer: dict[str, str]
    start_date: date
    ends: date | None
    coverages: list[str] | None
    risk: dict[str, Any] | None
    frequency: str | None


class RelationOut(BaseModel):
    id: str
    name: str | None
    iban: str | None
    address: dict[str, Any] | None


class HistoryOut(BaseModel):
    kind: str
    from_status: str | None
    to_status: str | None
    note: str | None
    at: datetime
    by: str


class ReserveOut(BaseModel):
    reserve: Decimal
    change: Decimal
    reason: str
    at: datetime
    by: str


class PaymentOut(BaseModel):
    id: str
    payee_relation_id: str
    payee_name: str
    iban: str
    amount: Decimal
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    note: str | None


class ClaimFile(ClaimSummary):
    next_statuses: list[str]  # what the claim may become now, in the order of the handling
    description: str
    outside_cover_reason: str | None
    reported_by: str
    policy: PolicyOnLossDate
    policyholder: RelationOut
    claimant: RelationOut
    history: list[HistoryOut]
    reserves: list[ReserveOut]
    payments: list[PaymentOut]


def summary(row: Any) -> ClaimSummary:
    return ClaimSummary(
        id=str(row.id),
        number=row.number,
        status=row.status,
        policy_id=str(row.policy_id),
        policy_number=row.policy_number,
        product=row.product_code,
        loss_date=row.loss_date,
        cause=row.cause,
        coverage=row.coverage,
        handler=row.handler,
        estimate=row.estimate,
        reserve=row.reserve,
        paid=row.paid,
        outside_cover=row.outside_cover,
        test=row.test,
        reported_at=row.reported_at,
    )


async def stored_claim(session: AsyncSession, claim_id: str, lock: bool = False) -> Any:
    return await row_by_id(session, claims, claim_id, "claim", lock=lock)


async def _relation(session: AsyncSession, relation_id: str) -> RelationOut:
    row = await known_relation(session, relation_id)
    if row is None:  # not (yet) known to the claims service: the id is all it can show
        return RelationOut(id=str(relation_id), name=None, iban=None, address=None)
    return RelationOut(
        id=str(relation_id), name=row.name, iban=row.iban, address=row.relation.get("address")
    )


async def _policy(session: AsyncSession, row: Any) -> PolicyOnLossDate:
    policy = (
        await session.execute(
            select(known_policies).where(known_policies.c.policy_id == row.policy_id)
        )
    ).one()
    state = state_on(policy.start_date, policy.ends, policy.timeline, row.loss_date)
    return PolicyOnLossDate(
        number=policy.number,
        status=policy.status,
        product={"code": policy.product_code, "version": policy.product_version},
        insurer=policy.insurer,
        start_date=policy.start_date,
        ends=policy.ends,
        coverages=state["coverages"] if state else None,
        risk=state["risk"] if state else None,
        frequency=state["frequency"] if state else None,
    )


async def claim_file(session: AsyncSession, row: Any) -> ClaimFile:
    def rows_of(table: Any, order: Any) -> Any:
        return session.execute(select(table).where(table.c.claim_id == row.id).order_by(order))

    history = (await rows_of(claim_history, claim_history.c.id)).all()
    reserves = (await rows_of(reserve_changes, reserve_changes.c.id)).all()
    payments = (await rows_of(claim_payments, claim_payments.c.requested_at)).all()
    return ClaimFile(
        **summary(row).model_dump(),
        next_statuses=next_statuses(row.status),
        description=row.description,
        outside_cover_reason=row.outside_cover_reason,
        reported_by=row.reported_by,
        policy=await _policy(session, row),
        policyholder=await _relation(session, row.holder_id),
        claimant=await _relation(session, row.claimant_id),
        history=[
            HistoryOut(
                kind=h.kind,
                from_status=h.from_status,
                to_status=h.to_status,
                note=h.note,
                at=h.at,
                by=h.by,
            )
            for h in history
        ],
        reserves=[
            ReserveOut(reserve=r.reserve, change=r.change, reason=r.reason, at=r.at, by=r.by)
            for r in reserves
        ],
        payments=[payment_out(p) for p in payments],
    )


def payment_out(p: Any) -> PaymentOut:
    return PaymentOut(
        id=str(p.id),
        payee_relation_id=str(p.payee_relation_id),
        payee_name=p.payee_name,
        iban=p.iban,
        amount=p.amount,
        status=p.status,
        requested_by=p.requested_by,
        requested_at=p.requested_at,
        decided_by=p.decided_by,
        decided_at=p.decided_at,
        note=p.note,
    )


@router.get("", response_model=Page[ClaimSummary])
async def list_claims(
    session: TenantSession,
    paging: Paging,
    policy_id: str | None = None,
    status: Annotated[str | None, Query(description=" | ".join(STATUSES))] = None,
    handler: str | None = None,
) -> Page[ClaimSummary]:
    query = select(claims)
    if status is not None:
        if status not in STATUSES:
            raise Problem(
                422,
                f"Unknown status {status}",
                errors=[{"field": "status", "message": f"one of {', '.join(STATUSES)}"}],
            )
        query = query.where(claims.c.status == status)
    if policy_id is not None:
        query = query.where(claims.c.policy_id == _uuid_or_none(policy_id))
    if handler is not None:
        query = query.where(claims.c.handler == handler)
    return await keyset_page(session, query, claims.c.number, paging, summary)


def _uuid_or_none(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None  # matches no claim


@router.get("/{claim_id}", response_model=ClaimFile)
async def get_claim(claim_id: str, session: TenantSession) -> ClaimFile:
    return await claim_file(session, await stored_claim(session, claim_id))
