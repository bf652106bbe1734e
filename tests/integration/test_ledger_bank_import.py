"""Bank transactions booked once, by the database itself: two imports of the same transactions
at the same moment (one waits for the other and is refused whole), and the lines of a ledger
from before transaction keys, which get their keys when it is migrated."""

import asyncio
import uuid
from decimal import Decimal

import asyncpg
import pytest
from alembic import command
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from devstack.stack import Stack
from ledger_service.bank import import_file
from ledger_service.chart import open_chart_for_new_tenant
from ledger_service.tables import bank_lines, journal_lines
from servicekit.context_token import RequestContext
from servicekit.db import Database
from servicekit.events import Event
from servicekit.migrations import alembic_config
from servicekit.problems import Problem
from tests.support.camt import camt053
from tests.support.ledger import Books, ledger_books, waiting_on_a_lock
from tests.support.waiting import eventually_async

D = Decimal
RECEIPTS = 50
CSV = "date,amount,name,iban,reference,description\n" + "".join(
    f"2026-11-12,{10 + n / 100:.2f},J. de Vries,NL91ABNA0417164300,,Premie {n}\n"
    for n in range(RECEIPTS)
)
TOTAL = sum((D(10) + D(n) / 100 for n in range(RECEIPTS)), D(0))


async def _booked(books: Books) -> tuple[int, Decimal]:
    """Bank lines kept, and the bank account's balance."""
    async with books.db.tenant_transaction(books.tenant) as session:
        lines = await session.scalar(select(func.count()).select_from(bank_lines))
        bank = await session.scalar(
            select(
                func.coalesce(func.sum(journal_lines.c.debit - journal_lines.c.credit), 0)
            ).where(journal_lines.c.account_code == "1100")
        )
    return int(lines or 0), D(bank or 0)


async def _two_at_once(stack: Stack) -> None:
    async with ledger_books(stack, "b") as books:

        async def second() -> object:
            async with books.db.tenant_transaction(books.tenant) as session:
                windows = CSV.replace("\n", "\r\n").encode()
                return await import_file(session, books.ctx, windows, "text/csv")

        async with books.db.tenant_transaction(books.tenant) as session:
            first = await import_file(session, books.ctx, CSV.encode(), "text/csv")
            assert first.receipts == RECEIPTS
            waiting = asyncio.create_task(second())
            # It found none of them booked (the first has not committed) and waits at the
            # database for the first one's transaction, not at a check of its own.
            assert await eventually_async(lambda: waiting_on_a_lock(stack))
            assert not waiting.done()
        with pytest.raises(Problem) as refused:
            await waiting
        assert refused.value.status == 409 and "nothing of this file was booked" in str(
            refused.value
        )
        assert await _booked(books) == (RECEIPTS, TOTAL)

        # Imported again, it books nothing and says so.
        async with books.db.tenant_transaction(books.tenant) as session:
            windows = CSV.replace("\n", "\r\n").encode()
            again = await import_file(session, books.ctx, windows, "text/csv")
        assert (again.receipts, again.skipped) == (0, RECEIPTS)
        assert await _booked(books) == (RECEIPTS, TOTAL)

        # And the database refuses a transaction's occurrence twice, whoever writes it.
        async with books.db.tenant_transaction(books.tenant) as session:
            kept = (await session.execute(select(bank_lines).limit(1))).one()._asdict()
            with pytest.raises(IntegrityError, match="bank_lines_transaction_once"):
                await session.execute(bank_lines.insert().values({**kept, "id": str(uuid.uuid4())}))


def test_two_imports_of_the_same_transactions_at_once_book_them_once(stack: Stack) -> None:
    asyncio.run(_two_at_once(stack))


# -- the migration ---------------------------------------------------------------------------


