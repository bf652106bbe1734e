"""Every event the services publish validates against its JSON Schema in contracts/events."""

import asyncio
import json
import time
from pathlib import Path

import httpx
import jsonschema
import nats
from nats.js.errors import NotFoundError

from devstack.stack import Stack
from tests.conftest import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login, hand_over

SCHEMAS = {
    path.name.removesuffix(".schema.json"): json.loads(path.read_text())
    for path in (Path(__file__).parents[2] / "contracts" / "events").glob("*.schema.json")
}


async def _events_of(stack: Stack, tenant: str) -> list[dict[str, object]]:
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


def test_published_events_match_their_schemas(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    person = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    assert gateway.get("/api/ledger/accounts", headers=person.headers()).status_code == 200
    hand_over(gateway, keycloak, by, tenant)
    wanted = {"tenant.registered", "access.changed", "tenant.handed-over", "access.decided"}
    deadline = time.monotonic() + 10
    while True:
        events = asyncio.run(_events_of(stack, tenant))
        if wanted <= {str(e["type"]) for e in events} or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert wanted <= {str(e["type"]) for e in events}
    for event in events:
        jsonschema.validate(event, SCHEMAS[str(event["type"])])
