"""Claim payments from the claims service (`claim.payment.released`), booked once per event: the
insurer's current account is charged (a debit on creditors control, an open item against the
insurer) and the payee gets a payable (a credit on creditors control, an open item the outgoing
bank payment is matched to). Payments on test policies' claims are not booked."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import NewOpenItem, Posting, add_open_items, book, first_open_day
from ledger_service.premiums import CREDITORS, insurer_relation
from servicekit.events import Event


async def book_claim_payment(session: AsyncSession, event: Event) -> None:
    data = event.data
    if data["test"] or not event.tenant:
        return
    amount = Decimal(data["amount"])
    insurer = insurer_relation(data["insurer"])
    payee = data["payee_relation_id"]
    text = f"claim {data['claim_number']} policy {data['policy_number']}"
    charge_item, payable_item = str(uuid.uuid4()), str(uuid.uuid4())
    entry_date = await first_open_day(session, date.fromisoformat(data["released_on"]))
    entry_id = await book(
        session,
        event.tenant,
        entry_date=entry_date,
        description=f"claim payment {data['claim_number']} to {data['payee_name']}",
        source="claim",
        postings=[
            Posting(
                CREDITORS, debit=amount, relation_id=insurer, item_id=charge_item, description=text
            ),
            Posting(
                CREDITORS, credit=amount, relation_id=payee, item_id=payable_item, description=text
            ),
        ],
        created_by="claims service",
        event_id=event.id,
    )
    items = [
        NewOpenItem(
            item_id=item_id,
            ledger="creditors",
            relation_id=relation,
            relation_name=name,
            reference=data["claim_number"],
            description=description,
            item_date=entry_date,
            due_date=entry_date,
            amount=signed,
            entry_id=entry_id,
            policy_number=data["policy_number"],
        )
        for item_id, relation, name, signed, description in (
            (charge_item, insurer, data["insurer"]["name"], -amount, f"claim paid for you, {text}"),
            (payable_item, payee, data["payee_name"], amount, f"claim payment due, {text}"),
        )
    ]
    await add_open_items(session, event.tenant, items)
