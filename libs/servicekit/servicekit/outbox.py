"""The transactional outbox: an event is stored in the same transaction as the change it tells of,
and a relay publishes it to JetStream afterwards with `Nats-Msg-Id` set to the event id, so that a
publish repeated after a crash is dropped by JetStream as a duplicate.

A row moves: pending (published_at null) -> published; a failed publish stays pending, counts its
attempts and keeps the last error, and is tried again with backoff.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from typing import Any, NamedTuple

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from opentelemetry import trace
from prometheus_client import Counter, Gauge
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from servicekit import telemetry
from servicekit.db import OUTBOX_WRITTEN, Database
from servicekit.events import Event, wake_subject
from servicekit.polling import IdlePause

log = logging.getLogger(__name__)

PUBLISHED = Counter("outbox_published_total", "Events relayed from the outbox to JetStream")
PUBLISH_FAILURES = Counter("outbox_publish_failures_total", "Failed attempts to relay an event")
PENDING = Gauge("outbox_pending", "Events in the outbox not yet published")
SLICE = 50  # events sent between turns of the event loop
ACK_TIMEOUT = 5.0  # seconds a batch waits for JetStream's acknowledgements
_INDEX_ORDER = text("set local enable_sort = off")

_wakeup = asyncio.Event()


def define_outbox(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("id", UUID(as_uuid=False), primary_key=True),
        Column("tenant_id", Text, nullable=True),
        Column("subject", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text, nullable=True),
    )


async def add_event(session: AsyncSession, outbox: Table, event: Event) -> None:
    """Store `event` in the caller's transaction; it is published once that commits."""
    await add_events(session, outbox, [event])


_TOGETHER = "outbox_together"  # the events held back by events_together, in the session's info


@asynccontextmanager
async def events_together(session: AsyncSession, outbox: Table) -> AsyncIterator[None]:
    """The events added within, stored in one statement at its end instead of one each (a
    request that makes several), or by the caller's own statement (`take_held`); none if it
    fails. Not for code that undoes a savepoint within it: the events it added would still be
    stored."""
    held: list[Event] = []
    session.sync_session.info[_TOGETHER] = held
    try:
        yield
    finally:
        del session.sync_session.info[_TOGETHER]
    await add_events(session, outbox, held)


async def add_events(session: AsyncSession, outbox: Table, events: list[Event]) -> None:
    """Store many events in one statement (batch jobs); published once the caller commits."""
    if not events:
        return
    held = session.sync_session.info.get(_TOGETHER)
    if held is not None:
        held.extend(events)
        return
    await session.execute(insert_events(outbox), event_rows(session, events))


def take_held(session: AsyncSession) -> list[Event]:
    """The events held so far by the enclosing `events_together`, which no longer holds them:
    for a caller that stores them in a statement of its own (`insert_events` as a CTE)."""
    held: list[Event] = session.sync_session.info[_TOGETHER]
    taken = list(held)
    held.clear()
    return taken


def event_rows(session: AsyncSession, events: list[Event]) -> dict[str, Any]:
    """The parameters of `insert_events` for `events`, which are published right after the
    caller's transaction commits."""
    headers = telemetry.inject()
    texts = [event.text() for event in events]
    # In a savepoint they may yet be undone: then each is published only if its row is there.
    sure = not session.in_nested_transaction()
    written = [
        Written(e.id, e.subject, text if sure else None, headers)
        for e, text in zip(events, texts, strict=True)
    ]
    # Published right after the commit (Database).
    session.sync_session.info.setdefault(OUTBOX_WRITTEN, []).extend(written)
    return {
        "event_id": [e.id for e in events],
        "event_tenant_id": [e.tenant for e in events],
        "event_subject": [e.subject for e in events],
        "event_type": [e.type for e in events],
        "event_payload": texts,
        "event_headers": headers,
    }


class Written(NamedTuple):
    """An event as its transaction wrote it to the outbox, published right after the commit;
    `payload` None if it was written in a savepoint (the row then tells whether it stayed)."""

    id: str
    subject: str
    payload: str | None
    headers: dict[str, str]


@cache
def insert_events(outbox: Table) -> Insert:
    """The INSERT of any number of events (the parameters of `event_rows`), compiled once
    whatever their count and built once per outbox (a statement built per call cost more Python
    than its execution). It can ride as a CTE in a statement of the caller's: an acceptance
    stores its policy, invoice, decision and events in one. The payloads go in as the JSON text
    that is published, serialized once."""
    given = ["id", "tenant_id", "subject", "type"]
    arrays = [bindparam(f"event_{name}", type_=ARRAY(outbox.c[name].type)) for name in given]
    payloads = bindparam("event_payload", type_=ARRAY(Text))
    rows = func.unnest(*arrays, payloads).table_valued(*given, "payload").render_derived("given")
    headers = bindparam("event_headers", type_=outbox.c.headers.type)
    return insert(outbox).from_select(
        [*given, "payload", "headers"],
        select(*(rows.c[name] for name in given), cast(rows.c.payload, JSONB), headers),
    )


