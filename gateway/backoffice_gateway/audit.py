"""Every decision the gateway takes on a tenant's data, allowed or refused, goes to the tenant's
audit trail: published on JetStream (`events.gateway.access.decided`) and appended to the
hash-chained log by the identity service. The publish is awaited before the answer, so no request
reaches a service unrecorded.

Group commit: while one publish is on its way, the decisions taken meanwhile gather and go out
together, one event per tenant with up to MAX_RECORDS records. A quiet gateway publishes each
decision at once; a busy one publishes (and the identity service takes in) one event for many
requests, each request still waiting for the acknowledgement of the event that holds its
record."""

import asyncio
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


MAX_RECORDS = 200  # a record is about 600 bytes; NATS takes 1 MiB per message


def record_data(record: AccessRecord) -> dict[str, object]:
    return {
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
    }


async def publish(nc: Client, tenant: str, records: list[dict[str, object]]) -> None:
    """One `access.decided` event with `records` of `tenant`, acknowledged by JetStream."""
    event = Event.new("gateway", "access.decided", tenant, {"records": records})
    headers = telemetry.inject({"Nats-Msg-Id": event.id})
    await nc.jetstream().publish(event.subject, event.encode(), headers=headers, timeout=2)


async def _publish_all(
    nc: Client, chunks: list[tuple[str, list["_Waiting"]]]
) -> list[BaseException | None]:
    """Each chunk published, its failure or None. One chunk (a quiet gateway, one tenant) is
    awaited here: gather would make it a task of its own, another turn of the loop per request."""
    if len(chunks) == 1:
        tenant, chunk = chunks[0]
        try:
            await publish(nc, tenant, [w.data for w in chunk])
        except Exception as exc:
            return [exc]
        return [None]
    return await asyncio.gather(
        *(publish(nc, tenant, [w.data for w in chunk]) for tenant, chunk in chunks),
        return_exceptions=True,
    )


@dataclass
class _Waiting:
    tenant: str
    data: dict[str, object]
    done: "asyncio.Future[None]"


class AuditRecorder:
    def __init__(self, nc: Client) -> None:
        self.nc = nc
        self.waiting: list[_Waiting] = []
        self.flushing: asyncio.Task[None] | None = None

    async def record(self, record: AccessRecord) -> None:
        """Returns once the record is acknowledged; raises when it could not be published."""
        done = asyncio.get_running_loop().create_future()
        self.waiting.append(_Waiting(record.tenant, record_data(record), done))
        if self.flushing is None:
            self.flushing = asyncio.create_task(self._flush())
        await done

    async def _flush(self) -> None:
        try:
            while self.waiting:
                taken, self.waiting = self.waiting, []
                groups: dict[str, list[_Waiting]] = {}
                for waiting in taken:
                    groups.setdefault(waiting.tenant, []).append(waiting)
                chunks = [
                    (tenant, group[start : start + MAX_RECORDS])
                    for tenant, group in groups.items()
                    for start in range(0, len(group), MAX_RECORDS)
                ]
                results = await _publish_all(self.nc, chunks)
                for (_, chunk), result in zip(chunks, results, strict=True):
                    for waiting in chunk:
                        if waiting.done.done():
                            continue
                        if isinstance(result, BaseException):
                            waiting.done.set_exception(result)
                        else:
                            waiting.done.set_result(None)
        finally:
            self.flushing = None
            for waiting in self.waiting:  # cancelled while taking: none left hanging
                if not waiting.done.done():
                    waiting.done.set_exception(RuntimeError("the audit recorder stopped"))
            self.waiting = []
