"""Claims through the gateway: a claim on a policy from the policy service registered against the
claims service's own read model of policies, handled through its statuses, reserved, paid in two
payments (the second above the handler's authority, released by a second person), closed; the
ledger books the payments and the loss ratio report shows them. Refusals change nothing."""

import asyncio
from decimal import Decimal
from typing import Any

import httpx
import jsonschema

from devstack.stack import Stack
from tests.support.accounts import assert_control_accounts_equal_open_items
from tests.support.api import Api
from tests.support.events import SCHEMAS, events_of, handled_by
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import Accepted, accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login, hand_over
from tests.support.waiting import eventually

D = Decimal
ANNUAL = {**HOME_QUOTE, "frequency": "annual"}  # from 2026-03-01: BASIC and LEGAL, net 90.00
REPAIRER = {
    "kind": "organization",
    "name": "Loodgietersbedrijf Jansen B.V.",
    "coc_number": "87654321",
    "iban": "NL44 RABO 0123 4567 89",
    "address": {
        "street": "Kalverstraat",
        "house_number": 12,
        "postcode": "1012 PK",
        "city": "Amsterdam",
    },
    "roles": ["payee"],
}


def _register(gateway: httpx.Client, headers: dict[str, str], body: dict[str, Any]) -> Any:
    """Register once the claims service knows the policy (its read model follows events)."""

    def attempt() -> httpx.Response | None:
        response = gateway.post("/api/claims", json=body, headers=headers)
        unknown = response.status_code == 422 and "is known" in response.json()["detail"]
        return None if unknown else response

    response = eventually(attempt)
    assert response is not None, "the claims service never learnt of the policy"
    return response


def _claim(policy: Accepted, **extra: Any) -> dict[str, Any]:
    return {
        "policy_id": policy.policy_id,
        "loss_date": "2026-10-10",
        "cause": "storm",
        "description": "Storm blew in the kitchen window, floor and cupboards soaked",
        "estimate": "2500.00",
        "coverage": "BASIC",
        **extra,
    }


def _move(gateway: httpx.Client, headers: dict[str, str], claim: str, to: str) -> httpx.Response:
    return gateway.post(
        f"/api/claims/{claim}/transitions", json={"to": to, "note": f"now {to}"}, headers=headers
    )


