"""Applications on quotes through the public API. A valid, unexpired quote of the calling client
that was not declined becomes an application; a referred one arrives marked for review. The
application goes to the policy service as `application.submitted`; its status here follows the
policy service's decision."""

import uuid
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.parties import Party, valid_iban
from product_service.quotes import stored_quote
from product_service.tables import applications, outbox
from servicekit.context_token import RequestContext
from servicekit.events import Event, latest_per
from servicekit.idempotency import earlier_answer, request_hash
from servicekit.outbox import add_event
from servicekit.problems import Problem
from servicekit.rows import row_by_id


class DirectDebitConsent(BaseModel):
    """The applicant's SEPA mandate, given with the application: the premium is collected from
    this account by direct debit, the mandate signed on the day of the application."""

    iban: str = Field(min_length=1, max_length=40)
    account_holder: str | None = Field(
        default=None, min_length=1, max_length=70, description="The applicant's name if not given"
    )
    consent: Literal[True] = Field(description="The applicant agreed to the mandate's text")

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return valid_iban(value)


class ApplicationIn(BaseModel):
    quote_id: str
    applicant: Party
    # The date the quote was rated for; another date needs a new quote.
    start_date: date | None = None
    direct_debit: DirectDebitConsent | None = Field(
        default=None, description="Pay by direct debit: the applicant's mandate"
    )


class ApplicationOut(BaseModel):
    id: str
    status: str
    quote_id: str
    start_date: date
    test: bool
    review: bool
    policy_number: str | None
    reason: str | None


def application_out(row: Any) -> ApplicationOut:
    return ApplicationOut(
        id=str(row.id),
        status=row.status,
        quote_id=str(row.quote_id),
        start_date=row.start_date,
        test=row.test,
        review=row.review,
        policy_number=row.policy_number,
        reason=row.reason,
    )


def _field_error(field: str, detail: str, message: str) -> Problem:
    return Problem(422, detail, errors=[{"field": field, "message": message}])


def _applicable(quote: Any, body: ApplicationIn, today: date) -> date:
    """The start date of the application, or 422 saying why this quote cannot be applied for."""
    if quote.decision == "decline":
        raise _field_error("quote_id", "A declined quote cannot be applied for", "declined")
    if quote.valid_until < today:
        raise _field_error(
            "quote_id", f"The quote expired on {quote.valid_until}; ask a new one", "expired"
        )
    rated_for = date.fromisoformat(quote.request["start_date"])
    if body.start_date is not None and body.start_date != rated_for:
        raise _field_error(
            "start_date",
            f"The quote was rated for a start on {rated_for}; ask a new quote for another date",
            f"must be {rated_for}",
        )
    return rated_for


def _submitted(
    quote: Any, application: dict[str, Any], direct_debit: DirectDebitConsent | None
) -> Event:
    """`application.submitted`: the application (its `applications` row) with what its quote
    asked and rated, all the policy service needs to make the policy, and the applicant's
    mandate if given."""
    applicant = application["applicant"]["name"]
    holder = (direct_debit.account_holder if direct_debit else None) or applicant
    return Event.new(
        "product",
        "application.submitted",
        application["tenant_id"],
        {
            "application_id": application["id"],
            "quote_id": str(quote.id),
            "product": {"code": quote.code, "version": quote.version},
            "channel": quote.channel,
            "client_id": application["client_id"],
            "test": quote.test,
            "review": application["review"],
            "reasons": list(quote.reasons),
            "applicant": application["applicant"],
            "start_date": application["start_date"].isoformat(),
            "frequency": quote.request["frequency"],
            "coverages": list(quote.request["coverages"]),
            "risk": quote.request["risk"],
            "premium": quote.premium,
            "direct_debit": None
            if direct_debit is None
            else {
                "iban": direct_debit.iban,
                "account_holder": holder[:70],  # a SEPA name is at most 70 characters
                "signed_on": date.today().isoformat(),
            },
        },
    )


async def submit_application(
    session: AsyncSession, ctx: RequestContext, body: ApplicationIn, idempotency_key: str | None
) -> ApplicationOut:
    assert ctx.tenant
    digest = request_hash(body.model_dump(mode="json"))
    earlier = await earlier_answer(session, applications, ctx.subject, idempotency_key, digest)
    if earlier is not None:
        return application_out(earlier)
    quote = await stored_quote(session, body.quote_id)
    if quote.client_id != ctx.client_id:
        raise Problem(404, "No such quote")
    start_date = _applicable(quote, body, date.today())
    taken = (
        await session.execute(select(applications.c.id).where(applications.c.quote_id == quote.id))
    ).first()
    if taken is not None:
        raise Problem(409, f"This quote was already applied for (application {taken.id})")
    application = {
        "tenant_id": ctx.tenant,
        "id": str(uuid.uuid4()),
        "quote_id": quote.id,
        "client_id": ctx.client_id,
        "test": quote.test,
        "review": quote.decision == "refer",
        "applicant": body.applicant.model_dump(mode="json"),
        "start_date": start_date,
        "created_by": ctx.subject,
        "idempotency_key": idempotency_key,
        "request_hash": digest,
    }
    await session.execute(insert(applications).values(application))
    await add_event(session, outbox, _submitted(quote, application, body.direct_debit))
    row = (
        await session.execute(select(applications).where(applications.c.id == application["id"]))
    ).one()
    return application_out(row)


async def client_application(
    session: AsyncSession, ctx: RequestContext, application_id: str
) -> ApplicationOut:
    row = await row_by_id(session, applications, application_id, "application")
    if row.client_id != ctx.client_id:
        raise Problem(404, "No such application")
    return application_out(row)


_FOLLOW = (
    update(applications)
    .where(applications.c.id == bindparam("decided"))
    .values(
        status=bindparam("to_status"),
        policy_number=bindparam("to_number"),
        reason=bindparam("to_reason"),
    )
)


async def follow_decision(session: AsyncSession, event: Event) -> None:
    await follow_decisions(session, [event])


async def follow_decisions(session: AsyncSession, events: list[Event]) -> None:
    """On the policy service's `application.decided`: the status the client sees follows it
    (all of a batch in one round trip)."""
    decided = latest_per(events, lambda e: e.data["application_id"])
    await session.execute(
        _FOLLOW,
        [
            {
                "decided": e.data["application_id"],
                "to_status": e.data["status"],
                "to_number": e.data["policy_number"],
                "to_reason": e.data["reason"],
            }
            for e in decided
        ],
    )
