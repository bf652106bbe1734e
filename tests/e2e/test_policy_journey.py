"""A policy's journey through the gateway: an intermediary's application is accepted into a
policy, mutated mid-term and cancelled later; each step produced the right invoice or credit
note, to the cent. And what each right may not do, and bad input."""

import asyncio
import os
import subprocess
import sys
from decimal import Decimal
from typing import Any

import httpx
import jsonschema

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.events import SCHEMAS, events_of
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy, renewal_run
from tests.support.products import APPLICANT, HOME_QUOTE, auth, published_home
from tests.support.tenants import create_login
from tests.support.waiting import eventually

QUOTE = {**HOME_QUOTE, "frequency": "annual"}


def _money(document: dict[str, Any]) -> tuple[str, str, str, str]:
    return document["net"], document["commission"], document["tax"], document["total"]


def test_application_to_policy_mutation_and_cancellation(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    broker = published_home(stack, gateway, keycloak, by, tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()
    viewer = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "policies", "action": "view"}]}
    ).headers()
    address_only = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "relations", "action": "change"}]}
    ).headers()

    quote = gateway.post("/public/v1/quotes", json=QUOTE, headers=auth(broker)).json()
    assert quote["premium"]["total"] == "108.90"
    applied = gateway.post(
        "/public/v1/applications",
        json={"quote_id": quote["id"], "applicant": APPLICANT},
        headers=auth(broker),
    ).json()
    queue = eventually(
        lambda: gateway.get("/api/policies/applications", headers=clerk).json()["items"],
        lambda items: len(items) == 1,
    )
    assert queue[0]["id"] == applied["id"]

    accept_url = f"/api/policies/applications/{applied['id']}/accept"
    assert gateway.post(accept_url, headers=viewer).status_code == 403
    accepted = gateway.post(accept_url, headers=clerk)
    assert accepted.status_code == 200, accepted.text
    policy_id = accepted.json()["policy_id"]
    [first] = accepted.json()["documents"]
    assert (first["kind"], first["reason"]) == ("invoice", "start")
    assert first["period"] == {"start": "2026-03-01", "end": "2027-03-01"}
    assert _money(first) == ("90.00", "18.00", "18.90", "108.90")
    assert gateway.post(accept_url, headers=clerk).status_code == 409

    policy = gateway.get(f"/api/policies/{policy_id}", headers=viewer).json()
    assert policy["number"].startswith("P") and policy["status"] == "active"
    assert policy["renewal_date"] == "2027-03-01" and policy["coverages"] == ["BASIC", "LEGAL"]
    holder = gateway.get(f"/api/relations/{policy['holder_id']}", headers=clerk).json()
    by_number = gateway.get(
        "/api/relations", params={"policy_number": policy["number"].lower()}, headers=clerk
    )
    assert [r["id"] for r in by_number.json()["items"]] == [policy["holder_id"]]
    assert holder["roles"] == ["policyholder"] and holder["iban"] == "NL91ABNA0417164300"
    public = eventually(
        lambda: gateway.get(
            f"/public/v1/applications/{applied['id']}", headers=auth(broker)
        ).json(),
        lambda a: a["status"] == "accepted",
    )
    assert public["policy_number"] == policy["number"]

    # Mid-term: 60,000 insured from 1 September (181 of the period's 365 days).
    mutation_url = f"/api/policies/{policy_id}/mutations"
    change = {"effective_date": "2026-09-01", "changes": {"risk": {"sum_insured": 60000}}}
    assert gateway.post(mutation_url, json=change, headers=viewer).status_code == 403
    assert gateway.post(mutation_url, json=change, headers=address_only).status_code == 403
    for wrong in ("2026-02-28", "2027-03-01"):
        refused = gateway.post(
            mutation_url, json={**change, "effective_date": wrong}, headers=clerk
        )
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "effective_date"
    # The wizard's preview: what the mutation will make, changing nothing.
    preview = gateway.post(f"{mutation_url}/preview", json=change, headers=clerk)
    assert preview.status_code == 200, preview.text
    assert gateway.post(f"{mutation_url}/preview", json=change, headers=viewer).status_code == 403
    history_url = f"/api/policies/{policy_id}/history"
    assert len(gateway.get(history_url, headers=viewer).json()) == 1
    assert (
        len(gateway.get(f"/api/policies/{policy_id}/invoices", headers=viewer).json()["items"]) == 1
    )
    mutated = gateway.post(mutation_url, json=change, headers=clerk)
    assert mutated.status_code == 200, mutated.text
    [previewed] = preview.json()["documents"]
    [invoice] = mutated.json()["documents"]
    assert previewed["number"] is None and invoice["number"].startswith("INV")
    assert _money(previewed) == _money(invoice) and previewed["lines"] == invoice["lines"]
    assert preview.json()["policy"]["premium"] == mutated.json()["policy"]["premium"]
    assert (invoice["kind"], invoice["reason"]) == ("invoice", "mutation")
    assert _money(invoice) == ("13.39", "2.68", "2.81", "16.20")
    assert [line["coverage"] for line in invoice["lines"]] == ["BASIC"]

    # As it stood before and after the mutation.
    before = gateway.get(f"/api/policies/{policy_id}?as_of=2026-08-31", headers=viewer).json()
    after = gateway.get(f"/api/policies/{policy_id}?as_of=2026-09-01", headers=viewer).json()
    assert before["risk"]["sum_insured"] == 40000 and after["risk"]["sum_insured"] == 60000
    assert before["premium"]["total"] == "108.90" and after["premium"]["total"] != "108.90"

    cancel_url = f"/api/policies/{policy_id}/cancel"
    cancellation = {"effective_date": "2026-12-01", "reason": "Moved abroad"}
    assert gateway.post(cancel_url, json=cancellation, headers=viewer).status_code == 403
    [credit_preview] = gateway.post(
        f"{cancel_url}/preview", json=cancellation, headers=clerk
    ).json()["documents"]
    assert gateway.get(f"/api/policies/{policy_id}", headers=viewer).json()["ends"] is None
    cancelled = gateway.post(cancel_url, json=cancellation, headers=clerk)
    assert cancelled.status_code == 200, cancelled.text
    [credit] = cancelled.json()["documents"]
    assert _money(credit_preview) == _money(credit)
    assert (credit["kind"], credit["reason"]) == ("credit_note", "cancellation")
    assert _money(credit) == ("28.85", "5.77", "6.05", "34.90")
    assert cancelled.json()["policy"]["status"] == "cancelled"

    again = gateway.post(mutation_url, json=change, headers=clerk)
    assert again.status_code == 409
    # Newest first, a page at a time.
    invoices_url = f"/api/policies/{policy_id}/invoices"
    first = gateway.get(invoices_url, params={"limit": 2}, headers=viewer).json()
    rest = gateway.get(
        invoices_url, params={"limit": 2, "cursor": first["next_cursor"]}, headers=viewer
    ).json()
    assert rest["next_cursor"] is None
    assert [(i["kind"], i["total"]) for i in first["items"] + rest["items"]] == [
        ("credit_note", "34.90"),
        ("invoice", "16.20"),
        ("invoice", "108.90"),
    ]
    history = gateway.get(f"/api/policies/{policy_id}/history", headers=viewer).json()
    assert [h["kind"] for h in history] == ["start", "mutation", "cancellation"]
    found = gateway.get("/api/policies", params={"number": policy["number"]}, headers=viewer)
    assert [p["id"] for p in found.json()["items"]] == [policy_id]
    by_postcode = gateway.get("/api/policies", params={"postcode": "1012lg"}, headers=viewer)
    assert [p["id"] for p in by_postcode.json()["items"]] == [policy_id]

    # Every event on the way matches its contract; the ledger gets the three documents.
    events = asyncio.run(events_of(stack, tenant))
    for event in events:
        jsonschema.validate(event, SCHEMAS[str(event["type"])])
    issued = [e["data"] for e in events if e["type"] == "invoice.issued"]
    assert [(d["kind"], d["total"]) for d in issued] == [
        ("invoice", "108.90"),
        ("invoice", "16.20"),
        ("credit_note", "34.90"),
    ]
    kinds = {str(e["type"]) for e in events}
    assert {"policy.changed", "application.decided", "relation.changed"} <= kinds


