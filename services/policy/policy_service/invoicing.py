"""Premium invoices and credit notes: one document per period and occasion, with its lines per
coverage (net premium, commission, insurance premium tax), published as `invoice.issued` for the
ledger (the renewal run's as `invoices.issued`, a hundred to an event). Lines are kept signed as
charges to the policyholder; a document whose total is negative is a credit note and shows its
amounts the other way round."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy import Date, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from policy_service.billing import (
    Amounts,
    Cover,
    Period,
    corrections,
    due_periods,
    expected,
    term_of,
)
from policy_service.numbers import reserve_several
from policy_service.tables import invoice_lines, invoices, outbox, policies
from servicekit.events import Event, bundled
from servicekit.ids import new_id
from servicekit.money import money
from servicekit.outbox import add_events
from servicekit.rows import by_column, insert_columns

PAYMENT_DAYS = 14
# Lines of all documents in one `invoices.issued`: a hundred documents of up to twenty coverages,
# fewer documents of a product with more. A line takes at most about 120 bytes, so a bundle stays
# under 400 KB, well inside NATS's 1 MB message limit, however many coverages a product has
# (tests/unit/test_event_bundles.py).
LINES_PER_BUNDLE = 2000


async def invoiced_by_period(
    session: AsyncSession, policy_id: str
) -> dict[Period, dict[str, Amounts]]:
    rows = (
        await session.execute(
            select(
                invoices.c.period_start,
                invoices.c.period_end,
                invoice_lines.c.coverage,
                func.sum(invoice_lines.c.net).label("net"),
                func.sum(invoice_lines.c.commission).label("commission"),
                func.sum(invoice_lines.c.tax).label("tax"),
            )
            .select_from(invoices.join(invoice_lines, invoice_lines.c.invoice_id == invoices.c.id))
            .where(invoices.c.policy_id == policy_id)
            .group_by(invoices.c.period_start, invoices.c.period_end, invoice_lines.c.coverage)
        )
    ).all()
    found: dict[Period, dict[str, Amounts]] = {}
    for r in rows:
        found.setdefault((r.period_start, r.period_end), {})[r.coverage] = Amounts(
            r.net, r.commission, r.tax
        )
    return found


@dataclass
class Document:
    """An invoice or credit note before it is stored: `lines` are signed charges."""

    policy: Any
    period: Period
    lines: Mapping[str, Amounts]
    reason: str
    today: date
    id: str = field(default_factory=new_id)

    @cached_property
    def kind(self) -> str:
        total = sum((a.total for a in self.lines.values()), Decimal("0.00"))
        return "invoice" if total >= 0 else "credit_note"

    @cached_property
    def shown(self) -> dict[str, Amounts]:
        """The lines in the document's own direction (a credit note's are reversed)."""
        sign = Decimal(1) if self.kind == "invoice" else Decimal(-1)
        return {
            code: Amounts(a.net * sign, a.commission * sign, a.tax * sign)
            for code, a in self.lines.items()
        }

    @cached_property
    def due(self) -> date:
        if self.kind == "credit_note":
            return self.today
        return max(self.today + timedelta(days=PAYMENT_DAYS), self.period[0])

    def row(self, number: str) -> dict[str, Any]:
        shown = self.shown.values()
        net = sum((a.net for a in shown), Decimal("0.00"))
        tax = sum((a.tax for a in shown), Decimal("0.00"))
        policy = self.policy
        return {
            "tenant_id": policy.tenant_id,
            "id": self.id,
            "number": number,
            "kind": self.kind,
            "policy_id": policy.id,
            "holder_id": policy.holder_id,
            "insurer": policy.insurer,
            "client_id": policy.client_id,
            "reason": self.reason,
            "period_start": self.period[0],
            "period_end": self.period[1],
            "issue_date": self.today,
            "due_date": self.due,
            "net": net,
            "commission": sum((a.commission for a in shown), Decimal("0.00")),
            "tax": tax,
            "total": net + tax,
            "test": policy.test,
        }

    def event_data(self, row: dict[str, Any]) -> dict[str, Any]:
        """The `invoice.issued` data of the document stored as `row`."""
        number = row["number"]
        return {
            "invoice_id": self.id,
            "number": number,
            "kind": row["kind"],
            "policy_id": str(self.policy.id),
            "policy_number": self.policy.number,
            "holder_id": str(self.policy.holder_id),
            "insurer": self.policy.insurer,
            "client_id": self.policy.client_id,
            "reason": self.reason,
            "period": {"start": self.period[0].isoformat(), "end": self.period[1].isoformat()},
            "issue_date": self.today.isoformat(),
            "due_date": self.due.isoformat(),
            "currency": "EUR",
            "net": money(row["net"]),
            "commission": money(row["commission"]),
            "tax": money(row["tax"]),
            "total": money(row["total"]),
            "lines": [
                {
                    "coverage": code,
                    "net": money(a.net),
                    "commission": money(a.commission),
                    "tax": money(a.tax),
                }
                for code, a in sorted(self.shown.items())
            ],
            "test": self.policy.test,
        }


_INVOICE_COLUMNS = [c.name for c in invoices.c if c.name != "created_at"]
_LINE_COLUMNS = [c.name for c in invoice_lines.c]
# Documents and their lines in one statement, built once whatever their count (parameters of
# `numbered`); it can ride as a CTE in a statement of the caller's (an acceptance's).
NEW_DOCUMENTS = insert_columns(invoices, _INVOICE_COLUMNS, "invoice_").add_cte(
    insert_columns(invoice_lines, _LINE_COLUMNS, "line_").cte("lines")
)


def numbers_needed(documents: list[Document]) -> dict[str, int]:
    """How many numbers of each sequence `documents` take (invoices, credit notes)."""
    return dict(Counter(d.kind for d in documents))


async def store(
    session: AsyncSession,
    documents: list[Document],
    bundle: bool = False,
) -> list[dict[str, Any]]:
    """Number, store and publish `documents` (one tenant's), in a few statements; their event
    data, in order. A batch run publishes them `bundle`d, a hundred to an `invoices.issued`
    event, where an event per document would cost the relay, JetStream and each consumer more
    than booking the document itself."""
    if not documents:
        return []
    tenant = documents[0].policy.tenant_id
    reserved = await reserve_several(session, tenant, numbers_needed(documents))
    params, data = numbered(documents, reserved)
    await session.execute(NEW_DOCUMENTS, params)
    await add_events(session, outbox, document_events(tenant, data, bundle))
    return data


def numbered(
    documents: list[Document], reserved: dict[str, list[str]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The parameters of `NEW_DOCUMENTS` for `documents` (one tenant's) numbered from
    `reserved` (`numbers_needed`), and their event data, in order."""
    numbers: dict[str, str] = {}
    for kind in ("invoice", "credit_note"):
        of_kind = [d.id for d in documents if d.kind == kind]
        numbers.update(zip(of_kind, reserved.get(kind, []), strict=True))
    rows = [d.row(numbers[d.id]) for d in documents]
    lines = [
        {
            "tenant_id": d.policy.tenant_id,
            "invoice_id": d.id,
            "coverage": code,
            "net": a.net,
            "commission": a.commission,
            "tax": a.tax,
        }
        for d in documents
        for code, a in d.lines.items()
    ]
    params = by_column(rows, _INVOICE_COLUMNS, "invoice_")
    params |= by_column(lines, _LINE_COLUMNS, "line_")
    return params, [d.event_data(row) for d, row in zip(documents, rows, strict=True)]


def document_events(tenant: str, data: list[dict[str, Any]], bundle: bool) -> list[Event]:
    """An `invoice.issued` per document, or the documents `bundle`d in `invoices.issued`."""
    if not bundle:
        return [Event.new("policy", "invoice.issued", tenant, item) for item in data]
    per_event = LINES_PER_BUNDLE // max([1, *(len(item["lines"]) for item in data)])
    return bundled("policy", "invoices.issued", tenant, "invoices", data, per_event)


async def settle(
    session: AsyncSession, policy: Any, cover: Cover, reason: str, today: date
) -> list[dict[str, Any]]:
    """Invoice or credit the difference for every invoiced period whose cost changed."""
    invoiced = await invoiced_by_period(session, policy.id)
    changed = corrections(cover, invoiced)
    return await store(
        session,
        [Document(policy, period, delta, reason, today) for period, delta in changed.items()],
    )


@dataclass
class Due:
    """What billing a policy up to a date makes: its documents and where the policy then is."""

    documents: list[Document]
    billed_until: date
    term_start: date
    renewal_date: date


def plan_due(policy: Any, cover: Cover, up_to: date, today: date) -> Due:
    """Every period starting on or before `up_to`; one that starts a new term renews it."""
    due = Due([], policy.billed_until, policy.term_start, policy.renewal_date)
    for period in due_periods(cover, policy.billed_until, up_to):
        reason = "billing"
        if period[0] == policy.start_date:
            reason = "start"
        elif period[0] >= due.renewal_date:
            due.term_start, due.renewal_date = term_of(policy.start_date, period[0])
            reason = "renewal"
        due.documents.append(Document(policy, period, expected(cover, *period), reason, today))
        due.billed_until = period[1]
    return due


# Where each billed policy moves to, as one UPDATE over arrays (an UPDATE per policy had
# PostgreSQL run the statement once per row).
_MOVED = (
    func.unnest(
        bindparam("ids", type_=ARRAY(UUID(as_uuid=False))),
        bindparam("billed_until", type_=ARRAY(Date)),
        bindparam("term_start", type_=ARRAY(Date)),
        bindparam("renewal_date", type_=ARRAY(Date)),
    )
    .table_valued("id", "billed_until", "term_start", "renewal_date")
    .render_derived(name="moved")
)
_MOVE_ON = (
    update(policies)
    .where(policies.c.id == _MOVED.c.id)
    .values(
        billed_until=_MOVED.c.billed_until,
        term_start=_MOVED.c.term_start,
        renewal_date=_MOVED.c.renewal_date,
    )
)


async def move_on(session: AsyncSession, plans: list[tuple[Any, Due]]) -> None:
    """Store where each billed policy now is, in one statement."""
    moved = [(policy, due) for policy, due in plans if due.documents]
    if not moved:
        return
    await session.execute(
        _MOVE_ON,
        {
            "ids": [str(policy.id) for policy, _ in moved],
            "billed_until": [due.billed_until for _, due in moved],
            "term_start": [due.term_start for _, due in moved],
            "renewal_date": [due.renewal_date for _, due in moved],
        },
    )
