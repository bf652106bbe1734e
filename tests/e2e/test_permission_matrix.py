"""The permission matrix through the gateway: for every declared module route and every right
in the catalogue, a login holding exactly that right passes if and only if it is the route's
right; a login of another tenant holding it never sees this tenant's data. The matrix grows by
itself as services declare routes."""

import uuid
from pathlib import Path

import httpx
import pytest

from backoffice_gateway.routes import Route, RouteTable
from servicekit.catalogue import load_catalogue
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import Person, create_login

ROUTES = RouteTable.from_contracts(Path(__file__).parents[2] / "contracts" / "openapi")
RIGHTS = sorted(load_catalogue().all_rights)


def _concrete(route: Route) -> str:
    """A path for the route, with made-up identifiers (a refusal must come before any lookup)."""
    return "/".join(
        str(uuid.uuid4()) if part.startswith("{") else part for part in route.template.split("/")
    )


@pytest.fixture(scope="module")
def people(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator_login: object
) -> dict[str, Person]:
    token = keycloak.token(operator_login)  # type: ignore[arg-type]
    operator = Api(gateway, token)
    tenant = f"m-{uuid.uuid4().hex[:10]}"
    assert (
        operator.post("/api/identity/tenants", {"slug": tenant, "name": "Matrix"}).status_code
        == 201
    )
    by = operator.headers(tenant)
    people = {}
    for right in RIGHTS:
        module, action = right.split(":")
        people[right] = create_login(
            gateway, keycloak, by, tenant, {"rights": [{"module": module, "action": action}]}
        )
    return people


def test_exactly_the_right_passes(gateway: httpx.Client, people: dict[str, Person]) -> None:
    routes = [r for r in ROUTES.routes if r.access == "module"]
    assert len(routes) >= 4
    checked = 0
    for route in routes:
        path = _concrete(route)
        needed = f"{route.module}:{route.action}"
        for right, person in people.items():
            body = None if route.method == "GET" else {}
            response = gateway.request(route.method, path, headers=person.headers(), json=body)
            if right == needed:
                # The gateway lets it through; a service may still refuse for its own reason
                # (authority limits are set by the tenant's administrator only).
                refused_here = response.status_code == 401 or (
                    response.status_code == 403
                    and response.json()["detail"].startswith("You may not")
                )
                assert not refused_here, (route.template, right, response.text)
            else:
                assert response.status_code == 403, (route.template, right, response.text)
                assert response.headers["content-type"] == "application/problem+json"
            checked += 1
    print(f"\npermission matrix: {len(routes)} routes x {len(people)} rights = {checked} checks")


def test_another_tenants_login_sees_nothing(
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    operator: Api,
    tenant: str,
    people: dict[str, Person],
) -> None:
    # `people` live in their own tenant; none of them can reach `tenant`'s data.
    for right in ("ledger:view", "claims:view", "products:view", "relations:view"):
        person = people[right]
        response = gateway.get(
            "/api/" + right.split(":")[0].replace("ledger", "ledger/accounts"),
            headers={**person.headers(), "X-Tenant": tenant},
        )
        assert response.status_code in (403, 404)
        assert "items" not in response.text