def test_claim_journey_from_notice_to_closing(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, ANNUAL)
    holder = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()
    handler = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]})
    senior = create_login(
        gateway, keycloak, by, tenant, {"protocols": ["claims-handler", "claims-approver"]}
    )
    approver = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-approver"]})
    accountant = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    h, books = handler.headers(), accountant.headers()

    registered = _register(gateway, h, _claim(policy))
    assert registered.status_code == 201, registered.text
    claim = registered.json()
    cid = claim["id"]
    assert claim["number"] == "C0000001" and claim["status"] == "reported"
    assert claim["next_statuses"] == ["in_treatment", "rejected"]
    assert claim["reserve"] == "2500.00" and claim["outside_cover"] is False
    assert claim["policy"]["number"] == holder["number"]
    assert claim["policy"]["coverages"] == ["BASIC", "LEGAL"]
    assert claim["policy"]["risk"]["sum_insured"] == 40000
    assert claim["policyholder"]["id"] == holder["holder_id"]
    assert claim["claimant"]["name"] == "J. de Vries"

    # A transition out of order is refused and changes nothing.
    skipped = _move(gateway, h, cid, "paid")
    assert skipped.status_code == 409
    assert "cannot become paid" in skipped.json()["detail"]
    for step in ("in_treatment", "awaiting_information", "in_treatment", "accepted"):
        moved = _move(gateway, h, cid, step)
        assert moved.status_code == 200, moved.text
    assigned = gateway.post(
        f"/api/claims/{cid}/handler", json={"handler": handler.login.username}, headers=h
    )
    assert assigned.json()["handler"] == handler.login.username
    reserved = gateway.post(
        f"/api/claims/{cid}/reserve",
        json={"amount": "3000.00", "note": "repairer's quote received"},
        headers=h,
    ).json()
    assert reserved["reserve"] == "3000.00"

    repairer = gateway.post("/api/relations", json=REPAIRER, headers=h)
    assert repairer.status_code == 201, repairer.text
    repairer_id = repairer.json()["id"]

    # Within the handler's authority (the tenant default, 1000.00): released at once, to the
    # claimant's IBAN on record.
    def pay_holder() -> httpx.Response:
        return gateway.post(
            f"/api/claims/{cid}/payments",
            json={"payee_relation_id": holder["holder_id"], "amount": "400.00"},
            headers={**h, "Idempotency-Key": "water-damage-1"},
        )

    first = pay_holder()
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "released" and first.json()["iban"] == "NL91ABNA0417164300"
    assert pay_holder().json()["id"] == first.json()["id"]  # a retried request pays once

    # Above it: it waits for a second person; not the one who entered it.
    second = eventually(
        lambda: (
            r
            if (
                r := gateway.post(
                    f"/api/claims/{cid}/payments",
                    json={"payee_relation_id": repairer_id, "amount": "2100.00"},
                    headers=senior.headers(),
                )
            ).status_code
            != 422
            else None
        )
    )
    assert second.status_code == 201, second.text
    payment = second.json()
    assert payment["status"] == "awaiting_approval"
    url = f"/api/claims/{cid}/payments/{payment['id']}"
    own = gateway.post(f"{url}/approve", headers=senior.headers())
    assert own.status_code == 403 and "second person" in own.json()["detail"]
    assert gateway.post(f"{url}/approve", headers=h).status_code == 403  # no claims:approve
    waiting = gateway.get(f"/api/claims/{cid}", headers=h).json()
    assert waiting["paid"] == "400.00" and waiting["reserve"] == "2600.00"
    # The approvals inbox: the payment waiting, with its claim and who entered it.
    inbox = gateway.get("/api/claims/payments", headers=approver.headers()).json()["items"]
    assert [(p["id"], p["claim_number"], p["requested_by"]) for p in inbox] == [
        (payment["id"], "C0000001", senior.login.username)
    ]
    assert _move(gateway, h, cid, "paid").status_code == 409  # a payment still waits

    released = gateway.post(f"{url}/approve", headers=approver.headers())
    assert released.status_code == 200, released.text
    assert gateway.get("/api/claims/payments", headers=h).json()["items"] == []
    done = gateway.get("/api/claims/payments", params={"status": "released"}, headers=h)
    assert {p["amount"] for p in done.json()["items"]} == {"400.00", "2100.00"}
    assert released.json()["status"] == "released"
    assert released.json()["decided_by"] == approver.login.username

    report = gateway.get("/api/claims/reports/open", headers=h).json()
    load = next(x for x in report["handlers"] if x["handler"] == handler.login.username)
    assert load["open"] == 1 and load["reserve"] == "500.00" and load["by_age"]["0-30"] == 1

    for step in ("paid", "closed"):
        assert _move(gateway, h, cid, step).status_code == 200
    closed = gateway.get(f"/api/claims/{cid}", headers=h).json()
    assert closed["status"] == "closed" and closed["paid"] == "2500.00"
    assert [r["reserve"] for r in closed["reserves"]] == [
        "2500.00",
        "3000.00",
        "2600.00",
        "500.00",
        "0.00",
    ]
    assert [x["to_status"] for x in closed["history"] if x["to_status"]] == [
        "reported",
        "in_treatment",
        "awaiting_information",
        "in_treatment",
        "accepted",
        "paid",
        "closed",
    ]
    assert all(x["by"] and x["at"] for x in closed["history"])

    # The ledger: the insurer's current account is charged 2,500.00 and the payees are owed.
    entries = eventually(
        lambda: (
            items
            if len(
                items := gateway.get(
                    "/api/ledger/journal-entries", params={"source": "claim"}, headers=books
                ).json()["items"]
            )
            >= 2
            else None
        )
    )
    assert entries and len(entries) == 2
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert balances["1600"] == D("-72.00")  # claims move what is owed; the control is unchanged
    insurer = gateway.get("/api/creditors/insurer:VVNV", headers=books).json()
    assert insurer["balance"] == "-2428.00"  # 72.00 premium share less 2,500.00 claims paid
    assert gateway.get(f"/api/creditors/{repairer_id}", headers=books).json()["balance"] == (
        "2100.00"
    )
    assert (
        gateway.get(f"/api/creditors/{holder['holder_id']}", headers=books).json()["balance"]
        == "400.00"
    )

    # The loss ratio: 2,500.00 paid against 90.00 premium booked (net of tax).
    ratio = eventually(
        lambda: next(
            (
                p
                for p in gateway.get(
                    "/api/claims/reports/loss-ratio",
                    params={"from": "2026-01-01", "to": "2026-12-31"},
                    headers=h,
                ).json()["products"]
                if p["premium"] == "90.00"
            ),
            None,
        )
    )
    assert ratio == {
        "product": "HOME",
        "premium": "90.00",
        "claims": 1,
        "paid": "2500.00",
        "reserved": "0.00",
        "incurred": "2500.00",
        "loss_ratio": "27.7778",
    }
    released_events = [
        e for e in asyncio.run(events_of(stack, tenant)) if e["type"] == "claim.payment.released"
    ]
    assert sorted(e["data"]["amount"] for e in released_events) == ["2100.00", "400.00"]
    for event in released_events:
        jsonschema.validate(event, SCHEMAS["claim.payment.released"])


