"""The tenant's audit trail: every gateway decision on its data and every administration change,
append-only and hash-chained, read only by its administrator; tampering is detected."""

import asyncio
import uuid

import asyncpg
import httpx
import jsonschema
import pytest

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.events import SCHEMAS, deliver_again, events_of
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.tenants import create_login, hand_over
from tests.support.waiting import eventually


def _trail(
    gateway: httpx.Client, tenant: str, headers: dict[str, str], **filters: str
) -> list[dict]:
    response = gateway.get(
        f"/api/identity/tenants/{tenant}/audit", params={"limit": 200, **filters}, headers=headers
    )
    assert response.status_code == 200, response.text
    items: list[dict] = response.json()["items"]
    return items


def test_decisions_and_changes_are_recorded_for_the_administrator_only(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    clerk = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "claims", "action": "view"}]}
    )
    assert gateway.get("/api/claims", headers=clerk.headers()).status_code == 200
    assert gateway.get("/api/ledger/accounts", headers=clerk.headers()).status_code == 403
    admin, _phone = hand_over(gateway, keycloak, by, tenant)
    mine = admin.headers()

    def clerk_entries() -> list[dict]:
        return _trail(gateway, tenant, mine, actor=clerk.user_id)

    assert eventually(lambda: len([e for e in clerk_entries() if e["kind"] == "access"]) >= 2)
    access = [e for e in clerk_entries() if e["kind"] == "access"]
    allowed = next(e for e in access if e["outcome"] == "allowed")
    refused = next(e for e in access if e["outcome"] == "refused")
    assert (allowed["module"], allowed["action"], allowed["method"], allowed["path"]) == (
        "claims",
        "view",
        "GET",
        "/api/claims",
    )
    assert allowed["acting_as"] == "employee" and allowed["trace_id"]
    assert (refused["module"], refused["status"]) == ("ledger", 403)

    changes = _trail(gateway, tenant, mine)
    rights = next(e for e in changes if e["detail"] == f"rights of {clerk.login.username} set")
    assert rights["kind"] == "administration" and rights["acting_as"] == "operator"
    assert rights["before"] == {"protocols": [], "rights": []}
    assert rights["after"] == {"protocols": [], "rights": ["claims:view"]}
    assert any(e["detail"] == "tenant handed over: self-managed" for e in changes)

    verified = gateway.get(f"/api/identity/tenants/{tenant}/audit/verify", headers=mine).json()
    assert verified["valid"] is True and verified["records"] >= 5

    # Nobody else reads it: not the operator (now locked out), not an employee.
    assert gateway.get(f"/api/identity/tenants/{tenant}/audit", headers=by).status_code == 403
    assert (
        gateway.get(f"/api/identity/tenants/{tenant}/audit", headers=clerk.headers()).status_code
        == 403
    )


async def _tamper(stack: Stack, tenant: str, sql: str) -> None:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("identity"))
    try:
        async with conn.transaction():
            # Only someone with the database's superuser can even try: the trigger stops the
            # service's own role.
            await conn.execute("alter table audit_log disable trigger audit_log_append_only")
            await conn.execute(sql, tenant)
            await conn.execute("alter table audit_log enable trigger audit_log_append_only")
    finally:
        await conn.close()


async def _service_role_cannot_change(stack: Stack, tenant: str) -> str:
    conn = await asyncpg.connect(stack.postgres.url("identity", "identity", "identity", driver=""))
    try:
        async with conn.transaction():
            await conn.execute("select set_config('app.tenant', $1, true)", tenant)
            try:
                await conn.execute("delete from audit_log where seq = 1")
            except asyncpg.PostgresError as exc:
                return str(exc)
    finally:
        await conn.close()
    return "deleted"


