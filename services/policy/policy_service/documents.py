"""The documents a policyholder receives of a policy, as PDF in Dutch: a policy schedule
(polisblad) for each state of the policy's timeline (its start and every mutation), and each
premium invoice (premienota) and credit note (creditnota). A document is made the first time it
is asked for and kept (servicekit.documents): asked again, it comes back byte for byte, whatever
changed since. Amounts and dates are the document's own; the letterhead is the one of its day;
for a policy paying by direct debit the ledger names the mandate and the date of collection."""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel
from sqlalchemy import Text, and_, cast, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.letterhead import addressee, letterhead_of, payment_account
from backoffice_domain.letters import Letter, Table, dutch_date, euro, render
from policy_service.policies import stored_policy
from policy_service.tables import DOCUMENTS, invoice_lines, invoices, policy_entries, relations
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.documents import Making, pdf_response
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem
from servicekit.request_reply import LEDGER_COLLECTION_PLAN, ask

router = APIRouter(prefix="/api/policies", tags=["documents"])

Kind = Literal["policy_schedule", "invoice", "credit_note"]
TITLES = {"policy_schedule": "Polisblad", "invoice": "Premienota", "credit_note": "Creditnota"}
FREQUENCIES = {"annual": "per jaar", "quarterly": "per kwartaal", "monthly": "per maand"}
ENTRY_KINDS = {"start": "nieuwe polis", "mutation": "wijziging", "renewal": "verlenging"}
REASONS = {
    "start": "eerste premie",
    "billing": "premie",
    "renewal": "verlenging",
    "mutation": "wijziging",
    "cancellation": "beëindiging",
}
METHODS = {"direct_debit": "automatische incasso", "transfer": "overschrijving"}


class DocumentOut(BaseModel):
    key: str
    kind: Kind
    title: str
    date: date
    test: bool
    made_at: datetime | None
    href: str


# A policy's documents, newest first: schedules by the date their state takes effect, invoices
# and credit notes by their issue date; the date, then the key, make the cursor's key.
def _listing(policy_id: str) -> Any:
    schedules = select(
        literal("policy_schedule").label("kind"),
        func.concat("schedule-", cast(policy_entries.c.seq, Text)).label("key"),
        policy_entries.c.effective_date.label("day"),
    ).where(policy_entries.c.policy_id == policy_id, policy_entries.c.rating.is_not(None))
    bills = select(
        invoices.c.kind, invoices.c.number.label("key"), invoices.c.issue_date.label("day")
    ).where(invoices.c.policy_id == policy_id)
    return union_all(schedules, bills).subquery("documents_of_policy")


