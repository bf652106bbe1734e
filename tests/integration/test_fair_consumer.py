"""Consumers are fair between tenants, against the real NATS and database: while one tenant's
burst of events is being handled (a renewal run's invoices), another tenant's event is handled
within two seconds, not after the burst; every event is handled once."""

import asyncio
import time
import uuid

import nats

from devstack.stack import Stack
from ledger_service.tables import inbox
from servicekit.consumer import ConsumerRunner, Subscription
from servicekit.db import Database
from servicekit.events import Event
from tests.support.waiting import eventually_async

BURST = 3000
HANDLING_SECONDS = 0.004  # per event: the burst takes twelve seconds or more to work through


def test_one_tenants_burst_does_not_hold_back_another_tenant(stack: Stack) -> None:
    async def scenario() -> None:
        name = f"fair{uuid.uuid4().hex[:8]}"
        subject = f"events.drill.{name}"
        a, b = f"a-{name}", f"b-{name}"
        handled: dict[str, list[float]] = {a: [], b: []}

        async def handler(session: object, event: Event) -> None:
            await asyncio.sleep(HANDLING_SECONDS)
            handled[str(event.tenant)].append(time.monotonic())

        nc = await nats.connect(stack.nats.url)
        db = Database(stack.database_url("ledger"), pool_size=4)
        js = nc.jetstream()
        runner = ConsumerRunner(db, inbox, js, Subscription(name, (subject,), handler))
        consuming = asyncio.create_task(runner.run())
        try:
            for _ in range(BURST):
                event = Event.new("drill", name, a, {})
                await js.publish(subject, event.encode(), headers={"Nats-Msg-Id": event.id})

            async def burst_under_way() -> bool:
                return len(handled[a]) >= 100

            assert await eventually_async(burst_under_way)
            sent = time.monotonic()
            other = Event.new("drill", name, b, {})
            await js.publish(subject, other.encode(), headers={"Nats-Msg-Id": other.id})
            # A redelivery of one of a's events changes nothing.
            await js.publish(subject, event.encode(), headers={"Nats-Msg-Id": str(uuid.uuid4())})

            async def burst_done() -> bool:
                return len(handled[a]) >= BURST

            await eventually_async(burst_done, seconds=60)
            # Time must pass: the redelivered event would be handled a moment later, if at all.
            await asyncio.sleep(1)
        finally:
            consuming.cancel()
            await asyncio.gather(consuming, return_exceptions=True)
            await js.delete_consumer("EVENTS", name)
            await nc.close()
            await db.dispose()
        assert len(handled[a]) == BURST and len(handled[b]) == 1
        waited = handled[b][0] - sent
        assert waited < 2.0, f"tenant b waited {waited:.1f} s behind tenant a's burst"
        assert handled[b][0] < max(handled[a]) - 3  # it really was in the middle of the burst

    asyncio.run(scenario())
