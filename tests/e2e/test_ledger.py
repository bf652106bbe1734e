"""The general ledger through the gateway: premium invoices and credit notes from the policy
service booked once each, the trial balance balancing, every control account equal to its open
items; manual entries balanced, in open periods, on open accounts, never changed (reversed
instead)."""

import asyncio
import json
import time
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import nats

from devstack.stack import Stack
from tests.conftest import Api
from tests.support.camt import camt053
from tests.support.events import events_of
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login

D = Decimal


def _premium_entries(gateway: httpx.Client, headers: dict[str, str], count: int) -> list[Any]:
    deadline = time.monotonic() + 15
    while True:
        items = gateway.get(
            "/api/ledger/journal-entries", params={"source": "premium"}, headers=headers
        ).json()["items"]
        if len(items) >= count or time.monotonic() > deadline:
            return list(items)
        time.sleep(0.3)


def _balances(gateway: httpx.Client, headers: dict[str, str]) -> dict[str, D]:
    trial = gateway.get("/api/ledger/trial-balance", headers=headers).json()
    assert trial["balanced"] and trial["total_debit"] == trial["total_credit"]
    return {a["code"]: D(a["balance"]) for a in trial["accounts"]}


def _sub_ledger(gateway: httpx.Client, headers: dict[str, str], ledger: str) -> D:
    items = gateway.get(f"/api/{ledger}", headers=headers).json()["items"]
    return sum((D(i["balance"]) for i in items), D("0.00"))


def assert_control_accounts_equal_open_items(
    gateway: httpx.Client, headers: dict[str, str]
) -> dict[str, D]:
    balances = _balances(gateway, headers)
    assert balances["1300"] == _sub_ledger(gateway, headers, "debtors")
    assert -balances["1600"] == _sub_ledger(gateway, headers, "creditors")
    return balances


async def _redeliver(stack: Stack, event: dict[str, Any]) -> None:
    """The same event once more, past JetStream's duplicate window (a new message id)."""
    nc = await nats.connect(stack.nats.url)
    try:
        js = nc.jetstream()
        await js.publish(
            f"events.{event['source']}.{event['type']}",
            json.dumps(event).encode(),
            headers={"Nats-Msg-Id": str(uuid.uuid4())},
        )
    finally:
        await nc.close()


