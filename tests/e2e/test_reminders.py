"""Reminders through the gateway: the tenant's intervals and texts, the first reminder only once
an item is that many days past due, the second only that many days after the first, never one
for an item under a payment arrangement or being collected by direct debit, each recorded on
the item and shown on the relation's account. Time passing is the one thing a test cannot wait
for: due dates and the dates reminders were sent are moved back in the ledger's database."""

import asyncio
import io
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
from pypdf import PdfReader

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login
from tests.support.waiting import eventually

SETTINGS = {
    "first_after": 7,
    "second_after": 10,
    "final_after": 5,
    "first_text": "Herinnering: {reference} staat open, {amount}.",
    "second_text": "Tweede herinnering: {reference}, {amount}.",
    "final_text": "Aanmaning: {reference}, {amount}.",
}


async def _move_back(stack: Stack, sql: str, days: int, ids: list[str]) -> None:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("ledger"))
    try:
        await conn.execute(sql, days, ids)
    finally:
        await conn.close()


def _due_back(stack: Stack, days: int, *items: dict[str, Any]) -> None:
    sql = "update open_items set due_date = due_date - $1::int where id = any($2::uuid[])"
    asyncio.run(_move_back(stack, sql, days, [i["id"] for i in items]))


def _sent_back(stack: Stack, days: int, *items: dict[str, Any]) -> None:
    sql = "update reminders set sent_on = sent_on - $1::int where item_id = any($2::uuid[])"
    asyncio.run(_move_back(stack, sql, days, [i["id"] for i in items]))


def _run(gateway: httpx.Client, headers: dict[str, str], trial: bool = False) -> dict[str, Any]:
    started = gateway.post("/api/debtors/reminder-runs", json={"trial": trial}, headers=headers)
    assert started.status_code == 202, started.text
    job = eventually(
        lambda: gateway.get(
            f"/api/debtors/reminder-runs/{started.json()['id']}", headers=headers
        ).json(),
        lambda found: found["status"] in ("done", "failed"),
        seconds=60,
        every=0.3,
    )
    assert job["status"] == "done", job
    return dict(job["result"])


def test_reminders_follow_the_intervals_and_spare_arranged_and_collected_items(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    items = eventually(
        lambda: gateway.get("/api/debtors/open-items", params={"limit": 50}, headers=books).json()[
            "items"
        ],
        lambda found: len(found) == 9,
        seconds=20,
    )
    first, arranged, third = sorted(items, key=lambda i: i["reference"])[:3]
    holder = first["relation_id"]

    url = "/api/debtors/reminder-settings"
    assert gateway.get(url, headers=books).json()["first_after"] == 14  # the default
    bad = gateway.put(url, json={**SETTINGS, "first_text": "Betaal {bedrag}"}, headers=books)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("first_text")
    assert gateway.put(url, json=SETTINGS, headers=books).json() == SETTINGS

    # Nothing is overdue yet (due in 14 days): no reminder.
    assert _run(gateway, books)["reminders"] == 0

    # Eight days past due, beyond the seven of the interval; one under an arrangement.
    _due_back(stack, 22, first, arranged, third)
    arrangement = f"/api/debtors/open-items/{arranged['id']}/arrangement"
    too_long = gateway.put(
        arrangement, json={"until": (date.today() + timedelta(days=400)).isoformat()}, headers=books
    )
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "until"
    until = (date.today() + timedelta(days=30)).isoformat()
    agreed = gateway.put(arrangement, json={"until": until, "note": "betaalt in 3 termijnen"},
                         headers=books)  # fmt: skip
    assert agreed.status_code == 200, agreed.text

    trial = _run(gateway, books, trial=True)
    assert (trial["reminders"], trial["held_back"]["payment arrangement"]) == (2, 1)
    assert gateway.get(f"/api/debtors/{holder}", headers=books).json()["reminders"] == []

    sent = _run(gateway, books)
    assert sent["by_level"] == {"first reminder": 2, "second reminder": 0, "final notice": 0}
    assert {i["reference"] for i in sent["items"]} == {first["reference"], third["reference"]}
    account = gateway.get(f"/api/debtors/{holder}", headers=books).json()
    levels = {
        i["reference"]: (i["reminders"], i["arrangement_until"]) for i in account["open_items"]
    }
    assert levels[first["reference"]] == (1, None)
    assert levels[arranged["reference"]] == (0, until)
    texts = {r["reference"]: r["text"] for r in account["reminders"]}
    assert texts[first["reference"]] == f"Herinnering: {first['reference']} staat open, € 9,44."

    # The reminder as the holder receives it: a PDF in Dutch, to the holder's address, kept.
    reminder = next(r for r in account["reminders"] if r["reference"] == first["reference"])
    pdf = gateway.get(reminder["document"], headers=books)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    words = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    for expected in ("Herinnering", first["reference"], "€ 9,44", "J. de Vries", "Damrak 1"):
        assert expected in words, expected
    assert gateway.get(reminder["document"], headers=books).content == pdf.content

    # The same day again: nothing twice. The second only ten days after the first.
    assert _run(gateway, books)["reminders"] == 0
    _sent_back(stack, 9, first)
    assert _run(gateway, books)["reminders"] == 0
    _sent_back(stack, 1, first)
    second = _run(gateway, books)
    assert second["by_level"]["second reminder"] == 1
    assert [i["reference"] for i in second["items"]] == [first["reference"]]

    # Paying by direct debit on an active mandate: the items are collected, not reminded.
    assert gateway.put(
        f"/api/policies/{policy.policy_id}/payment-method",
        json={"method": "direct_debit"},
        headers=policy.clerk,
    ).is_success
    mandate = {
        "relation_id": holder,
        "reference": "MND-REMINDERS-1",
        "signed_on": "2026-02-20",
        "iban": "NL44RABO0123456789",
    }
    assert gateway.post("/api/debtors/mandates", json=mandate, headers=books).status_code == 201
    _sent_back(stack, 10, first, third)
    held = eventually(  # the ledger learns the way of payment from the policy's event
        lambda: _run(gateway, books, trial=True),
        lambda found: found["held_back"]["direct debit"] == 2,
        seconds=20,
    )
    assert held["reminders"] == 0
