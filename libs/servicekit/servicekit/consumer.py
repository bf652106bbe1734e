"""Durable, idempotent consumers of JetStream events.

Each subscription is a durable pull consumer with explicit acknowledgement. A message is handled
in one database transaction that also records its event id in the inbox table, so a redelivered
event (after a crash, a lost ack, or past JetStream's duplicate window) changes nothing. A failing
handler is retried with backoff; after `max_deliver` attempts the message is parked in the
dead-letter stream, with the error, for an operator to inspect and replay.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import trace
from prometheus_client import Counter
from sqlalchemy import Column, DateTime, MetaData, Table, Text, func
from sqlalchemy.dialects.postgresql import UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit import telemetry
from servicekit.db import Database
from servicekit.events import EVENTS_STREAM, Event

log = logging.getLogger(__name__)

HANDLED = Counter(
    "consumer_events_total",
    "Events taken from JetStream by outcome (handled, duplicate, retried, dead-lettered)",
    ["consumer", "outcome"],
)

Handler = Callable[[AsyncSession, Event], Awaitable[None]]

DEFAULT_BACKOFF = (0.5, 2.0, 5.0, 15.0, 30.0)


def define_inbox(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("consumer", Text, primary_key=True),
        Column("event_id", UUID(as_uuid=False), primary_key=True),
        Column("event_type", Text, nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


@dataclass(frozen=True)
class Subscription:
    """`durable` consumes the events on `subjects` with `handler`."""

    durable: str
    subjects: tuple[str, ...]
    handler: Handler


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
        # One first delivery plus one redelivery per backoff step.
        self.max_deliver = len(self.backoff) + 1
        self.tracer = telemetry.tracer("servicekit.consumer")

    async def ensure_consumer(self) -> None:
        config = ConsumerConfig(
            durable_name=self.sub.durable,
            filter_subjects=list(self.sub.subjects),
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=30,
            max_deliver=self.max_deliver,
            max_ack_pending=1000,
        )
        await self.js.add_consumer(EVENTS_STREAM, config)

    async def run(self) -> None:
        failures = 0
        while True:
            try:
                await self.ensure_consumer()
                psub = await self.js.pull_subscribe_bind(self.sub.durable, stream=EVENTS_STREAM)
                failures = 0
                while True:
                    try:
                        msgs = await psub.fetch(batch=20, timeout=1)
                    except (NatsTimeoutError, TimeoutError):
                        continue
                    for msg in msgs:
                        await self.handle(msg)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures += 1
                log.warning("consumer %s interrupted: %s", self.sub.durable, exc)
                await asyncio.sleep(min(0.5 * failures, 5.0))

    async def handle(self, msg: Msg) -> None:
        parent = telemetry.extract(msg.headers)
        with self.tracer.start_as_current_span(
            f"consume {msg.subject}", context=parent, kind=trace.SpanKind.CONSUMER
        ) as span:
            span.set_attribute("messaging.system", "nats")
            span.set_attribute("messaging.consumer.group.name", self.sub.durable)
            try:
                event = Event.decode(msg.data)
                span.set_attribute("messaging.message.id", event.id)
                outcome = await self._handle_once(event)
            except Exception as exc:
                span.record_exception(exc)
                await self._failed(msg, exc)
                return
            HANDLED.labels(self.sub.durable, outcome).inc()
            await msg.ack()

    async def _handle_once(self, event: Event) -> str:
        if event.tenant:
            transaction = self.db.tenant_transaction(event.tenant)
        else:
            transaction = self.db.system_transaction()
        async with transaction as session:
            first = await session.execute(
                insert(self.inbox)
                .values(consumer=self.sub.durable, event_id=event.id, event_type=event.type)
                .on_conflict_do_nothing()
                .returning(self.inbox.c.event_id)
            )
            if first.first() is None:
                return "duplicate"
            await self.sub.handler(session, event)
        return "handled"

    async def _failed(self, msg: Msg, exc: Exception) -> None:
        delivered = msg.metadata.num_delivered
        if delivered >= self.max_deliver:
            log.error(
                "consumer %s parks message %s after %d attempts: %s",
                self.sub.durable,
                msg.metadata.sequence.stream,
                delivered,
                exc,
            )
            headers = dict(msg.headers or {})
            headers.pop("Nats-Msg-Id", None)
            headers.update(
                {
                    "Backoffice-Original-Subject": msg.subject,
                    "Backoffice-Stream-Sequence": str(msg.metadata.sequence.stream),
                    "Backoffice-Consumer": self.sub.durable,
                    "Backoffice-Error": f"{type(exc).__name__}: {exc}"[:500],
                }
            )
            await self.js.publish(deadletter_subject(self.sub.durable), msg.data, headers=headers)
            HANDLED.labels(self.sub.durable, "dead-lettered").inc()
            await msg.ack()
            return
        delay = self.backoff[min(delivered - 1, len(self.backoff) - 1)]
        log.warning(
            "consumer %s retries in %.1fs (attempt %d): %s", self.sub.durable, delay, delivered, exc
        )
        HANDLED.labels(self.sub.durable, "retried").inc()
        await msg.nak(delay=delay)
