"""Events added within `events_together` are stored in one statement at its end, against the real
PostgreSQL: none is in the outbox before the end, all are after it, and a body that fails stores
none of its own."""

import asyncio
import uuid

import asyncpg
import pytest
from sqlalchemy import MetaData, func, select

from devstack.stack import Stack
from ledger_service.tables import outbox
from servicekit.db import Database
from servicekit.events import Event
from servicekit.outbox import add_event, add_events, events_together


def _event(n: int) -> Event:
    return Event.new("ledger", "drill.made", "t", {"n": n})


def test_events_added_together_are_stored_at_the_end(stack: Stack) -> None:
    async def scenario() -> None:
        name = f"outbox_together_{uuid.uuid4().hex[:8]}"
        owner = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
        await owner.execute(f"create table {name} (like outbox including all)")
        table = outbox.to_metadata(MetaData(), name=name)
        db = Database(stack.migration_url("ledger"), pool_size=1)
        count = select(func.count()).select_from(table)
        made = [_event(n) for n in range(3)]
        try:
            async with db.system_transaction() as session:
                async with events_together(session, table):
                    await add_event(session, table, made[0])
                    await add_events(session, table, made[1:])
                    assert await session.scalar(count) == 0  # held back until the end
                assert await session.scalar(count) == 3
                with pytest.raises(RuntimeError):
                    async with events_together(session, table):
                        await add_event(session, table, _event(9))
                        raise RuntimeError("the request failed")
                assert await session.scalar(count) == 3
                await add_event(session, table, _event(10))  # outside: stored at once
                assert await session.scalar(count) == 4
            stored = {r["id"] for r in await owner.fetch(f"select id from {name}")}
            assert {uuid.UUID(e.id) for e in made} <= stored
        finally:
            await db.dispose()
            await owner.execute(f"drop table {name}")
            await owner.close()

    asyncio.run(scenario())