def test_premiums_are_booked_once_and_reconcile(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(
        stack, gateway, keycloak, by, tenant, {**HOME_QUOTE, "frequency": "annual"}
    )
    clerk = policy.clerk
    change = {"effective_date": "2026-09-01", "changes": {"risk": {"sum_insured": 60000}}}
    assert gateway.post(
        f"/api/policies/{policy.policy_id}/mutations", json=change, headers=clerk
    ).is_success
    cancellation = {"effective_date": "2026-12-01", "reason": "Moved abroad"}
    assert gateway.post(
        f"/api/policies/{policy.policy_id}/cancel", json=cancellation, headers=clerk
    ).is_success
    accountant = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    books = accountant.headers()

    entries = _premium_entries(gateway, books, 3)
    assert len(entries) == 3
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert balances["1300"] == D("90.20")  # 108.90 + 16.20 - 34.90
    assert balances["1600"] == D("-59.63")  # the insurer's share: 72.00 + 10.71 - 23.08
    assert balances["8000"] == D("-14.91")  # commission: 18.00 + 2.68 - 5.77
    assert balances["1700"] == D("-15.66")  # premium tax: 18.90 + 2.81 - 6.05

    holder = gateway.get(f"/api/policies/{policy.policy_id}", headers=clerk).json()["holder_id"]
    debtor = gateway.get(f"/api/debtors/{holder}", headers=books).json()
    assert debtor["balance"] == "90.20"
    assert sorted(i["amount"] for i in debtor["open_items"]) == ["-34.90", "108.90", "16.20"]
    assert [line["balance"] for line in debtor["statement"]] == ["108.90", "125.10", "90.20"]
    insurer = gateway.get("/api/creditors/insurer:VVNV", headers=books).json()
    assert insurer["balance"] == "59.63" and insurer["name"] == "Voorbeeld Verzekeringen N.V."

    # The first invoice's event once more: booked once all the same.
    first = next(
        e
        for e in asyncio.run(events_of(stack, tenant))
        if e["type"] == "invoice.issued" and e["data"]["total"] == "108.90"
    )
    asyncio.run(_redeliver(stack, first))
    time.sleep(2)
    assert len(_premium_entries(gateway, books, 4)) == 3
    assert assert_control_accounts_equal_open_items(gateway, books)["1300"] == D("90.20")


def test_manual_entries_balance_and_stay(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    viewer = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "ledger", "action": "view"}]}
    ).headers()
    url = "/api/ledger/journal-entries"
    entry = {
        "entry_date": "2026-11-02",
        "description": "Office rent November",
        "lines": [
            {"account": "4000", "debit": "1250.00"},
            {"account": "1100", "credit": "1250.00"},
        ],
    }
    assert gateway.post(url, json=entry, headers=viewer).status_code == 403
    unbalanced = {**entry, "lines": [entry["lines"][0], {"account": "1100", "credit": "1249.99"}]}
    refused = gateway.post(url, json=unbalanced, headers=books)
    assert refused.status_code == 422 and "1249.99" in refused.json()["errors"][0]["message"]
    unknown = {**entry, "lines": [entry["lines"][0], {"account": "9999", "credit": "1250.00"}]}
    refused = gateway.post(url, json=unknown, headers=books)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "lines.1.account"
    both = {**entry, "lines": [{"account": "4000", "debit": "1", "credit": "1"}, entry["lines"][1]]}
    assert gateway.post(url, json=both, headers=books).status_code == 422
    assert gateway.get(url, headers=books).json()["items"] == []

    booked = gateway.post(url, json=entry, headers=books)
    assert booked.status_code == 201, booked.text
    assert booked.json()["number"] == 1

    added = gateway.post(
        "/api/ledger/accounts",
        json={"code": "4100", "name": "Travel", "kind": "expense"},
        headers=books,
    )
    assert added.status_code == 201
    assert gateway.patch("/api/ledger/accounts/4100", json={"blocked": True}, headers=books).json()[
        "blocked"
    ]
    on_blocked = {**entry, "lines": [{"account": "4100", "debit": "10.00"}, entry["lines"][1]]}
    on_blocked["lines"][1] = {"account": "1100", "credit": "10.00"}
    refused = gateway.post(url, json=on_blocked, headers=books)
    assert refused.status_code == 422 and "blocked" in refused.json()["errors"][0]["message"]
    assert gateway.delete("/api/ledger/accounts/4000", headers=books).status_code == 409
    assert gateway.delete("/api/ledger/accounts/4100", headers=books).status_code == 204

    closed = gateway.post("/api/ledger/periods/2026-10/close", headers=books)
    assert closed.status_code == 200, closed.text
    assert gateway.post("/api/ledger/periods/2026-10/close", headers=books).status_code == 409
    late = gateway.post(url, json={**entry, "entry_date": "2026-10-31"}, headers=books)
    assert late.status_code == 409 and "closed" in late.json()["detail"]

    reversal = gateway.post(f"{url}/{booked.json()['id']}/reverse", headers=books)
    assert reversal.status_code == 201
    assert [(line["account"], line["credit"]) for line in reversal.json()["lines"]] == [
        ("4000", "1250.00"),
        ("1100", "0.00"),
    ]
    assert gateway.post(f"{url}/{booked.json()['id']}/reverse", headers=books).status_code == 409
    balances = _balances(gateway, books)
    assert balances["4000"] == balances["1100"] == D("0.00")
    card = gateway.get("/api/ledger/accounts/4000/card", headers=books).json()
    assert [line["balance"] for line in card["lines"]] == ["1250.00", "0.00"]

    # The database itself refuses to change a booked entry or to book an unbalanced one.
    assert asyncio.run(_tamper(stack, tenant, booked.json()["id"])) == ["refused", "refused"]


async def _tamper(stack: Stack, tenant: str, entry_id: str) -> list[str]:
    conn = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
    outcomes = []
    try:
        for sql in (
            "update journal_lines set debit = 1 where entry_id = $1 and line_no = 1",
            "insert into journal_lines (tenant_id, entry_id, line_no, account_code, debit)"
            " values ($2, $1, 9, '1100', 5)",
        ):
            try:
                async with conn.transaction():
                    await conn.execute("select set_config('app.tenant', $1, true)", tenant)
                    await conn.execute(sql, uuid.UUID(entry_id), *([tenant] if "$2" in sql else []))
                outcomes.append("changed")
            except asyncpg.PostgresError:
                outcomes.append("refused")
    finally:
        await conn.close()
    return outcomes


