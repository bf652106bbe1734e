"""The applications queue is worked oldest first: each application says when it was received,
and the queue pages by cursor in that order."""

from datetime import date, datetime

import httpx

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.clerk import quote_from
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, auth, published_home
from tests.support.tenants import create_login
from tests.support.waiting import eventually


def test_the_queue_lists_applications_oldest_first_page_by_page(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    broker = published_home(stack, gateway, keycloak, by, tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()

    submitted = []
    for n in range(3):
        quote = gateway.post(
            "/public/v1/quotes", json=quote_from(date.today()), headers=auth(broker)
        ).json()
        applicant = {**APPLICANT, "name": f"Aanvrager {n}", "email": f"a{n}@example.nl"}
        applied = gateway.post(
            "/public/v1/applications",
            json={"quote_id": quote["id"], "applicant": applicant},
            headers=auth(broker),
        )
        assert applied.status_code == 201, applied.text
        submitted.append(applied.json()["id"])
        queue = eventually(
            lambda: gateway.get("/api/policies/applications", headers=clerk).json()["items"],
            lambda found, n=n: len(found) > n,
            seconds=10,
        )
        assert len(queue) > n, "the application never reached the queue"

    seen, cursor = [], None
    while True:
        params: dict[str, str | int] = {"status": "received", "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = gateway.get("/api/policies/applications", params=params, headers=clerk).json()
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert [a["id"] for a in seen] == submitted
    received = [datetime.fromisoformat(a["received_at"]) for a in seen]
    assert received == sorted(received) and len(set(received)) == 3

    made_up = gateway.get(
        "/api/policies/applications", params={"cursor": "bm90IGEga2V5AA"}, headers=clerk
    )
    assert made_up.status_code == 422