def test_the_required_coverage_is_in_cover_and_the_cause_chooses_it(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """The website asks for LEGAL only; BASIC is required, so invoiced and in cover. A fire falls
    under BASIC (never silently under LEGAL), a legal dispute under LEGAL, water damage under
    nothing the policy holds until ALLRISK is added. (Where two coverages pay for one cause the
    handler must choose: tests/unit/test_claims_rules.py.)"""
    by = operator.headers(tenant)
    policy = accepted_policy(
        stack, gateway, keycloak, by, tenant, {**ANNUAL, "coverages": ["LEGAL"]}
    )
    shown = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()
    invoices = gateway.get(f"/api/policies/{policy.policy_id}/invoices", headers=policy.clerk)
    invoiced = {line["coverage"] for line in invoices.json()["items"][0]["lines"]}
    assert shown["coverages"] == ["BASIC", "LEGAL"] == sorted(invoiced)
    assert shown["chosen_coverages"] == ["LEGAL"]
    h = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]}).headers()

    fire = _register(gateway, h, _claim(policy, cause="fire", coverage=None))
    assert fire.status_code == 201, fire.text
    assert fire.json()["coverage"] == "BASIC" and fire.json()["outside_cover"] is False
    legal = gateway.post(
        "/api/claims", json=_claim(policy, cause="legal", coverage=None), headers=h
    )
    assert legal.status_code == 201 and legal.json()["coverage"] == "LEGAL"
    water = gateway.post(
        "/api/claims", json=_claim(policy, cause="water", coverage=None), headers=h
    )
    assert water.status_code == 422 and water.json()["errors"][0]["field"] == "cause"
    assert "no coverage in force on 2026-10-10 pays for water" in water.json()["detail"]
    named = gateway.post(
        "/api/claims", json=_claim(policy, cause="fire", coverage="LEGAL"), headers=h
    )
    assert named.status_code == 422 and "LEGAL does not pay for fire" in named.json()["detail"]

    # From 2026-11-01 the holder adds ALLRISK, which pays for glass.
    mutated = gateway.post(
        f"/api/policies/{policy.policy_id}/mutations",
        json={"effective_date": "2026-11-01", "changes": {"coverages": ["LEGAL", "ALLRISK"]}},
        headers=policy.clerk,
    )
    assert mutated.status_code == 200, mutated.text
    assert mutated.json()["policy"]["coverages"] == ["BASIC", "ALLRISK", "LEGAL"]

    def knows_allrisk() -> bool:
        glass = _claim(policy, cause="glass", coverage=None, loss_date="2026-11-02")
        answer = gateway.post("/api/claims", json=glass, headers=h)
        return answer.status_code == 201 and answer.json()["coverage"] == "ALLRISK"

    assert eventually(knows_allrisk), "a glass claim after the mutation falls under ALLRISK"
    numbers = [c["number"] for c in gateway.get("/api/claims", headers=h).json()["items"]]
    assert len(numbers) == 3  # the refused ones left nothing behind


