"""A consumer handles a trickle straight through, against the real NATS and database, and that
shortcut keeps the inbox's promises: a tenant's events are handled in the order they were
published, also when some waited in its lane behind a burst and later ones came as a trickle;
each is handled once, a redelivery is dropped; and a trickle of another tenant is not held
back by that lane. (A trickle whose handling fails: test_fair_consumer's failing-event drill.)"""

import asyncio
import dataclasses
import time
import uuid

import nats
from sqlalchemy import insert, select

from devstack.stack import Stack
from ledger_service.tables import inbox
from servicekit.consumer import ConsumerRunner, Subscription
from servicekit.db import Database
from servicekit.deadletters import list_deadletters
from servicekit.events import Event
from tests.support.waiting import eventually_async

BURST = 700  # more than one fetch: the burst waits in the lane, handled batch by batch
HANDLING_SECONDS = 0.003


def test_a_tenants_trickle_is_handled_after_its_waiting_events_and_once(stack: Stack) -> None:
    async def scenario() -> None:
        name = f"straight{uuid.uuid4().hex[:8]}"
        subject = f"events.drill.{name}"
        a, b = f"a-{name}", f"b-{name}"
        handled: list[tuple[str, int, float]] = []

        async def handler(session: object, event: Event) -> None:
            await asyncio.sleep(HANDLING_SECONDS)
            handled.append((str(event.tenant), event.data["n"], time.monotonic()))

        async def publish(event: Event, msg_id: str | None = None) -> None:
            await js.publish(subject, event.encode(), headers={"Nats-Msg-Id": msg_id or event.id})

        nc = await nats.connect(stack.nats.url)
        js = nc.jetstream()
        db = Database(stack.database_url("ledger"), pool_size=4)
        runner = ConsumerRunner(db, inbox, js, Subscription(name, (subject,), handler))
        consuming = asyncio.create_task(runner.run())
        try:
            burst = [Event.new("drill", name, a, {"n": n}) for n in range(BURST)]
            for event in burst:
                await publish(event)

            async def burst_under_way() -> bool:
                return len(handled) >= 50

            assert await eventually_async(burst_under_way)
            # A trickle of a's behind the burst, and one event of b's.
            trickle = [Event.new("drill", name, a, {"n": BURST + n}) for n in range(5)]
            for event in trickle:
                await publish(event)
                await asyncio.sleep(0.05)
            sent = time.monotonic()
            await publish(Event.new("drill", name, b, {"n": 0}))

            async def all_handled() -> bool:
                return len(handled) >= BURST + len(trickle) + 1

            assert await eventually_async(all_handled, seconds=60)
            # The lane empty, a's next event goes straight through; the same event again (past
            # JetStream's duplicate window) is dropped.
            late = Event.new("drill", name, a, {"n": BURST + len(trickle)})
            await publish(late)
            await publish(trickle[-1], msg_id=str(uuid.uuid4()))
            await publish(late, msg_id=str(uuid.uuid4()))
            await asyncio.sleep(1.5)
            rows = await db.execute_alone(
                select(inbox.c.status, inbox.c.message).where(inbox.c.consumer == name)
            )
        finally:
            consuming.cancel()
            await asyncio.gather(consuming, return_exceptions=True)
            await js.delete_consumer("EVENTS", name)
            await nc.close()
            await db.dispose()
        of_a = [n for tenant, n, _ in handled if tenant == a]
        assert of_a == list(range(BURST + len(trickle) + 1))  # in order, each once
        [(_, _, b_at)] = [h for h in handled if h[0] == b]
        assert b_at - sent < 2.0, f"tenant b waited {b_at - sent:.1f} s behind a's lane"
        assert b_at < max(at for tenant, _, at in handled if tenant == a)  # a's lane was busy
        # Every event's row is done and holds no message any more.
        assert len(rows) == BURST + len(trickle) + 2
        assert {(r.status, r.message) for r in rows} == {("done", None)}

    asyncio.run(scenario())


