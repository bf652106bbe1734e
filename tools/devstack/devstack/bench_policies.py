"""Policies for `make bench`: accepting applications into policies through the gateway, and a
renewal run over many policies (the operator's command, its time and peak memory), with the
time the outbox then needs to hand all invoices to NATS."""

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date

import aiohttp
import asyncpg
import httpx
from sqlalchemy import Integer, Text, bindparam, cast, func, insert, literal_column, select

from devstack.bench_ledger import UNPUBLISHED, consumers_idle, policy_dsn
from devstack.bench_quotes import QUOTE
from devstack.bench_sql import as_tenant, sql
from devstack.demo import seed
from devstack.postgres import Postgres
from devstack.stack import Stack
from ledger_service.tables import inbox as ledger_inbox
from policy_service.tables import policies, policy_entries

APPLICANT = {
    "name": "J. de Vries",
    "date_of_birth": "1990-05-17",
    "email": "j.devries@example.nl",
    "address": {"street": "Damrak", "house_number": 1, "postcode": "1012 LG", "city": "Amsterdam"},
}


@dataclass
class Figures:
    accepted: int
    accept_per_second: float
    accept_p50_ms: float
    accept_p99_ms: float
    policies: int
    copy_seconds: float
    trial_seconds: float
    run_seconds: float
    run_peak_mib: float
    run_output: str
    drained_seconds: float
    other_tenant_waits: list[float]
    pending_after: int  # A's invoices not yet booked when B's last was

    def __str__(self) -> str:
        return (
            f"accept {self.accepted} applications, {ACCEPTING_CLIENTS} clerks at once: "
            f"{self.accept_per_second:.1f}/s, p50 {self.accept_p50_ms:.0f} ms,"
            f" p99 {self.accept_p99_ms:.0f} ms\n"
            f"renewal run over {self.policies} policies (copied in {self.copy_seconds:.0f} s):"
            f" trial {self.trial_seconds:.1f} s; run {self.run_seconds:.1f} s,"
            f" peak memory {self.run_peak_mib:.0f} MiB ({self.run_output.strip()});"
            f" outbox handed to NATS {self.drained_seconds:.0f} s after the run\n"
            f"meanwhile another tenant: {len(self.other_tenant_waits)} applications accepted one"
            f" by one while the ledger books the run's invoices, each invoice a debtor item after"
            f" p50 {statistics.median(self.other_tenant_waits):.2f} s,"
            f" p95 {_p95(self.other_tenant_waits):.2f} s, max {max(self.other_tenant_waits):.2f} s"
            f" ({self.pending_after} of the run's invoices still waiting to be booked then)"
        )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


ACCEPTING_CLIENTS = 8
# After JetStream has nothing pending, for the events a consumer stored to handle in its lanes.
SETTLE_SECONDS = 2