def test_refusals_change_nothing(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, ANNUAL)
    handler = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]})
    h = handler.headers()

    before_start = _register(gateway, h, _claim(policy, loss_date="2026-02-20"))
    assert before_start.status_code == 422
    assert before_start.json()["errors"][0]["field"] == "loss_date"
    assert "outside the policy period" in before_start.json()["detail"]
    future = gateway.post("/api/claims", json=_claim(policy, loss_date="2099-01-01"), headers=h)
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "loss_date"
    uncovered = gateway.post("/api/claims", json=_claim(policy, coverage="ALLRISK"), headers=h)
    assert uncovered.status_code == 422 and "did not cover ALLRISK" in uncovered.json()["detail"]
    cause = gateway.post("/api/claims", json=_claim(policy, cause="meteorite"), headers=h)
    assert cause.status_code == 422 and cause.json()["errors"][0]["field"] == "cause"
    # Another tenant's policy is unknown here.
    other = f"o-{tenant[2:]}"
    assert operator.post("/api/identity/tenants", {"slug": other, "name": other}).is_success
    elsewhere = gateway.post("/api/claims", json=_claim(policy), headers=operator.headers(other))
    assert elsewhere.status_code == 422 and elsewhere.json()["errors"][0]["field"] == "policy_id"
    assert gateway.get("/api/claims", headers=h).json()["items"] == []

    # Outside cover only with a reason, and marked so; a tenant's own cause.
    added = gateway.post(
        "/api/claims/causes", json={"code": "meteorite", "name": "Meteorite"}, headers=h
    )
    assert added.status_code == 201
    marked = gateway.post(
        "/api/claims",
        json=_claim(
            policy,
            loss_date="2026-02-20",
            cause="meteorite",
            outside_cover_reason="Goodwill agreed with the insurer",
        ),
        headers=h,
    )
    assert marked.status_code == 201, marked.text
    assert marked.json()["outside_cover"] is True
    assert "outside the policy period" in marked.json()["outside_cover_reason"]
    cid = marked.json()["id"]

    # Payments only on an accepted claim, within the reserve, to a valid IBAN.
    holder = marked.json()["policyholder"]["id"]
    pay = {"payee_relation_id": holder, "amount": "100.00"}
    early = gateway.post(f"/api/claims/{cid}/payments", json=pay, headers=h)
    assert early.status_code == 409 and "accept it first" in early.json()["detail"]
    for step in ("in_treatment", "accepted"):
        assert _move(gateway, h, cid, step).status_code == 200
    too_much = gateway.post(
        f"/api/claims/{cid}/payments", json={**pay, "amount": "2500.01"}, headers=h
    )
    assert too_much.status_code == 422 and too_much.json()["errors"][0]["field"] == "amount"
    bad_iban = gateway.post(
        f"/api/claims/{cid}/payments", json={**pay, "iban": "NL91ABNA0417164301"}, headers=h
    )
    assert bad_iban.status_code == 422 and bad_iban.json()["errors"][0]["field"] == "iban"
    unchanged = gateway.get(f"/api/claims/{cid}", headers=h).json()
    assert unchanged["payments"] == [] and unchanged["reserve"] == "2500.00"

    # The administrator (here the computing center, which runs this tenant) raises one
    # handler's authority; nobody else may, and the handler's payment is then released at once.
    limit = {"authority_limit": "3000.00"}
    path = f"/api/claims/authority-limits/{handler.login.username}"
    assert gateway.put(path, json=limit, headers=h).status_code == 403
    assert gateway.put(path, json=limit, headers=by).status_code == 200
    big = gateway.post(f"/api/claims/{cid}/payments", json={**pay, "amount": "2000.00"}, headers=h)
    assert big.status_code == 201 and big.json()["status"] == "released"