def test_tampering_is_detected(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    for _ in range(3):
        create_login(gateway, keycloak, by, tenant, {"protocols": ["view-only"]})
    verify = f"/api/identity/tenants/{tenant}/audit/verify"
    assert gateway.get(verify, headers=by).json()["valid"] is True
    assert "append-only" in asyncio.run(_service_role_cannot_change(stack, tenant))

    asyncio.run(
        _tamper(
            stack,
            tenant,
            "update audit_log set detail = 'nothing happened' where tenant_id = $1 and seq = 2",
        )
    )
    altered = gateway.get(verify, headers=by).json()
    assert altered["valid"] is False and altered["first_broken_seq"] == 2

    asyncio.run(_tamper(stack, tenant, "delete from audit_log where tenant_id = $1 and seq = 2"))
    deleted = gateway.get(verify, headers=by).json()
    assert deleted["valid"] is False and deleted["first_broken_seq"] in (2, 3)


def test_a_decision_that_cannot_be_recorded_leaves_the_trail_not_whole(
    stack: Stack, gateway: httpx.Client, operator: Api, tenant: str
) -> None:
    """A record of the gateway's that the trail cannot take (here: one without its fields) is
    parked for an operator after its retries, and verifying the trail says so."""
    by = operator.headers(tenant)
    verify = f"/api/identity/tenants/{tenant}/audit/verify"
    assert gateway.get(verify, headers=by).json()["unrecorded"] == 0
    broken = {
        "id": str(uuid.uuid4()),
        "type": "access.decided",
        "source": "gateway",
        "tenant": tenant,
        "occurred_at": "2026-11-28T06:00:00+00:00",
        "data": {"path": "/api/relations"},
    }
    asyncio.run(deliver_again(stack, [broken]))
    assert eventually(lambda: gateway.get(verify, headers=by).json()["unrecorded"] == 1, seconds=30)
    report = gateway.get(verify, headers=by).json()
    assert report["valid"] is False and "could not be recorded" in report["problem"]


def test_logins_and_failed_logins_of_the_staff_are_in_the_trail(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """Keycloak's record of a wrong password and of a login reaches the tenant's trail, for its
    administrator to see; the attempt on a login that does not exist there too."""
    by = operator.headers(tenant)
    person = create_login(gateway, keycloak, by, tenant, {"protocols": ["view-only"]})
    wrong = Login(person.user_id, person.login.username, "not-the-password")
    with pytest.raises(httpx.HTTPStatusError):
        keycloak.token(wrong)
    with pytest.raises(httpx.HTTPStatusError):
        keycloak.token(Login("-", f"nobody@{tenant}", "not-the-password-either"))
    keycloak.token(person.login)

    def logins() -> list[tuple[str, str]]:
        return [
            (e["actor_name"], e["outcome"])
            for e in _trail(gateway, tenant, by)
            if e["kind"] == "login"
        ]

    # create_login signed the person in once already, to hand the test a token.
    assert eventually(lambda: len(logins()) >= 4, seconds=30)
    assert sorted(logins()) == sorted(
        [
            (person.login.username, "allowed"),
            (person.login.username, "refused"),
            (f"nobody@{tenant}", "refused"),
            (person.login.username, "allowed"),
        ]
    )
    assert gateway.get(f"/api/identity/tenants/{tenant}/audit/verify", headers=by).json()["valid"]


def test_decisions_taken_together_are_published_together_and_each_recorded_once(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """Forty requests at once: the records travel gathered in events (group commit, see
    tests/integration/test_audit_group_commit.py), each of them recorded once, none lost."""
    by = operator.headers(tenant)
    person = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    login = person.login.username

    async def burst() -> list[int]:
        async with httpx.AsyncClient(base_url=str(gateway.base_url), timeout=30) as client:
            answers = await asyncio.gather(
                *(client.get("/api/ledger/accounts", headers=person.headers()) for _ in range(40))
            )
        return [a.status_code for a in answers]

    assert asyncio.run(burst()) == [200] * 40
    events = [e for e in asyncio.run(events_of(stack, tenant)) if e["type"] == "access.decided"]
    for event in events:
        jsonschema.validate(event, SCHEMAS["access.decided"])
    carrying = {
        str(e["id"]): [d for d in e["data"]["records"] if d["username"] == login]  # type: ignore[index]
        for e in events
    }
    carrying = {event: records for event, records in carrying.items() if records}
    assert sum(len(records) for records in carrying.values()) == 40
    recorded = eventually(
        lambda: [e for e in _trail(gateway, tenant, by, actor=login) if e["kind"] == "access"],
        lambda found: len(found) >= 40,
        seconds=30,
    )
    assert len(recorded) == 40 and len({e["request_id"] for e in recorded}) == 40


def test_a_check_right_after_a_request_finds_its_decision(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """Checked at once, the trail holds the decision just taken or counts it as on its way:
    the audit consumer gathers a trickle for 200 ms, and a check made meanwhile said nothing was
    on its way while the decision was still in JetStream."""
    admin, _phone = hand_over(gateway, keycloak, operator.headers(tenant), tenant)
    mine = admin.headers()
    verify = f"/api/identity/tenants/{tenant}/audit/verify"
    for _ in range(3):
        request_id = f"check-{uuid.uuid4()}"
        looked = gateway.get("/api/claims", headers={**mine, "X-Request-Id": request_id})
        assert looked.status_code in (200, 403), looked.text  # a refusal is a decision too
        report = gateway.get(verify, headers=mine).json()
        assert report["valid"] is True, report
        recorded = [e for e in _trail(gateway, tenant, mine) if e["request_id"] == request_id]
        assert len(recorded) == 1 or report["recording"] > 0, report
