"""A tenant's product made the way its people make it, and API clients for its websites."""

import json
from pathlib import Path

import httpx

from devstack.stack import Stack
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "products" / "home-contents.json"

# The README's first worked example: 7.80 net, 1.56 commission, 1.64 tax, 9.44 a month.
HOME_QUOTE = {
    "product": "HOME",
    "risk": {
        "birth_date": "1990-05-17",
        "postcode": "1012 LG",
        "sum_insured": 40000,
        "household": "couple",
        "burglary_alarm": True,
    },
    "coverages": ["BASIC", "LEGAL"],
    "start_date": "2026-03-01",
    "frequency": "monthly",
}

APPLICANT = {
    "name": "J. de Vries",
    "date_of_birth": "1990-05-17",
    "email": "j.devries@example.nl",
    "iban": "NL91 ABNA 0417 1643 00",
    "address": {
        "street": "Damrak",
        "house_number": 1,
        "postcode": "1012lg",
        "city": "Amsterdam",
        "country": "NL",
    },
}


def api_client(
    stack: Stack, gateway: httpx.Client, by: dict[str, str], tenant: str, **body: object
) -> dict[str, str]:
    """Registers an API client; its bearer header and (under `client_id`) its id."""
    made = gateway.post(f"/api/identity/tenants/{tenant}/api-clients", json=body, headers=by)
    assert made.status_code == 201, made.text
    token = httpx.post(
        f"{stack.keycloak.url}/realms/backoffice/protocol/openid-connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": made.json()["client_id"],
            "client_secret": made.json()["client_secret"],
        },
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}", "client_id": made.json()["client_id"]}


def auth(client: dict[str, str]) -> dict[str, str]:
    return {"Authorization": client["Authorization"]}


def published_home(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
    live: bool = True,
) -> dict[str, str]:
    """The example product, approved and live for the manual channel and one broker's client
    (returned); or, not `live`, left in test mode with a test client of the website (returned)."""
    dev = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-developer"]})
    appr = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-approver"]})
    created = gateway.post(
        "/api/products", json=json.loads(EXAMPLE.read_text()), headers=dev.headers()
    )
    assert created.status_code == 201, created.text
    steps = [("submit", dev, None), ("approve", appr, None), ("test", dev, None)]
    if live:
        client = api_client(
            stack, gateway, by, tenant, name="Broker", channel="intermediary", relation_id="r-1"
        )
        channels = {"manual": True, "website": False, "intermediaries": [client["client_id"]]}
        steps.append(("publish", appr, {"channels": channels}))
    else:
        client = api_client(
            stack, gateway, by, tenant, name="Test site", channel="website", test=True
        )
    for step, who, body in steps:
        answer = gateway.post(
            f"/api/products/HOME/versions/1/{step}", json=body, headers=who.headers()
        )
        assert answer.status_code == 200, answer.text
    return client
