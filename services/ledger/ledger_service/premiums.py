"""Premium invoices and credit notes from the policy service (`invoice.issued`), booked once per
event: the policyholder's debtor account is charged the total, the insurer's creditor account
is credited the net premium less commission, commission income and insurance premium tax payable
take the rest. A credit note books the same the other way round. Each debtor and creditor
posting is an open item. Documents of test policies are not booked. A renewal run's documents
come bundled (`invoices.issued`, a hundred to an event) and are booked as if each had come alone."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import (
    NewEntry,
    NewOpenItem,
    Posting,
    add_open_items,
    book_many,
    closed_through,
    open_day,
)
from servicekit.events import Event, unbundled

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
    await book_premium_documents(session, [event])


async def book_premium_bundle(session: AsyncSession, event: Event) -> None:
    await book_premium_bundles(session, [event])


async def book_premium_bundles(session: AsyncSession, events: list[Event]) -> None:
    """`invoices.issued`: each document as its own `invoice.issued`, its entry keyed by an
    event id derived from the bundle's (so a redelivered bundle cannot book it twice)."""
    await book_premium_documents(session, unbundled(events, "invoices", "invoice.issued"))


async def book_premium_documents(session: AsyncSession, events: list[Event]) -> None:
    """Book a batch of one tenant's documents together: one entry each, in one insert of the
    entries, one of their lines and one of their open items (the consumer hands a lane's batch
    here, and falls back to one by one should the batch be refused)."""
    real = [e for e in events if not e.data["test"] and e.tenant]
    if not real:
        return  # test policies never become real bookings
    tenant = str(real[0].tenant)
    newest = await closed_through(session)
    entries, made = [], []
    for event in real:
        data = event.data
        entry_date = open_day(newest, date.fromisoformat(data["issue_date"]))
        debtor_item, creditor_item = str(uuid.uuid4()), str(uuid.uuid4())
        entries.append(
            NewEntry(
                entry_date=entry_date,
                description=f"{data['kind'].replace('_', ' ')} {data['number']}",
                source="premium",
                postings=premium_postings(data, debtor_item, creditor_item),
                created_by="policy service",
                event_id=event.id,
            )
        )
        made.append((data, entry_date, debtor_item, creditor_item))
    entry_ids = await book_many(session, tenant, entries)
    items = [
        item
        for entry_id, of_entry in zip(entry_ids, made, strict=True)
        for item in _open_items(*of_entry, entry_id)
    ]
    await add_open_items(session, tenant, items)


def _open_items(
    data: dict[str, Any], entry_date: date, debtor_item: str, creditor_item: str, entry_id: str
) -> list[NewOpenItem]:
    """The debtor's and the insurer's open items of one document (none of zero)."""
    sign = Decimal(1) if data["kind"] == "invoice" else Decimal(-1)
    total = Decimal(data["total"]) * sign
    insurer_share = (Decimal(data["net"]) - Decimal(data["commission"])) * sign
    common = {
        "reference": data["number"],
        "description": f"{data['kind'].replace('_', ' ')} policy {data['policy_number']}",
        "item_date": entry_date,
        "due_date": date.fromisoformat(data["due_date"]),
        "entry_id": entry_id,
        "policy_number": data["policy_number"],
        "policy_id": data["policy_id"],
    }
    insurer = data["insurer"]
    found = []
    if total != 0:
        holder = data["holder_id"]
        found.append(NewOpenItem(debtor_item, "debtors", holder, holder, amount=total, **common))
    if insurer_share != 0:
        found.append(
            NewOpenItem(
                creditor_item,
                "creditors",
                insurer_relation(insurer),
                insurer["name"],
                amount=insurer_share,
                **common,
            )
        )
    return found
