"""Premium invoices reach the ledger exactly once, whatever NATS does meanwhile: a renewal run's
invoices, on their way from the policy service's outbox through JetStream to the ledger's
consumers (`ledger-premiums` for an acceptance's `invoice.issued`, `ledger-premium-bundles` for
the run's `invoices.issued`, a hundred to an event) when NATS restarts, are all booked and none
twice; the same invoice events delivered once more book nothing."""

import asyncio
import json
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from devstack.stack import Stack
from tests.support.accounts import assert_control_accounts_equal_open_items
from tests.support.api import Api
from tests.support.events import deliver_again
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, HOME_QUOTE, published_home
from tests.support.tenants import create_login
from tests.support.waiting import eventually

POLICIES = 16
# Monthly from 1 March 2026: nine invoices each by today (27 November 2026) at acceptance, then
# the renewal run invoices December 2026 to December 2027, thirteen each.
AT_ACCEPTANCE, RENEWAL_RUN = 9, 13
CONSUMERS = {"invoice.issued": "ledger-premiums", "invoices.issued": "ledger-premium-bundles"}


def _policy(gateway: httpx.Client, clerk: dict[str, str], n: int) -> str:
    """A monthly policy entered and accepted by a policy clerk; its id."""
    applicant = {**APPLICANT, "name": f"J. de Vries {n}", "email": f"jdv{n}@example.nl"}
    body = {
        "product": {"code": "HOME", "version": 1},
        "applicant": applicant,
        "start_date": HOME_QUOTE["start_date"],
        "frequency": "monthly",
        "coverages": HOME_QUOTE["coverages"],
        "risk": HOME_QUOTE["risk"],
    }
    entered = gateway.post("/api/policies/applications", json=body, headers=clerk)
    assert entered.status_code == 201, entered.text
    accepted = gateway.post(
        f"/api/policies/applications/{entered.json()['id']}/accept", headers=clerk
    )
    assert accepted.status_code == 200, accepted.text
    policy_id: str = accepted.json()["policy_id"]
    return policy_id


def _premium_entries(gateway: httpx.Client, books: dict[str, str]) -> list[dict[str, Any]]:
    """Every premium entry of the ledger, page by page."""
    entries: list[dict[str, Any]] = []
    params: dict[str, Any] = {"source": "premium", "limit": 200}
    while True:
        page = gateway.get("/api/ledger/journal-entries", params=params, headers=books)
        assert page.status_code == 200, page.text
        entries += page.json()["items"]
        if not page.json()["next_cursor"]:
            return entries
        params["cursor"] = page.json()["next_cursor"]


async def _booked(stack: Stack, tenant: str) -> int:
    """Premium entries in the ledger database now (the gateway cannot be asked with NATS down)."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("ledger"))
    try:
        count: int = await conn.fetchval(
            "select count(*) from journal_entries where tenant_id = $1 and source = 'premium'",
            tenant,
        )
        return count
    finally:
        await conn.close()


async def _invoice_events(stack: Stack, tenant: str, kind: str) -> list[dict[str, Any]]:
    """The tenant's events of type `kind` as the policy service wrote them to its outbox."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("policy"))
    try:
        rows = await conn.fetch(
            "select payload from outbox where tenant_id = $1 and type = $2",
            tenant,
            kind,
        )
    finally:
        await conn.close()
    return [json.loads(r["payload"]) for r in rows]


def _duplicates_seen(stack: Stack) -> dict[str, float]:
    """Per event type, how many its ledger consumer took and found already handled."""
    text = httpx.get(stack.service_url("ledger") + "/metrics").text
    seen = {}
    for kind, consumer in CONSUMERS.items():
        pattern = rf'consumer_events_total{{consumer="{consumer}",outcome="duplicate"}} ([0-9.e+]+)'
        found = re.search(pattern, text)
        seen[kind] = float(found.group(1)) if found else 0.0
    return seen


