"""Durable, idempotent consumers of JetStream events, fair between tenants and batched.

Each subscription is a durable pull consumer with explicit acknowledgement, in two steps:

- **Intake** takes messages from JetStream in batches and stores each event once in the
  service's `inbox` (keyed by consumer and event id, so a redelivered event, after a crash, a
  lost ack or past JetStream's duplicate window, is dropped here), then acknowledges them. It only
  stores, so it keeps up with any burst.
- **Lanes** handle the stored events per tenant, oldest first, up to BATCH of one tenant in one
  database transaction (the handler's changes and the event's `done` mark commit together, so an
  event is handled exactly once), and take the tenants in turns, several at a time. One tenant's
  hundred thousand renewal invoices therefore never hold back another tenant's first one, and
  bookings cost one commit per batch instead of one per event.

A trickle (a fetch that emptied JetStream) is handled **straight through** instead: each
tenant's events in one transaction that takes its lane's lock, finds none of its events waiting
in the inbox, stores them done (without their message) and runs the handlers, all before the
acknowledgement. A stored event is written with its message, found, read back and marked done
(four statements a batch, each row written twice), which cost the consumers more than their own
work. Where the lane is busy or not empty, or the handling fails, the events are stored for the
lane as above, so a tenant's events keep their order.

A batch that fails is undone and its events are taken one by one, each in a transaction of its
own (a savepoint around every batch cost two round trips each): the failing one is retried with
backoff, the rest are kept; after `max_deliver` attempts the event is parked in the dead-letter
stream, with the error, for an operator to inspect and replay (a replayed event is taken in
again). An event that cannot even be read is parked at once. Within a tenant events are handled
in the order they arrived, one lane at a time (an advisory lock), also across replicas of the
service.
"""

import asyncio
import logging
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import trace
from prometheus_client import Counter, Gauge
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    and_,
    any_,
    bindparam,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit import telemetry
from servicekit.db import Database
from servicekit.events import EVENTS_STREAM, Event
from servicekit.polling import IdlePause
from servicekit.rows import by_column, insert_columns

log = logging.getLogger(__name__)

PENDING = Gauge(
    "consumer_inbox_pending",
    "Events taken into a consumer's inbox and not handled yet (JetStream's lag counts only what"
    " is not taken in)",
    ["consumer"],
)
PENDING_EVERY = 5.0  # seconds between counts of the pending events (a count reads the index)
HANDLED = Counter(
    "consumer_events_total",
    "Events taken from JetStream by outcome (handled, duplicate, retried, dead-lettered)",
    ["consumer", "outcome"],
)

Handler = Callable[[AsyncSession, Event], Awaitable[None]]
# Handles one tenant's events together, in their order (one append, one insert for all).
BatchHandler = Callable[[AsyncSession, list[Event]], Awaitable[None]]

DEFAULT_BACKOFF = (0.5, 2.0, 5.0, 15.0, 30.0)
FETCH = 500  # messages taken from JetStream at a time
NAK_DELAY = 1.0  # seconds before JetStream offers again what could not be stored
BATCH = 200  # events of one tenant handled in one transaction
LANES = 3  # tenants handled at the same time
# A steady trickle is gathered for this long before it is taken in or handled, so that each
# transaction carries several events instead of one (a commit and a dozen round trips each).
GATHER_SECONDS = 0.025
# Where nobody waits for the result at once (the audit trail, a service's copy of another's
# records, an invoice's debtor item), a trickle is gathered longer: each transaction then
# carries dozens of events, where at 25 ms it carried one or two (a transaction and its round
# trips cost more than the event's own work).
UNHURRIED = 0.2
IDLE_SECONDS = 0.5  # the lanes' first pause when no event waits (see servicekit.polling)
NO_TENANT = ""  # the lane of platform events (no tenant)
# What an event handled straight through leaves in the inbox (done, by default): enough to
# drop it when it comes again.
_STRAIGHT_COLUMNS = ["consumer", "event_id", "event_type", "tenant_id", "subject"]


