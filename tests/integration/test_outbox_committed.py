"""What a transaction commits to the outbox is published right after the commit, by the ids it
wrote, against the real PostgreSQL and NATS: every committed event once, in the order written,
marked published; an event added in a savepoint that was undone never goes out."""

import asyncio
import json
import uuid

import asyncpg
import nats
from sqlalchemy import MetaData

from devstack.stack import Stack
from ledger_service.tables import outbox
from servicekit.db import Database
from servicekit.events import Event
from servicekit.outbox import OutboxRelay, add_events


def test_a_commit_publishes_its_own_events_and_none_it_undid(stack: Stack) -> None:
    async def scenario() -> tuple[
        list[dict[str, str]], list[str], list[str], list[tuple[str, bool]], int
    ]:
        name = f"outbox_committed_{uuid.uuid4().hex[:8]}"
        source = f"drill{uuid.uuid4().hex[:8]}"
        owner = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
        await owner.execute(f"create table {name} (like outbox including all)")
        service = await nats.connect(stack.nats.url)
        heard = await service.subscribe(f"events.{source}.>")
        db = Database(stack.migration_url("ledger"), pool_size=1)
        table = outbox.to_metadata(MetaData(), name=name)
        relay = OutboxRelay(db, table, service.jetstream())
        db.after_outbox_commit = relay.publish_committed
        try:
            kept = [Event.new(source, "invoice.issued", None, {"n": str(n)}) for n in range(3)]
            undone = Event.new(source, "invoice.issued", None, {"n": "undone"})
            async with db.system_transaction() as session:
                await add_events(session, table, kept[:2])
                savepoint = await session.begin_nested()
                await add_events(session, table, [undone])
                await savepoint.rollback()
                await add_events(session, table, kept[2:])
            # The commit has published them by now: the messages are waiting.
            messages = [await heard.next_msg(timeout=5) for _ in kept]
            with_ids = [m.headers["Nats-Msg-Id"] for m in messages if m.headers]
            try:
                extra = await heard.next_msg(timeout=0.5)
                with_ids.append(extra.headers["Nats-Msg-Id"] if extra.headers else "?")
            except nats.errors.TimeoutError:
                pass
            await relay.marked()
            stored = await owner.fetch(
                f"select id::text, published_at is not null as published from {name}"
            )
            again = await relay.relay_once()  # nothing left for the pass
            bodies = [json.loads(m.data)["data"] for m in messages]
            order = {e.id: n for n, e in enumerate(kept)}
            rows = sorted(((r["id"], r["published"]) for r in stored), key=lambda r: order[r[0]])
            return bodies, with_ids, [e.id for e in kept], rows, again
        finally:
            await db.dispose()
            await service.close()
            await owner.execute(f"drop table {name}")
            await owner.close()

    bodies, ids, written, rows, again = asyncio.run(scenario())
    assert bodies == [{"n": "0"}, {"n": "1"}, {"n": "2"}]
    assert ids == written, "not the committed events once each, in the order written"
    assert [published for _, published in rows] == [True, True, True]
    assert again == 0


def test_a_commit_of_more_than_a_batch_leaves_the_rest_to_the_pass(stack: Stack) -> None:
    async def scenario() -> tuple[int, int, int]:
        name = f"outbox_committed_{uuid.uuid4().hex[:8]}"
        source = f"drill{uuid.uuid4().hex[:8]}"
        owner = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
        await owner.execute(f"create table {name} (like outbox including all)")
        service = await nats.connect(stack.nats.url)
        db = Database(stack.migration_url("ledger"), pool_size=1)
        table = outbox.to_metadata(MetaData(), name=name)
        relay = OutboxRelay(db, table, service.jetstream(), batch=2)
        db.after_outbox_commit = relay.publish_committed
        published = f"select count(*) from {name} where published_at is not null"
        try:
            made = [Event.new(source, "invoice.issued", None, {"n": str(n)}) for n in range(5)]
            async with db.system_transaction() as session:
                await add_events(session, table, made)
            await relay.marked()
            at_commit = await owner.fetchval(published)
            by_the_pass = await relay.relay_once() + await relay.relay_once()
            return at_commit, by_the_pass, await owner.fetchval(published)
        finally:
            await db.dispose()
            await service.close()
            await owner.execute(f"drop table {name}")
            await owner.close()

    at_commit, by_the_pass, in_all = asyncio.run(scenario())
    assert (at_commit, by_the_pass, in_all) == (2, 3, 5)