def test_policy_read_model_catches_up_after_the_claims_service_was_down(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, ANNUAL)
    handler = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]})
    h = handler.headers()
    claim = _register(gateway, h, _claim(policy)).json()
    assert claim["policy"]["ends"] is None

    stack.stop_service("claims")
    try:
        cancelled = gateway.post(
            f"/api/policies/{policy.policy_id}/cancel",
            json={"effective_date": "2026-11-01", "reason": "Sold the house"},
            headers=policy.clerk,
        )
        assert cancelled.status_code == 200, cancelled.text
    finally:
        stack.start_service("claims")
        stack.wait_service("claims")

    caught_up = eventually(
        lambda: (
            f
            if (f := gateway.get(f"/api/claims/{claim['id']}", headers=h).json())["policy"]["ends"]
            else None
        )
    )
    assert caught_up["policy"]["ends"] == "2026-11-01"
    assert caught_up["policy"]["status"] == "cancelled"
    after = gateway.post("/api/claims", json=_claim(policy, loss_date="2026-11-05"), headers=h)
    assert after.status_code == 422 and "outside the policy period" in after.json()["detail"]


def test_claims_on_test_policies_stay_test(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, ANNUAL, live=False)
    assert gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()["test"]
    handler = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]})
    accountant = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    h = handler.headers()
    claim = _register(gateway, h, _claim(policy, estimate="300.00")).json()
    assert claim["test"] is True
    for step in ("in_treatment", "accepted"):
        assert _move(gateway, h, claim["id"], step).status_code == 200
    paid = gateway.post(
        f"/api/claims/{claim['id']}/payments",
        json={"payee_relation_id": claim["policyholder"]["id"], "amount": "300.00"},
        headers=h,
    )
    assert paid.status_code == 201 and paid.json()["status"] == "released"

    released = eventually(
        lambda: [
            e
            for e in asyncio.run(events_of(stack, tenant))
            if e["type"] == "claim.payment.released"
        ]
    )
    assert [e["data"]["test"] for e in released] == [True]
    assert gateway.get("/api/claims/reports/open", headers=h).json()["handlers"] == []
    ratio = gateway.get(
        "/api/claims/reports/loss-ratio",
        params={"from": "2026-01-01", "to": "2026-12-31"},
        headers=h,
    ).json()
    assert ratio["products"] == []
    # Once the ledger has taken the event in, it has booked nothing for it.
    assert eventually(
        lambda: asyncio.run(
            handled_by(stack, "ledger", "ledger-claim-payments", str(released[0]["id"]))
        )
    )
    books = accountant.headers()
    assert (
        gateway.get(
            "/api/ledger/journal-entries", params={"source": "claim"}, headers=books
        ).json()["items"]
        == []
    )


def test_the_administrator_keeps_authority_limits_without_claims_rights(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    admin, _ = hand_over(gateway, keycloak, operator.headers(tenant), tenant)
    mine = admin.headers()
    limit = {"authority_limit": "2500.00"}
    assert gateway.put("/api/claims/authority-limits/jdevries", json=limit, headers=mine).is_success
    listed = gateway.get("/api/claims/authority-limits", headers=mine)
    assert listed.status_code == 200 and listed.json()[0]["handler"] == "jdevries"
    assert gateway.get("/api/claims/settings", headers=mine).status_code == 200
    # Administering is not handling claims.
    assert gateway.get("/api/claims", headers=mine).status_code == 403
