"""Every event the services publish validates against its JSON Schema in contracts/events."""

import asyncio

import httpx
import jsonschema

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.events import SCHEMAS, events_of
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login, hand_over
from tests.support.waiting import eventually


def test_published_events_match_their_schemas(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    person = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    assert gateway.get("/api/ledger/accounts", headers=person.headers()).status_code == 200
    hand_over(gateway, keycloak, by, tenant)
    wanted = {"tenant.registered", "access.changed", "tenant.handed-over", "access.decided"}
    events = eventually(
        lambda: asyncio.run(events_of(stack, tenant)),
        lambda found: wanted <= {str(e["type"]) for e in found},
        seconds=10,
    )
    assert wanted <= {str(e["type"]) for e in events}
    for event in events:
        jsonschema.validate(event, SCHEMAS[str(event["type"])])