@router.get("/{policy_id}/documents", response_model=Page[DocumentOut])
async def policy_documents(
    policy_id: str, session: TenantSession, paging: Paging
) -> Page[DocumentOut]:
    """The policy's schedules, invoices and credit notes, newest first, a page at a time;
    `made_at` says whether a document was made (and so sent) already."""
    policy = await stored_policy(session, policy_id)
    listing = _listing(policy.id)
    order = (
        func.concat(func.to_char(listing.c.day, "YYYY-MM-DD"), listing.c.key)
        .collate("C")
        .label("document_order")
    )
    query = select(listing, order)
    page = await keyset_page(session, query, order, paging, lambda r: r, descending=True)
    made = await DOCUMENTS.made(session, [_stored_key(policy.id, r.key) for r in page.items])
    return Page(
        items=[
            DocumentOut(
                key=r.key,
                kind=r.kind,
                title=TITLES[r.kind],
                date=r.day,
                test=policy.test,
                made_at=made.get(_stored_key(policy.id, r.key)),
                href=f"/api/policies/{policy.id}/documents/{r.key}",
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


def _stored_key(policy_id: str, key: str) -> str:
    return f"{policy_id}/{key}"


@router.get(
    "/{policy_id}/documents/{key}",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The document"}},
)
async def policy_document(
    policy_id: str, key: str, ctx: Context, runtime: RuntimeDep, session: TenantSession
) -> Response:
    policy = await stored_policy(session, policy_id)
    tenant = str(ctx.tenant)
    document = await DOCUMENTS.kept_or_made(
        session,
        tenant,
        _stored_key(policy.id, key),
        lambda: _document(session, runtime, tenant, policy, key),
    )
    kind = document.kind
    return pdf_response(document, f"{TITLES[kind].lower()}-{policy.number}-{key}")


async def _document(
    session: AsyncSession, runtime: Any, tenant: str, policy: Any, key: str
) -> Making:
    """How to make the policy's document `key` (404 if the policy has no such document)."""
    number = key.removeprefix("schedule-")
    if number != key and re.fullmatch(r"[0-9]{1,9}", number):
        make = await _schedule(session, tenant, policy, int(number))
        return Making("policy_schedule", bool(policy.test), make)
    bill = (
        await session.execute(
            select(invoices).where(invoices.c.policy_id == policy.id, invoices.c.number == key)
        )
    ).first()
    if bill is None:
        raise Problem(404, f"No document '{key}' of this policy")
    make = await _bill(session, runtime, tenant, policy, bill)
    return Making(bill.kind, bool(bill.test), make)


async def _holder(session: AsyncSession, holder_id: str) -> tuple[str, ...]:
    r = (await session.execute(select(relations).where(relations.c.id == holder_id))).one()
    return addressee(r.name, r._mapping)


async def _schedule(
    session: AsyncSession, tenant: str, policy: Any, seq: int
) -> Callable[[], bytes]:
    """How to make the schedule of the policy's state `seq` (read now, made in a thread)."""
    entry = (
        await session.execute(
            select(policy_entries).where(
                and_(policy_entries.c.policy_id == policy.id, policy_entries.c.seq == seq)
            )
        )
    ).first()
    if entry is None or entry.rating is None:
        raise Problem(404, f"No document 'schedule-{seq}' of this policy")
    letterhead = letterhead_of(await DOCUMENTS.letterhead_at(session, entry.entered_at), tenant)
    letter = schedule_letter(policy, entry, await _holder(session, policy.holder_id))
    return lambda: render(letterhead, letter)


def schedule_letter(policy: Any, entry: Any, addressee: tuple[str, ...]) -> Letter:
    rating, state = entry.rating, entry.state
    product = rating.get("product_name") or policy.product_code
    facts = [
        ("Polisnummer", policy.number),
        ("Product", f"{product} ({policy.product_code}, versie {policy.product_version})"),
        ("Verzekeraar", str(policy.insurer.get("name", policy.insurer.get("code", "")))),
        ("Ingangsdatum polis", dutch_date(policy.start_date)),
        ("Dit polisblad geldt vanaf", dutch_date(entry.effective_date)),
        ("Reden", ENTRY_KINDS.get(entry.kind, entry.kind)),
        ("Premiebetaling", FREQUENCIES.get(rating["frequency"], rating["frequency"])),
        ("Betaalwijze", METHODS.get(policy.payment_method, policy.payment_method)),
    ]
    sum_insured = state.get("risk", {}).get("sum_insured")
    if isinstance(sum_insured, int | float | str) and str(sum_insured).replace(".", "").isdigit():
        facts.append(("Verzekerd bedrag", euro(Decimal(str(sum_insured)))))
    rows = []
    for line in rating["lines"]:
        net = Decimal(line["instalment_net"])
        tax = (net * Decimal(line["tax_rate"])).quantize(Decimal("0.01"))
        rows.append((line.get("name") or line["coverage"], euro(net), euro(tax), euro(net + tax)))
    premium = rating.get("premium") or {}
    totals: tuple[tuple[str, ...], ...] = ()
    if premium:
        net, tax = Decimal(premium["net"]), Decimal(premium["tax"])
        totals = (("Totaal per termijn", euro(net), euro(tax), euro(Decimal(premium["total"]))),)
    cover = Table(
        columns=("Dekking", "Premie", "Assurantiebelasting", "Totaal"),
        rows=tuple(rows),
        amount_columns=frozenset({1, 2, 3}),
        totals=totals,
    )
    conditions = (
        f"Op deze verzekering zijn van toepassing de voorwaarden van {product}, productversie "
        f"{policy.product_code} {policy.product_version}. Deze voorwaarden maken deel uit van "
        "de overeenkomst."
    )
    blocks: list[Any] = ["Uw verzekerde dekkingen en de premie per termijn:", cover, conditions]
    if policy.ends is not None:
        blocks.append(f"De verzekering eindigt op {dutch_date(policy.ends)}.")
    return Letter(
        title="Polisblad",
        addressee=addressee,
        facts=tuple(facts),
        blocks=tuple(blocks),
        test=bool(policy.test),
    )


async def _bill(
    session: AsyncSession, runtime: Any, tenant: str, policy: Any, bill: Any
) -> Callable[[], bytes]:
    """How to make the invoice or credit note `bill` (read now, made in a thread)."""
    lines = list(
        await session.execute(
            select(invoice_lines)
            .where(invoice_lines.c.invoice_id == bill.id)
            .order_by(invoice_lines.c.coverage)
        )
    )
    entry = (
        await session.execute(
            select(policy_entries.c.rating)
            .where(
                policy_entries.c.policy_id == policy.id,
                policy_entries.c.rating.is_not(None),
                policy_entries.c.effective_date <= bill.period_start,
            )
            .order_by(policy_entries.c.effective_date.desc(), policy_entries.c.seq.desc())
            .limit(1)
        )
    ).first()
    names = {
        line["coverage"]: line.get("name") for line in (entry.rating["lines"] if entry else [])
    }
    plan = None
    if bill.kind == "invoice" and policy.payment_method == "direct_debit" and not bill.test:
        plan = await ask(
            runtime.nc,
            LEDGER_COLLECTION_PLAN,
            {
                "tenant": tenant,
                "relation_id": str(bill.holder_id),
                "reference": bill.number,
                "due_date": bill.due_date.isoformat(),
                "amount": str(bill.total),
            },
            "ledger",
        )
    setting = await DOCUMENTS.letterhead_at(session, bill.created_at)
    letterhead = letterhead_of(setting, tenant)
    holder = await _holder(session, bill.holder_id)
    letter = bill_letter(policy, bill, lines, names, holder, plan, payment_account(setting))
    return lambda: render(letterhead, letter)


def bill_letter(
    policy: Any,
    bill: Any,
    lines: list[Any],
    names: dict[str, str | None],
    addressee: tuple[str, ...],
    plan: dict[str, Any] | None,
    iban: str | None,
) -> Letter:
    sign = Decimal(1) if bill.kind == "invoice" else Decimal(-1)
    rows = tuple(
        (
            names.get(line.coverage) or line.coverage,
            euro(line.net * sign),
            euro(line.tax * sign),
            euro((line.net + line.tax) * sign),
        )
        for line in lines
    )
    total = Decimal(bill.total)
    last_day = bill.period_end - timedelta(days=1)
    facts = (
        ("Notanummer", bill.number),
        ("Notadatum", dutch_date(bill.issue_date)),
        ("Polisnummer", policy.number),
        ("Periode", f"{dutch_date(bill.period_start)} t/m {dutch_date(last_day)}"),
        ("Reden", REASONS.get(bill.reason, bill.reason)),
        ("Vervaldatum", dutch_date(bill.due_date)),
        ("Betalingskenmerk", bill.number),
    )
    table = Table(
        columns=("Dekking", "Premie", "Assurantiebelasting", "Totaal"),
        rows=rows,
        amount_columns=frozenset({1, 2, 3}),
        totals=(("Totaal", euro(Decimal(bill.net)), euro(Decimal(bill.tax)), euro(total)),),
    )
    return Letter(
        title=TITLES[bill.kind],
        addressee=addressee,
        facts=facts,
        blocks=(table, payment_text(bill, policy, plan, iban)),
        test=bool(bill.test),
    )


def payment_text(bill: Any, policy: Any, plan: dict[str, Any] | None, iban: str | None) -> str:
    """How the amount is settled: collected (mandate, date), to be transferred, or credited."""
    amount = euro(Decimal(bill.total))
    if bill.kind == "credit_note":
        return f"Het bedrag van {amount} verrekenen wij met uw premie of betalen wij u terug."
    mandate = (plan or {}).get("mandate")
    if bill.test and policy.payment_method == "direct_debit":
        return f"Testdocument: het bedrag van {amount} wordt niet geïncasseerd."
    if mandate:
        on = dutch_date(date.fromisoformat(plan["collection_date"]))  # type: ignore[index]
        creditor = plan.get("creditor_id") if plan else None
        by = f", incassant-ID {creditor}" if creditor else ""
        return (
            f"Wij schrijven het bedrag van {amount} op of omstreeks {on} automatisch af van "
            f"rekening {mandate['iban']} (machtigingskenmerk {mandate['reference']}{by}). "
            "U hoeft zelf niets te doen."
        )
    to = f" op rekening {iban}" if iban else ""
    return (
        f"Wilt u het bedrag van {amount} vóór {dutch_date(bill.due_date)} overmaken{to} onder "
        f"vermelding van betalingskenmerk {bill.number}?"
    )
