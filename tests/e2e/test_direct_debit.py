"""Collecting premiums by SEPA direct debit through the gateway: the tenant's creditor details,
a policy paying by direct debit, its holder's mandate, and collection runs: the trial books
nothing, the run's pain.008 validates against the scheme's XSD and holds exactly the due items
with the right sequence type, the items are booked to direct debits in transit with debtors
control equal to the open items, the file is served again byte for byte, and a second run on
the same date collects nothing twice."""

import os
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import httpx
import sepaxml
import xmlschema

from devstack.stack import Stack
from tests.support.accounts import assert_control_accounts_equal_open_items, balances_of
from tests.support.api import Api
from tests.support.camt import batch_credit, direct_debit_returns
from tests.support.direct_debit import CREDITOR
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import APPLICANT, HOME_QUOTE, auth, published_home
from tests.support.tenants import create_login
from tests.support.waiting import eventually

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
XSD = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.008.001.02.xsd")


def _known(answer: httpx.Response) -> bool:
    """Not refused for a relation the ledger has not heard of yet."""
    return answer.status_code != 422 or answer.json()["errors"][0]["field"] != "relation_id"


def _run(gateway: httpx.Client, headers: dict[str, str], on: date, trial: bool) -> dict[str, Any]:
    started = gateway.post(
        "/api/debtors/collections",
        json={"collection_date": on.isoformat(), "trial": trial},
        headers=headers,
    )
    assert started.status_code == 202, started.text
    job = eventually(
        lambda: gateway.get(
            f"/api/debtors/collections/{started.json()['id']}", headers=headers
        ).json(),
        lambda found: found["status"] in ("done", "failed"),
        seconds=60,
        every=0.3,
    )
    assert job["status"] == "done", job
    return dict(job["result"])


