"""A tenant's transaction against the real database (the ledger's accounts, under row-level
security): it begins together with its tenant setting in one round trip, sees and writes only its
tenant, commits before the session says it did, and a failure leaves nothing behind, neither rows
nor an open transaction on the pooled connection. A tenant name that cannot be written into the
statement as it is takes the bound parameter, with the same isolation."""

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.exc import DBAPIError

from devstack.stack import Stack
from ledger_service.tables import accounts
from servicekit.db import Database


async def _driver(db: Database) -> Any:
    """The pool's one connection (asyncpg's)."""
    async with db.engine.connect() as conn:
        return (await conn.get_raw_connection()).driver_connection


async def _add(db: Database, tenant: str, code: str) -> None:
    async with db.tenant_transaction(tenant) as session:
        await session.execute(
            insert(accounts).values(tenant_id=tenant, code=code, name="Kas", kind="asset")
        )


async def _codes(db: Database, tenant: str) -> set[tuple[str, str]]:
    async with db.tenant_transaction(tenant) as session:  # no tenant filter: the policy's
        rows = await session.execute(select(accounts.c.tenant_id, accounts.c.code))
        return {(r.tenant_id, r.code) for r in rows}


def test_a_transaction_begins_with_its_tenant_in_one_round_trip(stack: Stack) -> None:
    async def scenario() -> None:
        db = Database(stack.database_url("ledger"), pool_size=1, max_overflow=0)
        a, b = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
        try:
            driver = await _driver(db)
            sent: list[str] = []
            driver.add_query_logger(lambda q: sent.append(q.query))
            await _add(db, a, "1000")
            await _add(db, b, "1000")
            # The simple queries sent (the logger sees those, not the prepared statements):
            # each transaction begun with its tenant in one, and committed; no BEGIN alone.
            assert sent == [
                f"begin; select set_config('app.tenant', '{a}', true)",
                "commit",
                f"begin; select set_config('app.tenant', '{b}', true)",
                "commit",
            ]
            assert await _codes(db, a) == {(a, "1000")}
            assert await _codes(db, b) == {(b, "1000")}

            # The session's commit is the database's: done when the session says it is.
            states: list[bool] = []
            async with db.tenant_transaction(a) as session:
                await session.execute(
                    insert(accounts).values(tenant_id=a, code="1100", name="Bank", kind="asset")
                )
                event.listen(
                    session.sync_session,
                    "after_commit",
                    lambda _: states.append(driver.is_in_transaction()),
                )
            assert states == [False]
            assert await _codes(db, a) == {(a, "1000"), (a, "1100")}
        finally:
            await db.dispose()

    asyncio.run(scenario())


def test_a_failure_leaves_no_rows_and_no_open_transaction(stack: Stack) -> None:
    async def scenario() -> None:
        db = Database(stack.database_url("ledger"), pool_size=1, max_overflow=0)
        a = f"a-{uuid.uuid4().hex[:8]}"
        try:
            driver = await _driver(db)
            with pytest.raises(RuntimeError, match="the clerk gave up"):
                async with db.tenant_transaction(a) as session:
                    await session.execute(
                        insert(accounts).values(tenant_id=a, code="1000", name="Kas", kind="asset")
                    )
                    raise RuntimeError("the clerk gave up")
            assert not driver.is_in_transaction()
            # A statement the database refuses (another tenant's row) ends the same way.
            with pytest.raises(DBAPIError, match="row-level security"):
                await _smuggle(db, a)
            assert not driver.is_in_transaction()
            assert await _codes(db, a) == set()
            await _add(db, a, "1000")
            assert await _codes(db, a) == {(a, "1000")}
        finally:
            await db.dispose()

    asyncio.run(scenario())


async def _smuggle(db: Database, tenant: str) -> None:
    async with db.tenant_transaction(tenant) as session:
        await session.execute(
            insert(accounts).values(tenant_id="someone-else", code="9", name="X", kind="asset")
        )


def test_a_name_that_is_no_plain_slug_is_bound_and_still_isolated(stack: Stack) -> None:
    async def scenario() -> None:
        db = Database(stack.database_url("ledger"), pool_size=1, max_overflow=0)
        odd = f"O'Brien & {uuid.uuid4().hex[:6]}; drop table accounts"
        plain = f"p-{uuid.uuid4().hex[:8]}"
        try:
            driver = await _driver(db)
            sent: list[str] = []
            driver.add_query_logger(lambda q: sent.append(q.query))
            await _add(db, odd, "1000")
            assert not any(odd in q for q in sent), sent  # never in a statement's text
            await _add(db, plain, "1000")
            assert await _codes(db, odd) == {(odd, "1000")}
            assert await _codes(db, plain) == {(plain, "1000")}
        finally:
            await db.dispose()

    asyncio.run(scenario())
