"""Applications: the work queue of the policy department. Applications from the public API arrive
as `application.submitted` events (consumer `policy-applications`); a referred quote arrives
marked for review, and with the relations it may be a duplicate of."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.parties import Party, PartyDetails
from policy_service.invoicing import NEW_DOCUMENTS
from policy_service.numbers import reserve_several
from policy_service.policies import NEW_POLICY, PaymentMethod, plan_policy
from policy_service.relations import (
    Duplicate,
    RelationIn,
    add_relation,
    possible_duplicates,
    stored_relation,
)
from policy_service.renewals import remember_tenant
from policy_service.tables import applications, outbox
from policy_service.timeline import Product, rate
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.outbox import add_event, event_rows, events_together, insert_events, take_held
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem, invalid
from servicekit.rows import row_by_id

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
            direct_debit=data.get("direct_debit"),
        )
    )


class ProductRef(BaseModel):
    code: str = Field(min_length=1, max_length=50)
    version: int = Field(ge=1, le=2_147_483_647)


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
    policy_id: str | None
    policy_number: str | None
    reason: str | None
    received_at: datetime
    direct_debit: dict[str, Any] | None = Field(
        default=None, description="The applicant's mandate: iban, account_holder, signed_on"
    )


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
        policy_id=str(row.policy_id) if row.policy_id else None,
        policy_number=row.policy_number,
        reason=row.reason,
        received_at=row.received_at,
        direct_debit=row.direct_debit,
    )


# The queue is worked oldest first: by the moment received (to the microsecond, in UTC, so the
# text sorts as the time does), then the id, which makes the key unique for the cursor.
QUEUE_ORDER = (
    func.concat(
        func.to_char(
            func.timezone("UTC", applications.c.received_at), 'YYYY-MM-DD"T"HH24:MI:SS.US'
        ),
        applications.c.id,
    )
    .collate("C")
    .label("queue_order")
)


@router.get("", response_model=Page[ApplicationSummary])
async def list_applications(
    session: TenantSession,
    paging: Paging,
    status: Annotated[Literal["received", "accepted", "rejected"] | None, Query()] = None,
    review: Annotated[bool | None, Query(description="Only those marked for review")] = None,
) -> Page[ApplicationSummary]:
    """Oldest first, as the queue is worked."""
    query = select(applications, QUEUE_ORDER)
    if status is not None:
        query = query.where(applications.c.status == status)
    if review is not None:
        query = query.where(applications.c.review == review)
    return await keyset_page(session, query, QUEUE_ORDER, paging, _summary)


class ManualApplicationIn(BaseModel):
    """An application entered by an employee, e.g. from a paper form."""

    product: ProductRef
    applicant: Party
    start_date: date
    frequency: Literal["annual", "quarterly", "monthly"] = "annual"
    coverages: list[str] = Field(default_factory=list, max_length=50)
    risk: dict[str, Any] = Field(default_factory=dict)


@router.post("", status_code=201, response_model=ApplicationSummary)
async def enter_application(
    body: ManualApplicationIn, ctx: Context, session: TenantSession, runtime: RuntimeDep
) -> ApplicationSummary:
    assert ctx.tenant
    state = {"risk": body.risk, "coverages": body.coverages, "frequency": body.frequency}
    product = Product(body.product.code, body.product.version, body.start_date)
    rating = await rate(runtime.nc, ctx.tenant, product, state, body.start_date)
    if rating["decision"] == "decline":
        raise Problem(422, "The product declines this risk: " + "; ".join(rating["reasons"]))
    applicant = body.applicant.model_dump(mode="json")
    application_id = str(uuid.uuid4())
    await session.execute(
        insert(applications).values(
            tenant_id=ctx.tenant,
            id=application_id,
            source="manual",
            review=rating["decision"] == "refer",
            reasons=rating["reasons"],
            test=False,
            product_code=body.product.code,
            product_version=body.product.version,
            channel="manual",
            applicant=applicant,
            start_date=body.start_date,
            frequency=body.frequency,
            coverages=body.coverages,
            risk=body.risk,
            premium=rating["premium"],
            possible_duplicates=[
                d.model_dump() for d in await possible_duplicates(session, body.applicant)
            ],
        )
    )
    return _summary(await row_by_id(session, applications, application_id, "application"))


class AcceptIn(BaseModel):
    holder_id: str | None = Field(
        default=None,
        description="An existing relation as policyholder; without it one is made from the"
        " applicant's details",
    )
    payment_method: PaymentMethod = Field(
        default="transfer",
        description="How the holder pays: direct debit (on a mandate) or transfer",
    )


class RejectIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class Decided(BaseModel):
    application: ApplicationSummary
    policy_id: str | None = None
    documents: list[dict[str, Any]] = Field(default_factory=list)


async def _undecided(session: AsyncSession, application_id: str) -> Any:
    row = await row_by_id(session, applications, application_id, "application", lock=True)
    if row.status != "received":
        raise Problem(409, f"This application was {row.status} already")
    return row


def _param(name: str) -> Any:
    """The parameter `decision_<name>`, typed as the column `name`."""
    return bindparam(f"decision_{name}", type_=applications.c[name].type)


# Built once, its parameters those of `_decision`; an acceptance carries it as a CTE.
_DECISION = (
    update(applications)
    .where(applications.c.id == _param("id"))
    .values(
        {name: _param(name) for name in ("status", "policy_id", "policy_number", "reason")}
        | {"decided_by": _param("decided_by"), "decided_at": func.now()}
    )
)
# Accepting an application: the policy and its first entry, its documents and their lines, the
# decision and every event, in one statement (see `accept`).
_ACCEPTED = (
    NEW_POLICY.add_cte(NEW_DOCUMENTS.cte("documents"))
    .add_cte(_DECISION.cte("decision"))
    .add_cte(insert_events(outbox).cte("events"))
)


def _decision(
    ctx: RequestContext,
    row: Any,
    status: str,
    policy_id: str | None = None,
    policy_number: str | None = None,
    reason: str | None = None,
) -> tuple[dict[str, Any], Event, Any]:
    """The parameters of `_DECISION` on the application `row`, the event that tells of it and
    the application as decided."""
    values = {
        "status": status,
        "policy_id": policy_id,
        "policy_number": policy_number,
        "reason": reason,
        "decided_by": ctx.username,
    }
    data = {
        "application_id": str(row.id),
        "status": status,
        "policy_id": policy_id,
        "policy_number": policy_number,
        "reason": reason,
        "test": row.test,
    }
    event = Event.new("policy", "application.decided", row.tenant_id, data)
    params = {f"decision_{name}": value for name, value in values.items()}
    return params | {"decision_id": row.id}, event, SimpleNamespace(**{**row._mapping, **values})


@router.post("/{application_id}/accept", response_model=Decided)
async def accept(
    application_id: str,
    ctx: Context,
    session: TenantSession,
    runtime: RuntimeDep,
    body: AcceptIn | None = None,
) -> Decided:
    assert ctx.tenant
    row = await _undecided(session, application_id)
    async with events_together(session, outbox):  # the new holder's events ride with the rest
        if body is not None and body.holder_id:
            try:
                holder = await stored_relation(session, body.holder_id)
            except Problem as exc:
                raise invalid("holder_id", "no such relation", "Unknown holder") from exc
        else:
            details = {**row.applicant, "roles": ["policyholder"]}
            holder = await add_relation(session, ctx, RelationIn.model_validate(details))
        chosen = body.payment_method if body is not None else None
        method = chosen or ("direct_debit" if row.direct_debit else "transfer")
        new = await plan_policy(runtime, ctx, row, str(holder.id), date.today(), method)
        await remember_tenant(session, ctx.tenant)
        # The numbers are gapless: from here to the commit every other acceptance of the tenant
        # waits for them, so everything they go into is stored in one statement (in five round
        # trips, they had capped a tenant's acceptances at about a hundred a second).
        reserved = await reserve_several(session, ctx.tenant, new.needed)
        stored, events, documents = new.numbered(reserved)
        policy_id = str(new.values["id"])
        decision, decided, application = _decision(
            ctx, row, "accepted", policy_id, reserved["policy"][0], row.reason
        )
        events = [*take_held(session), *events, decided]
        await session.execute(_ACCEPTED, stored | decision | event_rows(session, events))
    return Decided(application=_summary(application), policy_id=policy_id, documents=documents)


@router.post("/{application_id}/reject", response_model=Decided)
async def reject(
    application_id: str, body: RejectIn, ctx: Context, session: TenantSession
) -> Decided:
    row = await _undecided(session, application_id)
    decision, decided, application = _decision(ctx, row, "rejected", reason=body.reason)
    await session.execute(_DECISION, decision)
    await add_event(session, outbox, decided)
    return Decided(application=_summary(application))
