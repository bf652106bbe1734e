"""Booking journal entries: balanced, on open accounts, in an open period, numbered per tenant,
never changed afterwards (a correction is a reversal and a new entry). The database enforces the
balance, the finality and the closed periods too; the checks here give the caller a clear 4xx
first. Nothing here updates a balance row: balances are sums of lines, so concurrent postings to
hot accounts (tax payable, commission income) neither deadlock nor queue on one row."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import (
    accounts,
    closed_periods,
    journal_entries,
    journal_lines,
    open_items,
)
from servicekit.problems import Problem
from servicekit.rows import by_column, insert_columns

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# Accounts of the default chart that bookings name.
BANK, UNALLOCATED_RECEIPTS, UNALLOCATED_PAYMENTS, WRITE_OFF = "1100", "1800", "1390", "4900"
IN_TRANSIT = "1310"  # direct debits collected, not yet credited by the bank


@dataclass(frozen=True)
class Posting:
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    relation_id: str | None = None
    item_id: str | None = None
    description: str | None = None


def balance_errors(postings: Sequence[Posting]) -> list[dict[str, str]]:
    """What makes these lines not a valid entry, per field; empty if they are one."""
    errors = []
    if len(postings) < 2:
        errors.append({"field": "lines", "message": "an entry has at least two lines"})
    for n, p in enumerate(postings):
        for side in ("debit", "credit"):
            amount: Decimal = getattr(p, side)
            if amount < 0 or amount != amount.quantize(CENT):
                errors.append({"field": f"lines.{n}.{side}", "message": "whole cents, not below 0"})
        if (p.debit == 0) == (p.credit == 0):
            errors.append({"field": f"lines.{n}", "message": "either a debit or a credit"})
    debit = sum((p.debit for p in postings), ZERO)
    credit = sum((p.credit for p in postings), ZERO)
    if debit != credit:
        errors.append({"field": "lines", "message": f"debit {debit} is not credit {credit}"})
    return errors


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


async def closed_through(session: AsyncSession) -> date | None:
    """The newest closed month (its first day), or None. Months close in order and a closed
    month closes the books up to its end, so every day up to that month's end is closed."""
    newest: date | None = (
        await session.execute(select(func.max(closed_periods.c.month)))
    ).scalar_one()
    return newest


async def period_closed(session: AsyncSession, day: date) -> bool:
    newest = await closed_through(session)
    return newest is not None and month_of(day) <= newest


async def first_open_day(session: AsyncSession, day: date) -> date:
    """`day`, or the first day after the closed months (for bookings that follow events: a
    document dated in a closed month is booked in the first open one)."""
    return open_day(await closed_through(session), day)


def open_day(closed: date | None, day: date) -> date:
    """`day`, or the first day after the months closed through `closed` (its first day)."""
    if closed is None or month_of(day) > closed:
        return day
    return next_month(closed)


async def _reserve_numbers(session: AsyncSession, tenant: str, count: int) -> list[int]:
    """The next `count` entry numbers of the tenant, in one statement."""
    last: int = (
        await session.execute(
            text(
                "insert into entry_numbers (tenant_id, last) values (:t, :n) on conflict"
                " (tenant_id) do update set last = entry_numbers.last + :n returning last"
            ),
            {"t": tenant, "n": count},
        )
    ).scalar_one()
    return list(range(last - count + 1, last + 1))


@dataclass(frozen=True)
class NewEntry:
    """An entry to book: its lines and what it says of itself."""

    entry_date: date
    description: str
    source: str
    postings: Sequence[Posting]
    created_by: str
    event_id: str | None = None
    reverses: str | None = None
    import_id: str | None = None


async def book(
    session: AsyncSession,
    tenant: str,
    *,
    entry_date: date,
    description: str,
    source: str,
    postings: Sequence[Posting],
    created_by: str,
    event_id: str | None = None,
    reverses: str | None = None,
) -> str:
    """Book one entry; its id. 422 for unbalanced lines or unknown or blocked accounts, 409 for
    a closed period."""
    entry = NewEntry(entry_date, description, source, postings, created_by, event_id, reverses)
    [entry_id] = await book_many(session, tenant, [entry])
    return entry_id


async def _check_accounts(session: AsyncSession, entries: Sequence[NewEntry]) -> None:
    """Every line of `entries` names an account that exists and is not blocked."""
    codes = {p.account for entry in entries for p in entry.postings}
    known = {
        r.code: r.blocked
        for r in (await session.execute(select(accounts).where(accounts.c.code.in_(codes)))).all()
    }
    for entry in entries:
        errors = [
            {
                "field": f"lines.{n}.account",
                "message": "unknown account" if p.account not in known else "blocked account",
            }
            for n, p in enumerate(entry.postings)
            if known.get(p.account, True)
        ]
        if errors:
            raise Problem(422, "The entry names accounts it cannot use", errors=errors)