def test_a_policy_paying_by_direct_debit_is_collected_once_on_its_mandate(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    invoices = sorted(policy.documents, key=lambda d: d["number"])
    assert [d["total"] for d in invoices] == ["9.44"] * 9
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    on = date.today() + timedelta(days=20)  # the invoices are due in 14 days
    holder = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()
    assert holder["payment_method"] == "transfer"

    # The tenant as creditor: its identifier's check digits are checked.
    url = "/api/debtors/collection-settings"
    assert (
        gateway.post(
            "/api/debtors/collections", json={"collection_date": on.isoformat()}, headers=books
        ).status_code
        == 409
    )  # no creditor details yet
    wrong = gateway.put(url, json={**CREDITOR, "creditor_id": "NL68ZZZ123456780000"}, headers=books)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"].endswith("creditor_id")
    assert gateway.put(url, json=CREDITOR, headers=books).json() == {
        **CREDITOR,
        "return_cost": None,
    }
    assert gateway.get(url, headers=books).json()["creditor_id"] == CREDITOR["creditor_id"]

    # Paying by transfer: not the run's business, not even listed.
    by_transfer = _run(gateway, books, on, trial=True)
    assert (by_transfer["transactions"], by_transfer["skipped"]["count"]) == (0, 0)

    changed = gateway.put(
        f"/api/policies/{policy.policy_id}/payment-method",
        json={"method": "direct_debit"},
        headers=policy.clerk,
    )
    assert changed.status_code == 200 and changed.json()["payment_method"] == "direct_debit"
    no_mandate = eventually(  # the ledger learns the way of payment from the policy's event
        lambda: _run(gateway, books, on, trial=True),
        lambda found: found["skipped"]["count"] == 9,
        seconds=20,
    )
    assert no_mandate["transactions"] == 0
    assert no_mandate["skipped"]["by_reason"] == {"no mandate": 9}
    assert {s["reference"] for s in no_mandate["skipped"]["items"]} == {
        d["number"] for d in invoices
    }

    # The holder's mandate: a wrong IBAN is refused, naming the field.
    mandate = {
        "relation_id": holder["holder_id"],
        "reference": f"MND-{holder['number']}",
        "signed_on": (date.today() - timedelta(days=3)).isoformat(),
        "iban": "NL91ABNA0417164301",
    }
    bad = gateway.post("/api/debtors/mandates", json=mandate, headers=books)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("iban")
    made = eventually(  # the ledger knows the relation from its event
        lambda: gateway.post(
            "/api/debtors/mandates", json={**mandate, "iban": "NL44RABO0123456789"}, headers=books
        ),
        _known,
    )
    assert made.status_code == 201, made.text
    assert (made.json()["status"], made.json()["debtor_name"]) == ("active", "J. de Vries")
    twice = gateway.post(
        "/api/debtors/mandates", json={**mandate, "iban": "NL44RABO0123456789"}, headers=books
    )
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"].endswith("reference")

    # A relation blocked for direct debit is skipped with the reason, until the block is lifted.
    blocks = f"/api/debtors/collection-blocks/{holder['holder_id']}"
    blocked = gateway.put(blocks, json={"reason": "dispute about the premium"}, headers=books)
    assert blocked.status_code == 200 and blocked.json()["reason"] == "dispute about the premium"
    held = _run(gateway, books, on, trial=True)
    assert (held["transactions"], held["skipped"]["by_reason"]) == (
        0,
        {"relation blocked for direct debit": 9},
    )
    assert gateway.delete(blocks, headers=books).status_code == 204
    assert gateway.delete(blocks, headers=books).status_code == 404

    # A trial says what would be collected and books nothing.
    before = balances_of(gateway, books)
    trial = _run(gateway, books, on, trial=True)
    assert (trial["transactions"], trial["total"], trial["number"]) == (9, "84.96", None)
    assert trial["groups"] == [
        {"sequence_type": "FRST", "payment_info_id": None, "transactions": 9, "total": "84.96"}
    ]
    assert balances_of(gateway, books) == before

    # The run: booked to direct debits in transit, the items no longer open.
    run = _run(gateway, books, on, trial=False)
    assert (run["transactions"], run["total"]) == (9, "84.96")
    number = run["number"]
    assert run["groups"] == [
        {
            "sequence_type": "FRST",
            "payment_info_id": f"{number}-FRST",
            "transactions": 9,
            "total": "84.96",
        }
    ]
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert balances["1310"] == Decimal("84.96")
    assert balances["1300"] == before["1300"] - Decimal("84.96")
    left = gateway.get(f"/api/debtors/{holder['holder_id']}", headers=books).json()
    assert left["open_items"] == []

    # The file: valid against the XSD, exactly the nine invoices, served again the same.
    file_url = f"/api/debtors/collections/{run['collection_id']}/file"
    served = gateway.get(file_url, headers=books)
    assert served.status_code == 200 and served.headers["content-type"].startswith(
        "application/xml"
    )
    xmlschema.XMLSchema(XSD).validate(served.text)
    root = ElementTree.fromstring(served.content)
    transactions = [
        (
            tx.findtext("p:InstdAmt", namespaces=NS),
            tx.findtext("p:DrctDbtTx/p:MndtRltdInf/p:MndtId", namespaces=NS),
            tx.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS),
            tx.findtext("p:RmtInf/p:Ustrd", namespaces=NS),
        )
        for tx in root.iterfind(".//p:DrctDbtTxInf", NS)
    ]
    assert sorted(transactions) == sorted(
        (
            "9.44",
            mandate["reference"],
            "NL44RABO0123456789",
            f"Premie {d['number']} polis {holder['number']}",
        )
        for d in invoices
    )
    assert root.findtext(".//p:PmtInf/p:PmtTpInf/p:SeqTp", namespaces=NS) == "FRST"
    assert root.findtext(".//p:ReqdColltnDt", namespaces=NS) == on.isoformat()
    assert gateway.get(file_url, headers=books).content == served.content

    # The bank's batch credit of the block is matched to the run as a whole, once.
    xml = {**books, "content-type": "application/xml"}
    day = date.today().isoformat()
    short = batch_credit("DD-0", day, Decimal("0.00"), Decimal("84.95"), f"{number}-FRST", 9)
    other = gateway.post("/api/ledger/bank-statements", content=short, headers=xml)
    assert other.status_code == 201 and other.json()["collections_credited"] == 0
    credit = batch_credit("DD-1", day, Decimal("84.95"), Decimal("84.96"), f"{number}-FRST", 9)
    imported = gateway.post("/api/ledger/bank-statements", content=credit, headers=xml)
    assert imported.status_code == 201, imported.text
    assert (imported.json()["receipts"], imported.json()["collections_credited"]) == (1, 1)
    unmatched = gateway.get(
        "/api/debtors/receipts", params={"unmatched": "true"}, headers=books
    ).json()["items"]
    assert [r["amount"] for r in unmatched] == ["84.95"]  # the odd one waits for a person
    credited = assert_control_accounts_equal_open_items(gateway, books)
    assert credited["1310"] == Decimal("0.00")
    assert credited["1100"] == before.get("1100", Decimal("0.00")) + Decimal("169.91")
    repeated = batch_credit("DD-2", day, Decimal("169.91"), Decimal("84.96"), f"{number}-FRST", 9)
    again_credit = gateway.post("/api/ledger/bank-statements", content=repeated, headers=xml)
    assert again_credit.json()["collections_credited"] == 0  # the block was credited already

    # A second run on the same date collects nothing twice; the mandate was used once.
    again = _run(gateway, books, on, trial=False)
    assert (again["transactions"], again["collection_id"], again["skipped"]["count"]) == (
        0,
        None,
        0,
    )
    assert assert_control_accounts_equal_open_items(gateway, books)["1310"] == Decimal("0.00")
    used = gateway.get(f"/api/debtors/mandates/{made.json()['id']}", headers=books).json()
    assert (used["collections"], used["last_collected_on"]) == (9, on.isoformat())
    assert [h["change"] for h in used["history"]] == ["added", "first collection"]


