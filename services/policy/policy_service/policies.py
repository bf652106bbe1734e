"""Policies: made from accepted applications, mutated with an effective date (re-rated on their
product version, the difference invoiced or credited pro rata by days), cancelled with a
pro-rata credit note, renewed and billed by a run that changes nothing when run twice, and shown
as they stood on any date."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.parties import Address, postcode_as_stored
from policy_service.billing import term_of
from policy_service.invoicing import (
    Due,
    document_events,
    numbered,
    numbers_needed,
    plan_due,
    settle,
)
from policy_service.tables import (
    invoice_lines,
    invoices,
    outbox,
    policies,
    policy_entries,
    relations,
)
from policy_service.timeline import (
    Entry,
    Product,
    causes_covered,
    cover_of,
    entries_of,
    in_cover,
    rate,
    restate,
    state_on,
)
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.money import money
from servicekit.outbox import add_event
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem
from servicekit.rows import insert_with_record, row_by_id

router = APIRouter(prefix="/api/policies", tags=["policies"])
CHANGE = {"x-permission": {"module": "policies", "action": "change"}}
# How the holder pays the premium: the ledger collects a direct-debit policy's due items on the
# relation's mandate; by transfer the holder pays each invoice.
PaymentMethod = Literal["direct_debit", "transfer"]


class PolicyOut(BaseModel):
    """The policy as it stood on `as_of`: `status` is its status that day (a policy whose
    cancellation takes effect later is active until then, and `cancelled_from` says when);
    `coverages` are those in cover, required ones included; `chosen_coverages` the optional ones
    the holder chose (what a mutation's `coverages` replaces)."""

    id: str
    number: str
    status: str
    holder_id: str
    product: dict[str, Any]
    insurer: dict[str, str]
    channel: str
    client_id: str | None
    start_date: date
    term_start: date
    renewal_date: date
    billed_until: date
    ends: date | None
    cancel_reason: str | None
    cancelled_from: date | None
    test: bool
    as_of: date
    risk: dict[str, Any] | None
    coverages: list[str]
    chosen_coverages: list[str]
    frequency: str | None
    address: dict[str, Any] | None
    premium: dict[str, Any] | None
    payment_method: PaymentMethod


def status_on(row: Any, day: date) -> str:
    """A cancelled policy was in force until its cancellation took effect."""
    if row.status == "cancelled" and row.ends is not None and day < row.ends:
        return "active"
    return str(row.status)


def policy_out(row: Any, entries: list[Entry], as_of: date) -> PolicyOut:
    entry = state_on(entries, as_of)
    covered = entry is not None and (row.ends is None or as_of < row.ends)
    state = entry.state if entry else {}
    return PolicyOut(
        id=str(row.id),
        number=row.number,
        status=status_on(row, as_of),
        holder_id=str(row.holder_id),
        product={"code": row.product_code, "version": row.product_version},
        insurer=row.insurer,
        channel=row.channel,
        client_id=row.client_id,
        start_date=row.start_date,
        term_start=row.term_start,
        renewal_date=row.renewal_date,
        billed_until=row.billed_until,
        ends=row.ends,
        cancel_reason=row.cancel_reason,
        cancelled_from=row.ends if row.status == "cancelled" else None,
        test=row.test,
        as_of=as_of,
        risk=state.get("risk"),
        coverages=in_cover(entry.rating) if covered and entry and entry.rating else [],
        chosen_coverages=list(state.get("coverages", [])),
        frequency=state.get("frequency"),
        address=state.get("address"),
        premium=entry.rating["premium"] if covered and entry and entry.rating else None,
        payment_method=row.payment_method,
    )


async def _policy_event(session: AsyncSession, row: Any, entries: list[Entry]) -> None:
    await add_event(session, outbox, policy_changed(row, entries))


def policy_changed(row: Any, entries: list[Entry], mandate: dict[str, Any] | None = None) -> Event:
    """`policy.changed` with the timeline, so other services (claims) keep a read model."""
    timeline = [
        {
            "from": e.effective_date.isoformat(),
            "coverages": in_cover(e.rating),
            "causes": causes_covered(e.rating),
            "risk": e.state.get("risk", {}),
            "frequency": e.state.get("frequency"),
        }
        for e in entries
        if e.rating is not None
    ]
    data = {
        "policy_id": str(row.id),
        "number": row.number,
        "status": row.status,
        "holder_id": str(row.holder_id),
        "product": {"code": row.product_code, "version": row.product_version},
        "insurer": row.insurer,
        "client_id": row.client_id,
        "start_date": row.start_date.isoformat(),
        "renewal_date": row.renewal_date.isoformat(),
        "ends": row.ends.isoformat() if row.ends else None,
        "test": row.test,
        "timeline": timeline,
        "import_id": str(row.import_id) if row.import_id else None,
        "payment_method": row.payment_method,
    }
    if mandate is not None:
        data["mandate"] = mandate
    return Event.new("policy", "policy.changed", row.tenant_id, data)


async def stored_policy(session: AsyncSession, policy_id: str, lock: bool = False) -> Any:
    return await row_by_id(session, policies, policy_id, "policy", lock=lock)


def _starting_state(application: Any) -> dict[str, Any]:
    """What a policy starts with: the risk, coverages, frequency and address applied for."""
    return {
        "risk": application.risk,
        "coverages": list(application.coverages),
        "frequency": application.frequency,
        "address": application.applicant.get("address"),
    }


def _check_rated_again(rating: dict[str, Any], application: Any) -> None:
    """Rated again at acceptance, the product must still take the risk at the quoted premium."""
    if rating["decision"] == "decline":
        raise Problem(409, "The product now declines this risk: " + "; ".join(rating["reasons"]))
    if rating["premium"]["total"] != application.premium["total"]:
        raise Problem(409, "Rated again, the premium differs from the quote's; ask a new quote")


def _new_policy_row(
    ctx: RequestContext,
    application: Any,
    policy_id: str,
    holder_id: str,
    number: str,
    rating: dict[str, Any],
    payment_method: str,
) -> dict[str, Any]:
    """The `policies` row of a policy made from `application`, in its first term."""
    _, renewal = term_of(application.start_date, application.start_date)
    return {
        "tenant_id": ctx.tenant,
        "id": policy_id,
        "number": number,
        "application_id": application.id,
        "holder_id": holder_id,
        "product_code": application.product_code,
        "product_version": application.product_version,
        "insurer": rating["insurer"],
        "channel": application.channel,
        "client_id": application.client_id,
        "start_date": application.start_date,
        "term_start": application.start_date,
        "renewal_date": renewal,
        "billed_until": application.start_date,
        "commission_rate": rating["commission_rate"],
        "test": application.test,
        "created_by": ctx.subject,
        "payment_method": payment_method,
        "status": "active",
    }


# The policy and its first entry in one statement, built once: a statement built per call
# (`.values(...)`) cost its construction and cache key on every acceptance, more than its
# execution's own Python. The policy's columns are those of `_new_policy_row`, each a parameter
# named new_<column>; the entry's are parameters named entry_<column>.
# Left to later changes, the database and an import: not given when a policy is made.
_NOT_GIVEN = (
    *("ends", "cancel_reason", "row_version", "created_at"),
    *("external_ref", "import_id"),
)
NEW_POLICY = insert_with_record(
    policies,
    [c.name for c in policies.c if c.name not in _NOT_GIVEN],
    policy_entries,
    {"tenant_id": "tenant_id", "policy_id": "id"},
    {
        column: f"entry_{column}"
        for column in ("seq", "kind", "effective_date", "changes", "state", "rating", "entered_by")
    },
    prefix="new_",  # clear of the application's columns, whose decision rides along
)


@dataclass
class NewPolicy:
    """A policy from an application, rated and its due premium planned, but not yet numbered:
    `needed` says how many numbers of each sequence it takes (`reserve_several`)."""

    values: dict[str, Any]  # its `policies` row, but its number
    entry: dict[str, Any]  # its first entry, as NEW_POLICY's parameters
    planned: SimpleNamespace  # the row as the documents read it
    first: Entry
    due: Due
    application: Any
    needed: dict[str, int]

    def numbered(
        self, reserved: dict[str, list[str]]
    ) -> tuple[dict[str, Any], list[Event], list[dict[str, Any]]]:
        """Numbered from `reserved`: the parameters of NEW_POLICY and NEW_DOCUMENTS, the
        events of the policy and its documents, and the documents' event data."""
        number = self.planned.number = reserved["policy"][0]
        values = self.values | {"number": number}
        row = SimpleNamespace(**values, ends=None, import_id=None)
        documents, data = numbered(self.due.documents, reserved)
        mandate = _mandate_given(self.application, number)
        events = [policy_changed(row, [self.first], mandate)]
        events += document_events(row.tenant_id, data, bundle=False)
        policy = {f"new_{column}": value for column, value in values.items()}
        return policy | self.entry | documents, events, data


async def plan_policy(
    runtime: Any,
    ctx: RequestContext,
    application: Any,
    holder_id: str,
    today: date,
    payment_method: str = "transfer",
) -> NewPolicy:
    """A policy from an application, rated (a round trip to the product service) and its due
    premium planned, to be numbered and stored by the caller. Policy and invoice numbers are
    gapless, so each number's sequence row stays locked until the commit and every other
    acceptance of the tenant waits for it: the numbers are taken after this, and what they go
    into is stored in one statement."""
    assert ctx.tenant
    state = _starting_state(application)
    policy_id = str(uuid.uuid4())
    product = Product(application.product_code, application.product_version, application.start_date)
    rating = await rate(runtime.nc, ctx.tenant, product, state, application.start_date)
    _check_rated_again(rating, application)
    values = _new_policy_row(ctx, application, policy_id, holder_id, "", rating, payment_method)
    planned = SimpleNamespace(**values, ends=None)  # the documents read its number once given
    first = Entry(1, "start", application.start_date, state, state, rating)
    due = plan_due(planned, cover_of(planned, [first]), max(today, planned.start_date), today)
    values |= {
        "billed_until": due.billed_until,
        "term_start": due.term_start,
        "renewal_date": due.renewal_date,
    }
    first_entry = {
        "seq": 1,
        "kind": "start",
        "effective_date": application.start_date,
        "changes": state,
        "state": state,
        "rating": rating,
        "entered_by": ctx.username,
    }
    entry = {f"entry_{column}": value for column, value in first_entry.items()}
    needed = {"policy": 1} | numbers_needed(due.documents)
    return NewPolicy(values, entry, planned, first, due, application, needed)


def _mandate_given(application: Any, number: str) -> dict[str, Any] | None:
    """The mandate the applicant gave with the application, for the ledger to keep."""
    given = application.direct_debit
    if not given:
        return None
    return {
        "reference": f"MND-{number}",
        "iban": given["iban"],
        "debtor_name": given["account_holder"][:70],  # the SEPA limit
        "signed_on": given["signed_on"],
    }


class PolicySummary(BaseModel):
    id: str
    number: str
    status: str
    holder_id: str
    holder_name: str = Field(description="The holder's name as the relation has it now")
    product: dict[str, Any]
    start_date: date
    renewal_date: date
    ends: date | None
    test: bool


def _summary(row: Any) -> PolicySummary:
    return PolicySummary(
        id=str(row.id),
        number=row.number,
        status=status_on(row, date.today()),
        holder_id=str(row.holder_id),
        holder_name=row.holder_name,
        product={"code": row.product_code, "version": row.product_version},
        start_date=row.start_date,
        renewal_date=row.renewal_date,
        ends=row.ends,
        test=row.test,
    )


@router.get("", response_model=Page[PolicySummary])
async def list_policies(
    session: TenantSession,
    paging: Paging,
    number: Annotated[str | None, Query(max_length=30)] = None,
    holder: Annotated[str | None, Query(description="Holder relation id")] = None,
    postcode: Annotated[str | None, Query(max_length=20, description="Holder's postcode")] = None,
    sort: Annotated[
        Literal["number", "-number"] | None,
        Query(description="By policy number, `-number` newest first; else in no set order"),
    ] = None,
) -> Page[PolicySummary]:
    holder_name = relations.c.name.label("holder_name")
    query = select(policies, holder_name).join(relations, relations.c.id == policies.c.holder_id)
    if number:
        query = query.where(policies.c.number == number.strip().upper())
    if holder:
        try:
            uuid.UUID(holder)
        except ValueError as exc:
            raise Problem(
                422, "Invalid holder", errors=[{"field": "holder", "message": "not an id"}]
            ) from exc
        query = query.where(policies.c.holder_id == holder)
    if postcode:
        wanted = postcode_as_stored(postcode)
        holders = select(relations.c.id).where(relations.c.postcode == wanted)
        query = query.where(policies.c.holder_id.in_(holders))
    if sort is None:
        return await keyset_page(session, query, policies.c.id, paging, _summary)
    descending = sort.startswith("-")
    return await keyset_page(
        session, query, policies.c.number, paging, _summary, descending=descending
    )


@router.get("/{policy_id}", response_model=PolicyOut)
async def get_policy(
    policy_id: str,
    session: TenantSession,
    as_of: Annotated[date | None, Query(description="Show it as it stood on this date")] = None,
) -> PolicyOut:
    row = await stored_policy(session, policy_id)
    return policy_out(row, await entries_of(session, row.id), as_of or date.today())


class PaymentMethodIn(BaseModel):
    method: PaymentMethod


@router.put("/{policy_id}/payment-method", response_model=PolicyOut)
async def set_payment_method(
    policy_id: str, body: PaymentMethodIn, session: TenantSession
) -> PolicyOut:
    """Direct debit or transfer from now on; the ledger's next collection run follows it."""
    row = await stored_policy(session, policy_id, lock=True)
    if row.status not in ("active", "cancelled"):
        raise Problem(409, f"This policy is {row.status}")
    await session.execute(
        update(policies)
        .where(policies.c.id == row.id)
        .values(payment_method=body.method, row_version=policies.c.row_version + 1)
    )
    row = await stored_policy(session, policy_id)
    entries = await entries_of(session, row.id)
    await _policy_event(session, row, entries)
    return policy_out(row, entries, date.today())


class HistoryEntry(BaseModel):
    seq: int
    kind: str
    effective_date: date
    changes: dict[str, Any]
    premium: dict[str, Any] | None
    note: str | None
    entered_at: Any
    entered_by: str


@router.get("/{policy_id}/history", response_model=list[HistoryEntry])
async def policy_history(policy_id: str, session: TenantSession) -> list[HistoryEntry]:
    row = await stored_policy(session, policy_id)
    rows = (
        await session.execute(
            select(policy_entries)
            .where(policy_entries.c.policy_id == row.id)
            .order_by(policy_entries.c.seq)
        )
    ).all()
    return [
        HistoryEntry(
            seq=r.seq,
            kind=r.kind,
            effective_date=r.effective_date,
            changes=r.changes,
            premium=r.rating["premium"] if r.rating else None,
            note=r.note,
            entered_at=r.entered_at,
            entered_by=r.entered_by,
        )
        for r in rows
    ]


class InvoiceLine(BaseModel):
    coverage: str
    net: str
    commission: str
    tax: str


class InvoiceOut(BaseModel):
    id: str
    number: str
    kind: str
    reason: str
    period_start: date
    period_end: date
    issue_date: date
    due_date: date
    currency: str = "EUR"
    net: str
    commission: str
    tax: str
    total: str
    test: bool
    lines: list[InvoiceLine]


# Newest first: by the moment issued (to the microsecond, in UTC, so the text sorts as the time
# does), then the number, unique within the tenant, which makes the key unique for the cursor.
DOCUMENT_ORDER = (
    func.concat(
        func.to_char(func.timezone("UTC", invoices.c.created_at), 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        invoices.c.number,
    )
    .collate("C")
    .label("document_order")
)


@router.get("/{policy_id}/invoices", response_model=Page[InvoiceOut])
async def policy_invoices(
    policy_id: str, session: TenantSession, paging: Paging
) -> Page[InvoiceOut]:
    """The policy's invoices and credit notes, newest first, a page at a time."""
    row = await stored_policy(session, policy_id)
    query = select(invoices, DOCUMENT_ORDER).where(invoices.c.policy_id == row.id)
    page = await keyset_page(session, query, DOCUMENT_ORDER, paging, lambda d: d, descending=True)
    lines_of: dict[str, list[Any]] = {}
    if page.items:
        lines = await session.execute(
            select(invoice_lines)
            .where(invoice_lines.c.invoice_id.in_([d.id for d in page.items]))
            .order_by(invoice_lines.c.coverage)
        )
        for line in lines:
            lines_of.setdefault(str(line.invoice_id), []).append(line)
    return Page(
        items=[_invoice_out(d, lines_of.get(str(d.id), [])) for d in page.items],
        next_cursor=page.next_cursor,
    )


def _invoice_out(d: Any, lines: list[Any]) -> InvoiceOut:
    sign = 1 if d.kind == "invoice" else -1
    return InvoiceOut(
        id=str(d.id),
        number=d.number,
        kind=d.kind,
        reason=d.reason,
        period_start=d.period_start,
        period_end=d.period_end,
        issue_date=d.issue_date,
        due_date=d.due_date,
        net=str(d.net),
        commission=str(d.commission),
        tax=str(d.tax),
        total=str(d.total),
        test=d.test,
        lines=[
            InvoiceLine(
                coverage=line.coverage,
                net=money(line.net * sign),
                commission=money(line.commission * sign),
                tax=money(line.tax * sign),
            )
            for line in lines
        ],
    )


class Changes(BaseModel):
    model_config = {"extra": "forbid"}

    risk: dict[str, Any] | None = None
    coverages: list[str] | None = Field(default=None, max_length=50)
    frequency: Literal["annual", "quarterly", "monthly"] | None = None
    address: Address | None = None


class MutationIn(BaseModel):
    effective_date: date
    changes: Changes
    note: str | None = Field(default=None, max_length=500)


class CancelIn(BaseModel):
    effective_date: date
    reason: str = Field(min_length=1, max_length=500)


class ChangedOut(BaseModel):
    policy: PolicyOut
    documents: list[dict[str, Any]]


def _in_term(row: Any, effective: date, *, up_to_renewal: bool) -> None:
    if row.status != "active":
        raise Problem(409, f"Policy {row.number} is {row.status}; it takes no more changes")
    late = effective > row.renewal_date if up_to_renewal else effective >= row.renewal_date
    if effective < row.start_date or late:
        last = "on or before" if up_to_renewal else "before"
        raise Problem(
            422,
            f"The effective date must be on or after the start {row.start_date} and {last}"
            f" the renewal date {row.renewal_date}",
            errors=[{"field": "effective_date", "message": "outside the policy's current term"}],
        )


async def _next_seq(session: AsyncSession, policy_id: str) -> int:
    last = await session.execute(
        select(func.coalesce(func.max(policy_entries.c.seq), 0)).where(
            policy_entries.c.policy_id == policy_id
        )
    )
    return int(last.scalar_one()) + 1


async def previewed(session: AsyncSession, make: Callable[[], Awaitable[ChangedOut]]) -> ChangedOut:
    """What `make` would do, done in a savepoint and undone: the policy and the documents it
    would issue, by the very code that issues them, so the preview is what the change makes.
    The documents have no number yet (numbers are given when the change is made)."""
    savepoint = await session.begin_nested()
    try:
        made = await make()
    finally:
        await savepoint.rollback()
    documents = [{**d, "invoice_id": None, "number": None} for d in made.documents]
    return ChangedOut(policy=made.policy, documents=documents)


@router.post("/{policy_id}/mutations", response_model=ChangedOut, openapi_extra=CHANGE)
async def mutate(
    policy_id: str, body: MutationIn, ctx: Context, session: TenantSession, runtime: RuntimeDep
) -> ChangedOut:
    return await _mutate(policy_id, body, ctx, session, runtime)


@router.post("/{policy_id}/mutations/preview", response_model=ChangedOut, openapi_extra=CHANGE)
async def preview_mutation(
    policy_id: str, body: MutationIn, ctx: Context, session: TenantSession, runtime: RuntimeDep
) -> ChangedOut:
    """The mutation's policy and documents, changing nothing: for a wizard to show first."""
    return await previewed(session, lambda: _mutate(policy_id, body, ctx, session, runtime))


async def _mutate(
    policy_id: str, body: MutationIn, ctx: RequestContext, session: AsyncSession, runtime: Any
) -> ChangedOut:
    assert ctx.tenant
    row = await stored_policy(session, policy_id, lock=True)
    _in_term(row, body.effective_date, up_to_renewal=False)
    changes = body.changes.model_dump(mode="json", exclude_none=True)
    if not changes:
        raise Problem(422, "Name what changes", errors=[{"field": "changes", "message": "empty"}])
    await session.execute(
        insert(policy_entries).values(
            tenant_id=ctx.tenant,
            policy_id=row.id,
            seq=await _next_seq(session, row.id),
            kind="mutation",
            effective_date=body.effective_date,
            changes=changes,
            state={},
            rating=None,
            note=body.note,
            entered_by=ctx.username,
        )
    )
    entries = await restate(session, runtime.nc, ctx.tenant, row, await entries_of(session, row.id))
    declined = [e for e in entries if e.rating and e.rating["decision"] == "decline"]
    if declined:
        reasons = "; ".join(declined[0].rating["reasons"]) if declined[0].rating else ""
        raise Problem(422, f"The product declines the changed risk: {reasons}")
    documents = await settle(session, row, cover_of(row, entries), "mutation", date.today())
    await session.execute(
        update(policies).where(policies.c.id == row.id).values(row_version=row.row_version + 1)
    )
    row = await stored_policy(session, policy_id)
    await _policy_event(session, row, entries)
    return ChangedOut(policy=policy_out(row, entries, body.effective_date), documents=documents)


@router.post("/{policy_id}/cancel", response_model=ChangedOut, openapi_extra=CHANGE)
async def cancel(
    policy_id: str, body: CancelIn, ctx: Context, session: TenantSession
) -> ChangedOut:
    return await _cancel(policy_id, body, ctx, session)


@router.post("/{policy_id}/cancel/preview", response_model=ChangedOut, openapi_extra=CHANGE)
async def preview_cancellation(
    policy_id: str, body: CancelIn, ctx: Context, session: TenantSession
) -> ChangedOut:
    """The cancellation's credit note, changing nothing."""
    return await previewed(session, lambda: _cancel(policy_id, body, ctx, session))


async def _cancel(
    policy_id: str, body: CancelIn, ctx: RequestContext, session: AsyncSession
) -> ChangedOut:
    assert ctx.tenant
    row = await stored_policy(session, policy_id, lock=True)
    _in_term(row, body.effective_date, up_to_renewal=True)
    entries = await entries_of(session, row.id)
    later = [e for e in entries if e.effective_date >= body.effective_date and e.kind != "start"]
    if later:
        raise Problem(
            409,
            f"Mutations take effect on or after {body.effective_date}; the cancellation must"
            " come after them",
        )
    await session.execute(
        insert(policy_entries).values(
            tenant_id=ctx.tenant,
            policy_id=row.id,
            seq=await _next_seq(session, row.id),
            kind="cancellation",
            effective_date=body.effective_date,
            changes={},
            state={},
            rating=None,
            note=body.reason,
            entered_by=ctx.username,
        )
    )
    await session.execute(
        update(policies)
        .where(policies.c.id == row.id)
        .values(
            status="cancelled",
            ends=body.effective_date,
            cancel_reason=body.reason,
            row_version=row.row_version + 1,
        )
    )
    row = await stored_policy(session, policy_id)
    entries = await entries_of(session, row.id)
    documents = await settle(session, row, cover_of(row, entries), "cancellation", date.today())
    await _policy_event(session, row, entries)
    return ChangedOut(policy=policy_out(row, entries, body.effective_date), documents=documents)
