"""A policy made the way the tenant's people make one: an intermediary's client quotes and
applies, a policy clerk accepts the application; and a policy's row as invoicing reads it, for
tests of the documents alone."""

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, auth, published_home
from tests.support.tenants import create_login
from tests.support.waiting import eventually

POLICY_ROW = SimpleNamespace(
    id="0b0e7f8e-2f39-4a58-9a4c-6f3f1b1a0c11",
    tenant_id="t-documents",
    number="P0000001",
    holder_id="5d8c6c1e-8b6e-4bb3-9d53-3f0c8a0f5a22",
    insurer={"code": "VVNV", "name": "Voorbeeld Verzekeringen N.V."},
    client_id=None,
    test=False,
)


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
    eventually(
        lambda: gateway.get("/api/policies/applications", headers=clerk).json()["items"],
        lambda queue: any(a["id"] == applied["id"] for a in queue),
        seconds=10,
    )
    accepted = gateway.post(f"/api/policies/applications/{applied['id']}/accept", headers=clerk)
    assert accepted.status_code == 200, accepted.text
    return Accepted(accepted.json()["policy_id"], clerk, accepted.json()["documents"], quoted)


def renewal_run(
    gateway: httpx.Client, headers: dict[str, str], up_to: str, trial: bool, seconds: float = 60
) -> dict[str, Any]:
    """Starts a renewal run (a background job: 202 at once) and waits until it has finished;
    the job, with its result."""
    started = gateway.post(
        "/api/policies/renewals", json={"up_to": up_to, "trial": trial}, headers=headers
    )
    assert started.status_code == 202, started.text
    assert started.json()["status"] in ("queued", "running", "done")
    url = f"/api/policies/renewals/{started.json()['id']}"
    job = eventually(
        lambda: gateway.get(url, headers=headers).json(),
        lambda found: found["status"] in ("done", "failed"),
        seconds=seconds,
        every=0.2,
    )
    assert job["status"] == "done", job
    return dict(job)
