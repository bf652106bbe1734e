"""The collection run's figures for `make bench`: 100,000 due debtor items of 50,000 relations,
copied straight into the ledger database as the suggestions bench seeds them (relations, their
opening entries, the open items), every policy paying by direct debit and every relation with a
mandate; then a trial and a real run through the gateway (background jobs), each timed from the
request until the job is done; the real run's pain.008 file fetched and its transactions and
control sum checked against the items."""

import asyncio
import random
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import asyncpg
import httpx

from devstack.bench_imports import Headers, PeakMemory
from devstack.bench_ledger import Relation, plan_relations, register_tenant, seed_open_items
from devstack.bench_sql import copy_rows
from devstack.postgres import Postgres
from devstack.stack import Stack
from ledger_service.collection_rules import NS
from ledger_service.tables import mandates, policy_payments

CREDITOR = {
    "creditor_id": "NL69ZZZ123456780000",
    "name": "Bench Verzekeringen BV",
    "iban": "NL91ABNA0417164300",
    "bic": "ABNANL2A",
}
MANDATE_COLUMNS = [
    mandates.c.tenant_id,
    mandates.c.id,
    mandates.c.relation_id,
    mandates.c.reference,
    mandates.c.signed_on,
    mandates.c.iban,
    mandates.c.debtor_name,
    mandates.c.kind,
    mandates.c.status,
    mandates.c.created_by,
]
PAYMENT_COLUMNS = [
    policy_payments.c.tenant_id,
    policy_payments.c.policy_number,
    policy_payments.c.method,
]


async def seed_direct_debit(postgres: Postgres, tenant: str, planned: list[Relation]) -> None:
    """Every planned policy paying by direct debit and every relation with a signed mandate."""
    signed = date.today() - timedelta(days=90)
    conn = await asyncpg.connect(postgres.superuser_dsn("ledger"))
    try:
        async with conn.transaction():
            await copy_rows(
                conn,
                MANDATE_COLUMNS,
                [
                    (tenant, uuid.uuid4(), r.id, f"MND{n:08d}", signed, r.iban, r.name,
                     "recurring", "active", "bench")
                    for n, r in enumerate(planned, start=1)
                ],
            )  # fmt: skip
            await copy_rows(
                conn,
                PAYMENT_COLUMNS,
                [(tenant, p.number, "direct_debit") for r in planned for p in r.policies],
            )
        await conn.execute("analyze mandates, policy_payments")
    finally:
        await conn.close()


def _run(gateway: httpx.Client, headers: Headers, on: date, trial: bool) -> tuple[float, Any]:
    started = time.monotonic()
    answer = gateway.post(
        "/api/debtors/collections",
        json={"collection_date": on.isoformat(), "trial": trial},
        headers=headers(),
    )
    answer.raise_for_status()
    url = f"/api/debtors/collections/{answer.json()['id']}"
    while True:
        job = gateway.get(url, headers=headers())
        if job.status_code == 401:
            headers.renew()
            continue
        job.raise_for_status()
        if job.json()["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    if job.json()["status"] != "done":
        raise RuntimeError(f"the collection run failed: {job.json()['error']}")
    return time.monotonic() - started, job.json()["result"]


def measure(stack: Stack, items: int = 100_000, relations: int = 50_000) -> str:
    rng = random.Random(20261128)  # noqa: S311 - made-up data, the same each run
    tenant = register_tenant(stack, "Bench collections")
    planned = plan_relations(rng, relations, items)
    asyncio.run(seed_open_items(stack.postgres, tenant, planned))
    asyncio.run(seed_direct_debit(stack.postgres, tenant, planned))
    total = sum((r.total for r in planned), Decimal("0.00"))
    headers = Headers(stack.keycloak.url, tenant)
    on = date.today() + timedelta(days=20)  # every seeded item is due by then
    with httpx.Client(base_url=stack.gateway_url, timeout=120) as gateway:
        gateway.put(
            "/api/debtors/collection-settings", json=CREDITOR, headers=headers()
        ).raise_for_status()
        trial_seconds, trial = _run(gateway, headers, on, trial=True)
        memory = PeakMemory()
        run_seconds, run = _run(gateway, headers, on, trial=False)
        peak = memory.stop()
        file = gateway.get(
            f"/api/debtors/collections/{run['collection_id']}/file", headers=headers()
        )
        file.raise_for_status()
    root = ElementTree.fromstring(file.content)  # noqa: S314 - the file the run just made
    header = root.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    assert header is not None
    in_file = (int(header.findtext("p:NbOfTxs", namespaces=NS) or 0),
               Decimal(header.findtext("p:CtrlSum", namespaces=NS) or "0"))  # fmt: skip
    if in_file != (items, total) or run["transactions"] != items:
        raise RuntimeError(f"the run collected {in_file}, not {items} items of {total}")
    return (
        f"collection run: {items:,} due items of {relations:,} relations, each on a mandate:"
        f" trial {trial_seconds:.1f} s ({trial['transactions']:,} transactions), run"
        f" {run_seconds:.1f} s ({items / run_seconds:,.0f} items/s: selected, booked in"
        f" {-(-items // 100):,} entries, pain.008 of {len(file.content) / 2**20:.0f} MiB made and"
        f" validated against the XSD), {in_file[0]:,} transactions for {in_file[1]:,} in the"
        f" file; peak memory of the job's process {peak:.0f} MiB"
    )