def _document_texts(document: dict[str, Any]) -> list[str]:
    lines = [line[k] for line in document["lines"] for k in ("net", "commission", "tax")]
    return [*_money(document), *lines]


def test_future_cancellation_and_a_coverage_without_tax(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """Cancelled from 2027-01-15: in force until then, as of any earlier date and in the list.
    The credit note's ACCIDENT line (0 % tax) says tax 0.00, in the API and in the event."""
    by = operator.headers(tenant)
    quote = {**QUOTE, "coverages": ["LEGAL", "ACCIDENT"]}
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, quote)
    url = f"/api/policies/{policy.policy_id}"
    cancelled = gateway.post(
        f"{url}/cancel",
        json={"effective_date": "2027-01-15", "reason": "Sold the house"},
        headers=policy.clerk,
    )
    assert cancelled.status_code == 200, cancelled.text

    now = gateway.get(url, headers=policy.clerk).json()
    assert (now["status"], now["ends"], now["cancelled_from"]) == (
        "active",
        "2027-01-15",
        "2027-01-15",
    )
    assert gateway.get(f"{url}?as_of=2027-01-14", headers=policy.clerk).json()["status"] == "active"
    on_the_day = gateway.get(f"{url}?as_of=2027-01-15", headers=policy.clerk).json()
    assert on_the_day["status"] == "cancelled" and on_the_day["coverages"] == []
    listed = gateway.get("/api/policies", params={"number": now["number"]}, headers=policy.clerk)
    assert [(p["status"], p["ends"]) for p in listed.json()["items"]] == [("active", "2027-01-15")]

    credit = gateway.get(f"{url}/invoices", headers=policy.clerk).json()["items"][0]
    assert credit["kind"] == "credit_note"
    accident = next(line for line in credit["lines"] if line["coverage"] == "ACCIDENT")
    assert accident["tax"] == "0.00" and accident["net"] != "0.00"
    assert not [t for t in _document_texts(credit) if t.startswith("-0")]
    issued = eventually(
        lambda: [
            e["data"]
            for e in asyncio.run(events_of(stack, tenant))
            if e["type"] == "invoice.issued" and e["data"]["kind"] == "credit_note"
        ],
        bool,
    )
    assert issued and not [t for t in _document_texts(issued[0]) if t.startswith("-0")]


