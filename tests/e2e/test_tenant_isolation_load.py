"""No tenant stalls another: while tenant A's renewal run invoices a portfolio of thousands of
policies and A's clerk pages through it 200 policies at a time, tenant B's clerk keeps getting
answers from the same policy service through the gateway, 99% of them within P99_MS.

Each clerk's client runs in a process of its own, as on its own machine; A's, which only makes
load, runs niced, as its parsing of A's pages is no work of the platform's. On the two cores of
the build machine, where every service, PostgreSQL, NATS and Keycloak share them with the test,
B's p99 comes out at 130 to 190 ms on a quiet machine (p50 about 20 ms, against 7 ms alone): the
aim is 200 ms. The bound is twice that, so that the test fails on a tenant stalling another (the
stall it guards against held B for tens of seconds), not on a slower machine's scheduling;
docs/benchmarks.md has the figures."""

import asyncio
import statistics
import time
import uuid

import asyncpg
import httpx

from devstack.bench_policies import copy_policy
from devstack.ports import SERVICE_NAMES
from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.load import Asker
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.waiting import eventually

PORTFOLIO = 5_000
P99_MS = 400
ANNUAL = {**HOME_QUOTE, "frequency": "annual"}


async def _settled(stack: Stack) -> bool:
    """Whether every service has relayed its events and handled those it takes in: the work
    earlier tests left behind is done, so that what B waits for is A's work alone."""
    for service in SERVICE_NAMES:
        conn = await asyncpg.connect(stack.postgres.superuser_dsn(service))
        try:
            waiting = await conn.fetchval(
                "select (select count(*) from outbox where published_at is null)"
                " + (select count(*) from inbox where status = 'pending')"
            )
        finally:
            await conn.close()
        if waiting:
            return False
    return True


def test_one_tenants_renewal_run_and_huge_lists_do_not_slow_another(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api
) -> None:
    tenants = []
    for _ in range(2):
        slug = f"t-{uuid.uuid4().hex[:12]}"
        made = operator.post("/api/identity/tenants", {"slug": slug, "name": f"Tenant {slug}"})
        assert made.status_code == 201, made.text
        tenants.append(slug)
    a, b = (
        accepted_policy(stack, gateway, keycloak, operator.headers(t), t, ANNUAL) for t in tenants
    )
    asyncio.run(copy_policy(stack.postgres, tenants[0], a.policy_id, PORTFOLIO, "L"))
    renewal = gateway.get(f"/api/policies/{a.policy_id}", headers=a.clerk).json()["renewal_date"]

    eventually(lambda: asyncio.run(_settled(stack)), seconds=120, every=0.5)
    b_requests = [
        (f"/api/policies/{b.policy_id}", b.clerk),
        ("/api/policies?limit=20", b.clerk),
        (f"/api/policies/{b.policy_id}/invoices", b.clerk),
        ("/api/relations?limit=20", b.clerk),
    ]
    b_alone = Asker(str(gateway.base_url), b_requests)
    time.sleep(3)  # a measuring window: B's latencies alone, for three seconds
    alone = sorted(b_alone.stop())

    started = gateway.post(
        "/api/policies/renewals", json={"up_to": renewal, "trial": False}, headers=a.clerk
    )
    assert started.status_code == 202, started.text
    job_url = f"/api/policies/renewals/{started.json()['id']}"
    # A's clerk pages through the whole portfolio, 200 policies a page, again and again; its
    # client only makes load, so it runs niced, as if on A's own machine.
    a_lists = Asker(
        str(gateway.base_url), [("/api/policies?limit=200", a.clerk)], paged=True, nice=10
    )
    b_asks = Asker(str(gateway.base_url), b_requests)
    begun = time.monotonic()
    job = eventually(
        lambda: gateway.get(job_url, headers=a.clerk).json(),
        lambda found: found["status"] in ("done", "failed"),
        seconds=120,
        every=0.5,
    )
    lasted = time.monotonic() - begun
    b_timings = b_asks.stop()
    a_timings = a_lists.stop()

    assert job["status"] == "done", job
    assert job["result"]["invoices"] == PORTFOLIO + 1, job["result"]
    assert len(b_timings) >= 50, (len(b_timings), lasted)  # B asked all along the run
    ordered = sorted(b_timings)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(
        f"tenant A: renewal run over {PORTFOLIO + 1} policies in {lasted:.1f} s, {len(a_timings)}"
        f" pages of 200 (median {statistics.median(a_timings):.0f} ms); tenant B: {len(ordered)}"
        f" requests, p50 {statistics.median(ordered):.0f} ms, p99 {p99:.0f} ms (alone before:"
        f" p50 {statistics.median(alone):.0f} ms, p99 {alone[int(len(alone) * 0.99)]:.0f} ms)"
    )
    slowest = sorted(range(len(b_timings)), key=lambda n: -b_timings[n])[:5]
    print("slowest of B:", [(n, round(b_timings[n])) for n in slowest], "of", len(b_timings))
    assert p99 < P99_MS, f"tenant B's p99 {p99:.0f} ms while tenant A's run went on"
