"""Every decision the gateway takes on a tenant's data, allowed or refused, goes to the tenant's
audit trail: published on JetStream (`events.gateway.access.decided`) and appended to the
hash-chained log by the identity service. The publish is awaited before the answer, so no request
reaches a service unrecorded."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from nats.aio.client import Client

from servicekit import telemetry
from servicekit.events import Event

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccessRecord:
    tenant: str
    subject: str
    username: str
    acting_as: str
    grant_id: str | None
    module: str | None
    action: str | None
    method: str
    path: str
    outcome: str
    status: int
    request_id: str
    detail: str | None


async def publish(nc: Client, record: AccessRecord) -> None:
    event = Event.new(
        "gateway",
        "access.decided",
        record.tenant,
        {
            "at": datetime.now(UTC).isoformat(),
            "subject": record.subject,
            "username": record.username,
            "acting_as": record.acting_as,
            "grant_id": record.grant_id,
            "module": record.module,
            "action": record.action,
            "method": record.method,
            "path": record.path,
            "outcome": record.outcome,
            "status": record.status,
            "trace_id": telemetry.current_trace_id(),
            "request_id": record.request_id,
            "detail": record.detail,
        },
    )
    headers = telemetry.inject({"Nats-Msg-Id": event.id})
    await nc.jetstream().publish(event.subject, event.encode(), headers=headers, timeout=2)
