"""Closing months against the real ledger database: months close in order and close the books up
to their end; closing stores every account's balance, the trial balance and the account card
start from the newest stored balances and come out exactly as from the lines alone, and they do
read them (a stored balance doctored behind the ledger's back shows up in them)."""

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import pytest

from devstack.stack import Stack
from ledger_service.journal import Posting, book, first_open_day, next_month
from ledger_service.periods import close_month
from ledger_service.reports import card, trial_balance
from servicekit.problems import Problem
from tests.support.ledger import Books, ledger_books, waiting_on_a_lock
from tests.support.waiting import eventually_async

D = Decimal


def _months_ago(n: int) -> date:
    month = date.today().replace(day=1)
    for _ in range(n):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def _end(month: date) -> date:
    return next_month(month) - timedelta(days=1)


async def _rent(books: Books, day: date, amount: str) -> None:
    async with books.db.tenant_transaction(books.tenant) as session:
        await book(
            session,
            books.tenant,
            entry_date=day,
            description=f"Rent {day}",
            source="manual",
            postings=[Posting("4000", debit=D(amount)), Posting("1100", credit=D(amount))],
            created_by="bookkeeper",
        )


async def _trial(books: Books, day: date) -> Any:
    async with books.db.tenant_transaction(books.tenant) as session:
        return await trial_balance(session, day)


async def _close(books: Books, month: date) -> None:
    async with books.db.tenant_transaction(books.tenant) as session:
        await close_month(session, books.tenant, month, "bookkeeper")


async def _as_superuser(stack: Stack, sql: str, *args: object) -> None:
    """Behind the ledger's back: triggers off, row-level security bypassed."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("ledger"))
    try:
        async with conn.transaction():
            await conn.execute("set local session_replication_role = replica")
            await conn.execute(sql, *args)
    finally:
        await conn.close()


async def _as_ledger(stack: Stack, tenant: str, sql: str, *args: object) -> str:
    conn = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
    try:
        async with conn.transaction():
            await conn.execute("select set_config('app.tenant', $1, true)", tenant)
            await conn.execute(sql, *args)
        return "done"
    except asyncpg.PostgresError as exc:
        return f"refused: {exc}"
    finally:
        await conn.close()


async def _scenario(stack: Stack) -> None:
    m3, m2, m1 = _months_ago(3), _months_ago(2), _months_ago(1)
    async with ledger_books(stack, "p") as books:
        for day, amount in [
            (m3 + timedelta(days=4), "100.00"),
            (m3 + timedelta(days=20), "50.00"),
            (m2 + timedelta(days=9), "30.00"),
            (m1, "7.50"),
            (date.today(), "1.25"),
        ]:
            await _rent(books, day, amount)
        days = [
            m3 - timedelta(days=1),
            m3 + timedelta(days=4),
            _end(m3),
            m2 + timedelta(days=9),
            _end(m2),
            m1,
            _end(m1),
            date.today(),
        ]
        before = {day: await _trial(books, day) for day in days}
        assert all(t.snapshot is None for t in before.values())
        assert before[_end(m2)].total_debit == "180.00"

        # The first month closed closes the books up to it; after it, only the next one.
        await _close(books, m3)
        for month, refusal in [
            (m1, f"close {m2:%Y-%m} before {m1:%Y-%m}"),
            (m3, "closed already"),
            (_months_ago(5), "closed already"),
        ]:
            with pytest.raises(Problem) as refused:
                await _close(books, month)
            assert refused.value.status == 409 and refusal in refused.value.detail
        await _close(books, m2)

        # The same figures on every date, from the stored balances of the newest month ended.
        for day in days:
            after = await _trial(books, day)
            assert (after.accounts, after.total_debit, after.total_credit) == (
                before[day].accounts,
                before[day].total_debit,
                before[day].total_credit,
            )
            expected = m2 if day >= _end(m2) else m3 if day >= _end(m3) else None
            assert after.snapshot == (f"{expected:%Y-%m}" if expected else None), day

        # Nothing is booked in or before a closed month any more, by the ledger or the database.
        insert = (
            "insert into journal_entries (tenant_id, id, number, entry_date, description, source,"
            " created_by) values ($1, gen_random_uuid(), 999, $2, 'late', 'manual', 'x')"
        )
        for day in (m2 + timedelta(days=1), m3 - timedelta(days=40)):
            with pytest.raises(Problem) as refused:
                await _rent(books, day, "1.00")
            assert refused.value.status == 409
            outcome = await _as_ledger(stack, books.tenant, insert, books.tenant, day)
            assert outcome.startswith("refused") and "is closed" in outcome
        async with books.db.tenant_transaction(books.tenant) as session:
            assert await first_open_day(session, m3) == m1
        outcome = await _as_ledger(
            stack, books.tenant, "update period_balances set debit = debit + 1"
        )
        assert outcome.startswith("refused") and "never changed" in outcome

        # The reports read the stored balances: doctor one, and they follow it.
        doctor = (
            "update period_balances set debit = debit + $3"
            " where tenant_id = $1 and month = $2 and account_code = '4000'"
        )
        await _as_superuser(stack, doctor, books.tenant, m2, D("1000.00"))
        try:
            doctored = {a.code: a for a in (await _trial(books, _end(m1))).accounts}
            assert doctored["4000"].debit == "1187.50"
            mid_m2 = {a.code: a for a in (await _trial(books, m2 + timedelta(days=9))).accounts}
            assert mid_m2["4000"].debit == "180.00"  # from m3's balances and m2's lines
            async with books.db.tenant_transaction(books.tenant) as session:
                opening = await card("4000", session, m1, None)
            assert (opening.opening, opening.snapshot) == ("1180.00", f"{m2:%Y-%m}")
        finally:
            await _as_superuser(stack, doctor, books.tenant, m2, D("-1000.00"))
        async with books.db.tenant_transaction(books.tenant) as session:
            account = await card("4000", session, m1, None)
        assert (account.opening, account.closing) == ("180.00", "188.75")
        assert [line.balance for line in account.lines] == ["187.50", "188.75"]

        # An entry for a month being closed waits for the close, and is then refused.
        async with books.db.tenant_transaction(books.tenant) as session:
            await close_month(session, books.tenant, m1, "bookkeeper")
            late = asyncio.create_task(_as_ledger(stack, books.tenant, insert, books.tenant, m1))
            assert await eventually_async(lambda: waiting_on_a_lock(stack))
            assert not late.done()
        outcome = await late
        assert outcome.startswith("refused") and "is closed" in outcome

        # Up to the month under way, not beyond it.
        this_month = date.today().replace(day=1)
        await _close(books, this_month)
        with pytest.raises(Problem) as refused:
            await _close(books, next_month(this_month))
        assert refused.value.status == 409 and "has not begun" in refused.value.detail


def test_closed_months_keep_balances_that_the_reports_start_from(stack: Stack) -> None:
    asyncio.run(_scenario(stack))
