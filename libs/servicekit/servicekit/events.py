"""The event envelope every service publishes, and the subjects and streams it travels on."""

import json
import uuid
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

    def encode(self) -> bytes:
        return json.dumps(self.to_json(), separators=(",", ":"), default=str).encode()

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
