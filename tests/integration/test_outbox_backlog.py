"""The outbox relay works through a large backlog batch by batch, against the real PostgreSQL and
NATS: right after a bulk commit (a renewal run's or an import's events, before any ANALYZE) the
table's statistics still count a few pending rows, and PostgreSQL then planned the relay's batch
as a read and sort of every pending row, payload included, to take the oldest 500: each batch
cost as much as the whole backlog, and the backlog's publishing grew with its square."""

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import nats
from sqlalchemy import MetaData

from devstack.stack import Stack
from ledger_service.tables import outbox
from servicekit.db import Database
from servicekit.outbox import OutboxRelay
from tests.support.waiting import eventually_async

BACKLOG = 20_000
BATCH = 500


async def _table_reads(conn: asyncpg.Connection, table: str) -> tuple[int, int]:
    """(scans, rows read by them) of `table`, as the statistics collector has them."""
    row = await conn.fetchrow(
        "select coalesce(idx_scan, 0) + seq_scan as scans,"
        " coalesce(idx_tup_fetch, 0) + seq_tup_read as rows"
        " from pg_stat_user_tables where relname = $1",
        table,
    )
    return row["scans"], row["rows"]


def test_a_batch_of_a_large_backlog_reads_only_its_own_rows(stack: Stack) -> None:
    async def scenario() -> None:
        name = f"outbox_drill_{uuid.uuid4().hex[:8]}"
        owner = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
        await owner.execute(f"create table {name} (like outbox including all)")
        start = datetime.now(UTC)
        payload = json.dumps({"lines": ["premium, tax and commission of one invoice"] * 20})
        subject = f"events.drill.{name}"
        rows = [
            (uuid.uuid4(), subject, "drill", payload, "{}", start + timedelta(microseconds=n))
            for n in range(BACKLOG)
        ]
        columns = ["id", "subject", "type", "payload", "headers", "created_at"]
        await owner.copy_records_to_table(name, records=rows, columns=columns)
        nc = await nats.connect(stack.nats.url)
        db = Database(stack.migration_url("ledger"), pool_size=1)
        drill = outbox.to_metadata(MetaData(), name=name)  # the outbox's columns, another table
        relay = OutboxRelay(db, drill, nc.jetstream(), batch=BATCH)
        try:
            published = await relay.relay_once()
            await db.dispose()  # the backend ends, and its statistics are written
            reads = await eventually_async(
                lambda: _table_reads(owner, name), lambda r: r[0] >= 1, seconds=20
            )
            oldest = await owner.fetch(
                f"select id from {name} where published_at is not null order by created_at"
            )
        finally:
            await nc.close()
            await owner.execute(f"drop table {name}")
            await owner.close()
        assert published == BATCH
        assert [r["id"] for r in oldest] == [r[0] for r in rows[:BATCH]]
        # The batch's rows, read once to take them and once to mark them published.
        _, read = reads
        assert read <= 3 * BATCH, f"one batch read {read} rows of a backlog of {BACKLOG}"

    asyncio.run(scenario())
