"""A product's journey through the gateway: designed by a developer, approved by someone else,
tried in test mode by a test client, published to one intermediary, quoted to the cent."""

import asyncio
import json
from typing import Any

import httpx
import jsonschema

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.events import SCHEMAS, events_of
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, EXAMPLE, HOME_QUOTE
from tests.support.products import api_client as _client
from tests.support.products import auth as _auth
from tests.support.tenants import Person, create_login
from tests.support.waiting import eventually

FIRST_EXAMPLE = HOME_QUOTE


def test_design_approve_test_publish_quote(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    developer: Person = create_login(
        gateway, keycloak, by, tenant, {"protocols": ["product-developer"]}
    )
    approver: Person = create_login(
        gateway, keycloak, by, tenant, {"protocols": ["product-approver"]}
    )
    dev, appr = developer.headers(), approver.headers()

    definition = json.loads(EXAMPLE.read_text())
    created = gateway.post("/api/products", json=definition, headers=dev)
    assert created.status_code == 201, created.text
    assert (created.json()["version"], created.json()["status"]) == (1, "draft")
    assert gateway.post("/api/products", json=definition, headers=dev).status_code == 409

    base = "/api/products/HOME/versions/1"
    assert gateway.post(f"{base}/approve", headers=appr).status_code == 409  # not submitted
    assert gateway.post(f"{base}/submit", headers=dev).json()["status"] == "submitted"
    # The developer may not approve at all (no right), and an author never may.
    assert gateway.post(f"{base}/approve", headers=dev).status_code == 403
    approved = gateway.post(f"{base}/approve", headers=appr)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert gateway.put(base, json=definition, headers=dev).status_code == 409  # left draft
    assert gateway.post(f"{base}/test", headers=dev).json()["status"] == "test"

    test_client = _client(
        stack, gateway, by, tenant, name="Test site", channel="website", test=True
    )
    broker = _client(
        stack, gateway, by, tenant, name="Broker A", channel="intermediary", relation_id="r-1"
    )
    other = _client(
        stack, gateway, by, tenant, name="Broker B", channel="intermediary", relation_id="r-2"
    )

    # Test mode: visible to the test client only.
    listed = gateway.get("/public/v1/products", headers=_auth(test_client)).json()
    assert [(p["code"], p["test"]) for p in listed] == [("HOME", True)]
    assert gateway.get("/public/v1/products", headers=_auth(broker)).json() == []
    test_quote = gateway.post("/public/v1/quotes", json=FIRST_EXAMPLE, headers=_auth(test_client))
    assert test_quote.status_code == 201, test_quote.text
    assert test_quote.json()["test"] is True
    test_application = gateway.post(
        "/public/v1/applications",
        json={"quote_id": test_quote.json()["id"], "applicant": APPLICANT},
        headers=_auth(test_client),
    )
    assert test_application.status_code == 201 and test_application.json()["test"] is True

    published = gateway.post(
        f"{base}/publish",
        json={
            "channels": {"manual": True, "website": False, "intermediaries": [broker["client_id"]]}
        },
        headers=appr,
    )
    assert published.status_code == 200 and published.json()["status"] == "live"
    steps = [h["step"] for h in published.json()["history"]]
    assert steps == ["create", "submit", "approve", "test", "publish"]

    detail = gateway.get("/public/v1/products/HOME", headers=_auth(broker))
    assert detail.status_code == 200
    schema = detail.json()["risk_schema"]
    assert set(schema["required"]) >= {"birth_date", "postcode", "sum_insured", "household"}
    assert gateway.get("/public/v1/products/HOME", headers=_auth(other)).status_code == 404
    # Staff get the same schema for any version, a draft's too, for manual applications.
    staff = gateway.get(f"{base}/risk-schema", headers=dev)
    assert staff.status_code == 200 and staff.json() == schema
    assert gateway.get("/api/products/HOME/versions/9/risk-schema", headers=dev).status_code == 404

    answer = gateway.post(
        "/public/v1/quotes", json=FIRST_EXAMPLE, headers={**_auth(broker), "Idempotency-Key": "q-1"}
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["decision"] == "accept" and body["version"] == 1 and body["test"] is False
    assert body["premium"] == {
        "net": "7.80",
        "commission": "1.56",
        "tax": "1.64",
        "total": "9.44",
        "currency": "EUR",
        "frequency": "monthly",
    }
    again = gateway.post(
        "/public/v1/quotes", json=FIRST_EXAMPLE, headers={**_auth(broker), "Idempotency-Key": "q-1"}
    )
    assert again.json()["id"] == body["id"]
    assert gateway.get(f"/public/v1/quotes/{body['id']}", headers=_auth(broker)).json() == body
    assert gateway.get(f"/public/v1/quotes/{body['id']}", headers=_auth(other)).status_code == 404
    assert (
        gateway.post("/public/v1/quotes", json=FIRST_EXAMPLE, headers=_auth(other)).status_code
        == 404
    )

    _apply(gateway, broker, other, body["id"])
    _referred_and_declined(gateway, broker)
    clerk = _arrives_at_policy_service(gateway, keycloak, by, tenant)
    # A test application becomes a test policy whose invoices say so to the ledger.
    accepted = gateway.post(
        f"/api/policies/applications/{test_application.json()['id']}/accept", headers=clerk
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["documents"] and all(d["test"] for d in accepted.json()["documents"])
    policy = gateway.get(f"/api/policies/{accepted.json()['policy_id']}", headers=clerk)
    assert policy.json()["test"] is True
    events = asyncio.run(events_of(stack, tenant))
    submitted = [e for e in events if e["type"] == "application.submitted"]
    assert len(submitted) == 3
    for event in events:
        jsonschema.validate(event, SCHEMAS[str(event["type"])])

    # The manual channel, with the rating trace for the employee.
    manual = gateway.post("/api/products/HOME/quotes", json=FIRST_EXAMPLE, headers=dev)
    assert manual.status_code == 201, manual.text
    assert manual.json()["premium"]["total"] == "9.44" and manual.json()["trace"]


def test_bad_input_is_refused_with_the_field_named(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    developer = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-developer"]})
    approver = create_login(gateway, keycloak, by, tenant, {"protocols": ["product-approver"]})
    definition = json.loads(EXAMPLE.read_text())
    definition["coverages"][0]["rating"]["factors"][0]["question"] = "no_such_question"
    response = gateway.post("/api/products", json=definition, headers=developer.headers())
    assert response.status_code == 422
    assert any("coverages.0" in e["field"] for e in response.json()["errors"])
    assert gateway.get("/api/products", headers=developer.headers()).json()["items"] == []
    huge = gateway.post(
        "/api/products",
        content=b'{"code": "' + b"x" * 2_000_000 + b'"}',
        headers={**developer.headers(), "content-type": "application/json"},
    )
    assert huge.status_code == 413
    _bad_quotes(gateway, developer.headers(), approver.headers())


def _apply(
    gateway: httpx.Client, broker: dict[str, str], other: dict[str, str], quote_id: str
) -> None:
    bad = {**APPLICANT, "iban": "NL91ABNA0417164301", "address": {**APPLICANT["address"]}}
    bad["address"]["postcode"] = "0123 AB"
    refused = gateway.post(
        "/public/v1/applications",
        json={"quote_id": quote_id, "applicant": bad},
        headers=_auth(broker),
    )
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {
        "applicant.iban",
        "applicant.address.postcode",
    }
    wrong_start = {"quote_id": quote_id, "applicant": APPLICANT, "start_date": "2026-04-01"}
    refused = gateway.post("/public/v1/applications", json=wrong_start, headers=_auth(broker))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "start_date"
    body = {"quote_id": quote_id, "applicant": APPLICANT}
    # Another intermediary's client cannot apply on this quote, nor see the application.
    assert (
        gateway.post("/public/v1/applications", json=body, headers=_auth(other)).status_code == 404
    )
    headers = {**_auth(broker), "Idempotency-Key": "a-1"}
    applied = gateway.post("/public/v1/applications", json=body, headers=headers)
    assert applied.status_code == 201, applied.text
    made = applied.json()
    assert (made["status"], made["review"], made["test"]) == ("received", False, False)
    assert made["start_date"] == "2026-03-01"
    assert gateway.post("/public/v1/applications", json=body, headers=headers).json() == made
    twice = gateway.post("/public/v1/applications", json=body, headers=_auth(broker))
    assert twice.status_code == 409
    shown = gateway.get(f"/public/v1/applications/{made['id']}", headers=_auth(broker))
    assert shown.json() == made
    hidden = gateway.get(f"/public/v1/applications/{made['id']}", headers=_auth(other))
    assert hidden.status_code == 404


def _referred_and_declined(gateway: httpx.Client, broker: dict[str, str]) -> None:
    referred = {**FIRST_EXAMPLE, "risk": {**FIRST_EXAMPLE["risk"], "sum_insured": 200000}}
    quoted = gateway.post("/public/v1/quotes", json=referred, headers=_auth(broker)).json()
    assert quoted["decision"] == "refer"
    applied = gateway.post(
        "/public/v1/applications",
        json={"quote_id": quoted["id"], "applicant": APPLICANT},
        headers=_auth(broker),
    )
    assert applied.status_code == 201 and applied.json()["review"] is True
    minor = {**FIRST_EXAMPLE, "risk": {**FIRST_EXAMPLE["risk"], "birth_date": "2012-01-01"}}
    declined = gateway.post("/public/v1/quotes", json=minor, headers=_auth(broker)).json()
    assert declined["decision"] == "decline" and declined["premium"] is None
    refused = gateway.post(
        "/public/v1/applications",
        json={"quote_id": declined["id"], "applicant": APPLICANT},
        headers=_auth(broker),
    )
    assert refused.status_code == 422 and "declined" in refused.json()["detail"]


def _arrives_at_policy_service(
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
) -> dict[str, str]:
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]})

    def received() -> list[dict[str, Any]]:
        listed = gateway.get("/api/policies/applications?status=received", headers=clerk.headers())
        assert listed.status_code == 200, listed.text
        items: list[dict[str, Any]] = listed.json()["items"]
        return items

    items = eventually(received, lambda found: len(found) == 3, seconds=10)
    assert len(items) == 3
    assert [i["channel"] for i in items if i["test"]] == ["website"]
    plain = next(i for i in items if not i["review"] and not i["test"])
    assert plain["product"] == "HOME" and plain["product_version"] == 1
    assert plain["applicant"]["address"]["postcode"] == "1012 LG"
    assert plain["applicant"]["iban"] == "NL91ABNA0417164300"
    assert plain["premium"]["total"] == "9.44" and plain["channel"] == "intermediary"
    referred = next(i for i in items if i["review"])
    assert referred["reasons"] and "150.000" in referred["reasons"][0]
    return clerk.headers()


def _bad_quotes(gateway: httpx.Client, dev: dict[str, str], appr: dict[str, str]) -> None:
    assert gateway.post("/api/products", json=json.loads(EXAMPLE.read_text()), headers=dev)
    for step, who in (("submit", dev), ("approve", appr), ("test", dev)):
        assert gateway.post(f"/api/products/HOME/versions/1/{step}", headers=who).is_success
    url = "/api/products/HOME/quotes"
    risk: dict[str, Any] = FIRST_EXAMPLE["risk"]  # type: ignore[assignment]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"risk": {**risk, "sum_insured": "veel"}}, "risk.sum_insured"),
        ({"risk": {**risk, "pets": 2}}, "risk.pets"),
        ({"risk": {k: v for k, v in risk.items() if k != "postcode"}}, "risk.postcode"),
        ({"risk": {**risk, "sum_insured": 1e300}}, "risk.sum_insured"),
        ({"risk": {**risk, "sum_insured": -1}}, "risk.sum_insured"),
        ({"risk": {**risk, "birth_date": "1990-02-30"}}, "risk.birth_date"),
        ({"coverages": ["BASIC", "GOLD"]}, "coverages.1"),
        ({"frequency": "weekly"}, "frequency"),
        ({"start_date": "2025-12-31"}, "start_date"),
        ({"risk": "not an object"}, "risk"),
    ]
    for change, field in cases:
        answer = gateway.post(url, json={**FIRST_EXAMPLE, **change}, headers=dev)
        assert answer.status_code == 422, (change, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert field in [e["field"] for e in answer.json()["errors"]], (change, answer.text)
    raw = {"content-type": "application/json", **dev}
    for body in (b'{"risk": ', b'{"risk": {"sum_insured": 1' + b"0" * 5000 + b"}}", b"[]"):
        answer = gateway.post(url, content=body, headers=raw)
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
    # Malformed JSON is the body's fault, with the position in the message (not as the field).
    broken = gateway.post(url, content=b'{"product": "HOME", "risk": {,}}', headers=raw)
    assert broken.status_code == 422
    [error] = broken.json()["errors"]
    assert error["field"] == "body" and "at character 29" in error["message"]
    assert "at character 29" in broken.json()["detail"]
    huge = gateway.post(url, content=b'{"x": "' + b"x" * 2_000_000 + b'"}', headers=raw)
    assert huge.status_code == 413
