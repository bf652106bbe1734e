"""Answers `ledger.collection.plan` (contracts/requests/): for a premium invoice of a policy
paying by direct debit, the mandate that collects it and the date, as the invoice tells the
policyholder. Once a run collected the item, that run's mandate and date; before, the mandate a
run would choose (`collection_runs.collected_on`: none for a blocked relation or a refunded
item) and the due date."""

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from stdnum import iban as iban_number

from ledger_service.collection_rules import DueItem
from ledger_service.collection_runs import collected_on
from ledger_service.collection_settings import creditor_of
from ledger_service.tables import collection_items, collections, mandates, open_items
from servicekit.app import Runtime


async def on_collection_plan(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    due = dt.date.fromisoformat(body["due_date"])
    async with runtime.db.tenant_transaction(body["tenant"]) as session:
        creditor = await creditor_of(session)
        item_id = await session.scalar(
            select(open_items.c.id).where(
                open_items.c.ledger == "debtors", open_items.c.reference == body["reference"]
            )
        )
        collected = None
        if item_id is not None:
            collected = (
                await session.execute(
                    select(collections.c.collection_date, mandates.c.reference, mandates.c.iban)
                    .select_from(
                        collection_items.join(
                            collections, collections.c.id == collection_items.c.collection_id
                        ).join(mandates, mandates.c.id == collection_items.c.mandate_id)
                    )
                    .where(
                        collection_items.c.item_id == item_id,
                        collection_items.c.returned_at.is_(None),
                    )
                    .order_by(collections.c.collection_date.desc())
                    .limit(1)
                )
            ).first()
        if collected is not None:
            plan = _plan(collected.reference, collected.iban, collected.collection_date)
        else:
            # Not collected yet (or not booked yet): the mandate a run on the due date would use.
            item = DueItem(
                str(item_id or uuid.uuid4()),
                str(body["relation_id"]),
                "",
                body["reference"],
                None,
                due,
                Decimal(body["amount"]),
            )
            chosen, _, _ = await collected_on(session, [item], due)
            plan = _plan(chosen[0].mandate.reference, chosen[0].mandate.iban, due) if chosen else {}
    reply = {"ok": True, "creditor_id": creditor.creditor_id if creditor else None, **plan}
    return json.dumps(reply).encode()


def _plan(reference: str, iban: str, on: dt.date) -> dict[str, Any]:
    shown = {"reference": reference, "iban": iban_number.format(iban)}
    return {"mandate": shown, "collection_date": on.isoformat()}
