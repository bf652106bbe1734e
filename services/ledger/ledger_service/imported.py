"""Loading the ledger's part of a portfolio import (ADR 0007): open debtor and creditor items and
the opening balances, from the imports service's `import.batch` commands, each batch once (its
entry carries the event's id, and the consumer's inbox keeps the batch to one transaction).

The books open at the cut-off date through a clearing account, `0999` (made when first needed):
- a batch of open items is one entry: each item a line on its control account (debtors 1300 or
  creditors 1600) naming its relation and the item, against the clearing account;
- the opening balances are one entry: every account's balance, the control accounts' booked to
  the clearing account instead, since the items booked them line by line.
The clearing account ends at zero, because the dry run proved that the items add up to the
control accounts' balances. Each batch is answered with `import.batch.loaded` and its totals."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.chart import ensure_account
from ledger_service.current_accounts import CONTROL
from ledger_service.journal import ZERO, NewEntry, NewOpenItem, Posting, add_open_items, book_many
from ledger_service.tables import outbox
from servicekit.events import Event
from servicekit.money import money
from servicekit.outbox import add_event

CLEARING = ("0999", "Opening balances taken over", "equity")
LEDGERS = {"debtor_items": "debtors", "creditor_items": "creditors"}
KINDS = (*LEDGERS, "opening_balances")


async def load_batch(session: AsyncSession, event: Event) -> None:
    """Consumer of `events.imports.import.batch` for the kinds the ledger owns."""
    data = event.data
    if data["kind"] not in KINDS:
        return
    assert event.tenant
    tenant = event.tenant
    await ensure_account(session, tenant, CLEARING)
    cut_off = date.fromisoformat(data["cut_off"])
    by = f"import {data['number']}"
    if data["kind"] == "opening_balances":
        totals = await _opening_entry(session, tenant, event, cut_off, by)
    else:
        totals = await _open_items(session, tenant, event, cut_off, by)
    answer = {
        "import_id": data["import_id"],
        "kind": data["kind"],
        "batch": data["batch"],
        "loaded": len(data["rows"]),
        "totals": {n: money(a) for n, a in totals.items()},
    }
    await add_event(session, outbox, Event.new("ledger", "import.batch.loaded", tenant, answer))


async def _open_items(
    session: AsyncSession, tenant: str, event: Event, cut_off: date, by: str
) -> dict[str, Decimal]:
    data = event.data
    ledger = LEDGERS[data["kind"]]
    postings, total = item_postings(data["rows"], ledger, data["kind"])
    [entry_id] = await book_many(
        session,
        tenant,
        [
            NewEntry(
                entry_date=cut_off,
                description=f"Open {ledger} items taken over ({by}, batch {data['batch']})",
                source="import",
                postings=postings,
                created_by=by,
                event_id=event.id,
                import_id=data["import_id"],
            )
        ],
    )
    await add_open_items(
        session,
        tenant,
        [
            NewOpenItem(
                item_id=row["id"],
                ledger=ledger,
                relation_id=row["relation_id"],
                relation_name=row["relation_name"],
                reference=row["ref"],
                description=row.get("description") or row["ref"],
                item_date=date.fromisoformat(row.get("document_date") or data["cut_off"]),
                due_date=date.fromisoformat(row["due_date"]),
                amount=Decimal(row["amount"]),
                entry_id=entry_id,
                policy_number=row.get("policy_ref"),
            )
            for row in data["rows"]
        ],
    )
    return {"amount": total}


def item_postings(
    rows: list[dict[str, Any]], ledger: str, kind: str
) -> tuple[list[Posting], Decimal]:
    """The lines of a batch of open items (each on its control account, naming relation and
    item, against the clearing account) and the items' total."""
    control = CONTROL[ledger]
    postings, total = [], ZERO
    for row in rows:
        amount = Decimal(row["amount"])
        total += amount
        # + is owed by the debtor (a debit on 1300) or to the creditor (a credit on 1600).
        owed_to_us = (amount > 0) == (ledger == "debtors")
        postings.append(
            Posting(
                control,
                debit=abs(amount) if owed_to_us else ZERO,
                credit=ZERO if owed_to_us else abs(amount),
                relation_id=row["relation_id"],
                item_id=row["id"],
                description=row.get("description") or row["ref"],
            )
        )
    net = sum((p.debit - p.credit for p in postings), ZERO)
    postings.append(
        Posting(
            CLEARING[0],
            debit=-net if net < 0 else ZERO,
            credit=net if net > 0 else ZERO,
            description=f"{kind.replace('_', ' ')} taken over",
        )
    )
    return [p for p in postings if p.debit or p.credit], total


async def _opening_entry(
    session: AsyncSession, tenant: str, event: Event, cut_off: date, by: str
) -> dict[str, Decimal]:
    data = event.data
    controls = set(CONTROL.values())
    postings = [
        Posting(
            CLEARING[0] if row["account"] in controls else row["account"],
            debit=Decimal(row["debit"]),
            credit=Decimal(row["credit"]),
            description=f"opening balance of {row['account']}",
        )
        for row in data["rows"]
        if Decimal(row["debit"]) or Decimal(row["credit"])
    ]
    # All balances in one batch balance by themselves; a part of a larger chart is balanced
    # on the clearing account, which the other parts bring back to zero.
    net = sum((p.debit - p.credit for p in postings), ZERO)
    if net:
        postings.append(
            Posting(
                CLEARING[0],
                debit=-net if net < 0 else ZERO,
                credit=net if net > 0 else ZERO,
                description="opening balances in parts",
            )
        )
    await book_many(
        session,
        tenant,
        [
            NewEntry(
                entry_date=cut_off,
                description=f"Opening balances at {cut_off.isoformat()} ({by})",
                source="import",
                postings=postings,
                created_by=by,
                event_id=event.id,
                import_id=data["import_id"],
            )
        ],
    )
    return {
        "debit": sum((Decimal(r["debit"]) for r in data["rows"]), ZERO),
        "credit": sum((Decimal(r["credit"]) for r in data["rows"]), ZERO),
    }
