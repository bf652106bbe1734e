"""Premium invoices and credit notes from the policy service (`invoice.issued`), booked once per
event: the policyholder's debtor account is charged the total, the insurer's creditor account
is credited the net premium less commission, commission income and insurance premium tax payable
take the rest. A credit note books the same the other way round. Each debtor and creditor
posting is an open item. Documents of test policies are not booked."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import Posting, add_open_item, book, first_open_day
from servicekit.events import Event

DEBTORS = "1300"
CREDITORS = "1600"
COMMISSION = "8000"
TAX = "1700"


def insurer_relation(insurer: dict[str, str]) -> str:
    """Insurers are known to the ledger by their code."""
    return f"insurer:{insurer['code']}"


def premium_postings(data: dict[str, Any], debtor_item: str, creditor_item: str) -> list[Posting]:
    """Debit and credit lines of one document (pure: amounts from the event)."""
    net, commission = Decimal(data["net"]), Decimal(data["commission"])
    tax, total = Decimal(data["tax"]), Decimal(data["total"])
    insurer_share = net - commission
    invoice = data["kind"] == "invoice"
    text = f"{data['number']} policy {data['policy_number']}"

    def line(account: str, amount: Decimal, charge: bool, **extra: Any) -> Posting | None:
        # charge: a debit on an invoice, a credit on a credit note.
        if amount == 0:
            return None
        debit = charge == invoice
        return Posting(
            account,
            debit=amount if debit else Decimal("0.00"),
            credit=Decimal("0.00") if debit else amount,
            description=text,
            **extra,
        )

    lines = [
        line(DEBTORS, total, True, relation_id=data["holder_id"], item_id=debtor_item),
        line(
            CREDITORS,
            insurer_share,
            False,
            relation_id=insurer_relation(data["insurer"]),
            item_id=creditor_item,
        ),
        line(COMMISSION, commission, False),
        line(TAX, tax, False),
    ]
    return [p for p in lines if p is not None]


async def book_premium_document(session: AsyncSession, event: Event) -> None:
    data = event.data
    if data["test"] or not event.tenant:
        return  # test policies never become real bookings
    sign = Decimal(1) if data["kind"] == "invoice" else Decimal(-1)
    total = Decimal(data["total"]) * sign
    insurer_share = (Decimal(data["net"]) - Decimal(data["commission"])) * sign
    issued = date.fromisoformat(data["issue_date"])
    entry_date = await first_open_day(session, issued)
    debtor_item, creditor_item = str(uuid.uuid4()), str(uuid.uuid4())
    postings = premium_postings(data, debtor_item, creditor_item)
    entry_id = await book(
        session,
        event.tenant,
        entry_date=entry_date,
        description=f"{data['kind'].replace('_', ' ')} {data['number']}",
        source="premium",
        postings=postings,
        created_by="policy service",
        event_id=event.id,
    )
    items = []
    if total != 0:
        items.append((debtor_item, "debtors", data["holder_id"], data["holder_id"], total))
    if insurer_share != 0:
        items.append(
            (
                creditor_item,
                "creditors",
                insurer_relation(data["insurer"]),
                data["insurer"]["name"],
                insurer_share,
            )
        )
    for item_id, ledger, relation, name, amount in items:
        await add_open_item(
            session,
            event.tenant,
            item_id=item_id,
            ledger=ledger,
            relation_id=relation,
            relation_name=name,
            reference=data["number"],
            description=f"{data['kind'].replace('_', ' ')} policy {data['policy_number']}",
            item_date=entry_date,
            due_date=date.fromisoformat(data["due_date"]),
            amount=amount,
            entry_id=entry_id,
            policy_number=data["policy_number"],
        )
