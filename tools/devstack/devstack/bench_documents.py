"""Customer documents for `make bench`: 10,000 premium invoices of one tenant (an accepted
policy's first invoice copied straight into the policy database, as the renewal bench copies
policies), each fetched as PDF through the gateway by several clients at once: the first time
made and kept, then again served as kept. Prints the rate, p50 and p99 of both rounds and the
size of what is kept; every answer is checked to be a PDF, and the second round byte for byte
the first."""

import asyncio
import statistics
import time
import uuid
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from backoffice_domain.letters import Letter, Letterhead, Table, euro, render
from devstack.bench_imports import Headers
from devstack.bench_ledger import policy_dsn
from devstack.bench_policies import tenant_with_applications
from devstack.bench_sql import as_tenant
from devstack.stack import Stack

CLIENTS = 8
COPY_INVOICES = """
    insert into invoices (tenant_id, id, number, kind, policy_id, holder_id, insurer, client_id,
        reason, period_start, period_end, issue_date, due_date, net, commission, tax, total, test)
    select i.tenant_id, gen_random_uuid(), 'B' || lpad(n::text, 7, '0'), i.kind, i.policy_id,
        i.holder_id, i.insurer, i.client_id, i.reason, i.period_start, i.period_end,
        i.issue_date, i.due_date, i.net, i.commission, i.tax, i.total, i.test
    from invoices i, generate_series(1, $2::int) n where i.id = $1
"""
COPY_LINES = """
    insert into invoice_lines (tenant_id, invoice_id, coverage, net, commission, tax)
    select c.tenant_id, c.id, l.coverage, l.net, l.commission, l.tax
    from invoices c join invoice_lines l on l.invoice_id = $1
    where c.policy_id = $2 and c.number like 'B%'
"""


async def _copy_invoices(stack: Stack, tenant: str, invoice: dict[str, Any], count: int) -> None:
    conn = await asyncpg.connect(policy_dsn(stack.postgres))
    try:
        async with conn.transaction():
            await as_tenant(conn, tenant)
            template = uuid.UUID(invoice["invoice_id"])
            await conn.execute(COPY_INVOICES, template, count)
            await conn.execute(COPY_LINES, template, uuid.UUID(invoice["policy_id"]))
    finally:
        await conn.close()


async def _fetch_all(
    gateway_url: str, headers: Headers, urls: list[str], kept: dict[str, bytes]
) -> tuple[float, list[float]]:
    """Every url fetched once, CLIENTS at a time: the wall time and each request's ms. Keeps
    the bytes of the first round in `kept` and checks the second against them."""
    todo = list(urls)
    timings: list[float] = []

    async def client_at_work(client: httpx.AsyncClient) -> None:
        while todo:
            url = todo.pop()
            started = time.perf_counter()
            answer = await client.get(url, headers=headers())
            if answer.status_code == 401:
                headers.renew()
                todo.append(url)
                continue
            timings.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
            if not answer.content.startswith(b"%PDF-"):
                raise RuntimeError(f"{url}: not a PDF")
            if kept.setdefault(url, answer.content) != answer.content:
                raise RuntimeError(f"{url}: served differently the second time")

    began = time.perf_counter()
    async with httpx.AsyncClient(base_url=gateway_url, timeout=120) as client:
        await asyncio.gather(*(client_at_work(client) for _ in range(CLIENTS)))
    return time.perf_counter() - began, timings


async def _kept_size(stack: Stack) -> tuple[int, int]:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("policy"))
    try:
        row = await conn.fetchrow("select count(*), coalesce(sum(length(pdf)), 0) from documents")
        return int(row[0]), int(row[1])
    finally:
        await conn.close()


def _figures(what: str, wall: float, timings: list[float]) -> str:
    ordered = sorted(timings)
    p99 = ordered[max(int(len(ordered) * 0.99) - 1, 0)]
    return (
        f"  {what}: {len(ordered)} in {wall:.1f} s, {len(ordered) / wall:.0f}/s,"
        f" p50 {statistics.median(ordered):.1f} ms, p99 {p99:.1f} ms"
    )


def _render_alone(count: int) -> float:
    """Seconds to render `count` one-page invoices in this process, no I/O: the CPU of the PDF."""
    letterhead = Letterhead("Bench Verzekeringen BV", ("Grote Markt 1", "9711 LV Groningen"))
    rows = tuple(
        (name, euro(Decimal(net)), euro(Decimal(tax)), euro(Decimal(net) + Decimal(tax)))
        for name, net, tax in (("Basisdekking", "6.71", "1.41"), ("Rechtsbijstand", "3.00", "0.63"))
    )
    started = time.perf_counter()
    for n in range(count):
        letter = Letter(
            "Premienota",
            ("J. de Vries", "Damrak 1", "1012 LG  Amsterdam"),
            (("Notanummer", f"B{n:07d}"), ("Notadatum", "28 november 2026")),
            (
                Table(
                    ("Dekking", "Premie", "Assurantiebelasting", "Totaal"),
                    rows,
                    frozenset({1, 2, 3}),
                ),
            ),
        )
        render(letterhead, letter)
    return time.perf_counter() - started


def measure(stack: Stack, count: int = 10_000) -> str:
    tenant, clerk, ids = tenant_with_applications(stack, 1)
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as gw:
        accepted = gw.post(f"/api/policies/applications/{ids[0]}/accept", headers=clerk)
        accepted.raise_for_status()
        invoice = accepted.json()["documents"][0]
    policy_id = accepted.json()["policy_id"]
    asyncio.run(_copy_invoices(stack, tenant, {**invoice, "policy_id": policy_id}, count))
    urls = [f"/api/policies/{policy_id}/documents/B{n:07d}" for n in range(1, count + 1)]
    headers = Headers(stack.keycloak.url, tenant)
    kept: dict[str, bytes] = {}
    made_wall, made = asyncio.run(_fetch_all(stack.gateway_url, headers, urls, kept))
    again_wall, again = asyncio.run(_fetch_all(stack.gateway_url, headers, urls, kept))
    documents, size = asyncio.run(_kept_size(stack))
    alone = _render_alone(count)
    return "\n".join(
        (
            f"premium invoices as PDF through the gateway, {CLIENTS} clients:",
            _figures("first asked (made and kept)", made_wall, made),
            _figures("asked again (served as kept)", again_wall, again),
            f"  kept: {documents} documents, {size / 2**20:.1f} MiB"
            f" ({size / max(documents, 1) / 1024:.1f} KiB each)",
            f"  rendering alone, {count} one-page invoices in one process: {alone:.1f} s"
            f" ({alone / count * 1000:.2f} ms each)",
        )
    )
