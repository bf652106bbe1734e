"""Hypothesis against the real ledger database: any sequence of premium invoices and credit
notes, bank receipts, matches (valid or not) and undone matches keeps every invariant: the trial
balance balances, each control account equals its open items, unallocated receipts equal what
the receipts have left, no item is paid beyond its amount, and a refused step changes nothing."""

import asyncio
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from devstack.stack import Stack
from ledger_service.bank import import_file
from ledger_service.matching import Allocation, MatchIn, match, undo
from ledger_service.premiums import book_premium_document
from ledger_service.tables import bank_lines, journal_lines, matches, open_items
from servicekit.db import Database
from servicekit.problems import Problem
from tests.support.ledger import ledger_books, premium_document

D = Decimal
cents = st.integers(1, 50_000).map(lambda c: D(c) / 100)
invoice = st.tuples(st.just("invoice"), cents, st.integers(0, 2), st.booleans())
receipt = st.tuples(st.just("receipt"), cents, st.none(), st.none())
step = st.one_of(
    invoice,
    receipt,
    st.tuples(
        st.just("match"),
        st.integers(0, 9),
        st.lists(st.tuples(st.integers(0, 9), st.integers(1, 120)), min_size=1, max_size=3),
        st.booleans(),
    ),
    st.tuples(st.just("undo"), st.integers(0, 9), st.none(), st.none()),
)
# Invoices and receipts first, so that matches have something to work on; then anything.
operations = st.tuples(
    st.lists(invoice, min_size=1, max_size=4),
    st.lists(receipt, min_size=1, max_size=2),
    st.lists(step, min_size=1, max_size=10),
).map(lambda parts: [*parts[0], *parts[1], *parts[2]])


async def _invariants(db: Database, tenant: str) -> None:
    async with db.tenant_transaction(tenant) as session:
        sums = {
            r.account_code: r.debit - r.credit
            for r in (
                await session.execute(
                    select(
                        journal_lines.c.account_code,
                        func.sum(journal_lines.c.debit).label("debit"),
                        func.sum(journal_lines.c.credit).label("credit"),
                    ).group_by(journal_lines.c.account_code)
                )
            ).all()
        }
        assert sum(sums.values(), D(0)) == 0
        items = (await session.execute(select(open_items))).all()
        debtors = sum((i.remaining for i in items if i.ledger == "debtors"), D(0))
        creditors = sum((i.remaining for i in items if i.ledger == "creditors"), D(0))
        assert sums.get("1300", D(0)) == debtors
        assert -sums.get("1600", D(0)) == creditors
        lines = (await session.execute(select(bank_lines))).all()
        assert -sums.get("1800", D(0)) == sum((x.unallocated for x in lines), D(0))
        assert sums.get("1100", D(0)) == sum((x.amount for x in lines), D(0))
        active = (await session.execute(select(matches).where(matches.c.undone_at.is_(None)))).all()
        paid: dict[str, Decimal] = {}
        for m in active:
            for a in m.allocations:
                paid[a["item_id"]] = paid.get(a["item_id"], D(0)) + D(a["amount"])
        for i in items:
            assert abs(i.remaining) <= abs(i.amount)
            assert i.amount - i.remaining == paid.get(str(i.id), D(0))


async def _run(stack: Stack, ops: list[Any]) -> None:
    async with ledger_books(stack, "h") as books:
        db, tenant, ctx = books.db, books.tenant, books.ctx
        receipts: list[str] = []
        made: list[str] = []
        for n, (kind, a, b, c) in enumerate(ops):
            try:
                async with db.tenant_transaction(tenant) as session:
                    if kind == "invoice":
                        await book_premium_document(
                            session, premium_document(tenant, n, a, holder=f"holder-{b}", credit=c)
                        )
                    elif kind == "receipt":
                        csv = "date,amount,name,iban,reference,description\n"
                        csv += f"2026-11-20,{a},x,,,r{n}\n"
                        await import_file(session, ctx, csv.encode(), "text/csv")
                        line = (
                            await session.execute(
                                select(bank_lines.c.id).order_by(bank_lines.c.booking_date)
                            )
                        ).all()
                        receipts = [str(r.id) for r in line]
                    elif kind == "match" and receipts:
                        items = (
                            await session.execute(
                                select(open_items)
                                .where(open_items.c.ledger == "debtors")
                                .order_by(open_items.c.reference)
                            )
                        ).all()
                        if not items:
                            continue
                        allocations = {}
                        for index, percent in b:
                            item = items[index % len(items)]
                            amount = (abs(item.amount) * percent / 100).quantize(D("0.01"))
                            allocations[str(item.id)] = max(amount, D("0.01"))
                        body = MatchIn(
                            bank_line_id=receipts[a % len(receipts)],
                            allocations=[
                                Allocation(item_id=i, amount=x) for i, x in allocations.items()
                            ],
                            write_off=c,
                        )
                        made.append((await match(session, ctx, "debtors", body)).id)
                    elif kind == "undo" and made:
                        await undo(session, ctx, "debtors", made[a % len(made)])
            except Problem as refused:
                assert 400 <= refused.status < 500

            await _invariants(db, tenant)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations)
def test_any_bookings_matches_and_undos_keep_the_books_right(stack: Stack, ops: list[Any]) -> None:
    asyncio.run(_run(stack, ops))