def test_statement_payment_matched_to_invoices(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    # Monthly from 1 March: nine invoices of 9.44 are due at acceptance.
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    assert [d["total"] for d in policy.documents] == ["9.44"] * 9
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    viewer = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "debtors", "action": "view"}]}
    ).headers()
    assert len(_premium_entries(gateway, books, 9)) == 9
    holder = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()[
        "holder_id"
    ]
    items = sorted(
        gateway.get(f"/api/debtors/{holder}", headers=books).json()["open_items"],
        key=lambda i: i["reference"],
    )
    assert len(items) == 9

    # One payment of 23.88: two invoices and part of a third.
    statement = camt053(
        "STMT-1",
        date.today().isoformat(),
        D("1000.00"),
        [
            (
                D("23.88"),
                "J. de Vries",
                "NL91ABNA0417164300",
                f"Premie {items[0]['reference']} {items[1]['reference']}",
            )
        ],
    )
    xml = {**books, "content-type": "application/xml"}
    url = "/api/ledger/bank-statements"
    malformed = gateway.post(url, content=statement.replace(b"</Ntry>", b"", 1), headers=xml)
    assert malformed.status_code == 422 and "line " in malformed.json()["detail"]
    imported = gateway.post(url, content=statement, headers=xml)
    assert imported.status_code == 201, imported.text
    assert (imported.json()["receipts"], imported.json()["balance_difference"]) == (1, "0.00")
    again = gateway.post(url, content=statement, headers=xml)
    assert again.status_code == 409
    [receipt] = gateway.get(
        "/api/debtors/receipts", params={"unmatched": "true"}, headers=books
    ).json()["items"]
    assert (receipt["amount"], receipt["counterparty_iban"]) == ("23.88", "NL91ABNA0417164300")

    def allocate(*amounts: str, write_off: bool = False) -> httpx.Response:
        body = {
            "bank_line_id": receipt["id"],
            "allocations": [
                {"item_id": item["id"], "amount": amount}
                for item, amount in zip(items, amounts, strict=False)
            ],
            "write_off": write_off,
        }
        return gateway.post("/api/debtors/matches", json=body, headers=books)

    over = allocate("9.44", "9.44", "9.44", write_off=True)  # 4.44 short: beyond the tolerance
    assert over.status_code == 422 and "over-allocated by 4.44" in over.text
    too_much = allocate("9.45")
    assert too_much.status_code == 422 and too_much.json()["errors"][0]["field"] == (
        "allocations.0.amount"
    )
    stranger = gateway.post(
        "/api/debtors/matches",
        json={
            "bank_line_id": receipt["id"],
            "allocations": [{"item_id": str(uuid.uuid4()), "amount": "1.00"}],
        },
        headers=books,
    )
    assert stranger.status_code == 404
    denied = gateway.post(
        "/api/debtors/matches",
        json={
            "bank_line_id": receipt["id"],
            "allocations": [{"item_id": items[0]["id"], "amount": "1.00"}],
        },
        headers=viewer,
    )
    assert denied.status_code == 403
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert (balances["1100"], balances["1800"], balances["1300"]) == (
        D("23.88"),
        D("-23.88"),
        D("84.96"),
    )

    # The suggestion proposes the two invoices named and part of the payer's next one.
    suggestions = gateway.get(
        f"/api/debtors/receipts/{receipt['id']}/suggestions", headers=books
    ).json()
    best = suggestions[0]
    assert [(a["item_id"], a["amount"]) for a in best["allocations"]] == [
        (items[0]["id"], "9.44"),
        (items[1]["id"], "9.44"),
        (items[2]["id"], "5.00"),
    ]
    assert best["reasons"] == [
        "invoice or policy numbers in the remittance text",
        "the payer's IBAN is known on this relation",
    ]
    accept_url = f"/api/debtors/receipts/{receipt['id']}/suggestions/1/accept"
    assert gateway.post(accept_url, headers=viewer).status_code == 403
    matched = gateway.post(accept_url, headers=books)
    assert matched.status_code == 201, matched.text
    assert matched.json()["unallocated"] == "0.00"
    account = gateway.get(f"/api/debtors/{holder}", headers=books).json()
    assert account["name"] == "J. de Vries"
    remaining = {i["id"]: i["remaining"] for i in account["open_items"]}
    assert items[0]["id"] not in remaining and items[1]["id"] not in remaining
    assert remaining[items[2]["id"]] == "4.44" and account["balance"] == "61.08"
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert (balances["1800"], balances["1300"]) == (D("0.00"), D("61.08"))

    # Undone: everything as before, the match and its reversal kept.
    undone = gateway.delete(f"/api/debtors/matches/{matched.json()['id']}", headers=books)
    assert undone.status_code == 204
    assert (
        gateway.delete(f"/api/debtors/matches/{matched.json()['id']}", headers=books).status_code
        == 409
    )
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert (balances["1800"], balances["1300"]) == (D("-23.88"), D("84.96"))

    # A shortfall of 0.50 is within the tolerance (1.00) and is written off in the match.
    written = allocate("9.44", "9.44", "5.50", write_off=True)
    assert written.status_code == 201, written.text
    assert written.json()["write_off"] == "0.50"
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert (balances["1800"], balances["4900"], balances["1300"]) == (
        D("0.00"),
        D("0.50"),
        D("60.58"),
    )

    # Automatic matching, once the tenant switches it on: the one fitting suggestion is booked.
    settings = {"write_off_tolerance": "1.00", "auto_match": True}
    assert gateway.put("/api/ledger/settings", json=settings, headers=books).json()["auto_match"]
    second = camt053(
        "STMT-2",
        date.today().isoformat(),
        D("1023.88"),
        [(D("9.44"), "J. de Vries", "NL91ABNA0417164300", f"Premie {items[3]['reference']}")],
    )
    imported = gateway.post(url, content=second, headers=xml)
    assert imported.status_code == 201, imported.text
    assert imported.json()["auto_matched"] == 1
    remaining = {
        i["id"]: i["remaining"]
        for i in gateway.get(f"/api/debtors/{holder}", headers=books).json()["open_items"]
    }
    assert items[3]["id"] not in remaining
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert (balances["1800"], balances["1300"]) == (D("0.00"), D("51.14"))