def test_a_trickle_waits_behind_its_tenants_stored_events(stack: Stack) -> None:
    """With an event of tenant a stored and waiting for its lane (as the intake stores a burst),
    a's next event is not handled straight through but stored behind it, while b's is handled at
    once; the lane then takes a's two in their order."""

    async def scenario() -> None:
        name = f"behind{uuid.uuid4().hex[:8]}"
        subject = f"events.drill.{name}"
        a, b = f"a-{name}", f"b-{name}"
        handled: list[tuple[str, int]] = []

        async def handler(session: object, event: Event) -> None:
            handled.append((str(event.tenant), event.data["n"]))

        nc = await nats.connect(stack.nats.url)
        js = nc.jetstream()
        db = Database(stack.database_url("ledger"), pool_size=2)
        runner = ConsumerRunner(db, inbox, js, Subscription(name, (subject,), handler))
        waiting = Event.new("drill", name, a, {"n": 1})
        stored = {
            "consumer": name,
            "event_id": waiting.id,
            "event_type": waiting.type,
            "tenant_id": a,
            "status": "pending",
            "subject": subject,
            "message": waiting.encode(),
            "headers": {},
        }
        await db.execute_alone(insert(inbox).values(stored))
        await runner.ensure_consumer()
        for event in (Event.new("drill", name, a, {"n": 2}), Event.new("drill", name, b, {"n": 1})):
            await js.publish(subject, event.encode(), headers={"Nats-Msg-Id": event.id})
        consuming = None
        try:
            intake = await js.pull_subscribe_bind(name, stream="EVENTS")
            msgs = await intake.fetch(2, timeout=5)
            await runner.take_in(msgs)  # the lanes are not running yet
            assert handled == [(b, 1)]
            consuming = asyncio.create_task(runner.run())

            async def all_handled() -> bool:
                return len(handled) == 3

            await eventually_async(all_handled)
        finally:
            if consuming is not None:
                consuming.cancel()
                await asyncio.gather(consuming, return_exceptions=True)
            await js.delete_consumer("EVENTS", name)
            await nc.close()
            await db.dispose()
        assert handled == [(b, 1), (a, 1), (a, 2)]

    asyncio.run(scenario())


def test_an_event_whose_id_is_no_uuid_is_parked_and_the_rest_handled(stack: Stack) -> None:
    """The inbox keys events by a UUID: one with another id cannot be stored, so it is parked as
    unreadable (it failed the whole fetch's insert, over and over), and the event beside it is
    handled."""

    async def scenario() -> None:
        name = f"noid{uuid.uuid4().hex[:8]}"
        subject = f"events.drill.{name}"
        tenant = f"t-{name}"
        handled: list[int] = []

        async def handler(session: object, event: Event) -> None:
            handled.append(event.data["n"])

        nc = await nats.connect(stack.nats.url)
        js = nc.jetstream()
        db = Database(stack.database_url("ledger"), pool_size=2)
        runner = ConsumerRunner(db, inbox, js, Subscription(name, (subject,), handler))
        await runner.ensure_consumer()
        odd = dataclasses.replace(Event.new("drill", name, tenant, {"n": 0}), id="order-17")
        good = Event.new("drill", name, tenant, {"n": 1})
        for event in (odd, good):
            await js.publish(subject, event.encode(), headers={"Nats-Msg-Id": event.id})
        try:
            intake = await js.pull_subscribe_bind(name, stream="EVENTS")
            await runner.take_in(await intake.fetch(2, timeout=5))
            parked = [d for d in await list_deadletters(js) if d.consumer == name]
        finally:
            await js.delete_consumer("EVENTS", name)
            await nc.close()
            await db.dispose()
        assert handled == [1]
        assert [(Event.decode(d.data).id, d.subject) for d in parked] == [("order-17", subject)]
        assert "order-17" in parked[0].error

    asyncio.run(scenario())