async def _superuser(stack: Stack, sql: str) -> None:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn())
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _lines_from_before(url: str, tenant: str) -> None:
    """What the ledger kept before transaction keys: a CSV file imported twice (saved again
    with Windows line ends, so booked twice) and a CAMT.053 statement without the bank's
    references, its lines known by their place."""
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            await conn.execute("select set_config('app.tenant', $1, true)", tenant)
            for n, (fmt, iban) in enumerate(
                [("csv", None), ("csv", None), ("camt.053", "NL52RABO0312456780")]
            ):
                statement = uuid.uuid4()
                await conn.execute(
                    "insert into bank_statements (tenant_id, id, statement_id, account_iban,"
                    " file_hash, format, lines, imported_by, imported_at)"
                    " values ($1, $2, $3, $4, $5, $6, 1, 'b', now() + $7 * interval '1 second')",
                    tenant,
                    statement,
                    f"s{n}",
                    iban,
                    f"hash{n}",
                    fmt,
                    n,
                )
                reference = "/entry 1/1" if fmt == "camt.053" else f"hash{n}/2"
                await conn.execute(
                    "insert into bank_lines (tenant_id, id, statement_id, position, booking_date,"
                    " amount, currency, bank_reference, counterparty_name, counterparty_iban,"
                    " remittance, reversal, unallocated)"
                    " values ($1, $2, $3, 'line 2', '2026-11-12', 45.10, 'EUR', $4, 'P. Jansen',"
                    " 'NL63ABNA0582219034', 'Premie november', false, 45.10)",
                    tenant,
                    uuid.uuid4(),
                    statement,
                    reference,
                )
    finally:
        await conn.close()


async def _after_the_migration(url: str, tenant: str) -> None:
    db = Database(url, pool_size=1)
    ctx = RequestContext(
        subject="m", username="bookkeeper", tenant=tenant, acting_as="employee", request_id="r"
    )
    try:
        async with db.tenant_transaction(tenant) as session:
            await open_chart_for_new_tenant(
                session, Event.new("identity", "tenant.registered", tenant, {})
            )
        async with db.tenant_transaction(tenant) as session:
            kept = (await session.execute(select(bank_lines))).all()
        # The bank's own references only (these had none); the file booked twice, twice.
        assert [x.bank_reference for x in kept] == [None] * 3
        assert sorted(x.occurrence for x in kept) == [1, 1, 2]
        assert len({x.transaction_key for x in kept}) == 2

        # The file once more, laid out again: both of its bookings are known, nothing is booked.
        copy = "amount,date,name,iban,reference,description\r\n"
        copy += "45.1,2026-11-12,P. Jansen,NL63ABNA0582219034,,Premie november\r\n"
        async with db.tenant_transaction(tenant) as session:
            again = await import_file(session, ctx, copy.encode(), "text/csv")
        assert (again.receipts, again.skipped) == (0, 1)
        # Another statement without the bank's references: its first entry is its own.
        other = camt053(
            "NL52RABO-2",
            "2026-11-12",
            D(0),
            [(D("45.10"), "P. Jansen", "NL63ABNA0582219034", "Premie december")],
            bank_references=False,
        )
        async with db.tenant_transaction(tenant) as session:
            imported = await import_file(session, ctx, other, "application/xml")
        assert (imported.receipts, imported.skipped) == (1, 0)
    finally:
        await db.dispose()


def test_lines_imported_before_get_their_keys(stack: Stack) -> None:
    name = f"ledger_{uuid.uuid4().hex[:10]}"
    asyncio.run(_superuser(stack, f'create database "{name}" owner ledger'))
    try:
        config = alembic_config("ledger_service", stack.postgres.url("ledger", "ledger", name))
        command.upgrade(config, "0006")
        tenant = f"m-{uuid.uuid4().hex[:10]}"
        plain = stack.postgres.url("ledger", "ledger", name, driver="")
        asyncio.run(_lines_from_before(plain, tenant))
        command.upgrade(config, "head")
        asyncio.run(_after_the_migration(stack.postgres.url("ledger", "ledger", name), tenant))
        # And back, and forth again.
        command.downgrade(config, "0006")
        command.upgrade(config, "head")
    finally:
        asyncio.run(_superuser(stack, f'drop database "{name}" with (force)'))