def wake_relay() -> None:
    _wakeup.set()


async def follow_wakes(nc: Client, service: str) -> None:
    """Wake this process's relay when another process says it wrote `service`'s outbox: a
    commit here wakes the relay itself, but rows written by another process (the renewal
    command, a bulk load) were otherwise found only at the relay's next poll, up to
    `polling.SLOWEST` later."""

    async def woken(_msg: Msg) -> None:
        wake_relay()

    await nc.subscribe(wake_subject(service), cb=woken)


async def ask_to_relay(nc: Client, service: str) -> None:
    """After committing rows to `service`'s outbox from another process: its relays take them
    now. Only a hurry: should the message be lost, the relays still find the rows."""
    await nc.publish(wake_subject(service), b"")
    await nc.flush()


class OutboxRelay:
    def __init__(
        self,
        db: Database,
        outbox: Table,
        js: JetStreamContext,
        *,
        batch: int = 500,
        idle_seconds: float = 0.5,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.js = js
        self.batch = batch
        self.idle_seconds = idle_seconds
        self.tracer = telemetry.tracer("servicekit.outbox")
        self._failures = 0
        self._count_after = 0.0
        self._unmarked: list[Any] = []  # published right after their commit, not marked yet
        self._marking: asyncio.Task[None] | None = None
        # Built once, as they run after every commit that wrote events.
        o = outbox
        self._pending = (
            # The payload as JSONB's text: sent as it is, never parsed and written again.
            select(o.c.id, o.c.subject, cast(o.c.payload, Text), o.c.headers)
            .where(o.c.published_at.is_(None))
            .order_by(o.c.created_at)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        # The ids as one array: one statement whatever their count (an IN list is another
        # statement, compiled and prepared again, for each count).
        ids = any_(bindparam("ids", type_=ARRAY(o.c.id.type)))
        self._published = update(o).where(o.c.id == ids).values(published_at=func.now())
        self._committed = select(o.c.id, o.c.subject, cast(o.c.payload, Text), o.c.headers).where(
            o.c.id == ids, o.c.published_at.is_(None)
        )

    async def run(self) -> None:
        # At rest the outbox is asked ever less often (up to SLOWEST apart): what this process
        # commits wakes the relay at once, and what it publishes brings back the fastest pace.
        pause = IdlePause(_wakeup, self.idle_seconds)
        while True:
            _wakeup.clear()  # before looking, so that a commit meanwhile is not missed
            try:
                published = await self.relay_once()
                self._failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._failures += 1
                PUBLISH_FAILURES.inc()
                log.warning("outbox relay failed (attempt %d): %s", self._failures, exc)
                published = 0
                pause.found_work()  # what failed is still there: tried again at the fast pace
                await asyncio.sleep(min(0.2 * 2**self._failures, 5.0))
            if published:
                pause.found_work()
            if published < self.batch:
                await pause.wait()

    async def relay_once(self) -> int:
        """Publish one batch of pending events, oldest first; returns how many were published."""
        o = self.outbox
        async with self.db.system_transaction() as session:
            # The pending index in its order, never a sort: right after a bulk commit the
            # statistics still count a few pending rows, and the planner then read and sorted
            # every pending row (payload included, spilled to disk) to take the first batch,
            # 67 ms a batch for 20,000 pending instead of 1.6 ms, and quadratic in the backlog.
            await session.execute(_INDEX_ORDER)
            rows = (await session.execute(self._pending)).all()
            done, failed = await self._publish_in_order(rows)
            if failed is not None:
                # What was published before it stays published; it is tried again later.
                row, error = failed
                await session.execute(
                    update(o)
                    .where(o.c.id == row.id)
                    .values(attempts=o.c.attempts + 1, last_error=str(error)[:500])
                )
            if done:
                await session.execute(self._published, {"ids": done})
            published = len(done)
            PUBLISHED.inc(published)
            if not rows:  # nothing waiting (or only what another relay is publishing now)
                PENDING.set(0)
            elif published < self.batch and time.monotonic() >= self._count_after:
                # Caught up: count what is left, for the gauge (once a second at most; the count
                # would cost a query on every commit of a busy service).
                self._count_after = time.monotonic() + 1.0
                pending = await session.scalar(
                    select(func.count()).select_from(o).where(o.c.published_at.is_(None))
                )
                PENDING.set(max((pending or 0) - published, 0))
        if failed is not None:
            raise failed[1]
        return published

    async def publish_committed(self, written: list[Written]) -> int:
        """Publish the events a transaction has just committed, in the order they were written;
        how many were published. They are marked published soon after, with those of other
        commits (`_mark_soon`), where a pass over the pending queue takes five round trips.
        Should a pass take one before its mark, it goes out twice and JetStream drops the second
        (the same `Nats-Msg-Id`). Events written in a savepoint are looked up first, those still
        pending only: one in a savepoint that was undone is not there. What fails stays pending,
        for the pass (the caller wakes it). A transaction that wrote more than a batch (a bulk job)
        publishes its first batch here and leaves the rest to the pass."""
        if len(written) > self.batch:
            wake_relay()
            written = written[: self.batch]
        rows: list[Any] = written
        if any(w.payload is None for w in written):
            ids = [w.id for w in written]
            found = await self.db.execute_alone(self._committed, {"ids": ids})
            order = {event_id: n for n, event_id in enumerate(ids)}
            rows = sorted(found, key=lambda row: order[str(row.id)])
        done, failed = await self._publish_in_order(rows)
        if done:  # what was published before a failure; it and the rest stay pending
            self._mark_soon(done)
        PUBLISHED.inc(len(done))
        if failed is not None:
            raise failed[1]
        return len(done)

    def _mark_soon(self, ids: list[Any]) -> None:
        """Marks `ids` published without the request waiting for it: the marks of the requests
        answered meanwhile go in one statement (one round trip for several commits). A mark
        that never comes (a crash, the database away) leaves the event pending: the pass
        publishes it again and JetStream drops the duplicate (the same `Nats-Msg-Id`)."""
        self._unmarked.extend(ids)
        if self._marking is None or self._marking.done():
            self._marking = asyncio.create_task(self._mark_unmarked())

    async def _mark_unmarked(self) -> None:
        await asyncio.sleep(0)  # the commits answered in this turn of the loop too
        while self._unmarked:
            ids, self._unmarked = self._unmarked[: self.batch], self._unmarked[self.batch :]
            try:
                await self.db.execute_alone(self._published, {"ids": ids})
            except Exception as exc:
                log.warning(
                    "marking %d events published failed, the pass repeats them: %s", len(ids), exc
                )

    async def marked(self) -> None:
        """Waits for the marks under way (what a test checks after a commit)."""
        if self._marking is not None:
            await self._marking

    async def _publish_in_order(
        self, rows: list[Any]
    ) -> tuple[list[Any], tuple[Any, BaseException] | None]:
        """Publishes `rows`: the ids published before the first failure, and that failure's
        row and error (None if none failed)."""
        outcomes = await self._publish_all(rows)
        done: list[Any] = []
        for row, outcome in zip(rows, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                return done, (row, outcome)
            done.append(row.id)
        return done, None

    async def _publish_all(self, rows: list[Any]) -> list[BaseException | None]:
        """Each row published, its failure or None, in order. Sent one after another on the one
        connection (so JetStream stores them in this order) without waiting for any
        acknowledgement, which come back while the rest are sent; the loop is let go every
        SLICE, so that the service's requests are answered meanwhile."""
        if not rows:
            return []
        sent: list[asyncio.Future[Any]] = []
        try:
            for n, (event_id, subject, payload, headers) in enumerate(rows, start=1):
                sent.append(await self._publish(event_id, subject, payload, headers or {}))
                if n % SLICE == 0:
                    await asyncio.sleep(0)
        except BaseException:
            for future in sent:  # none left waiting for an acknowledgement that never comes
                future.cancel()
            raise
        _, late = await asyncio.wait(sent, timeout=ACK_TIMEOUT)
        for future in late:
            future.cancel()  # no acknowledgement: tried again later, a duplicate if it came
        return [
            TimeoutError("JetStream did not acknowledge in time")
            if future.cancelled()
            else future.exception()
            for future in sent
        ]

    async def _publish(
        self, event_id: str, subject: str, payload: str, stored: dict[str, str]
    ) -> "asyncio.Future[Any]":
        """Sends one event; the future of its acknowledgement."""
        parent = telemetry.extract(stored)
        with self.tracer.start_as_current_span(
            f"publish {subject}", context=parent, kind=trace.SpanKind.PRODUCER
        ) as span:
            span.set_attribute("messaging.system", "nats")
            span.set_attribute("messaging.destination.name", subject)
            span.set_attribute("messaging.message.id", str(event_id))
            headers = telemetry.inject({"Nats-Msg-Id": str(event_id)})
            return await self.js.publish_async(subject, payload.encode(), headers=headers)
