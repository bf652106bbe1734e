"""Applications: the work queue of the policy department. Applications from the public API arrive
as `application.submitted` events (consumer `policy-applications`); a referred quote arrives
marked for review, and with the relations it may be a duplicate of."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from policy_service.relations import Duplicate, possible_duplicates
from policy_service.tables import applications
from servicekit.app import TenantSession
from servicekit.events import Event
from servicekit.paging import Page, Paging, keyset_page
from servicekit.parties import PartyDetails

router = APIRouter(prefix="/api/policies/applications", tags=["applications"])


async def receive_application(session: AsyncSession, event: Event) -> None:
    """On `application.submitted`: put it in the queue (the inbox makes this happen once)."""
    data = event.data
    applicant = PartyDetails.model_validate(data["applicant"])
    duplicates = await possible_duplicates(session, applicant)
    await session.execute(
        insert(applications).values(
            tenant_id=event.tenant,
            id=data["application_id"],
            source="public",
            review=data["review"],
            reasons=data["reasons"],
            test=data["test"],
            quote_id=data["quote_id"],
            product_code=data["product"]["code"],
            product_version=data["product"]["version"],
            channel=data["channel"],
            client_id=data["client_id"],
            applicant=data["applicant"],
            start_date=date.fromisoformat(data["start_date"]),
            frequency=data["frequency"],
            coverages=data["coverages"],
            risk=data["risk"],
            premium=data["premium"],
            possible_duplicates=[d.model_dump() for d in duplicates],
        )
    )


class ApplicationPremium(BaseModel):
    net: Decimal
    commission: Decimal
    tax: Decimal
    total: Decimal
    currency: str
    frequency: str


class ApplicationSummary(BaseModel):
    id: str
    source: str
    status: str
    review: bool
    reasons: list[str]
    test: bool
    product: str
    product_version: int
    channel: str
    client_id: str | None
    applicant: dict[str, Any]
    start_date: str
    premium: ApplicationPremium
    possible_duplicates: list[Duplicate]


def _summary(row: Any) -> ApplicationSummary:
    return ApplicationSummary(
        id=str(row.id),
        source=row.source,
        status=row.status,
        review=row.review,
        reasons=list(row.reasons),
        test=row.test,
        product=row.product_code,
        product_version=row.product_version,
        channel=row.channel,
        client_id=row.client_id,
        applicant=row.applicant,
        start_date=row.start_date.isoformat(),
        premium=ApplicationPremium(**row.premium),
        possible_duplicates=[Duplicate(**d) for d in row.possible_duplicates],
    )


@router.get("", response_model=Page[ApplicationSummary])
async def list_applications(
    session: TenantSession,
    paging: Paging,
    status: Annotated[Literal["received", "accepted", "rejected"] | None, Query()] = None,
    review: Annotated[bool | None, Query(description="Only those marked for review")] = None,
) -> Page[ApplicationSummary]:
    query = select(applications)
    if status is not None:
        query = query.where(applications.c.status == status)
    if review is not None:
        query = query.where(applications.c.review == review)
    return await keyset_page(session, query, applications.c.id, paging, _summary)
