"""The general ledger through the gateway: premium invoices and credit notes from the policy
service booked once each, the trial balance balancing, every control account equal to its open
items; manual entries balanced, in open periods, on open accounts, never changed (reversed
instead)."""

import asyncio
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from devstack.stack import Stack
from tests.support.accounts import assert_control_accounts_equal_open_items, balances_of, sub_ledger
from tests.support.api import Api
from tests.support.camt import camt053
from tests.support.events import consumer_events, deliver_again, events_of
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import Accepted, accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login
from tests.support.waiting import eventually

D = Decimal


def _premium_entries(
    gateway: httpx.Client, headers: dict[str, str], count: int, source: str = "premium"
) -> list[Any]:
    items = eventually(
        lambda: gateway.get(
            "/api/ledger/journal-entries", params={"source": source}, headers=headers
        ).json()["items"],
        lambda found: len(found) >= count,
    )
    return list(items)


def _changed_and_cancelled(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
) -> Accepted:
    """An annual policy, changed and then cancelled: three premium documents today, of 108.90,
    16.20 and -34.90."""
    policy = accepted_policy(
        stack, gateway, keycloak, by, tenant, {**HOME_QUOTE, "frequency": "annual"}
    )
    change = {"effective_date": "2026-09-01", "changes": {"risk": {"sum_insured": 60000}}}
    assert gateway.post(
        f"/api/policies/{policy.policy_id}/mutations", json=change, headers=policy.clerk
    ).is_success
    cancellation = {"effective_date": "2026-12-01", "reason": "Moved abroad"}
    assert gateway.post(
        f"/api/policies/{policy.policy_id}/cancel", json=cancellation, headers=policy.clerk
    ).is_success
    return policy


def test_premiums_are_booked_once_and_reconcile(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = _changed_and_cancelled(stack, gateway, keycloak, by, tenant)
    clerk = policy.clerk
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

    # The debtor goes by the relation's name, in the list as in the detail, and follows a change.
    def names() -> tuple[str, str]:
        listed = gateway.get("/api/debtors", headers=books).json()["items"]
        detail = gateway.get(f"/api/debtors/{holder}", headers=books).json()
        return next(d["name"] for d in listed if d["relation_id"] == holder), detail["name"]

    assert names() == ("J. de Vries", "J. de Vries")
    renamed = gateway.patch(
        f"/api/relations/{holder}", json={"name": "J. de Vries-Bakker"}, headers=by
    )
    assert renamed.status_code == 200, renamed.text
    assert eventually(names, lambda found: found == ("J. de Vries-Bakker",) * 2) == (
        "J. de Vries-Bakker",
        "J. de Vries-Bakker",
    )

    # A relation the ledger does not know, or another tenant's, is not found.
    unknown = gateway.get(f"/api/debtors/{uuid.uuid4()}", headers=books)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    other = f"o-{tenant[2:]}"
    assert operator.post("/api/identity/tenants", {"slug": other, "name": other}).is_success
    assert gateway.get(f"/api/debtors/{holder}", headers=operator.headers(other)).status_code == 404
    assert gateway.get("/api/creditors/insurer:XX", headers=books).status_code == 404

    # The first invoice's event once more: booked once all the same.
    first = next(
        e
        for e in asyncio.run(events_of(stack, tenant))
        if e["type"] == "invoice.issued" and e["data"]["total"] == "108.90"
    )
    duplicates = consumer_events(stack, "ledger", "ledger-premiums", "duplicate")
    asyncio.run(deliver_again(stack, [first]))
    assert eventually(
        lambda: consumer_events(stack, "ledger", "ledger-premiums", "duplicate") > duplicates
    )
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
    # Months close in order, and the first one closed closes the books up to it.
    assert gateway.post("/api/ledger/periods/2026-09/close", headers=books).status_code == 409
    ahead = gateway.post("/api/ledger/periods/2026-12/close", headers=books)
    assert ahead.status_code == 409 and "close 2026-11 before 2026-12" in ahead.json()["detail"]
    for day in ("2026-10-31", "2025-06-30"):
        late = gateway.post(url, json={**entry, "entry_date": day}, headers=books)
        assert late.status_code == 409 and "closed" in late.json()["detail"]
    assert [p["month"] for p in gateway.get("/api/ledger/periods", headers=books).json()] == [
        "2026-10"
    ]

    reversal = gateway.post(f"{url}/{booked.json()['id']}/reverse", headers=books)
    assert reversal.status_code == 201
    assert [(line["account"], line["credit"]) for line in reversal.json()["lines"]] == [
        ("4000", "1250.00"),
        ("1100", "0.00"),
    ]
    assert gateway.post(f"{url}/{booked.json()['id']}/reverse", headers=books).status_code == 409
    balances = balances_of(gateway, books)
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


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _trial(gateway: httpx.Client, headers: dict[str, str], day: date) -> dict[str, Any]:
    trial = gateway.get("/api/ledger/trial-balance", params={"date": str(day)}, headers=headers)
    assert trial.status_code == 200, trial.text
    return dict(trial.json())


def _figures(trial: dict[str, Any]) -> tuple[Any, ...]:
    return trial["accounts"], trial["total_debit"], trial["total_credit"]


def _pay_insurer(gateway: httpx.Client, books: dict[str, str], amount: str, item_id: str) -> None:
    """A bank statement with one payment to the insurer, matched to the insurer's open item."""
    csv = "date,amount,name,iban,reference,description\n"
    csv += f"{date.today()},-{amount},Voorbeeld Verzekeringen N.V.,,,premium\n"
    imported = gateway.post(
        "/api/ledger/bank-statements",
        content=csv.encode(),
        headers={**books, "content-type": "text/csv"},
    )
    assert imported.status_code == 201, imported.text
    [line] = gateway.get(
        "/api/creditors/payments", params={"unmatched": "true"}, headers=books
    ).json()["items"]
    assert line["amount"] == f"-{amount}"
    matched = gateway.post(
        "/api/creditors/matches",
        json={"bank_line_id": line["id"], "allocations": [{"item_id": item_id, "amount": amount}]},
        headers=books,
    )
    assert matched.status_code == 201, matched.text


def _claim_paid(
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
    policy: Accepted,
    amount: str,
) -> None:
    """A claim on the policy, accepted and paid to the policyholder by a claims handler (within
    the handler's authority, so released at once) on the insurer's behalf."""
    handler = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]})
    claim = {
        "policy_id": policy.policy_id,
        "loss_date": "2026-10-10",
        "cause": "storm",
        "description": "Storm damage to the roof and the attic",
        "estimate": "500.00",
        "coverage": "BASIC",
    }
    registered = eventually(  # the claims service learns of the policy from its events
        lambda: gateway.post("/api/claims", json=claim, headers=handler.headers()),
        lambda answer: answer.status_code != 422,
    )
    assert registered.status_code == 201, registered.text
    cid = registered.json()["id"]
    for step in ("in_treatment", "accepted"):
        moved = gateway.post(
            f"/api/claims/{cid}/transitions",
            json={"to": step, "note": "storm damage covered"},
            headers=handler.headers(),
        )
        assert moved.status_code == 200, moved.text
    payee = registered.json()["policyholder"]["id"]
    paid = gateway.post(
        f"/api/claims/{cid}/payments",
        json={"payee_relation_id": payee, "amount": amount},
        headers=handler.headers(),
    )
    assert paid.status_code == 201 and paid.json()["status"] == "released", paid.text


