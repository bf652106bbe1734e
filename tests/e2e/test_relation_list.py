"""Relations are listed by name, whatever its capitals, and page by cursor in that order."""

import httpx

from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login

ADDRESS = {"street": "Damrak", "house_number": 1, "postcode": "1012 LG", "city": "Amsterdam"}


def test_relations_listed_by_name_page_by_page(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    clerk = create_login(
        gateway, keycloak, operator.headers(tenant), tenant, {"protocols": ["policy-clerk"]}
    ).headers()
    for name in ("de Vries-Bakker", "Bakker", "de Vries", "aarts"):
        made = gateway.post(
            "/api/relations",
            json={"name": name, "address": ADDRESS, "roles": ["policyholder"]},
            headers=clerk,
        )
        assert made.status_code == 201, made.text

    names, cursor = [], None
    while True:
        params: dict[str, str | int] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = gateway.get("/api/relations", params=params, headers=clerk).json()
        names += [r["name"] for r in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert names == ["aarts", "Bakker", "de Vries", "de Vries-Bakker"]

    found = gateway.get("/api/relations", params={"name": "vries"}, headers=clerk).json()
    assert [r["name"] for r in found["items"]] == ["de Vries", "de Vries-Bakker"]