def test_a_mutation_document_has_lines_only_for_what_changed(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """Monthly, 30,000 insured, 35,000 from 7 March: March's commission, shared again over
    BASIC and LEGAL, moves a cent between them, but LEGAL's premium did not change, so no
    document carries a LEGAL line (net 0.00, commission 0.01 would puzzle the holder)."""
    by = operator.headers(tenant)
    risk = {**HOME_QUOTE["risk"], "sum_insured": 30000}
    quote = {**HOME_QUOTE, "risk": risk, "coverages": ["LEGAL"], "frequency": "monthly"}
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, quote)
    change = {"effective_date": "2026-03-07", "changes": {"risk": {"sum_insured": 35000}}}
    mutated = gateway.post(
        f"/api/policies/{policy.policy_id}/mutations", json=change, headers=policy.clerk
    )
    assert mutated.status_code == 200, mutated.text
    documents = mutated.json()["documents"]
    march = next(d for d in documents if d["period"]["start"] == "2026-03-01")
    assert [line["coverage"] for line in march["lines"]] == ["BASIC"]
    assert march["commission"] == "0.04"  # the period's whole commission change, on BASIC
    lines = [line for d in documents for line in d["lines"]]
    assert lines and not [x for x in lines if x["net"] == x["tax"] == "0.00"]


