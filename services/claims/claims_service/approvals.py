"""`GET /api/claims/payments`: the approvals inbox, payments across the tenant's claims by status
(by default those awaiting a second person's approval), with their claim. Whether the caller may
approve one (not the person who entered it) is the portal's to show and the approve call's to
enforce (`payment_rules.check_approver`)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import select

from claims_service.claim_file import PaymentOut, payment_out
from claims_service.tables import claim_payments, claims
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, keyset_page

router = APIRouter(prefix="/api/claims/payments", tags=["claims"])


class ClaimPayment(PaymentOut):
    claim_id: str
    claim_number: str
    policy_number: str


def _out(row: Any) -> ClaimPayment:
    return ClaimPayment(
        **payment_out(row).model_dump(),
        claim_id=str(row.claim_id),
        claim_number=row.claim_number,
        policy_number=row.policy_number,
    )


@router.get("", response_model=Page[ClaimPayment])
async def claim_payments_by_status(
    session: TenantSession,
    paging: Paging,
    status: Annotated[
        Literal["awaiting_approval", "released", "refused"], Query()
    ] = "awaiting_approval",
) -> Page[ClaimPayment]:
    query = (
        select(
            claim_payments,
            claims.c.number.label("claim_number"),
            claims.c.policy_number,
        )
        .select_from(claim_payments.join(claims, claims.c.id == claim_payments.c.claim_id))
        .where(claim_payments.c.status == status)
    )
    return await keyset_page(session, query, claim_payments.c.id, paging, _out)