def _entry_rows(
    tenant: str, ids: list[str], numbers: list[int], entries: Sequence[NewEntry]
) -> list[dict[str, Any]]:
    """The `journal_entries` rows of `entries`, with their ids and numbers."""
    return [
        {
            "tenant_id": tenant,
            "id": entry_id,
            "number": number,
            "entry_date": entry.entry_date,
            "description": entry.description,
            "source": entry.source,
            "event_id": entry.event_id,
            "reverses": entry.reverses,
            "created_by": entry.created_by,
            "import_id": entry.import_id,
        }
        for entry_id, number, entry in zip(ids, numbers, entries, strict=True)
    ]


def _line_rows(tenant: str, ids: list[str], entries: Sequence[NewEntry]) -> list[dict[str, Any]]:
    """The `journal_lines` rows of `entries` (with their ids), numbered from 1 per entry."""
    return [
        {
            "tenant_id": tenant,
            "entry_id": entry_id,
            "line_no": n + 1,
            "account_code": p.account,
            "debit": p.debit,
            "credit": p.credit,
            "relation_id": p.relation_id,
            "item_id": p.item_id,
            "description": p.description,
        }
        for entry_id, entry in zip(ids, entries, strict=True)
        for n, p in enumerate(entry.postings)
    ]


async def book_many(session: AsyncSession, tenant: str, entries: Sequence[NewEntry]) -> list[str]:
    """Book `entries` together (a batch of events: one check of the accounts and the periods, one
    insert of the entries with their lines); their ids, in order. Refused as a whole, as `book`
    refuses one."""
    for entry in entries:
        errors = balance_errors(entry.postings)
        if errors:
            raise Problem(422, "The entry is not balanced", errors=errors)
    await _check_accounts(session, entries)
    newest = await closed_through(session)
    for entry in entries:
        if newest is not None and month_of(entry.entry_date) <= newest:
            raise Problem(
                409, f"The period of {entry.entry_date} is closed; book in an open period"
            )
    ids = [str(uuid.uuid4()) for _ in entries]
    numbers = await _reserve_numbers(session, tenant, len(entries))
    entry_rows = _entry_rows(tenant, ids, numbers, entries)
    line_rows = _line_rows(tenant, ids, entries)
    try:
        await session.execute(
            _NEW_ENTRIES,
            by_column(entry_rows, _ENTRY_COLUMNS) | by_column(line_rows, _LINE_COLUMNS, "line_"),
        )
    except IntegrityError as exc:
        # The database's own check: the month was closed by a request that finished meanwhile.
        if getattr(exc.orig, "sqlstate", None) == "23514":
            raise Problem(409, "The period was closed meanwhile; book in an open period") from exc
        raise
    return ids


# The columns each row gives (an entry's creation time is the database's).
_ENTRY_COLUMNS = [c.name for c in journal_entries.c if c.name != "created_at"]
_LINE_COLUMNS = [c.name for c in journal_lines.c]
# Entries and their lines in one statement, the same whatever their count: a multi-row VALUES
# is a statement of its own for each count, parsed and planned again (a consumer's batches come
# in every size), and its lines took a second round trip.
_NEW_ENTRIES = insert_columns(journal_entries, _ENTRY_COLUMNS).add_cte(
    insert_columns(journal_lines, _LINE_COLUMNS, "line_").cte("lines")
)
_OPEN_ITEM_COLUMNS = [
    "tenant_id",
    "id",
    "ledger",
    "relation_id",
    "relation_name",
    "reference",
    "description",
    "item_date",
    "due_date",
    "amount",
    "remaining",
    "entry_id",
    "policy_number",
    "policy_id",
]
_NEW_OPEN_ITEMS = insert_columns(open_items, _OPEN_ITEM_COLUMNS)


@dataclass(frozen=True)
class NewOpenItem:
    """An open item of the debtors or creditors ledger, made by the entry `entry_id` (whose
    control-account line names `item_id`); all of it is open."""

    item_id: str
    ledger: str
    relation_id: str
    relation_name: str
    reference: str
    description: str
    item_date: date
    due_date: date
    amount: Decimal
    entry_id: str
    policy_number: str | None = None
    policy_id: str | None = None


async def add_open_items(session: AsyncSession, tenant: str, items: Sequence[NewOpenItem]) -> None:
    """`items` in one insert."""
    if not items:
        return
    rows = [
        {
            "tenant_id": tenant,
            "id": i.item_id,
            "ledger": i.ledger,
            "relation_id": i.relation_id,
            "relation_name": i.relation_name,
            "reference": i.reference,
            "description": i.description,
            "item_date": i.item_date,
            "due_date": i.due_date,
            "amount": i.amount,
            "remaining": i.amount,
            "entry_id": i.entry_id,
            "policy_number": i.policy_number,
            "policy_id": i.policy_id,
        }
        for i in items
    ]
    await session.execute(_NEW_OPEN_ITEMS, by_column(rows, _OPEN_ITEM_COLUMNS))