def test_renewal_run_invoices_once_and_trial_changes_nothing(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    accepted = accepted_policy(
        stack, gateway, keycloak, by, tenant, {**QUOTE, "frequency": "quarterly"}
    )
    clerk, quote = accepted.clerk, accepted.quote
    # Quarterly from 1 March: March, June, September and December are due by today.
    periods = [d["period"]["start"] for d in accepted.documents]
    assert periods[:3] == ["2026-03-01", "2026-06-01", "2026-09-01"]
    policy_id = accepted.policy_id

    trial = renewal_run(gateway, clerk, "2027-03-01", trial=True)
    assert (trial["kind"], trial["params"]) == ("renewal", {"up_to": "2027-03-01", "trial": True})
    assert trial["done"] == trial["total"] == 1  # progress: every policy due was looked at
    invoices_url = f"/api/policies/{policy_id}/invoices"
    count_before = len(gateway.get(invoices_url, headers=clerk).json()["items"])
    real = renewal_run(gateway, clerk, "2027-03-01", trial=False)
    assert {k: real["result"][k] for k in ("invoices", "renewals", "total")} == {
        k: trial["result"][k] for k in ("invoices", "renewals", "total")
    }
    assert real["result"]["renewals"] == 1
    invoices = gateway.get(invoices_url, headers=clerk).json()["items"]
    assert len(invoices) == count_before + real["result"]["invoices"]
    assert invoices[0]["reason"] == "renewal"
    assert invoices[0]["period_start"] == "2027-03-01"
    assert invoices[0]["total"] == quote["premium"]["total"]
    # The run's invoice went out in an `invoices.issued` bundle: the ledger books it for the
    # holder and the claims service counts its premium, as for the acceptance's documents.
    events = asyncio.run(events_of(stack, tenant))
    bundles = [e for e in events if e["type"] == "invoices.issued"]
    for bundle in bundles:
        jsonschema.validate(bundle, SCHEMAS["invoices.issued"])
    run_documents = [d for b in bundles for d in b["data"]["invoices"]]
    accepted_numbers = {d["number"] for d in accepted.documents}
    assert sorted(d["number"] for d in run_documents) == sorted(
        i["number"] for i in invoices if i["number"] not in accepted_numbers
    )
    viewer = create_login(gateway, keycloak, by, tenant, {"protocols": ["view-only"]}).headers()
    holder = gateway.get(f"/api/policies/{policy_id}", headers=clerk).json()["holder_id"]
    all_totals = sum(Decimal(i["total"]) for i in invoices)
    issued = [i["issue_date"] for i in invoices]
    debtor = eventually(
        lambda: gateway.get(f"/api/debtors/{holder}", headers=viewer),
        lambda debtor: (
            debtor.status_code == 200 and Decimal(debtor.json()["balance"]) == all_totals
        ),
    )
    assert Decimal(debtor.json()["balance"]) == all_totals, debtor.text
    premium = eventually(
        lambda: gateway.get(
            "/api/claims/reports/loss-ratio",
            params={"from": min(issued), "to": max(issued)},
            headers=viewer,
        ).json()["products"],
        lambda found: (
            [p["premium"] for p in found] == [str(sum(Decimal(i["net"]) for i in invoices))]
        ),
    )
    assert [(p["product"], p["premium"]) for p in premium] == [
        ("HOME", str(sum(Decimal(i["net"]) for i in invoices)))
    ]
    twice = renewal_run(gateway, clerk, "2027-03-01", trial=False)
    assert twice["result"]["invoices"] == 0
    # The runs, newest first; a run beyond the horizon is refused and starts nothing.
    runs = gateway.get("/api/policies/renewals", headers=clerk).json()["items"]
    assert [r["id"] for r in runs] == [twice["id"], real["id"], trial["id"]]
    far = gateway.post("/api/policies/renewals", json={"up_to": "4621-11-17"}, headers=clerk)
    assert far.status_code == 422 and far.json()["errors"][0]["field"] == "up_to"
    assert len(gateway.get("/api/policies/renewals", headers=clerk).json()["items"]) == 3
    other = gateway.get(f"/api/policies/renewals/{policy_id}", headers=clerk)
    assert other.status_code == 404
    # The operator's command over all tenants: a trial a year on finds this policy due again.
    command = subprocess.run(
        [
            *(sys.executable, "-m", "policy_service.renewals", "--up-to", "2028-03-01"),
            *("--trial", "--tenant", tenant),
        ],
        env={**os.environ, **stack.service_env("policy")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert command.returncode == 0, command.stderr
    # Quarterly, billed to June 2027: June, September, December, and March 2028 renewing it.
    assert command.stdout.startswith("trial: 1 policies, 4 invoices, 1 renewals")
    policy = gateway.get(f"/api/policies/{policy_id}", headers=clerk).json()
    assert policy["renewal_date"] == "2028-03-01"


def test_manual_application_and_bad_input(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    published_home(stack, gateway, keycloak, by, tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()
    body = {
        "product": {"code": "HOME", "version": 1},
        "applicant": APPLICANT,
        "start_date": "2026-03-01",
        "frequency": "annual",
        "coverages": ["BASIC", "LEGAL"],
        "risk": QUOTE["risk"],
    }
    unknown = {**body, "product": {"code": "HOME", "version": 9}}
    refused = gateway.post("/api/policies/applications", json=unknown, headers=clerk)
    assert refused.status_code == 422 and "version 9" in refused.json()["detail"]
    wrong_risk = {**body, "risk": {**QUOTE["risk"], "sum_insured": "veel"}}
    refused = gateway.post("/api/policies/applications", json=wrong_risk, headers=clerk)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "risk.sum_insured"
    bad_postcode = {**body, "applicant": {**APPLICANT, "address": {**APPLICANT["address"]}}}
    bad_postcode["applicant"]["address"]["postcode"] = "12345"
    refused = gateway.post("/api/policies/applications", json=bad_postcode, headers=clerk)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "applicant.address.postcode"
    assert gateway.get("/api/policies/applications", headers=clerk).json()["items"] == []

    entered = gateway.post("/api/policies/applications", json=body, headers=clerk)
    assert entered.status_code == 201, entered.text
    assert entered.json()["source"] == "manual" and entered.json()["premium"]["total"] == "108.90"
    rejected = gateway.post(
        f"/api/policies/applications/{entered.json()['id']}/reject",
        json={"reason": "No signature"},
        headers=clerk,
    )
    assert rejected.status_code == 200
    assert rejected.json()["application"]["status"] == "rejected"
    accept = gateway.post(
        f"/api/policies/applications/{entered.json()['id']}/accept", headers=clerk
    )
    assert accept.status_code == 409
