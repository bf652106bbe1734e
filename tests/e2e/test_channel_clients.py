"""A product approver chooses the intermediaries a version is published to from the tenant's API
clients: `GET /api/identity/channel-clients` names the clients not revoked, and nothing more, to
whoever holds `products:approve`; registering and revoking stay with the administrator."""

import httpx

from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login


def test_approvers_see_the_clients_not_revoked_by_name(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    url = f"/api/identity/tenants/{tenant}/api-clients"
    made = {}
    for name, body in {
        "Broker Jansen": {"channel": "intermediary", "relation_id": "rel-1"},
        "Agent de Boer": {"channel": "intermediary", "relation_id": "rel-2"},
        "Own website": {"channel": "website", "test": True},
    }.items():
        answer = gateway.post(url, json={"name": name, **body}, headers=by)
        assert answer.status_code == 201, answer.text
        made[name] = answer.json()["client_id"]
    revoked = gateway.delete(f"{url}/{made['Agent de Boer']}", headers=by)
    assert revoked.status_code in (200, 204), revoked.text

    approver = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-approver"]})
    listed = gateway.get("/api/identity/channel-clients", headers=approver.headers())
    assert listed.status_code == 200, listed.text
    assert listed.json() == [
        {
            "client_id": made["Broker Jansen"],
            "name": "Broker Jansen",
            "channel": "intermediary",
            "test": False,
        },
        {
            "client_id": made["Own website"],
            "name": "Own website",
            "channel": "website",
            "test": True,
        },
    ]

    developer = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-developer"]})
    refused = gateway.get("/api/identity/channel-clients", headers=developer.headers())
    assert refused.status_code == 403, refused.text
