"""The event envelope every service publishes, and the subjects and streams it travels on."""

import json
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

EVENTS_STREAM = "EVENTS"
EVENTS_SUBJECTS = "events.>"
DEADLETTER_STREAM = "DEADLETTER"
DEADLETTER_SUBJECTS = "deadletter.>"


def subject_for(source: str, event_type: str) -> str:
    """`events.<source service>.<event type>`, e.g. `events.identity.tenant.registered`."""
    return f"events.{source}.{event_type}"


def wake_subject(service: str) -> str:
    """The core NATS subject on which `service`'s outbox relays are asked to look at once
    (servicekit.outbox.ask_to_relay)."""
    return f"outbox.{service}.wake"


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    source: str
    tenant: str | None
    occurred_at: str
    data: dict[str, Any]

    @classmethod
    def new(cls, source: str, event_type: str, tenant: str | None, data: dict[str, Any]) -> "Event":
        return cls(
            id=str(uuid.uuid4()),
            type=event_type,
            source=source,
            tenant=tenant,
            occurred_at=datetime.now(UTC).isoformat(),
            data=data,
        )

    @property
    def subject(self) -> str:
        return subject_for(self.source, self.type)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "tenant": self.tenant,
            "occurred_at": self.occurred_at,
            "data": self.data,
        }

    def text(self) -> str:
        """The event as JSON text: what is published, and what the outbox stores."""
        return json.dumps(self.to_json(), separators=(",", ":"), default=str)

    def encode(self) -> bytes:
        return self.text().encode()

    @classmethod
    def decode(cls, raw: bytes) -> "Event":
        body = json.loads(raw)
        return cls(
            id=str(body["id"]),
            type=body["type"],
            source=body["source"],
            tenant=body.get("tenant"),
            occurred_at=body["occurred_at"],
            data=body.get("data") or {},
        )


# Items of one kind per bundled event. A hundred invoices make about 80 KB, well inside NATS's
# 1 MB message limit; the per-event cost (relay, JetStream, each consumer's inbox) is then a
# hundredth of what an event per item costs.
BUNDLE = 100


def bundled(
    source: str,
    bundle_type: str,
    tenant: str | None,
    key: str,
    items: list[dict[str, Any]],
    per_event: int = BUNDLE,
) -> list[Event]:
    """Many items of one kind, as few events of `bundle_type` with `{key: [up to per_event]}`:
    for batch work (a renewal run's invoices), where an event per item costs more than the
    item. `per_event` at most BUNDLE, fewer where items are large."""
    per_event = max(1, min(per_event, BUNDLE))
    return [
        Event.new(source, bundle_type, tenant, {key: items[start : start + per_event]})
        for start in range(0, len(items), per_event)
    ]


def latest_per(events: list[Event], key: Callable[[Event], Hashable]) -> list[Event]:
    """The last of `events` for each key, in the order the keys first came: what a copy kept by
    key ends as when the events are applied one by one, so that a batch writes each row once."""
    return list({key(event): event for event in events}.values())


def unbundled(bundles: list[Event], key: str, item_type: str) -> list[Event]:
    """The items of `bundles`, in order, as events of `item_type` of their own, as if each had
    been published alone: its bundle's source, tenant and time, and an id derived from the
    bundle's id and the item's place (UUID v5), so that whatever is keyed by it is the same on
    every delivery of the bundle."""
    return [
        Event(
            id=str(uuid.uuid5(uuid.UUID(bundle.id), str(place))),
            type=item_type,
            source=bundle.source,
            tenant=bundle.tenant,
            occurred_at=bundle.occurred_at,
            data=item,
        )
        for bundle in bundles
        for place, item in enumerate(bundle.data[key])
    ]