def tenant_with_applications(stack: Stack, count: int) -> tuple[str, dict[str, str], list[str]]:
    """A tenant with the demo product and `count` applications of its broker's client waiting:
    the tenant, its clerk's headers and the applications."""
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    demo = seed(
        stack.gateway_url,
        stack.keycloak.url,
        ("operator", "operator"),
        stack.data_dir / "demo.json",
        tenant=tenant,
    )
    broker = {"Authorization": f"Bearer {demo.client_token(stack.keycloak.url, demo.broker)}"}
    form = {"grant_type": "password", "client_id": "backoffice-cli"}
    clerk_token = httpx.post(
        f"{stack.keycloak.url}/realms/backoffice/protocol/openid-connect/token",
        data=form | {"username": demo.sign_in(demo.developer), "password": demo.developer},
    ).json()["access_token"]
    clerk = {"Authorization": f"Bearer {clerk_token}"}
    quote = {**QUOTE, "frequency": "annual", "start_date": date.today().isoformat()}
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as gw:
        ids = []
        for _ in range(count):
            made = gw.post("/public/v1/quotes", json=quote, headers=broker).json()
            applied = gw.post(
                "/public/v1/applications",
                json={"quote_id": made["id"], "applicant": APPLICANT},
                headers=broker,
            )
            applied.raise_for_status()
            ids.append(applied.json()["id"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _queued(gw, clerk) < count:
            time.sleep(0.2)
    return tenant, clerk, ids


def _queued(gw: httpx.Client, clerk: dict[str, str]) -> int:
    """The applications in the clerk's queue, every page of them."""
    queued, cursor = 0, None
    while True:
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = gw.get("/api/policies/applications", params=params, headers=clerk).json()
        queued += len(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return queued


def _accept(stack: Stack, count: int) -> tuple[str, list[float], float]:
    tenant, clerk, ids = tenant_with_applications(stack, count)
    # Measured once the setting up is done with: the 2,000 requests that made the applications
    # leave their audit records and events to be taken in, which used to share the two cores
    # with the first seconds of the acceptances.
    asyncio.run(consumers_idle(stack))
    time.sleep(SETTLE_SECONDS)
    timings: list[float] = []
    wall = asyncio.run(_accept_all(stack.gateway_url, clerk, ids, timings))
    return tenant, timings, wall


def _booked_meanwhile(stack: Stack, clerk: dict[str, str], ids: list[str]) -> list[float]:
    """Tenant B's applications accepted one by one while the ledger books tenant A's renewal
    invoices: seconds from each acceptance until its invoice is a debtor item of B."""
    waits = []
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as gw:
        for application_id in ids:
            accepted = gw.post(f"/api/policies/applications/{application_id}/accept", headers=clerk)
            accepted.raise_for_status()
            number = accepted.json()["application"]["policy_number"]
            started = time.monotonic()
            while time.monotonic() - started < 120:
                found = gw.get("/api/debtors/open-items", params={"search": number}, headers=clerk)
                if found.status_code == 200 and found.json()["items"]:
                    break
                time.sleep(0.05)
            waits.append(time.monotonic() - started)
    return waits


async def _accept_all(
    gateway_url: str, clerk: dict[str, str], ids: list[str], timings: list[float]
) -> float:
    """Accept `ids` through the gateway, ACCEPTING_CLIENTS at a time; the wall time. The
    clients are aiohttp's, not httpx's: the load shares the two cores with the back office,
    and httpx took 1.6 ms of CPU per request where aiohttp takes a fraction of it (the quotes'
    load is wrk's for the same reason)."""
    todo = list(ids)

    async def clerk_at_work(client: aiohttp.ClientSession) -> None:
        while todo:
            application_id = todo.pop()
            started = time.perf_counter()
            url = f"/api/policies/applications/{application_id}/accept"
            async with client.post(url, headers=clerk) as answer:
                await answer.read()
                timings.append((time.perf_counter() - started) * 1000)
                answer.raise_for_status()

    began = time.perf_counter()
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(base_url=gateway_url, timeout=timeout) as client:
        await asyncio.gather(*(clerk_at_work(client) for _ in range(ACCEPTING_CLIENTS)))
    return time.perf_counter() - began


# What a copy of a policy takes over; its id and number are its own.
COPIED = [
    policies.c.tenant_id,
    policies.c.holder_id,
    policies.c.product_code,
    policies.c.product_version,
    policies.c.insurer,
    policies.c.channel,
    policies.c.client_id,
    policies.c.start_date,
    policies.c.term_start,
    policies.c.renewal_date,
    policies.c.billed_until,
    policies.c.status,
    policies.c.commission_rate,
    policies.c.test,
    policies.c.created_by,
]
ENTRY_COPIED = [
    policy_entries.c.seq,
    policy_entries.c.kind,
    policy_entries.c.effective_date,
    policy_entries.c.changes,
    policy_entries.c.state,
    policy_entries.c.rating,
    policy_entries.c.entered_by,
]


def _copy_statements() -> list[tuple[str, list[str]]]:
    """The statements of `copy_policy`, each with the names of its parameters (template,
    count, prefix) in placeholder order."""
    template = bindparam("template", type_=policies.c.id.type)
    prefix = bindparam("prefix", type_=Text)
    n = func.generate_series(literal_column("1"), bindparam("count", type_=Integer)).alias("n")
    digits = func.lpad(cast(n.column, Text), literal_column("7"), literal_column("'0'"))
    copies = insert(policies).from_select(
        [policies.c.id, policies.c.number, *COPIED],
        select(func.gen_random_uuid(), prefix.concat(digits), *COPIED)
        .select_from(policies, n)
        .where(policies.c.id == template),
    )
    copy = policies.alias("copy")
    entries = insert(policy_entries).from_select(
        [policy_entries.c.tenant_id, policy_entries.c.policy_id, *ENTRY_COPIED],
        select(copy.c.tenant_id, copy.c.id, *ENTRY_COPIED)
        .select_from(copy.join(policy_entries, policy_entries.c.policy_id == template))
        .where(copy.c.number.like(prefix.concat(literal_column("'%'")))),
    )
    return [sql(copies), sql(entries)]


async def copy_policy(
    postgres: Postgres, tenant: str, policy_id: str, count: int, prefix: str
) -> None:
    """`count` copies of the tenant's policy with its timeline, numbered `<prefix>0000001` on,
    straight into its database (through the API a large portfolio would take hours), then
    analyzed as after any bulk load: a portfolio that grew over the years has statistics that
    know it. Without them PostgreSQL took the copies for a few rows and planned the renewal
    run's claim of its next 500 due policies as a sort of all of them, and the reading of their
    timelines as a scan of every entry, in every batch: most of the renewal trial's time."""
    values = {"template": uuid.UUID(policy_id), "count": count, "prefix": prefix}
    conn = await asyncpg.connect(policy_dsn(postgres))
    try:
        async with conn.transaction():
            await as_tenant(conn, tenant)
            for statement, parameters in _copy_statements():
                await conn.execute(statement, *(values[name] for name in parameters))
        await conn.execute(f"analyze {policies.name}, {policy_entries.name}")
    finally:
        await conn.close()


async def _copy_policies(stack: Stack, tenant: str, count: int) -> date:
    """`count` copies of one of the tenant's policies; the date they renew."""
    query, _ = sql(select(policies.c.id, policies.c.renewal_date).limit(literal_column("1")))
    conn = await asyncpg.connect(policy_dsn(stack.postgres))
    try:
        async with conn.transaction():
            await as_tenant(conn, tenant)
            template = await conn.fetchrow(query)
    finally:
        await conn.close()
    await copy_policy(stack.postgres, tenant, str(template["id"]), count, "B")
    renewal: date = template["renewal_date"]
    return renewal


async def _unpublished(stack: Stack) -> int:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("policy"))
    try:
        count: int = await conn.fetchval(UNPUBLISHED)
        return count
    finally:
        await conn.close()


def _renewal_command(stack: Stack, up_to: date, trial: bool) -> tuple[float, str]:
    args = [sys.executable, "-m", "policy_service.renewals", "--up-to", up_to.isoformat()]
    started = time.monotonic()
    done = subprocess.run(
        [*args, *(["--trial"] if trial else [])],
        env={**os.environ, **stack.service_env("policy")},
        capture_output=True,
        text=True,
        check=True,
    )
    return time.monotonic() - started, done.stdout


def measure(stack: Stack, applications: int = 1000, policies: int = 100_000) -> Figures:
    tenant, timings, elapsed_accepts = _accept(stack, applications)
    _, other_clerk, other_ids = tenant_with_applications(stack, 20)
    started = time.monotonic()
    up_to = asyncio.run(_copy_policies(stack, tenant, policies))
    copied = time.monotonic() - started
    trial_seconds, _ = _renewal_command(stack, up_to, trial=True)
    run_seconds, output = _renewal_command(stack, up_to, trial=False)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finished = time.monotonic()
    waits = _booked_meanwhile(stack, other_clerk, other_ids)
    pending = asyncio.run(_unbooked(stack))
    while asyncio.run(_unpublished(stack)) and time.monotonic() - finished < 600:
        time.sleep(1)
    drained = time.monotonic() - finished
    ordered = sorted(timings)
    return Figures(
        accepted=len(timings),
        accept_per_second=len(timings) / elapsed_accepts,
        accept_p50_ms=statistics.median(ordered),
        accept_p99_ms=ordered[max(int(len(ordered) * 0.99) - 1, 0)],
        policies=policies + applications,
        copy_seconds=copied,
        trial_seconds=trial_seconds,
        run_seconds=run_seconds,
        run_peak_mib=peak_mib,
        run_output=output,
        drained_seconds=drained,
        other_tenant_waits=waits,
        pending_after=pending,
    )


async def _unbooked(stack: Stack) -> int:
    """Events the ledger's premium consumer has taken in and not yet booked."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("ledger"))
    try:
        query, _ = sql(
            select(func.count())
            .select_from(ledger_inbox)
            .where(
                ledger_inbox.c.consumer == literal_column("'ledger-premiums'"),
                ledger_inbox.c.status == literal_column("'pending'"),
            )
        )
        count: int = await conn.fetchval(query)
        return count
    finally:
        await conn.close()
