"""The hand-over locks the operator out; support access lets them back in for a scope and a
time, approved with the administrator's authenticator, bound to that one request."""

import asyncio
import time
from pathlib import Path

import asyncpg
import httpx
import pytest

from backoffice_gateway.routes import RouteTable
from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import Person, Phone, hand_over

ROUTES = RouteTable.from_contracts(Path(__file__).parents[2] / "contracts" / "openapi")


@pytest.fixture
def handed_over(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> tuple[Person, Phone]:
    return hand_over(gateway, keycloak, operator.headers(tenant), tenant)


def _module_get_paths() -> list[str]:
    return [
        r.template
        for r in ROUTES.routes
        if r.access == "module" and r.method == "GET" and "{" not in r.template
    ]


def test_operator_is_locked_out_after_hand_over(
    gateway: httpx.Client, operator: Api, tenant: str, handed_over: tuple[Person, Phone]
) -> None:
    by = operator.headers(tenant)
    paths = _module_get_paths()
    assert len(paths) >= 4
    for path in paths:
        response = gateway.get(path, headers=by)
        assert response.status_code == 403, path
    for path in ("users", "api-clients", "audit"):
        assert gateway.get(f"/api/identity/tenants/{tenant}/{path}", headers=by).status_code == 403
    refused = gateway.put(
        f"/api/identity/tenants/{tenant}/users/{handed_over[0].user_id}/rights",
        json={"protocols": ["view-only"]},
        headers=by,
    )
    assert refused.status_code == 403
    # Name and status stay visible.
    status = gateway.get(f"/api/identity/tenants/{tenant}", headers=by)
    assert status.status_code == 200 and status.json()["administration"] == "self-managed"


def _request(gateway: httpx.Client, operator: Api, tenant: str, minutes: int = 10) -> str:
    response = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests",
        json={
            "reason": "Import of converted policy data",
            "scope": [{"module": "ledger", "action": "view"}],
            "minutes": minutes,
        },
        headers=operator.headers(),
    )
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "requested"
    return str(response.json()["id"])


def _approve(
    gateway: httpx.Client, admin: Person, tenant: str, rid: str, code: str
) -> httpx.Response:
    return gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests/{rid}/approve",
        json={"code": code},
        headers=admin.headers(),
    )


def test_support_access_within_scope_until_revoked(
    gateway: httpx.Client, operator: Api, tenant: str, handed_over: tuple[Person, Phone]
) -> None:
    admin, phone = handed_over
    by = operator.headers(tenant)
    rid = _request(gateway, operator, tenant)
    assert gateway.get("/api/ledger/accounts", headers=by).status_code == 403
    code = phone.code()
    approved = _approve(gateway, admin, tenant, rid, code)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "active" and approved.json()["expires_at"]

    assert gateway.get("/api/ledger/accounts", headers=by).status_code == 200
    outside = gateway.get("/api/products", headers=by)
    assert outside.status_code == 403 and outside.json()["detail"] == "You may not view in products"
    assert gateway.get(f"/api/identity/tenants/{tenant}/users", headers=by).status_code == 403

    # The same code cannot approve another request.
    second = _request(gateway, operator, tenant)
    replay = _approve(gateway, admin, tenant, second, code)
    assert replay.status_code == 422

    revoked = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests/{rid}/revoke", headers=admin.headers()
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert gateway.get("/api/ledger/accounts", headers=by).status_code == 403
    listed = gateway.get(
        f"/api/identity/tenants/{tenant}/support-requests", headers=admin.headers()
    ).json()
    assert {r["id"]: r["status"] for r in listed} == {rid: "revoked", second: "requested"}


def test_scope_and_duration_are_validated(
    gateway: httpx.Client, operator: Api, tenant: str
) -> None:
    response = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests",
        json={
            "reason": "x" * 5,
            "scope": [{"module": "ledger", "action": "fly"}],
            "minutes": 10**6,
        },
        headers=operator.headers(),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"scope.0", "minutes"}


def test_wrong_codes_lock_approval(
    gateway: httpx.Client, operator: Api, tenant: str, handed_over: tuple[Person, Phone]
) -> None:
    admin, phone = handed_over
    rid = _request(gateway, operator, tenant)
    for _ in range(4):
        assert _approve(gateway, admin, tenant, rid, phone.wrong_code()).status_code == 422
    locked = _approve(gateway, admin, tenant, rid, phone.wrong_code())
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 800
    # Even the right code is refused while locked.
    assert _approve(gateway, admin, tenant, rid, phone.code()).status_code == 429
    assert gateway.get("/api/ledger/accounts", headers=operator.headers(tenant)).status_code == 403


async def _sql(stack: Stack, sql: str, *args: object) -> None:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("identity"))
    try:
        await conn.execute(sql, *args)
    finally:
        await conn.close()


def test_grant_expires(
    stack: Stack,
    gateway: httpx.Client,
    operator: Api,
    tenant: str,
    handed_over: tuple[Person, Phone],
) -> None:
    admin, phone = handed_over
    rid = _request(gateway, operator, tenant)
    assert _approve(gateway, admin, tenant, rid, phone.code()).status_code == 200
    # Time passes: the grant ends two seconds from now (instead of in ten minutes).
    asyncio.run(
        _sql(
            stack,
            "update support_requests set expires_at = now() + interval '2 seconds' where id = $1",
            rid,
        )
    )
    by = operator.headers(tenant)
    assert gateway.get("/api/ledger/accounts", headers=by).status_code == 200
    time.sleep(2.5)  # time itself must pass: the grant's end is a moment, not an event
    assert gateway.get("/api/ledger/accounts", headers=by).status_code == 403


def test_unapproved_request_expires_after_a_day(
    stack: Stack,
    gateway: httpx.Client,
    operator: Api,
    tenant: str,
    handed_over: tuple[Person, Phone],
) -> None:
    admin, phone = handed_over
    rid = _request(gateway, operator, tenant)
    asyncio.run(
        _sql(
            stack,
            "update support_requests set requested_at = now() - interval '25 hours' where id = $1",
            rid,
        )
    )
    late = _approve(gateway, admin, tenant, rid, phone.code())
    assert late.status_code == 409 and "expired" in late.json()["detail"]


def test_only_the_tenants_administrator_approves(
    gateway: httpx.Client, operator: Api, tenant: str, handed_over: tuple[Person, Phone]
) -> None:
    _, phone = handed_over
    rid = _request(gateway, operator, tenant)
    response = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests/{rid}/approve",
        json={"code": phone.code()},
        headers=operator.headers(),
    )
    assert response.status_code == 403
