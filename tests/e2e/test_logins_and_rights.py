"""Logins and rights, as the administrator (or the operator while operator-managed) sets them,
enforced by the gateway at once."""

import time
import uuid

import httpx

from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.tenants import create_login
from tests.support.waiting import eventually


def test_slug_is_validated_and_unique(operator: Api, tenant: str) -> None:
    bad = operator.post("/api/identity/tenants", {"slug": "Bad Slug!", "name": "x"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "slug"
    again = operator.post("/api/identity/tenants", {"slug": tenant, "name": "again"})
    assert again.status_code == 409
    # Names are unique too (Keycloak's organizations): a clear 409, never a 500.
    same_name = {"slug": f"t-{uuid.uuid4().hex[:12]}", "name": f"Tenant {tenant}"}
    taken = operator.post("/api/identity/tenants", same_name)
    assert taken.status_code == 409 and "already called" in taken.json()["detail"]
    assert operator.get(f"/api/identity/tenants/{same_name['slug']}").status_code == 404


def test_rights_are_the_union_and_me_shows_them(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    rights = {
        "protocols": ["product-developer"],
        "rights": [{"module": "ledger", "action": "view"}],
    }
    clerk = create_login(gateway, keycloak, by, tenant, rights)
    me = gateway.get("/api/identity/me", headers=clerk.headers()).json()
    assert me["tenant"] == tenant and me["acting_as"] == "employee"
    assert me["rights"] == sorted(
        ["products:view", "products:change", "products:create", "ledger:view"]
    )
    assert gateway.get("/api/products", headers=clerk.headers()).status_code == 200
    assert gateway.get("/api/ledger/accounts", headers=clerk.headers()).status_code == 200
    refused = gateway.get("/api/claims", headers=clerk.headers())
    assert refused.status_code == 403
    assert refused.json()["detail"] == "You may not view in claims"


def test_unknown_rights_are_refused_and_change_nothing(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    person = create_login(gateway, keycloak, by, tenant, {"protocols": ["view-only"]})
    response = gateway.put(
        f"/api/identity/tenants/{tenant}/users/{person.user_id}/rights",
        json={"protocols": ["god-mode"], "rights": [{"module": "ledger", "action": "approve"}]},
        headers=by,
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"protocols.0", "rights.0"}
    users = gateway.get(f"/api/identity/tenants/{tenant}/users", headers=by).json()["items"]
    assert next(u for u in users if u["id"] == person.user_id)["protocols"] == ["view-only"]


def _until_refused(gateway: httpx.Client, headers: dict[str, str], path: str) -> float:
    started = time.perf_counter()
    status = eventually(
        lambda: gateway.get(path, headers=headers).status_code,
        lambda answered: answered == 403,
        seconds=5,
        every=0.01,
    )
    assert status == 403, "still allowed after 5 s"
    return time.perf_counter() - started


def test_removed_right_is_enforced_within_a_second(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    view = {"rights": [{"module": "ledger", "action": "view"}]}
    person = create_login(gateway, keycloak, by, tenant, view)
    assert gateway.get("/api/ledger/accounts", headers=person.headers()).status_code == 200
    changed = gateway.put(
        f"/api/identity/tenants/{tenant}/users/{person.user_id}/rights", json={}, headers=by
    )
    assert changed.status_code == 200 and changed.json()["effective"] == []
    elapsed = _until_refused(gateway, person.headers(), "/api/ledger/accounts")
    print(f"\nright removed -> refused at the gateway after {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0


def test_disabled_login_is_refused_at_once_and_can_come_back(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    person = create_login(gateway, keycloak, by, tenant, {"protocols": ["view-only"]})
    assert gateway.get("/api/claims", headers=person.headers()).status_code == 200
    path = f"/api/identity/tenants/{tenant}/users/{person.user_id}"
    assert gateway.patch(path, json={"enabled": False}, headers=by).json()["enabled"] is False
    elapsed = _until_refused(gateway, person.headers(), "/api/claims")
    assert elapsed < 1.0
    assert "disabled" in gateway.get("/api/claims", headers=person.headers()).json()["detail"]
    assert gateway.patch(path, json={"enabled": True}, headers=by).status_code == 200
    person.token = keycloak.token(person.login)  # disabling ended its sessions
    assert gateway.get("/api/claims", headers=person.headers()).status_code == 200


def test_administrator_administers_only_their_own_tenant(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    other = f"{tenant}-x"
    assert operator.post("/api/identity/tenants", {"slug": other, "name": "X"}).status_code == 201
    by = operator.headers(tenant)
    admin = create_login(gateway, keycloak, by, tenant)
    appointed = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": admin.user_id},
        headers=by,
    )
    assert appointed.status_code == 201
    token = keycloak.token(admin.login)
    mine = gateway.get(
        f"/api/identity/tenants/{tenant}/users", headers={"Authorization": f"Bearer {token}"}
    )
    assert mine.status_code == 200
    theirs = gateway.get(
        f"/api/identity/tenants/{other}/users", headers={"Authorization": f"Bearer {token}"}
    )
    assert theirs.status_code == 403
    # An employee is no administrator.
    employee = create_login(gateway, keycloak, by, tenant)
    assert (
        gateway.get(f"/api/identity/tenants/{tenant}/users", headers=employee.headers()).status_code
        == 403
    )


def test_logins_are_unique_within_their_tenant_only(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """`jan` in one tenant and `jan` in another are two people: each signs in as
    `jan@<tenant>`, and creating one tells nothing of the other. Within a tenant, 409."""
    by = operator.headers(tenant)
    username = f"jan{uuid.uuid4().hex[:8]}"
    body = {
        "username": username,
        "email": f"{username}@example.test",
        "first_name": "A",
        "last_name": "B",
        "password": uuid.uuid4().hex,
        "temporary": False,
    }
    url = f"/api/identity/tenants/{tenant}/users"
    made = gateway.post(url, json=body, headers=by)
    assert made.status_code == 201 and made.json()["username"] == f"{username}@{tenant}"
    again = gateway.post(url, json=body, headers=by)
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "username"

    other = f"o-{tenant[2:]}"
    assert operator.post("/api/identity/tenants", {"slug": other, "name": other}).is_success
    elsewhere = gateway.post(
        f"/api/identity/tenants/{other}/users", json=body, headers=operator.headers(other)
    )
    assert elsewhere.status_code == 201, elsewhere.text
    assert elsewhere.json()["username"] == f"{username}@{other}"
    # Each signs in with their own password to their own tenant.
    mine = keycloak.token(Login(made.json()["id"], f"{username}@{tenant}", body["password"]))
    me = gateway.get("/api/identity/me", headers={"Authorization": f"Bearer {mine}"}).json()
    assert me["tenant"] == tenant


def test_passwords_follow_the_policy(gateway: httpx.Client, operator: Api, tenant: str) -> None:
    body = {
        "username": f"kort{uuid.uuid4().hex[:6]}",
        "email": "kort@example.test",
        "first_name": "K",
        "last_name": "Ort",
        "password": "short",
        "temporary": False,
    }
    url = f"/api/identity/tenants/{tenant}/users"
    refused = gateway.post(url, json=body, headers=operator.headers(tenant))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "password"
    # Long enough, but the login itself: Keycloak's policy refuses it, on the same field.
    itself = {**body, "password": f"{body['username']}@{tenant}"}
    refused = gateway.post(url, json=itself, headers=operator.headers(tenant))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "password"
    listed = gateway.get(url, params={"limit": 200}, headers=operator.headers(tenant)).json()
    assert body["username"] not in str(listed["items"])
