"""`POST /api/claims`: first notice of loss on a policy. Cover is checked against the claims
service's own read model of the policy; a claim outside cover is registered only with a reason,
and marked. The estimate becomes the claim's first reserve. Claims on test policies stay test."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.causes import causes_of
from claims_service.claim_file import ClaimFile, claim_file, stored_claim
from claims_service.cover import choose_coverage
from claims_service.read_models import known_relation
from claims_service.tables import claim_history, claims, known_policies
from claims_service.treatment import record_reserve
from servicekit.app import Context, TenantSession
from servicekit.numbers import next_number
from servicekit.problems import invalid

router = APIRouter(prefix="/api/claims", tags=["claims"])


class ClaimIn(BaseModel):
    policy_id: uuid.UUID
    loss_date: date
    cause: str = Field(min_length=1, max_length=40)
    description: str = Field(min_length=1, max_length=4000)
    estimate: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    coverage: str | None = Field(
        default=None,
        max_length=40,
        description="Needed when more than one coverage in force could pay for the cause",
    )
    claimant_id: uuid.UUID | None = Field(default=None, description="The policyholder if left out")
    outside_cover_reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Registers a claim the policy did not cover, and marks it so",
    )


async def _known_policy(session: AsyncSession, policy_id: uuid.UUID) -> Any:
    policy = (
        await session.execute(
            select(known_policies).where(known_policies.c.policy_id == str(policy_id))
        )
    ).first()
    if policy is None or policy.status == "withdrawn":  # withdrawn: its import was withdrawn
        raise invalid("policy_id", "unknown policy", f"No policy {policy_id} is known here")
    return policy


async def _check(session: AsyncSession, policy: Any, body: ClaimIn) -> tuple[str, str | None]:
    """The coverage, and why it was not covered (None if it was); 422 for what cannot be."""
    if body.loss_date > date.today():
        raise invalid("loss_date", "in the future", "The loss date cannot lie in the future")
    causes = await causes_of(session)
    if body.cause not in causes:
        raise invalid("cause", f"one of {', '.join(sorted(causes))}", f"Unknown cause {body.cause}")
    if body.claimant_id is not None:
        if await known_relation(session, str(body.claimant_id)) is None:
            raise invalid("claimant_id", "unknown relation", "The claimant is not a known relation")
    choice = choose_coverage(
        policy.start_date, policy.ends, policy.timeline, body.loss_date, body.cause, body.coverage
    )
    gap = choice.gap
    if gap and not body.outside_cover_reason:
        raise invalid(
            gap.field,
            "not covered",
            f"Not covered: {gap.reason}. Register it anyway only with an outside_cover_reason.",
        )
    if choice.coverage is None:
        options = ", ".join(choice.options) or "none in force"
        several = "Several coverages could pay for" if len(choice.options) > 1 else "Name one for"
        # The message lists the choices as the cause's does ("one of A, B"), for a form to offer.
        choices = f"one of {', '.join(choice.options)}" if choice.options else "required"
        raise invalid("coverage", choices, f"{several} {body.cause}: name the coverage ({options})")
    return choice.coverage, gap.reason if gap else None


@router.post("", response_model=ClaimFile, status_code=201)
async def register_claim(body: ClaimIn, ctx: Context, session: TenantSession) -> ClaimFile:
    assert ctx.tenant
    policy = await _known_policy(session, body.policy_id)
    coverage, why = await _check(session, policy, body)
    claim_id = str(uuid.uuid4())
    await session.execute(
        insert(claims).values(
            tenant_id=ctx.tenant,
            id=claim_id,
            number=await next_number(session, ctx.tenant, "claim", "C"),
            policy_id=policy.policy_id,
            policy_number=policy.number,
            product_code=policy.product_code,
            insurer=policy.insurer,
            holder_id=policy.holder_id,
            claimant_id=str(body.claimant_id or policy.holder_id),
            coverage=coverage,
            loss_date=body.loss_date,
            cause=body.cause,
            description=body.description,
            estimate=body.estimate,
            status="reported",
            outside_cover=why is not None,
            outside_cover_reason=f"{why}; {body.outside_cover_reason}" if why else None,
            test=policy.test,
            reserve=Decimal("0.00"),
            reported_by=ctx.username,
        )
    )
    await session.execute(
        insert(claim_history).values(
            tenant_id=ctx.tenant,
            claim_id=claim_id,
            kind="registered",
            to_status="reported",
            note=body.description,
            by=ctx.username,
        )
    )
    row = await stored_claim(session, claim_id, lock=True)
    await record_reserve(session, ctx, row, body.estimate, "initial estimate")
    return await claim_file(session, await stored_claim(session, claim_id))