def _invoice_number(entry: dict[str, Any]) -> str:
    """`invoice INV0000012` or `credit note CN0000003`: the document's number."""
    return str(entry["description"]).rsplit(" ", 1)[1]


def test_invoices_flowing_through_a_nats_restart_are_booked_once_each(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    published_home(stack, gateway, keycloak, by, tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    policies = [_policy(gateway, clerk, n) for n in range(POLICIES)]
    first = POLICIES * AT_ACCEPTANCE
    entries = eventually(
        lambda: _premium_entries(gateway, books), lambda found: len(found) >= first, every=0.5
    )
    assert len(entries) == first

    # NATS goes down and comes back while the run's invoices are being made and sent: right
    # after the run is started (waiting for the run first, its invoices could all be booked
    # before the restart, the ledger books hundreds a second).
    started = gateway.post(
        "/api/policies/renewals", json={"up_to": "2027-12-01", "trial": False}, headers=clerk
    )
    assert started.status_code == 202, started.text
    booked_at_restart = asyncio.run(_booked(stack, tenant))
    stack.restart_nats(down_seconds=1.0)
    run = eventually(
        lambda: gateway.get(f"/api/policies/renewals/{started.json()['id']}", headers=clerk),
        lambda answer: answer.status_code == 200 and answer.json()["status"] in ("done", "failed"),
        seconds=60,
        every=0.2,
    ).json()
    assert run["status"] == "done" and run["result"]["invoices"] == POLICIES * RENEWAL_RUN, run
    total = first + POLICIES * RENEWAL_RUN
    assert booked_at_restart < total
    # Each service reconnects to NATS at its own pace: until the identity service has, a decision
    # not remembered yet is answered 503, as the accountant would see it for a moment.
    eventually(
        lambda: gateway.get("/api/ledger/accounts", headers=books).status_code == 200,
        seconds=30,
        every=0.2,
    )

    entries = eventually(
        lambda: _premium_entries(gateway, books),
        lambda found: len(found) >= total,
        seconds=30,
        every=0.5,
    )
    invoices = [
        invoice
        for policy_id in policies
        for invoice in gateway.get(
            f"/api/policies/{policy_id}/invoices", params={"limit": 200}, headers=clerk
        ).json()["items"]
    ]
    assert len(invoices) == total
    booked = Counter(_invoice_number(e) for e in entries)
    assert booked == Counter(i["number"] for i in invoices)  # every one, each once
    balances = assert_control_accounts_equal_open_items(gateway, books)
    assert balances["1300"] == sum((Decimal(i["total"]) for i in invoices), Decimal("0.00"))

    # The acceptances' invoices came an event each, the run's a hundred to an event.
    singles = asyncio.run(_invoice_events(stack, tenant, "invoice.issued"))
    bundles = asyncio.run(_invoice_events(stack, tenant, "invoices.issued"))
    assert len(singles) == first
    sizes = sorted(len(b["data"]["invoices"]) for b in bundles)
    assert sizes == [POLICIES * RENEWAL_RUN - 200, 100, 100]
    numbers = Counter(d["number"] for b in bundles for d in b["data"]["invoices"])
    numbers.update(e["data"]["number"] for e in singles)
    assert numbers == Counter(i["number"] for i in invoices)  # each in one event only

    # Every invoice event delivered once more: nothing more is booked.
    duplicates = _duplicates_seen(stack)
    asyncio.run(deliver_again(stack, singles + bundles))
    expected = {"invoice.issued": len(singles), "invoices.issued": len(bundles)}
    seen = eventually(
        lambda: _duplicates_seen(stack),
        lambda found: all(found[k] >= duplicates[k] + n for k, n in expected.items()),
    )
    assert all(seen[k] >= duplicates[k] + n for k, n in expected.items()), (
        "the consumers did not take the events again"
    )
    assert len(_premium_entries(gateway, books)) == total
    assert assert_control_accounts_equal_open_items(gateway, books)["1300"] == balances["1300"]
