"""A login made in Keycloak reaches every service through the gateway; the services refuse
anything that did not come through it."""

import httpx

from devstack.ports import SERVICE_NAMES
from devstack.stack import Stack
from servicekit import context_token
from servicekit.context_token import RequestContext
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin

# One route of each service that an operator may use on an operator-managed tenant.
ROUTE_OF_SERVICE = {
    "identity": "/api/identity/me",
    "product": "/api/products",
    "policy": "/api/relations",
    "claims": "/api/claims",
    "ledger": "/api/ledger/accounts",
    "imports": "/api/imports",
}


def test_new_login_reaches_each_service(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, tenant: str
) -> None:
    login = keycloak.create_user(roles=("platform-operator",))
    api = Api(gateway, keycloak.token(login), tenant=tenant)
    assert set(ROUTE_OF_SERVICE) == set(SERVICE_NAMES)
    for service, path in ROUTE_OF_SERVICE.items():
        response = api.get(path)
        assert response.status_code == 200, (service, response.text)
        assert response.headers["x-request-id"]
    me = api.get("/api/identity/me").json()
    assert me["username"] == login.username
    assert me["tenant"] == tenant
    assert me["acting_as"] == "operator"
    assert "ledger:create" in me["rights"]


def test_service_refuses_request_without_context_token(stack: Stack) -> None:
    for service in SERVICE_NAMES:
        response = httpx.get(stack.service_url(service) + ROUTE_OF_SERVICE[service])
        assert response.status_code == 401, service
        assert response.headers["content-type"] == "application/problem+json"


def test_service_refuses_context_token_signed_by_another_key(stack: Stack, tenant: str) -> None:
    private, _ = context_token.generate_keypair()
    forged = context_token.sign(
        RequestContext(
            subject="intruder",
            username="intruder",
            tenant=tenant,
            acting_as="employee",
            request_id="r1",
            module="ledger",
            action="view",
        ),
        private,
    )
    response = httpx.get(
        stack.service_url("ledger") + "/api/ledger/accounts",
        headers={context_token.HEADER: forged},
    )
    assert response.status_code == 401
    assert "Invalid context token" in response.json()["detail"]


def test_undeclared_route_is_refused(operator: Api, tenant: str) -> None:
    operator.tenant = tenant
    assert operator.get("/api/ledger/no-such-thing").status_code == 404
    assert operator.client.delete("/api/products", headers=operator.headers()).status_code == 405
    assert operator.get("/api/unknown-module").status_code == 404


def test_employee_without_rights_is_refused_before_the_service(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, tenant: str
) -> None:
    login = keycloak.create_user(organization=tenant)
    api = Api(gateway, keycloak.token(login))
    me = api.get("/api/identity/me").json()
    assert me["tenant"] == tenant
    assert me["rights"] == []
    response = api.get("/api/products")
    assert response.status_code == 403
    assert response.json()["detail"] == "You may not view in products"
    # An employee cannot pick another tenant with X-Tenant.
    other = api.client.get("/api/products", headers=api.headers(tenant="someone-else"))
    assert other.status_code == 403
