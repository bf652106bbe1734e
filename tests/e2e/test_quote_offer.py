"""A quote is made on the version offered when it is asked for. The product service keeps the
offer it read for the quotes after it; a new version, a publication or a withdrawal in between
must show in the very next quote."""

import json

import httpx

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import EXAMPLE, HOME_QUOTE, auth, published_home
from tests.support.tenants import create_login

VERSIONS = "/api/products/HOME/versions"


def test_each_quote_follows_the_offer_as_it_changes(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    broker = published_home(stack, gateway, keycloak, by, tenant)
    dev = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-developer"]})
    appr = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-approver"]})

    def quote(**headers: str) -> httpx.Response:
        return gateway.post(
            "/public/v1/quotes", json=HOME_QUOTE, headers={**auth(broker), **headers}
        )

    first = quote(**{"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.text
    assert (first.json()["version"], first.json()["premium"]["commission"]) == (1, "1.56")

    # Version 2 pays the broker 25 % instead of 20 %. While it is only being tried, the broker
    # still gets version 1.
    assert gateway.post(VERSIONS, headers=dev.headers()).status_code == 201
    definition = {**json.loads(EXAMPLE.read_text()), "commission": "0.25"}
    edited = gateway.put(f"{VERSIONS}/2", json=definition, headers=dev.headers())
    assert edited.status_code == 200, edited.text
    for step, who in (("submit", dev), ("approve", appr), ("test", dev)):
        answer = gateway.post(f"{VERSIONS}/2/{step}", headers=who.headers())
        assert answer.status_code == 200, answer.text
    assert quote().json()["version"] == 1

    channels = {"manual": True, "website": False, "intermediaries": [broker["client_id"]]}
    published = gateway.post(
        f"{VERSIONS}/2/publish", json={"channels": channels}, headers=appr.headers()
    )
    assert published.status_code == 200, published.text
    second = quote()
    assert second.status_code == 201, second.text
    assert (second.json()["version"], second.json()["premium"]["commission"]) == (2, "1.95")
    stored = gateway.get(f"/public/v1/quotes/{second.json()['id']}", headers=auth(broker))
    assert stored.json() == second.json()

    # The caller's own retry still answers the quote it made, on the version it was made on;
    # the same key for another request is refused.
    again = quote(**{"Idempotency-Key": "k-1"})
    assert (again.status_code, again.json()) == (201, first.json())
    other = gateway.post(
        "/public/v1/quotes",
        json={**HOME_QUOTE, "frequency": "annual"},
        headers={**auth(broker), "Idempotency-Key": "k-1"},
    )
    assert other.status_code == 409
    assert other.headers["content-type"] == "application/problem+json"

    withdrawn = gateway.post(f"{VERSIONS}/2/withdraw", headers=appr.headers())
    assert withdrawn.status_code == 200, withdrawn.text
    gone = quote()
    assert gone.status_code == 404
    assert gone.json()["detail"] == "No product 'HOME' is offered to you"
