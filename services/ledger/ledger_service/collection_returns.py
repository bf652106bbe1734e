"""R-transactions of the tenant's direct debits in a bank statement: a debit line with a return
reason and the end-to-end id of a transaction a run collected. It reopens the item (the
payment's suspense booked back to the item on debtors control, the collection kept in the
history with the reason), charges the relation the tenant's return cost if it sets one, and
acts on the mandate (AC04, MD01 and the like revoke it; after MD06 the item is not collected by
direct debit again). A return naming a run's transaction that no run of the tenant made refuses
the statement (422 naming the line); a return of someone else's collection (another system's)
stays an ordinary payment line; the same return read again is a transaction booked already,
and changes nothing."""

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import ARRAY, any_, cast, func, select, update
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.chart import ensure_account
from ledger_service.collection_blocks import block
from ledger_service.collection_rules import (
    BLOCKING,
    NOT_AGAIN,
    REVOKING,
    claims_to_be_ours,
    return_reason_text,
)
from ledger_service.journal import (
    UNALLOCATED_PAYMENTS,
    NewEntry,
    NewOpenItem,
    Posting,
    add_open_items,
    book_many,
    first_open_day,
)
from ledger_service.mandates import revoke
from ledger_service.matching import item_posting, take_off
from ledger_service.statements import Line
from ledger_service.tables import (
    bank_lines,
    collection_items,
    ledger_settings,
    mandates,
    open_items,
)
from servicekit.context_token import RequestContext
from servicekit.problems import invalid

RETURN_COSTS = ("8100", "Return costs charged", "income")
PAYMENT_DAYS = 14


def is_return(line: Line) -> bool:
    """One of the tenant's direct debits taken back: money leaves the account, with a return
    reason, naming a transaction in the shape of a run's."""
    return (
        line.amount < 0
        and line.return_reason is not None
        and line.end_to_end_id is not None
        and claims_to_be_ours(line.end_to_end_id)
    )


async def check_returns(session: AsyncSession, lines: list[Line]) -> None:
    """422 naming the first return of a run's transaction that no run of the tenant made."""
    wanted = {x.end_to_end_id for x in lines if is_return(x)}
    if not wanted:
        return
    known = set(
        (
            await session.execute(
                select(collection_items.c.end_to_end_id).where(
                    collection_items.c.end_to_end_id.in_(sorted(wanted))
                )
            )
        ).scalars()
    )
    for x in lines:
        if is_return(x) and x.end_to_end_id not in known:
            raise invalid(
                "end_to_end_id",
                f"{x.position}: unknown",
                f"{x.position}: a return of a direct debit this tenant never collected"
                f" ({x.end_to_end_id}); nothing of this file was booked",
            )


async def book_returns(session: AsyncSession, ctx: RequestContext, line_ids: list[str]) -> int:
    """Handles each return among the new lines `line_ids`; how many it handled."""
    assert ctx.tenant
    if not line_ids:
        return 0
    lines = (
        await session.execute(
            select(bank_lines)
            .where(
                bank_lines.c.id.in_(line_ids),
                bank_lines.c.amount < 0,
                bank_lines.c.return_reason.is_not(None),
                bank_lines.c.end_to_end_id.is_not(None),
            )
            .order_by(bank_lines.c.id)
        )
    ).all()
    handled = 0
    for line in lines:
        collected = (
            await session.execute(
                select(collection_items)
                .where(
                    collection_items.c.end_to_end_id == line.end_to_end_id,
                    collection_items.c.returned_at.is_(None),
                )
                .with_for_update()
            )
        ).first()
        if collected is None or collected.amount != -line.amount:
            continue  # returned before, or not this amount: the line waits for a person
        await _reopen(session, ctx, line, collected)
        handled += 1
    return handled


async def _reopen(session: AsyncSession, ctx: RequestContext, line: Any, collected: Any) -> None:
    assert ctx.tenant
    item = (
        await session.execute(
            select(open_items).where(open_items.c.id == collected.item_id).with_for_update()
        )
    ).one()
    reason = return_reason_text(line.return_reason)
    text = f"{item.reference} returned by the bank: {reason}"
    day = await first_open_day(session, line.booking_date)
    entry_id = await _charge(
        session, ctx, day, text, collected.amount, item, str(item.id), UNALLOCATED_PAYMENTS
    )
    await take_off(session, {str(item.id): -collected.amount})  # open again
    await session.execute(
        update(bank_lines).where(bank_lines.c.id == line.id).values(unallocated=Decimal(0))
    )
    await session.execute(
        update(collection_items)
        .where(
            collection_items.c.collection_id == collected.collection_id,
            collection_items.c.item_id == collected.item_id,
        )
        .values(
            returned_at=func.now(),
            return_reason=line.return_reason,
            return_line_id=line.id,
            return_entry_id=entry_id,
        )
    )
    if line.return_reason in REVOKING:
        mandate = (
            await session.execute(select(mandates).where(mandates.c.id == collected.mandate_id))
        ).one()
        await revoke(session, ctx.tenant, str(mandate.id), f"bank return {reason}", ctx.username)
    if line.return_reason in BLOCKING:
        why = f"bank return {line.return_reason}: {reason} ({item.reference})"
        await block(session, ctx.tenant, item.relation_id, why, ctx.username)
    await _charge_return_cost(session, ctx, item, day)


async def _charge_return_cost(
    session: AsyncSession, ctx: RequestContext, item: Any, day: dt.date
) -> None:
    """The tenant's return cost, if it sets one, as a new item on the relation's account."""
    assert ctx.tenant
    cost = (await session.execute(select(ledger_settings.c.return_cost))).scalar_one_or_none()
    if not cost:
        return
    await ensure_account(session, ctx.tenant, RETURN_COSTS)
    item_id = str(uuid.uuid4())
    text = f"Return cost of {item.reference}"
    entry_id = await _charge(session, ctx, day, text, cost, item, item_id, RETURN_COSTS[0])
    await add_open_items(
        session,
        ctx.tenant,
        [
            NewOpenItem(
                item_id=item_id,
                ledger="debtors",
                relation_id=item.relation_id,
                relation_name=item.relation_name,
                reference=f"{item.reference}-R",
                description=text,
                item_date=day,
                due_date=day + dt.timedelta(days=PAYMENT_DAYS),
                amount=cost,
                entry_id=entry_id,
                policy_number=item.policy_number,
            )
        ],
    )


async def _charge(
    session: AsyncSession,
    ctx: RequestContext,
    day: dt.date,
    text: str,
    amount: Decimal,
    item: Any,
    item_id: str,
    against: str,
) -> str:
    """An entry charging the relation of `item` `amount` on the item `item_id` (debtors
    control), against the account `against`; its id."""
    assert ctx.tenant
    [entry_id] = await book_many(
        session,
        ctx.tenant,
        [
            NewEntry(
                entry_date=day,
                description=text,
                source="collection",
                postings=[
                    item_posting("debtors", amount, item.relation_id, item_id, text),
                    Posting(against, credit=amount, description=text),
                ],
                created_by=ctx.username,
            )
        ],
    )
    return entry_id


async def not_again(session: AsyncSession, item_ids: list[str]) -> set[str]:
    """Of the items `item_ids`, those a debtor had refunded (MD06): not by direct debit again."""
    if not item_ids:
        return set()
    rows = await session.execute(
        select(collection_items.c.item_id).where(
            collection_items.c.item_id == any_(cast(item_ids, ARRAY(UUID(as_uuid=False)))),
            collection_items.c.return_reason.in_(sorted(NOT_AGAIN)),
        )
    )
    return {str(r) for r in rows.scalars()}