def test_insurer_settlement_of_a_closed_month(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = _changed_and_cancelled(stack, gateway, keycloak, by, tenant)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    viewer = create_login(
        gateway, keycloak, by, tenant, {"rights": [{"module": "creditors", "action": "view"}]}
    ).headers()
    _claim_paid(gateway, keycloak, by, tenant, policy, "30.00")
    assert len(_premium_entries(gateway, books, 3)) == 3
    assert len(_premium_entries(gateway, books, 1, "claim")) == 1
    first = date.today().replace(day=1)
    last = _month_end(first)
    after = last + timedelta(days=1)
    period = {"from": str(first), "to": str(last)}
    url = "/api/creditors/insurer:VVNV/settlement"

    # The statement: the month's invoices and credit note, premium less commission, and the
    # claim paid on the insurer's behalf.
    shown = gateway.get(url, params=period, headers=viewer)
    assert shown.status_code == 200, shown.text
    statement = shown.json()
    assert sorted(
        (p["premium"], p["commission"], p["insurer_share"], p["date"])
        for p in statement["premiums"]
    ) == [
        ("-28.85", "-5.77", "-23.08", str(date.today())),
        ("13.39", "2.68", "10.71", str(date.today())),
        ("90.00", "18.00", "72.00", str(date.today())),
    ]
    assert (statement["from"], statement["to"], statement["name"]) == (
        str(first),
        str(last),
        "Voorbeeld Verzekeringen N.V.",
    )
    totals = ("premium", "commission", "insurer_share", "claims_paid", "already_paid", "amount_due")
    assert [statement[t] for t in totals] == ["74.54", "14.91", "59.63", "30.00", "0.00", "29.63"]
    [claim] = statement["claims"]
    assert (claim["reference"], claim["paid"], claim["open"]) == ("C0000001", "30.00", "30.00")
    assert statement["settlement"] is None

    # Refusals, which change nothing.
    untouched = _trial(gateway, books, after)
    holder = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()[
        "holder_id"
    ]
    for path, params, status in [
        (url, {"from": str(last), "to": str(first)}, 422),
        (url, {"from": str(first)}, 422),
        (f"/api/creditors/{holder}/settlement", period, 404),
        ("/api/creditors/insurer:NOPE/settlement", period, 404),
    ]:
        refused = gateway.get(path, params=params, headers=books)
        assert refused.status_code == status, (path, params, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
    assert gateway.post(url, json=period, headers=viewer).status_code == 403
    early = gateway.post(url, json=period, headers=books)
    assert early.status_code == 409 and "once it has ended" in early.json()["detail"]
    for body in ({"from": "2026-02-30", "to": str(last)}, {"from": str(first)}):
        assert gateway.post(url, json=body, headers=books).status_code == 422
    assert _figures(_trial(gateway, books, after)) == _figures(untouched)
    settled_entries = {"source": "settlement"}
    entries_url = "/api/ledger/journal-entries"
    assert gateway.get(entries_url, params=settled_entries, headers=books).json()["items"] == []

    # 20.00 paid to the insurer on the first invoice before settling.
    invoice = next(p for p in statement["premiums"] if p["insurer_share"] == "72.00")
    _pay_insurer(gateway, books, "20.00", invoice["item_id"])
    statement = gateway.get(url, params=period, headers=books).json()
    assert [statement[t] for t in ("already_paid", "amount_due")] == ["20.00", "9.63"]

    # Closing the month: the same trial balance, now from the balances stored at the close.
    at_end, next_day = _trial(gateway, books, last), _trial(gateway, books, after)
    commission_card = "/api/ledger/accounts/8000/card"
    card = gateway.get(commission_card, params={"from": str(after)}, headers=books).json()
    closed = gateway.post(f"/api/ledger/periods/{first:%Y-%m}/close", headers=books)
    assert closed.status_code == 200, closed.text
    for day, before in ((last, at_end), (after, next_day)):
        now = _trial(gateway, books, day)
        assert _figures(now) == _figures(before)
        assert (before["snapshot"], now["snapshot"]) == (None, f"{first:%Y-%m}")
    card_now = gateway.get(commission_card, params={"from": str(after)}, headers=books).json()
    assert (card["opening"], card["snapshot"]) == ("-14.91", None)
    assert (card_now["opening"], card_now["snapshot"]) == ("-14.91", f"{first:%Y-%m}")

    # Settled: every item of the month closed, one item for the amount due, balances unmoved.
    key = {**books, "Idempotency-Key": str(uuid.uuid4())}
    settled = gateway.post(url, json=period, headers=key)
    assert settled.status_code == 201, settled.text
    result = settled.json()
    assert [result[t] for t in totals] == ["74.54", "14.91", "59.63", "30.00", "20.00", "9.63"]
    assert sorted((p["open"], p["settled"]) for p in result["premiums"]) == [
        ("0.00", "-23.08"),
        ("0.00", "10.71"),
        ("0.00", "52.00"),
    ]
    assert [(c["open"], c["settled"]) for c in result["claims"]] == [("0.00", "30.00")]
    settlement = result["settlement"]
    assert settlement["entry_date"] == str(after)
    replayed = gateway.post(url, json=period, headers=key)
    assert replayed.status_code == 201 and replayed.json()["settlement"] == settlement
    again = gateway.post(url, json=period, headers=books)
    assert again.status_code == 409 and "settled already" in again.json()["detail"]
    overlapping = {"from": str(first + timedelta(days=14)), "to": str(after)}
    assert gateway.post(url, json=overlapping, headers=books).status_code == 409
    assert gateway.get(url, params=period, headers=viewer).json() == result
    insurer = gateway.get("/api/creditors/insurer:VVNV", headers=books).json()
    assert [(i["id"], i["remaining"]) for i in insurer["open_items"]] == [
        (settlement["item_id"], "9.63")
    ]
    assert insurer["balance"] == "9.63"
    balances = {a["code"]: a["balance"] for a in _trial(gateway, books, after)["accounts"]}
    assert balances == {a["code"]: a["balance"] for a in next_day["accounts"]}
    [entry] = gateway.get(entries_url, params=settled_entries, headers=books).json()["items"]
    assert entry["number"] == settlement["entry_number"]
    assert {line["account"] for line in entry["lines"]} == {"1600"}

    # The bank payment of the amount due is matched to that one item.
    _pay_insurer(gateway, books, "9.63", settlement["item_id"])
    insurer = gateway.get("/api/creditors/insurer:VVNV", headers=books).json()
    assert (insurer["balance"], insurer["open_items"]) == ("0.00", [])
    # Left: the claim payment still owed to the policyholder, apart from the insurer's account.
    balances = {a["code"]: D(a["balance"]) for a in _trial(gateway, books, after)["accounts"]}
    assert balances["1600"] == -sub_ledger(gateway, books, "creditors") == D("-30.00")
    assert balances["1100"] == D("-29.63")