def test_bad_collection_requests_are_refused_naming_the_field(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    viewer = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "debtors", "action": "view"}]}
    ).headers()
    assert gateway.put("/api/debtors/collection-settings", json=CREDITOR, headers=books).is_success
    for day, message in ((date.today(), "after today"), (date.today() + timedelta(days=61), "60")):
        refused = gateway.post(
            "/api/debtors/collections", json={"collection_date": day.isoformat()}, headers=books
        )
        assert refused.status_code == 422, refused.text
        [error] = refused.json()["errors"]
        assert error["field"].endswith("collection_date") and message in error["message"]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert (
        gateway.post(
            "/api/debtors/collections", json={"collection_date": tomorrow}, headers=viewer
        ).status_code
        == 403
    )
    assert gateway.get("/api/debtors/collections", headers=books).json()["items"] == []
    unknown = gateway.post(
        "/api/debtors/mandates",
        json={
            "relation_id": "no-such-relation",
            "reference": "M-1",
            "signed_on": "2026-01-01",
            "iban": "NL44RABO0123456789",
        },
        headers=books,
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "relation_id"
    assert gateway.get("/api/debtors/mandates", headers=books).json()["items"] == []
    missing = gateway.get("/api/debtors/collections/not-a-run/file", headers=books)
    assert missing.status_code == 404


def _collected(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
    settings: dict[str, Any],
) -> tuple[dict[str, str], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A policy paying by direct debit whose nine invoices a run collected: the accountant's
    headers, the policy, its holder's mandate and the run's result."""
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    assert gateway.put("/api/debtors/collection-settings", json=settings, headers=books).is_success
    details = gateway.put(
        f"/api/policies/{policy.policy_id}/payment-method",
        json={"method": "direct_debit"},
        headers=policy.clerk,
    ).json()
    mandate = {
        "relation_id": details["holder_id"],
        "reference": f"MND-{details['number']}",
        "signed_on": "2026-02-20",
        "iban": "NL44RABO0123456789",
    }
    made = eventually(
        lambda: gateway.post("/api/debtors/mandates", json=mandate, headers=books),
        _known,
    )
    assert made.status_code == 201, made.text
    on = date.today() + timedelta(days=20)
    run = eventually(  # the ledger learns the way of payment from the policy's event
        lambda: _run(gateway, books, on, trial=True),
        lambda found: found["transactions"] == 9,
        seconds=20,
    )
    run = _run(gateway, books, on, trial=False)
    assert run["transactions"] == 9
    return books, details, made.json(), run


def test_returns_reopen_their_item_once_and_act_on_the_mandate(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    books, policy, mandate, run = _collected(
        stack, gateway, keycloak, by, tenant, {**CREDITOR, "return_cost": "2.50"}
    )
    number, holder = run["number"], policy["holder_id"]
    xml = {**books, "content-type": "application/xml"}
    url = "/api/ledger/bank-statements"
    day = date.today().isoformat()
    before = assert_control_accounts_equal_open_items(gateway, books)

    # A return of a transaction no run made: refused, naming it, nothing booked.
    stranger = direct_debit_returns(
        "R-0", day, Decimal("100.00"), [(Decimal("9.44"), "INC9999999-000001", "AM04")]
    )
    refused = gateway.post(url, content=stranger, headers=xml)
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "end_to_end_id"
    assert balances_of(gateway, books) == before

    # AM04, insufficient funds: exactly that item is open again, with the return cost beside it.
    am04 = direct_debit_returns(
        "R-1", day, Decimal("100.00"), [(Decimal("9.44"), f"{number}-000001", "AM04")]
    )
    returned = gateway.post(url, content=am04, headers=xml)
    assert returned.status_code == 201, returned.text
    assert returned.json()["returns"] == 1
    account = gateway.get(f"/api/debtors/{holder}", headers=books).json()
    reopened = sorted((i["remaining"], i["reference"][-2:] == "-R") for i in account["open_items"])
    assert reopened == [("2.50", True), ("9.44", False)]
    after = assert_control_accounts_equal_open_items(gateway, books)
    assert after["1300"] == before["1300"] + Decimal("11.94")
    assert after["1100"] == before.get("1100", Decimal("0.00")) - Decimal("9.44")
    assert (
        gateway.get(f"/api/debtors/mandates/{mandate['id']}", headers=books).json()["status"]
        == "active"
    )

    # The same return again, in another file: a transaction booked already, nothing changes.
    relaid = am04.replace(b"<MsgId>R-1</MsgId>", b"<MsgId>R-1b</MsgId>").replace(
        b"<Id>R-1</Id>", b"<Id>R-1b</Id>"
    )
    repeated = gateway.post(url, content=relaid, headers=xml)
    assert repeated.status_code == 201, repeated.text
    assert (repeated.json()["returns"], repeated.json()["skipped"]) == (0, 1)
    assert balances_of(gateway, books) == after

    # AC04, account closed: the mandate is revoked, and the next run leaves the relation out.
    ac04 = direct_debit_returns(
        "R-2", day, Decimal("90.56"), [(Decimal("9.44"), f"{number}-000002", "AC04")]
    )
    assert gateway.post(url, content=ac04, headers=xml).json()["returns"] == 1
    revoked = gateway.get(f"/api/debtors/mandates/{mandate['id']}", headers=books).json()
    assert revoked["status"] == "revoked"
    assert revoked["history"][-1]["change"] == "revoked"
    assert "AC04" in revoked["history"][-1]["detail"]
    later = date.today() + timedelta(days=40)
    next_run = _run(gateway, books, later, trial=True)
    assert next_run["transactions"] == 0
    assert next_run["skipped"]["by_reason"] == {"mandate revoked": 4}  # 2 returned, 2 costs

    # AC06, account blocked: the relation is blocked for direct debit, saying why.
    ac06 = direct_debit_returns(
        "R-3", day, Decimal("81.12"), [(Decimal("9.44"), f"{number}-000003", "AC06")]
    )
    assert gateway.post(url, content=ac06, headers=xml).json()["returns"] == 1
    [block] = gateway.get("/api/debtors/collection-blocks", headers=books).json()["items"]
    assert "AC06" in block["reason"]
    next_run = _run(gateway, books, later, trial=True)
    assert next_run["skipped"]["by_reason"] == {"relation blocked for direct debit": 6}
    assert_control_accounts_equal_open_items(gateway, books)


def test_an_applicants_mandate_comes_with_the_policy_and_is_collected_on(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    broker = published_home(stack, gateway, keycloak, by, tenant, True)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    assert gateway.put("/api/debtors/collection-settings", json=CREDITOR, headers=books).is_success
    quoted = gateway.post("/public/v1/quotes", json=HOME_QUOTE, headers=auth(broker)).json()
    body = {"quote_id": quoted["id"], "applicant": APPLICANT}
    no_consent = {**body, "direct_debit": {"iban": "NL44RABO0123456789", "consent": False}}
    refused = gateway.post("/public/v1/applications", json=no_consent, headers=auth(broker))
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"].endswith("consent")
    bad_iban = {**body, "direct_debit": {"iban": "NL44RABO0123456788", "consent": True}}
    refused = gateway.post("/public/v1/applications", json=bad_iban, headers=auth(broker))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"].endswith("iban")
    consent = {**body, "direct_debit": {"iban": "NL44 RABO 0123 4567 89", "consent": True}}
    applied = gateway.post("/public/v1/applications", json=consent, headers=auth(broker))
    assert applied.status_code == 201, applied.text
    queued = eventually(
        lambda: gateway.get("/api/policies/applications", headers=clerk).json()["items"],
        lambda queue: any(a["id"] == applied.json()["id"] for a in queue),
    )
    [application] = [a for a in queued if a["id"] == applied.json()["id"]]
    assert application["direct_debit"]["iban"] == "NL44RABO0123456789"
    accepted = gateway.post(
        f"/api/policies/applications/{application['id']}/accept", headers=clerk
    ).json()
    policy = gateway.get(f"/api/policies/{accepted['policy_id']}", headers=clerk).json()
    assert policy["payment_method"] == "direct_debit"  # as the applicant asked

    mandates = eventually(
        lambda: gateway.get(
            "/api/debtors/mandates", params={"relation_id": policy["holder_id"]}, headers=books
        ).json()["items"],
    )
    [mandate] = mandates
    assert (mandate["reference"], mandate["iban"], mandate["signed_on"], mandate["status"]) == (
        f"MND-{policy['number']}",
        "NL44RABO0123456789",
        date.today().isoformat(),
        "active",
    )
    assert mandate["debtor_name"] == APPLICANT["name"]
    trial = eventually(
        lambda: _run(gateway, books, date.today() + timedelta(days=20), trial=True),
        lambda found: found["transactions"] == 9,
        seconds=20,
    )
    assert trial["groups"][0]["sequence_type"] == "FRST"
