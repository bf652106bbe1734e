"""Premium invoices and credit notes: one document per period and occasion, with its lines per
coverage (net premium, commission, insurance premium tax), published as `invoice.issued` for the
ledger. Lines are kept signed as charges to the policyholder; a document whose total is negative
is a credit note and shows its amounts the other way round."""

import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
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
from policy_service.numbers import next_number
from policy_service.tables import invoice_lines, invoices, outbox, policies
from servicekit.events import Event
from servicekit.outbox import add_event

PAYMENT_DAYS = 14


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


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


async def issue(
    session: AsyncSession,
    policy: Any,
    period: Period,
    lines: Mapping[str, Amounts],
    reason: str,
    today: date,
) -> dict[str, Any]:
    """Store and publish one document for `lines` (signed charges) of `period`."""
    total = sum((a.total for a in lines.values()), Decimal("0.00"))
    kind = "invoice" if total >= 0 else "credit_note"
    sign = Decimal(1) if kind == "invoice" else Decimal(-1)
    shown = {
        code: Amounts(a.net * sign, a.commission * sign, a.tax * sign) for code, a in lines.items()
    }
    net = sum((a.net for a in shown.values()), Decimal("0.00"))
    commission = sum((a.commission for a in shown.values()), Decimal("0.00"))
    tax = sum((a.tax for a in shown.values()), Decimal("0.00"))
    due = max(today + timedelta(days=PAYMENT_DAYS), period[0]) if kind == "invoice" else today
    document_id = str(uuid.uuid4())
    number = await next_number(session, policy.tenant_id, kind)
    await session.execute(
        insert(invoices).values(
            tenant_id=policy.tenant_id,
            id=document_id,
            number=number,
            kind=kind,
            policy_id=policy.id,
            holder_id=policy.holder_id,
            insurer=policy.insurer,
            client_id=policy.client_id,
            reason=reason,
            period_start=period[0],
            period_end=period[1],
            issue_date=today,
            due_date=due,
            net=net,
            commission=commission,
            tax=tax,
            total=net + tax,
            test=policy.test,
        )
    )
    await session.execute(
        insert(invoice_lines),
        [
            {
                "tenant_id": policy.tenant_id,
                "invoice_id": document_id,
                "coverage": code,
                "net": a.net,
                "commission": a.commission,
                "tax": a.tax,
            }
            for code, a in lines.items()
        ],
    )
    document = {
        "invoice_id": document_id,
        "number": number,
        "kind": kind,
        "policy_id": str(policy.id),
        "policy_number": policy.number,
        "holder_id": str(policy.holder_id),
        "insurer": policy.insurer,
        "client_id": policy.client_id,
        "reason": reason,
        "period": {"start": period[0].isoformat(), "end": period[1].isoformat()},
        "issue_date": today.isoformat(),
        "due_date": due.isoformat(),
        "currency": "EUR",
        "net": _money(net),
        "commission": _money(commission),
        "tax": _money(tax),
        "total": _money(net + tax),
        "lines": [
            {
                "coverage": code,
                "net": _money(a.net),
                "commission": _money(a.commission),
                "tax": _money(a.tax),
            }
            for code, a in sorted(shown.items())
        ],
        "test": policy.test,
    }
    await add_event(
        session, outbox, Event.new("policy", "invoice.issued", policy.tenant_id, document)
    )
    return document


async def settle(
    session: AsyncSession, policy: Any, cover: Cover, reason: str, today: date
) -> list[dict[str, Any]]:
    """Invoice or credit the difference for every invoiced period whose cost changed."""
    invoiced = await invoiced_by_period(session, policy.id)
    return [
        await issue(session, policy, period, delta, reason, today)
        for period, delta in corrections(cover, invoiced).items()
    ]


async def bill_due(
    session: AsyncSession, policy: Any, cover: Cover, up_to: date, today: date
) -> list[dict[str, Any]]:
    """Invoice every period starting on or before `up_to`; a period that starts a new term
    renews the policy. Moves `billed_until`, `term_start` and `renewal_date` along."""
    documents = []
    billed_until, term_start, renewal = policy.billed_until, policy.term_start, policy.renewal_date
    for period in due_periods(cover, policy.billed_until, up_to):
        reason = "billing"
        if period[0] == policy.start_date:
            reason = "start"
        elif period[0] >= renewal:
            term_start, renewal = term_of(policy.start_date, period[0])
            reason = "renewal"
        documents.append(
            await issue(session, policy, period, expected(cover, *period), reason, today)
        )
        billed_until = period[1]
    if documents:
        await session.execute(
            update(policies)
            .where(policies.c.id == policy.id)
            .values(billed_until=billed_until, term_start=term_start, renewal_date=renewal)
        )
    return documents