_WAITING = text(
    """
    with recursive lanes(tenant_id) as (
        (select tenant_id from inbox where consumer = :consumer and status = 'pending'
         order by tenant_id limit 1)
        union all
        select (select i.tenant_id from inbox i
                where i.consumer = :consumer and i.status = 'pending'
                  and i.tenant_id > lanes.tenant_id
                order by i.tenant_id limit 1)
        from lanes where lanes.tenant_id is not null
    )
    select tenant_id from lanes where tenant_id is not null limit 200
    """
)


_PENDING = text("select count(*) from inbox where consumer = :consumer and status = 'pending'")


def define_inbox(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("consumer", Text, primary_key=True),
        Column("event_id", UUID(as_uuid=False), primary_key=True),
        Column("event_type", Text, nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        # Staged events (migration_ops.stage_inbox): waiting in their tenant's lane until done.
        Column("seq", BigInteger, nullable=False),
        Column("tenant_id", Text),
        Column("status", Text, nullable=False, server_default="done"),
        Column("subject", Text),
        Column("message", LargeBinary),
        Column("headers", JSONB),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("due_at", DateTime(timezone=True)),
        Column("error", Text),
    )


@dataclass(frozen=True)
class Subscription:
    """`durable` consumes the events on `subjects` with `handler`; with `batch_handler` too, a
    lane's batch is handled by it at once, and event by event only when it fails. `batch` is
    how many events of a tenant one transaction takes: fewer for events that each carry a
    batch of their own (an import's 200 rows), so that work commits and is answered steadily
    and a crash undoes little. `gather` is how long a trickle is gathered before it is taken in
    and handled: longer where nobody waits for the result (the audit trail), so that each
    transaction carries more events."""

    durable: str
    subjects: tuple[str, ...]
    handler: Handler
    batch_handler: BatchHandler | None = None
    batch: int = BATCH
    gather: float = GATHER_SECONDS


def _took_full_batch(lane: "asyncio.Task[bool]") -> bool:
    """Whether a finished lane took a full batch; a lane that failed took none (and is logged:
    its exception must not end the loop of lanes, or no event of any tenant is handled again)."""
    if lane.cancelled():
        return False
    if (error := lane.exception()) is not None:
        log.warning("a consumer lane failed, its events wait for the next turn: %s", error)
        return False
    return lane.result()


def _as_uuid(event_id: str) -> str:
    """The event's id as PostgreSQL returns it; an event whose id is no UUID cannot be stored."""
    try:
        return str(uuid.UUID(event_id))
    except ValueError:
        raise ValueError(f"the event id {event_id[:60]!r} is not a UUID") from None


class _FailedAlone(Exception):
    """The handler of an event failed: undo what encloses it (the transaction of its lone
    event, or that of its batch)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


class _BatchFailed(Exception):
    """A batch of several events failed: its transaction is undone and _lane takes them one by
    one (counting no attempt against an event that may not be the one that failed)."""


def deadletter_subject(durable: str) -> str:
    return f"deadletter.{durable}"


class ConsumerRunner:
    def __init__(
        self,
        db: Database,
        inbox: Table,
        js: JetStreamContext,
        subscription: Subscription,
        backoff: tuple[float, ...] = DEFAULT_BACKOFF,
    ) -> None:
        self.db = db
        self.inbox = inbox
        self.js = js
        self.sub = subscription
        self.backoff = backoff or DEFAULT_BACKOFF
        # One first attempt plus one retry per backoff step.
        self.max_deliver = len(self.backoff) + 1
        self.tracer = telemetry.tracer("servicekit.consumer")
        self.arrived = asyncio.Event()
        self.slots = asyncio.Semaphore(LANES)
        # Its own: a trickle handled straight through never waits for a lane's long batch.
        self.straight_slots = asyncio.Semaphore(LANES)
        self._count_after = 0.0
        i = inbox.c
        # The lane's statements, built once: building them per batch cost more Python than
        # running them. The lane's lock is taken in the same round trip as its events (an
        # uncorrelated subquery, evaluated once before any row is read): none come back when
        # another lane (or replica) has this tenant now.
        locked = select(
            func.pg_try_advisory_xact_lock(bindparam("lock", type_=BigInteger))
        ).scalar_subquery()
        self._due = (
            select(i.event_id, i.subject, i.message, i.headers, i.attempts)
            .where(
                locked,
                i.consumer == subscription.durable,
                i.tenant_id == bindparam("tenant"),
                i.status == "pending",
                i.due_at <= func.now(),
            )
            .order_by(i.seq)
            .limit(bindparam("size", type_=Integer))
        )
        self._done = (
            update(inbox)
            .where(
                # The ids as one array: one statement whatever the batch's size.
                i.consumer == subscription.durable,
                i.event_id == any_(bindparam("ids", type_=ARRAY(i.event_id.type))),
            )
            .values(status="done", message=None, headers=None, handled_at=func.now())
        )
        # The tenant's lane is free (its lock taken) and nothing of it waits in the inbox.
        waits = select(i.event_id).where(
            i.consumer == subscription.durable,
            i.tenant_id == bindparam("tenant"),
            i.status == "pending",
        )
        lock = func.pg_try_advisory_xact_lock(bindparam("lock", type_=BigInteger), type_=Boolean)
        self._free = select(and_(lock, ~waits.exists()))
        self._take_done = (
            insert_columns(inbox, _STRAIGHT_COLUMNS)
            .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
            .returning(i.event_id)
        )
        statement = insert(inbox)
        revived = {c: statement.excluded[c] for c in ("message", "headers", "subject")}
        self._take_in = statement.on_conflict_do_update(
            index_elements=["consumer", "event_id"],
            # An event parked earlier and replayed by an operator is taken in again.
            set_={**revived, "status": "pending", "attempts": 0, "due_at": func.now()},
            where=inbox.c.status == "dead",
        ).returning(inbox.c.event_id)

    async def ensure_consumer(self) -> None:
        config = ConsumerConfig(
            durable_name=self.sub.durable,
            filter_subjects=list(self.sub.subjects),
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=30,
            # Intake only stores: no redelivery limit, or an outage of the database longer
            # than a few redeliveries would lose events (the lanes count attempts instead).
            max_deliver=-1,
            max_ack_pending=10_000,
        )
        await self.js.add_consumer(EVENTS_STREAM, config)

    async def run(self) -> None:
        lanes = asyncio.create_task(self._lanes(), name=f"lanes-{self.sub.durable}")
        try:
            await self._intake()
        finally:
            lanes.cancel()
            await asyncio.gather(lanes, return_exceptions=True)

    # -- intake ---------------------------------------------------------------------------

    async def _intake(self) -> None:
        failures = 0
        while True:
            try:
                await self.ensure_consumer()
                psub = await self.js.pull_subscribe_bind(self.sub.durable, stream=EVENTS_STREAM)
                failures = 0
                while True:
                    try:
                        msgs = await psub.fetch(batch=FETCH, timeout=1)
                    except (NatsTimeoutError, TimeoutError):
                        continue
                    await self.take_in(msgs)
                    if len(msgs) < FETCH:
                        await asyncio.sleep(self.sub.gather)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures += 1
                log.warning("consumer %s interrupted: %s", self.sub.durable, exc)
                await asyncio.sleep(min(0.5 * failures, 5.0))

    async def take_in(self, msgs: list[Msg]) -> None:
        """Handle or store the events of `msgs` (once each), then acknowledge them all."""
        rows: dict[str, dict[str, Any]] = {}  # one row per event, however often it came
        unreadable: list[tuple[Msg, Exception]] = []
        for msg in msgs:
            try:
                event = Event.decode(msg.data)
                event_id = _as_uuid(event.id)
            except Exception as exc:
                unreadable.append((msg, exc))
                continue
            rows.setdefault(
                event_id,
                {
                    "consumer": self.sub.durable,
                    "event_id": event_id,
                    "event_type": event.type,
                    "tenant_id": event.tenant or NO_TENANT,
                    "status": "pending",
                    "subject": msg.subject,
                    "message": msg.data,
                    "headers": dict(msg.headers or {}),
                    "attempts": 0,
                    "error": None,
                },
            )
        left = list(rows.values())
        handled = 0
        if left and len(msgs) < FETCH:  # a trickle: nothing waits in JetStream behind it
            handled, left = await self._straight_through(left)
        taken = 0
        if left:
            try:
                # Many rows to one statement compiled once (insertmanyvalues, with RETURNING),
                # on its own: each row is stored once whatever happens (the conflict clause), and
                # nothing is acknowledged before they all are.
                taken = len(await self.db.execute_alone(self._take_in, left))
            except Exception:
                # Not stored (the database is away): have JetStream deliver them again soon,
                # not only after the ack wait, so they are not late once the database is back.
                for msg in msgs:
                    with suppress(Exception):
                        await msg.nak(delay=NAK_DELAY)
                raise
        duplicates = len(msgs) - len(unreadable) - handled - taken
        if duplicates:
            HANDLED.labels(self.sub.durable, "duplicate").inc(duplicates)
        for msg, why in unreadable:
            await self._park(msg.subject, msg.data, dict(msg.headers or {}), msg, why)
        for msg in msgs:
            await msg.ack()
        if taken:
            self.arrived.set()

    # -- straight through -----------------------------------------------------------------

    async def _straight_through(
        self, rows: list[dict[str, Any]]
    ) -> tuple[int, list[dict[str, Any]]]:
        """Handles a trickle's events at once, each tenant's in one transaction, where nothing of
        that tenant waits in the inbox: they are then stored done, without their message, and
        never read back nor marked (two statements a batch where four were, each event's row
        written once, not twice). How many it handled, and the rows left to store as pending."""
        tenants: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            tenants.setdefault(row["tenant_id"], []).append(row)
        outcomes = await asyncio.gather(
            *(self._straight(tenant, batch) for tenant, batch in tenants.items())
        )
        handled = sum(count for count, _ in outcomes)
        return handled, [row for _, left in outcomes for row in left]

    async def _straight(
        self, tenant: str, rows: list[dict[str, Any]]
    ) -> tuple[int, list[dict[str, Any]]]:
        """`tenant`'s `rows` handled in one transaction, if its lane is free and empty. How many
        it handled, and the rows left: all of them if they wait for the lane (the lane busy,
        events of the tenant pending, a batch too big, or the handling failed: the lane then
        takes them as any, with its retries), else those already in the inbox (a duplicate, or
        a parked event replayed, which the storing revives)."""
        if len(rows) > self.sub.batch:
            return 0, rows
        try:
            async with self.straight_slots, self._transaction(tenant) as session:
                free = {"lock": self._lock(tenant), "tenant": tenant}
                if not (await session.execute(self._free, free)).scalar():
                    return 0, rows
                new = {
                    r.event_id
                    for r in await session.execute(
                        self._take_done, by_column(rows, _STRAIGHT_COLUMNS)
                    )
                }
                fresh = [SimpleNamespace(**r) for r in rows if r["event_id"] in new]
                if fresh:
                    await self._handle_rows(session, fresh)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # Undone: the lane takes them, and retries the one that failed.
            log.warning(
                "consumer %s: events of %s wait for their lane: %s", self.sub.durable, tenant, exc
            )
            return 0, rows
        HANDLED.labels(self.sub.durable, "handled").inc(len(fresh))
        return len(fresh), [r for r in rows if r["event_id"] not in new]

    # -- lanes ----------------------------------------------------------------------------

    async def _lanes(self) -> None:
        running: set[asyncio.Task[bool]] = set()
        # At rest the inbox is asked ever less often (up to SLOWEST apart); events taken in
        # wake the lanes at once.
        pause = IdlePause(self.arrived, IDLE_SECONDS)
        try:
            while True:
                self.arrived.clear()
                try:
                    waiting = await self._tenants_waiting()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.warning("consumer %s cannot read its inbox: %s", self.sub.durable, exc)
                    waiting = []
                for tenant in waiting:
                    await self.slots.acquire()
                    task = asyncio.create_task(self._lane(tenant))
                    running.add(task)
                    task.add_done_callback(running.discard)
                    task.add_done_callback(lambda _: self.slots.release())
                if running:
                    # One turn for every tenant waiting. A full batch means more are waiting:
                    # the next turn at once. Otherwise a trickle is gathered first. (A lane
                    # that failed, the database away, says nothing here: the loop goes on, and
                    # its events wait for the next turn.)
                    turn, _ = await asyncio.wait(running)
                    if not any(_took_full_batch(t) for t in turn):
                        await asyncio.sleep(self.sub.gather)
                await self._count_pending(bool(waiting))
                if waiting:
                    pause.found_work()
                else:
                    await pause.wait()
        finally:
            for task in running:
                task.cancel()

    async def _count_pending(self, waiting: bool) -> None:
        """The pending gauge: 0 when no tenant waits, else counted every PENDING_EVERY seconds."""
        gauge = PENDING.labels(self.sub.durable)
        if not waiting:
            gauge.set(0)
            return
        if time.monotonic() < self._count_after:
            return
        self._count_after = time.monotonic() + PENDING_EVERY
        with suppress(Exception):  # a gauge is not worth a failed turn
            [row] = await self.db.execute_alone(_PENDING, {"consumer": self.sub.durable})
            gauge.set(row[0])

    async def _tenants_waiting(self) -> list[str]:
        """Tenants with events waiting: a skip scan of the pending index, one probe per tenant,
        however many events wait (a GROUP BY read every waiting event, every turn)."""
        rows = await self.db.execute_alone(_WAITING, {"consumer": self.sub.durable})
        return [str(r.tenant_id) for r in rows]

    async def _lane(self, tenant: str) -> bool:
        """One batch of `tenant`'s events; whether it was a full one."""
        try:
            return await self._batch(tenant, self.sub.batch) >= self.sub.batch
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # The batch failed (a handler, or the connection) and its transaction was undone:
            # take its events one by one, so only the culprit is retried.
            log.warning("consumer %s: a batch of %s failed: %s", self.sub.durable, tenant, exc)
            for _ in range(self.sub.batch):
                try:
                    if not await self._batch(tenant, 1):
                        return False
                except asyncio.CancelledError:
                    raise
                except Exception as single:
                    await self._failed_alone(tenant, single)
            return False

    def _lock(self, tenant: str) -> int:
        """The advisory lock of `tenant`'s lane: held by whoever handles its events."""
        return zlib.crc32(f"{self.sub.durable}/{tenant}".encode())

    def _transaction(self, tenant: str) -> Any:
        if tenant == NO_TENANT:
            return self.db.system_transaction()
        return self.db.tenant_transaction(tenant)

    async def _batch(self, tenant: str, size: int) -> int:
        """Handles up to `size` due events of `tenant` in one transaction; how many it took."""
        try:
            return await self._batch_in_transaction(tenant, size)
        except _FailedAlone as failed:
            # The one event of the batch failed, and its transaction was undone with it.
            await self._failed_alone(tenant, failed.error)
            return 1

    async def _batch_in_transaction(self, tenant: str, size: int) -> int:
        async with self._transaction(tenant) as session:
            due = {"lock": self._lock(tenant), "tenant": tenant, "size": size}
            rows = (await session.execute(self._due, due)).all()
            if not rows:  # another lane has the tenant, or its events wait for their retry
                return 0
            await self._handle_rows(session, rows)
            await session.execute(self._done, {"ids": [r.event_id for r in rows]})
        HANDLED.labels(self.sub.durable, "handled").inc(len(rows))
        return len(rows)

    async def _handle_rows(self, session: AsyncSession, rows: list[Any]) -> None:
        if len(rows) == 1:
            # One event; if it fails, the transaction goes and its attempt is counted.
            await self._handle(session, rows[0])
        else:
            # If the batch fails, the transaction goes and _lane takes them one by one.
            await self._handle_together(session, rows)

    async def _handle_together(self, session: AsyncSession, rows: list[Any]) -> None:
        """All of `rows`: the batch handler over them, or else the handler on each in turn. No
        savepoint (two round trips a batch): should it fail, _BatchFailed undoes the whole
        transaction, and the events are then handled one by one, each in its own."""
        batch_handler = self.sub.batch_handler

        async def handle() -> None:
            if batch_handler is not None:
                await batch_handler(session, [Event.decode(r.message) for r in rows])
                return
            for row in rows:  # each with its own span
                await self._handle(session, row)

        name = f"consume {rows[0].subject} ({len(rows)})"
        count = {"messaging.batch.message_count": len(rows)}
        try:
            await self._in_span(name, rows[0].headers, count, handle)
        except _FailedAlone as failed:
            raise _BatchFailed(str(failed.error)) from failed.error

    async def _handle(self, session: AsyncSession, row: Any) -> None:
        """Runs the handler on one event; a failure raises _FailedAlone (what encloses it must
        be undone)."""

        async def handle() -> None:
            await self.sub.handler(session, Event.decode(row.message))

        name = f"consume {row.subject}"
        event_id = {"messaging.message.id": str(row.event_id)}
        await self._in_span(name, row.headers, event_id, handle)

    async def _in_span(
        self,
        name: str,
        headers: Any,
        attributes: Mapping[str, str | int],
        handle: Callable[[], Awaitable[None]],
    ) -> None:
        """`handle` in a consumer span continuing the events' trace; its failure raised as
        _FailedAlone."""
        with self.tracer.start_as_current_span(
            name, context=telemetry.extract(headers), kind=trace.SpanKind.CONSUMER
        ) as span:
            span.set_attribute("messaging.system", "nats")
            span.set_attribute("messaging.consumer.group.name", self.sub.durable)
            for key, value in attributes.items():
                span.set_attribute(key, value)
            try:
                await handle()
            except _FailedAlone:
                raise  # an event of the batch: its own span recorded it
            except Exception as exc:
                span.record_exception(exc)
                raise _FailedAlone(exc) from exc

    async def _retry_or_park(self, session: AsyncSession, row: Any, error: Exception) -> None:
        attempts = row.attempts + 1
        i = self.inbox.c
        where = (i.consumer == self.sub.durable) & (i.event_id == row.event_id)
        reason = f"{type(error).__name__}: {error}"[:500]
        if attempts >= self.max_deliver:
            # Parked before the commit: a failed commit leaves it pending (tried again, and the
            # dead letter's replay is then a duplicate), never lost.
            await self._park(row.subject, row.message, row.headers or {}, None, error)
            await session.execute(
                update(self.inbox)
                .where(where)
                .values(status="dead", attempts=attempts, error=reason)
            )
            return
        delay = self.backoff[min(attempts - 1, len(self.backoff) - 1)]
        log.warning(
            "consumer %s retries %s in %.1fs (attempt %d): %s",
            self.sub.durable,
            row.event_id,
            delay,
            attempts,
            error,
        )
        HANDLED.labels(self.sub.durable, "retried").inc()
        await session.execute(
            update(self.inbox)
            .where(where)
            .values(
                attempts=attempts,
                error=reason,
                due_at=func.now() + text(f"interval '{float(delay)} seconds'"),
            )
        )

    async def _failed_alone(self, tenant: str, error: Exception) -> None:
        """A single event whose transaction itself failed: count the attempt in a fresh one."""
        i = self.inbox.c
        async with self._transaction(tenant) as session:
            row = (
                await session.execute(
                    select(i.event_id, i.subject, i.message, i.headers, i.attempts)
                    .where(
                        i.consumer == self.sub.durable,
                        i.tenant_id == tenant,
                        i.status == "pending",
                        i.due_at <= func.now(),
                    )
                    .order_by(i.seq)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
            ).first()
            if row is not None:
                await self._retry_or_park(session, row, error)

    async def _park(
        self,
        subject: str,
        data: bytes,
        headers: dict[str, str],
        msg: Msg | None,
        exc: Exception,
    ) -> None:
        log.error("consumer %s parks a message on %s: %s", self.sub.durable, subject, exc)
        parked = {k: v for k, v in headers.items() if k != "Nats-Msg-Id"}
        parked.update(
            {
                "Backoffice-Original-Subject": subject,
                "Backoffice-Consumer": self.sub.durable,
                "Backoffice-Error": f"{type(exc).__name__}: {exc}"[:500],
            }
        )
        if msg is not None:
            parked["Backoffice-Stream-Sequence"] = str(msg.metadata.sequence.stream)
        await self.js.publish(deadletter_subject(self.sub.durable), data, headers=parked)
        HANDLED.labels(self.sub.durable, "dead-lettered").inc()
