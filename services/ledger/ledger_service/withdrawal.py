"""Withdrawing the ledger's part of a portfolio import (ADR 0007, `servicekit.import_part`):
every entry the import booked (its open items' and its opening balances') is reversed on its own
date, line for line (the items' lines naming relation and item again, so each current account
nets to zero), and the imported items are closed. Refused while anything was done with an
imported item (a payment matched, a settlement, a write-off: its remaining is not its amount)
or the cut-off's period is closed; the reversal never touches what was booked since. The
mandates the import took over are revoked (kept with their history)."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import CursorResult, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import NewEntry, Posting, book_many, period_closed
from ledger_service.mandates import revoke
from ledger_service.tables import journal_entries, journal_lines, mandates, open_items
from servicekit.import_part import MAX_BLOCKERS

ENTRIES_AT_ONCE = 20  # an import's entries reversed a few at a time (up to 2,001 lines each)


def _booked_by(import_id: str) -> Any:
    """The import's own entries (not the reversals of them)."""
    e = journal_entries.c
    return (e.import_id == import_id) & e.reverses.is_(None)


async def blockers(session: AsyncSession, import_id: str) -> list[str]:
    items = (
        await session.execute(
            select(open_items)
            .join(journal_entries, journal_entries.c.id == open_items.c.entry_id)
            .where(_booked_by(import_id), open_items.c.remaining != open_items.c.amount)
            .order_by(open_items.c.reference)
            .limit(MAX_BLOCKERS)
        )
    ).all()
    found = [
        f"{item.ledger[:-1]} item {item.reference} of {item.relation_name}:"
        f" {Decimal(item.amount) - Decimal(item.remaining)} of {item.amount} is settled"
        " (a payment matched, a settlement or a write-off); undo that first"
        for item in items
    ]
    cut_off = (
        await session.execute(
            select(func.min(journal_entries.c.entry_date)).where(_booked_by(import_id))
        )
    ).scalar_one()
    if cut_off is not None and await period_closed(session, cut_off):
        found.append(
            f"the period of {cut_off} is closed, so the import's entries cannot be reversed"
        )
    return found[:MAX_BLOCKERS]


async def undo(session: AsyncSession, tenant: str, command: dict[str, Any]) -> dict[str, int]:
    import_id = str(command["import_id"])
    e = journal_entries.c
    reversed_ = journal_entries.alias("reversal")
    originals = (
        await session.execute(
            select(journal_entries)
            .where(
                _booked_by(import_id),
                ~exists().where(reversed_.c.reverses == e.id),
            )
            .order_by(e.number)
        )
    ).all()
    by = f"import {command['number']} withdrawn"
    for start in range(0, len(originals), ENTRIES_AT_ONCE):
        chunk = originals[start : start + ENTRIES_AT_ONCE]
        await book_many(session, tenant, await _reversals(session, chunk, import_id, by))
    closed: CursorResult[Any] = await session.execute(  # type: ignore[assignment]
        update(open_items)
        .where(
            open_items.c.entry_id.in_(select(e.id).where(_booked_by(import_id))),
            open_items.c.remaining != 0,
        )
        .values(remaining=0)
    )
    taken_over = (
        await session.execute(
            select(mandates.c.id).where(
                mandates.c.import_id == import_id, mandates.c.status == "active"
            )
        )
    ).scalars()
    revoked = [
        m for m in taken_over if await revoke(session, tenant, str(m), by, "import withdrawal")
    ]
    return {"entries": len(originals), "items": closed.rowcount, "mandates": len(revoked)}


async def _reversals(
    session: AsyncSession, originals: Sequence[Any], import_id: str, by: str
) -> list[NewEntry]:
    lines = (
        await session.execute(
            select(journal_lines)
            .where(journal_lines.c.entry_id.in_([str(o.id) for o in originals]))
            .order_by(journal_lines.c.entry_id, journal_lines.c.line_no)
        )
    ).all()
    by_entry: dict[str, list[Posting]] = {}
    for line in lines:
        by_entry.setdefault(str(line.entry_id), []).append(
            Posting(
                line.account_code,
                debit=Decimal(line.credit),
                credit=Decimal(line.debit),
                relation_id=line.relation_id,
                item_id=line.item_id,
                description=line.description,
            )
        )
    return [
        NewEntry(
            entry_date=original.entry_date,
            description=f"Reversal of {original.number}: {original.description}",
            source="reversal",
            postings=by_entry[str(original.id)],
            created_by=by,
            reverses=str(original.id),
            import_id=import_id,
        )
        for original in originals
    ]
