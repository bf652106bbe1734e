"""Rows written into a service's outbox by another process (the renewal command, a bulk load)
are published as soon as that process asks, against the real PostgreSQL and NATS: the relay at
rest looks only every so often, and such a commit cannot wake it from within."""

import asyncio
import json
import time
import uuid

import asyncpg
import nats
from sqlalchemy import MetaData

from devstack.stack import Stack
from ledger_service.tables import outbox
from servicekit.db import Database
from servicekit.outbox import OutboxRelay, ask_to_relay, follow_wakes
from tests.support.waiting import eventually_async

# The relay's pause when it finds nothing: far longer than the test waits, so only the wake can
# have it look again in time.
AT_REST = 60.0


def test_another_process_has_the_relay_publish_its_rows_at_once(stack: Stack) -> None:
    async def scenario() -> tuple[float, int]:
        name = f"outbox_wake_{uuid.uuid4().hex[:8]}"
        owner = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
        await owner.execute(f"create table {name} (like outbox including all)")
        subject = f"events.drill.{name}"
        service = await nats.connect(stack.nats.url)
        writer = await nats.connect(stack.nats.url)
        js = service.jetstream()
        heard = await service.subscribe(subject)
        db = Database(stack.migration_url("ledger"), pool_size=1)
        relay = OutboxRelay(db, outbox.to_metadata(MetaData(), name=name), js, idle_seconds=AT_REST)
        await follow_wakes(service, "ledger")
        running = asyncio.create_task(relay.run())
        try:
            await asyncio.sleep(1.0)  # the relay found nothing and rests
            event_id = uuid.uuid4()
            await owner.execute(
                f"insert into {name} (id, subject, type, payload, headers)"
                " values ($1, $2, 'drill', $3, '{}')",
                event_id,
                subject,
                json.dumps({"invoice": "2027-000001"}),
            )
            asked = time.monotonic()
            await ask_to_relay(writer, "ledger")
            message = await heard.next_msg(timeout=10)
            waited = time.monotonic() - asked
            published = await eventually_async(
                lambda: owner.fetchval(
                    f"select count(*) from {name} where published_at is not null"
                ),
                lambda n: n == 1,
                seconds=10,
            )
            assert json.loads(message.data) == {"invoice": "2027-000001"}
            assert message.headers and message.headers["Nats-Msg-Id"] == str(event_id)
            return waited, published
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
            await db.dispose()
            await service.close()
            await writer.close()
            await owner.execute(f"drop table {name}")
            await owner.close()

    waited, published = asyncio.run(scenario())
    assert published == 1
    assert waited < 2.0, f"published {waited:.1f} s after the writer asked"
