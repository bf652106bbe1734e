"""API access for an intermediary or the tenant's website: client credentials whose tokens name
the tenant and channel, reaching the public API only; rotating and revoking take effect."""

import httpx
import pytest

from devstack.stack import Stack
from tests.support.api import Api


def _client_token(stack: Stack, client_id: str, secret: str) -> httpx.Response:
    return httpx.post(
        f"{stack.keycloak.url}/realms/backoffice/protocol/openid-connect/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


def test_register_use_rotate_revoke(
    stack: Stack, gateway: httpx.Client, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    url = f"/api/identity/tenants/{tenant}/api-clients"
    made = gateway.post(
        url,
        json={"name": "Broker Jansen", "channel": "intermediary", "relation_id": "rel-42"},
        headers=by,
    )
    assert made.status_code == 201, made.text
    client_id, secret = made.json()["client_id"], made.json()["client_secret"]
    listed = gateway.get(url, headers=by).json()
    assert [c["client_id"] for c in listed] == [client_id]
    assert "client_secret" not in listed[0]

    token = _client_token(stack, client_id, secret).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    me = gateway.get("/public/v1/client", headers=auth)
    assert me.status_code == 200, me.text
    assert me.json() == {
        "client_id": client_id,
        "name": "Broker Jansen",
        "tenant": tenant,
        "channel": "intermediary",
        "relation_id": "rel-42",
        "test": False,
    }
    # Machine clients reach the public API only; naming another tenant changes nothing.
    assert gateway.get("/api/products", headers=auth).status_code == 403
    for path in ("/api/identity/me", "/api/identity/catalogue", f"/api/identity/tenants/{tenant}"):
        assert gateway.get(path, headers=auth).status_code == 403, path
    other = gateway.get("/public/v1/client", headers={**auth, "X-Tenant": "someone-else"})
    assert other.json()["tenant"] == tenant

    rotated = gateway.post(f"{url}/{client_id}/rotate-secret", headers=by)
    assert rotated.status_code == 200
    assert _client_token(stack, client_id, secret).status_code == 401
    new_secret = rotated.json()["client_secret"]
    assert _client_token(stack, client_id, new_secret).status_code == 200

    assert gateway.delete(f"{url}/{client_id}", headers=by).status_code == 204
    # The token issued before the revocation is refused at once.
    assert gateway.get("/public/v1/client", headers=auth).status_code == 403


def test_employees_do_not_use_the_public_api(operator: Api, tenant: str) -> None:
    response = operator.client.get("/public/v1/client", headers=operator.headers(tenant))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "channel": "intermediary"}, "relation_id"),
        ({"name": "x", "channel": "fax"}, "channel"),
    ],
)
def test_invalid_registration(
    gateway: httpx.Client, operator: Api, tenant: str, body: dict[str, str], field: str
) -> None:
    response = gateway.post(
        f"/api/identity/tenants/{tenant}/api-clients", json=body, headers=operator.headers(tenant)
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in response.text
