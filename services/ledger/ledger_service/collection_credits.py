"""The bank's batch credit of a direct-debit run: one booked line for a block of the run's file,
naming its payment information id. When the line's amount is the block's total it is matched to
the block as a whole (unallocated receipts to direct debits in transit), once; any other amount
stays an unmatched receipt for the accountant to look at."""

from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import IN_TRANSIT, UNALLOCATED_RECEIPTS, Posting, book, first_open_day
from ledger_service.tables import bank_lines, collection_credits, collection_items
from servicekit.context_token import RequestContext


async def credit_collections(
    session: AsyncSession, ctx: RequestContext, line_ids: list[str]
) -> set[str]:
    """Matches each of the receipts `line_ids` that is a run's batch credit; their ids."""
    assert ctx.tenant
    if not line_ids:
        return set()
    lines = (
        await session.execute(
            select(bank_lines)
            .where(bank_lines.c.id.in_(line_ids), bank_lines.c.payment_info_id.is_not(None))
            .order_by(bank_lines.c.id)
        )
    ).all()
    credited = set()
    for line in lines:
        block = (
            await session.execute(
                select(collection_items.c.collection_id, func.sum(collection_items.c.amount))
                .where(collection_items.c.payment_info_id == line.payment_info_id)
                .group_by(collection_items.c.collection_id)
            )
        ).first()
        if block is None or block[1] != line.amount:
            continue
        taken = await session.execute(
            select(collection_credits.c.bank_line_id).where(
                collection_credits.c.payment_info_id == line.payment_info_id
            )
        )
        if taken.first() is not None:
            continue
        entry_id = await _book(session, ctx, line, block[1])
        await session.execute(
            update(bank_lines).where(bank_lines.c.id == line.id).values(unallocated=Decimal(0))
        )
        await session.execute(
            insert(collection_credits).values(
                tenant_id=ctx.tenant,
                payment_info_id=line.payment_info_id,
                collection_id=block[0],
                bank_line_id=line.id,
                amount=line.amount,
                entry_id=entry_id,
            )
        )
        credited.add(str(line.id))
    return credited


async def _book(session: AsyncSession, ctx: RequestContext, line: Any, amount: Decimal) -> str:
    assert ctx.tenant
    text = f"batch credit of direct debit {line.payment_info_id}"
    return await book(
        session,
        ctx.tenant,
        entry_date=await first_open_day(session, line.booking_date),
        description=text,
        source="collection",
        postings=[
            Posting(UNALLOCATED_RECEIPTS, debit=amount, description=text),
            Posting(IN_TRANSIT, credit=amount, description=text),
        ],
        created_by=ctx.username,
    )
