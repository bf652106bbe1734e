"""Consumers are fair between tenants, against the real NATS and database: while one tenant's
burst of events is being handled (a renewal run's invoices), another tenant's event is handled
within two seconds, not after the burst; every event is handled once. A tenant's events are
handled together, and one that fails undoes only itself."""

import asyncio
import time
import uuid
from typing import Any

import nats
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from devstack.stack import Stack
from ledger_service.tables import inbox, known_relations
from servicekit.consumer import ConsumerRunner, Subscription
from servicekit.db import Database
from servicekit.events import Event
from tests.support.waiting import eventually_async

BURST = 3000
HANDLING_SECONDS = 0.004  # per event: the burst takes twelve seconds or more to work through


async def _stop(consuming: asyncio.Task[None], js: Any, name: str, nc: Any, db: Database) -> None:
    """Ends a drill's consumer and removes it from JetStream."""
    consuming.cancel()
    await asyncio.gather(consuming, return_exceptions=True)
    await js.delete_consumer("EVENTS", name)
    await nc.close()
    await db.dispose()


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
            await _stop(consuming, js, name, nc, db)
        assert len(handled[a]) == BURST and len(handled[b]) == 1
        waited = handled[b][0] - sent
        assert waited < 2.0, f"tenant b waited {waited:.1f} s behind tenant a's burst"
        assert handled[b][0] < max(handled[a]) - 3  # it really was in the middle of the burst

    asyncio.run(scenario())


@pytest.mark.parametrize("with_batch_handler", [False, True])
def test_a_failing_event_undoes_only_itself_among_its_tenants_events(
    stack: Stack, with_batch_handler: bool
) -> None:
    """Twenty events of one tenant, taken in one transaction, by a subscription with or without
    a batch handler: when the eighth fails (straight through, in the lane's batch, and alone once
    more), what each transaction wrote is undone: the trickle waits in the inbox, the lane takes
    it as a batch, then one by one, each in its own transaction. Each event's row is then written
    exactly once (a row left behind by an undone transaction would make its second insert fail),
    and only the failing event is retried."""

    async def scenario() -> None:
        name = f"undo{uuid.uuid4().hex[:8]}"
        subject = f"events.drill.{name}"
        tenant = f"t-{name}"
        events = [Event.new("drill", name, tenant, {"n": n}) for n in range(20)]
        failing = events[7].id
        calls: list[int] = []

        async def handler(session: AsyncSession, event: Event) -> None:
            calls.append(event.data["n"])
            row = {"tenant_id": tenant, "relation_id": event.id, "name": f"n{event.data['n']}"}
            await session.execute(insert(known_relations).values(row))
            if event.id == failing and calls.count(7) <= 3:
                raise RuntimeError("the eighth event fails three times")

        nc = await nats.connect(stack.nats.url)
        db = Database(stack.database_url("ledger"), pool_size=2)
        js = nc.jetstream()
        for event in events:  # all stored before the consumer starts: one batch takes them
            await js.publish(subject, event.encode(), headers={"Nats-Msg-Id": event.id})

        async def batch_handler(session: AsyncSession, batch: list[Event]) -> None:
            for event in batch:
                await handler(session, event)

        subscription = Subscription(
            name, (subject,), handler, batch_handler if with_batch_handler else None
        )
        runner = ConsumerRunner(db, inbox, js, subscription)
        consuming = asyncio.create_task(runner.run())

        async def states() -> list[tuple[str, int]]:
            rows = await db.execute_alone(
                select(inbox.c.event_id, inbox.c.status, inbox.c.attempts).where(
                    inbox.c.consumer == name
                )
            )
            return sorted((r.status, r.attempts) for r in rows)

        try:
            final = await eventually_async(
                states, lambda s: len(s) == 20 and all(st == "done" for st, _ in s), seconds=30
            )
            async with db.tenant_transaction(tenant) as session:
                names = (
                    await session.execute(
                        select(known_relations.c.name, func.count()).group_by(
                            known_relations.c.name
                        )
                    )
                ).all()
        finally:
            await _stop(consuming, js, name, nc, db)
        assert final == [("done", 0)] * 19 + [("done", 1)]
        assert sorted(names) == sorted((f"n{n}", 1) for n in range(20))
        # Straight through and the lane's batch each ran up to the failing event, then each event
        # ran alone, the eighth again later.
        assert calls[:16] == list(range(8)) * 2
        assert sorted(calls[16:]) == sorted([*range(20), 7])

    asyncio.run(scenario())
