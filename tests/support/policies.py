"""A policy made the way the tenant's people make one: an intermediary's client quotes and
applies, a policy clerk accepts the application."""

import time
from dataclasses import dataclass
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, auth, published_home
from tests.support.tenants import create_login


@dataclass
class Accepted:
    policy_id: str
    clerk: dict[str, str]
    documents: list[dict[str, Any]]
    quote: dict[str, Any]


def accepted_policy(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
    quote: dict[str, Any],
    live: bool = True,
) -> Accepted:
    """Not `live`: the product stays in test mode and a test client applies (a test policy)."""
    broker = published_home(stack, gateway, keycloak, by, tenant, live)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()
    quoted = gateway.post("/public/v1/quotes", json=quote, headers=auth(broker)).json()
    applied = gateway.post(
        "/public/v1/applications",
        json={"quote_id": quoted["id"], "applicant": APPLICANT},
        headers=auth(broker),
    ).json()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        queue = gateway.get("/api/policies/applications", headers=clerk).json()["items"]
        if any(a["id"] == applied["id"] for a in queue):
            break
        time.sleep(0.2)
    accepted = gateway.post(f"/api/policies/applications/{applied['id']}/accept", headers=clerk)
    assert accepted.status_code == 200, accepted.text
    return Accepted(accepted.json()["policy_id"], clerk, accepted.json()["documents"], quoted)
