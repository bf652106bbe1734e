"""The events a tenant's actions put on the EVENTS stream, and their JSON Schemas in contracts/."""

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import nats
from nats.js.errors import NotFoundError

from devstack.stack import Stack

SCHEMAS = {
    path.name.removesuffix(".schema.json"): json.loads(path.read_text())
    for path in (Path(__file__).parents[2] / "contracts" / "events").glob("*.schema.json")
}


async def events_of(stack: Stack, tenant: str) -> list[dict[str, object]]:
    nc = await nats.connect(stack.nats.url)
    try:
        js = nc.jetstream()
        info = await js.stream_info("EVENTS")
        found = []
        for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
            try:
                msg = await js.get_msg("EVENTS", seq)
            except NotFoundError:
                continue
            event = json.loads(msg.data or b"{}")
            if event.get("tenant") == tenant:
                found.append(event)
        return found
    finally:
        await nc.close()


async def deliver_again(stack: Stack, events: Sequence[Mapping[str, Any]]) -> None:
    """Each event once more, under a fresh message id: as a redelivery past JetStream's
    duplicate window would bring it."""
    nc = await nats.connect(stack.nats.url)
    try:
        js = nc.jetstream()
        for event in events:
            await js.publish(
                f"events.{event['source']}.{event['type']}",
                json.dumps(event).encode(),
                headers={"Nats-Msg-Id": str(uuid.uuid4())},
            )
    finally:
        await nc.close()


def consumer_events(stack: Stack, service: str, consumer: str, outcome: str) -> float:
    """How many events `consumer` of `service` has taken from JetStream with `outcome` (handled,
    duplicate, retried, dead-lettered), as the service's /metrics count them."""
    text = httpx.get(stack.service_url(service) + "/metrics").text
    pattern = rf'consumer_events_total{{consumer="{consumer}",outcome="{outcome}"}} ([0-9.e+]+)'
    found = re.search(pattern, text)
    return float(found.group(1)) if found else 0.0


async def handled_by(stack: Stack, service: str, consumer: str, event_id: str) -> bool:
    """Whether `consumer` of `service` has handled the event (its inbox row is done)."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn(service))
    try:
        status = await conn.fetchval(
            "select status from inbox where consumer = $1 and event_id = $2",
            consumer,
            uuid.UUID(event_id),
        )
    finally:
        await conn.close()
    return status == "done"
