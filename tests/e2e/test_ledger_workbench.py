"""What the matching workbench and the ledger screens read through the gateway: open items found
by a relation's name, an invoice or a policy number; suggestions naming the relation and the
invoices; matches listed newest first with the items they took off, and once undone as undone;
balances filtered by name; journal entries newest first, page after page."""

from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.camt import camt053
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login
from tests.support.waiting import eventually

D = Decimal


def _all(gateway: httpx.Client, url: str, headers: dict[str, str], **params: Any) -> list[Any]:
    """Every item of a list, page by page."""
    found: list[Any] = []
    query: dict[str, Any] = {**params}
    while True:
        page = gateway.get(url, params=query, headers=headers)
        assert page.status_code == 200, page.text
        found += page.json()["items"]
        if not page.json()["next_cursor"]:
            return found
        query["cursor"] = page.json()["next_cursor"]


def test_the_workbench_finds_items_lists_matches_and_pages_entries_newest_first(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    viewer = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "debtors", "action": "view"}]}
    ).headers()
    items = eventually(
        lambda: _all(gateway, "/api/debtors/open-items", books, limit=200),
        lambda found: len(found) >= 9,
    )
    assert len(items) == 9
    assert [i["due_date"] for i in items] == sorted(i["due_date"] for i in items)
    assert {i["name"] for i in items} == {"J. de Vries"}
    first, second, third = items[0], items[1], items[2]
    policy_number = first["policy_number"]
    assert policy_number and first["reference"].startswith("INV")

    # Paged in due-date order, then by id: the pages together are the whole list, once each.
    paged = _all(gateway, "/api/debtors/open-items", books, limit=4)
    assert [i["id"] for i in paged] == [i["id"] for i in items]
    bad = gateway.get("/api/debtors/open-items", params={"cursor": "bm90LWpzb24"}, headers=books)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"

    def search(text: str, ledger: str = "debtors", **more: str) -> list[str]:
        params = {"search": text, **more}
        who = viewer if ledger == "debtors" else books
        found = _all(gateway, f"/api/{ledger}/open-items", who, **params)
        return [i["reference"] for i in found]

    assert search(first["reference"].lower()) == [first["reference"]]
    assert len(search(policy_number)) == 9
    assert len(search("de vr")) == 9
    assert search("nobody") == []
    assert search("100%") == []
    holder = first["relation_id"]
    assert len(search("vries", relation_id=holder)) == 9
    assert search("vries", relation_id="someone-else") == []
    named = gateway.get("/api/debtors", params={"name": "DE VRIES"}, headers=viewer).json()
    assert [(d["relation_id"], d["open_items"]) for d in named["items"]] == [(holder, 9)]
    assert gateway.get("/api/debtors", params={"name": "x_y"}, headers=viewer).json() == {
        "items": [],
        "next_cursor": None,
    }
    # The insurer's share of each invoice is open on the creditor side.
    insurer_items = _all(gateway, "/api/creditors/open-items", books)
    assert len(insurer_items) == 9
    [insurer] = {i["relation_id"] for i in insurer_items}
    assert insurer.startswith("insurer:")
    assert len(search(insurer_items[0]["name"], "creditors")) == 9

    # Two receipts: one naming the first invoice, one for the next two with 0.40 short.
    statement = camt053(
        "WB-1",
        date.today().isoformat(),
        D("100.00"),
        [
            (D("9.44"), "J. de Vries", "NL91ABNA0417164300", f"Premie {first['reference']}"),
            (D("18.48"), "J. de Vries", "NL91ABNA0417164300", "Premie"),
        ],
    )
    xml = {**books, "content-type": "application/xml"}
    imported = gateway.post("/api/ledger/bank-statements", content=statement, headers=xml)
    assert imported.status_code == 201, imported.text
    receipts = _all(gateway, "/api/debtors/receipts", books, unmatched="true")
    named_receipt = next(r for r in receipts if r["amount"] == "9.44")
    other = next(r for r in receipts if r["amount"] == "18.48")

    suggestions = gateway.get(
        f"/api/debtors/receipts/{named_receipt['id']}/suggestions", headers=viewer
    ).json()
    best = suggestions[0]
    assert (best["name"], best["relation_id"]) == ("J. de Vries", holder)
    assert best["allocations"] == [
        {"item_id": first["id"], "amount": "9.44", "reference": first["reference"]}
    ]
    # The statement's unmatched receipts with their suggestions in one page, the same as each
    # receipt's own.
    listed = _all(
        gateway,
        "/api/debtors/receipts/suggestions",
        viewer,
        statement_id=imported.json()["id"],
        limit=1,
    )
    assert sorted(e["receipt"]["id"] for e in listed) == sorted(r["id"] for r in receipts)
    for entry in listed:
        own = f"/api/debtors/receipts/{entry['receipt']['id']}/suggestions"
        assert entry["suggestions"] == gateway.get(own, headers=viewer).json()
    assert next(e for e in listed if e["receipt"]["amount"] == "9.44")["suggestions"][0] == best
    elsewhere = gateway.get(
        "/api/debtors/receipts/suggestions",
        params={"statement_id": "00000000-0000-0000-0000-000000000000"},
        headers=viewer,
    )
    assert elsewhere.json() == {"items": [], "next_cursor": None}
    accepted = gateway.post(
        f"/api/debtors/receipts/{named_receipt['id']}/suggestions/1/accept", headers=books
    )
    assert accepted.status_code == 201, accepted.text
    by_hand = gateway.post(
        "/api/debtors/matches",
        json={
            "bank_line_id": other["id"],
            "allocations": [
                {"item_id": second["id"], "amount": "9.44"},
                {"item_id": third["id"], "amount": "9.44"},
            ],
            "write_off": True,
        },
        headers=books,
    )
    assert by_hand.status_code == 201, by_hand.text
    assert by_hand.json()["write_off"] == "0.40"

    matches = _all(gateway, "/api/debtors/matches", viewer)
    assert [m["id"] for m in matches] == [by_hand.json()["id"], accepted.json()["id"]]
    newest = matches[0]
    assert (newest["bank_amount"], newest["write_off"], newest["undone"]) == (
        "18.48",
        "0.40",
        False,
    )
    assert newest["booking_date"] == date.today().isoformat()
    assert newest["counterparty_name"] == "J. de Vries"
    assert [(a["reference"], a["name"], a["amount"]) for a in newest["allocations"]] == [
        (second["reference"], "J. de Vries", "9.44"),
        (third["reference"], "J. de Vries", "9.44"),
    ]
    assert [m["id"] for m in _all(gateway, "/api/debtors/matches", viewer, limit=1)] == [
        m["id"] for m in matches
    ]
    of_line = _all(gateway, "/api/debtors/matches", viewer, bank_line_id=other["id"])
    assert [m["id"] for m in of_line] == [newest["id"]]
    unknown = gateway.get("/api/debtors/matches", params={"bank_line_id": "x"}, headers=viewer)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "bank_line_id"
    assert _all(gateway, "/api/creditors/matches", books) == []

    undone = gateway.delete(f"/api/debtors/matches/{accepted.json()['id']}", headers=books)
    assert undone.status_code == 204
    [gone] = _all(gateway, "/api/debtors/matches", viewer, undone="true")
    assert (gone["id"], gone["undone"]) == (accepted.json()["id"], True)
    assert gone["undone_at"] and gone["undone_by"]
    in_force = _all(gateway, "/api/debtors/matches", viewer, undone="false")
    assert [m["id"] for m in in_force] == [newest["id"]]
    still_open = {
        i["reference"]: i["remaining"] for i in _all(gateway, "/api/debtors/open-items", books)
    }
    assert still_open[first["reference"]] == "9.44"
    assert second["reference"] not in still_open and third["reference"] not in still_open

    # Journal entries newest first, by number, page after page.
    entries = _all(gateway, "/api/ledger/journal-entries", books, limit=200)
    numbers = [e["number"] for e in entries]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) >= 13
    assert [e["number"] for e in _all(gateway, "/api/ledger/journal-entries", books, limit=5)] == (
        numbers
    )
    matched = _all(gateway, "/api/ledger/journal-entries", books, source="match", limit=1)
    assert [e["source"] for e in matched] == ["match"] * 3
