"""No tenant stalls another: while tenant A's renewal run invoices a portfolio of thousands of
policies and A's clerks ask for the largest pages of policies and relations the API gives, tenant
B's clerk keeps getting answers from the same policy service through the gateway, 99% of them
within P99_MS.

The aim is 200 ms. On the two cores of the build machine, where every service, PostgreSQL, NATS,
Keycloak and this test share them, B's p99 comes out at 200 to 270 ms on a quiet machine (p50
about 25 ms, against 7 ms alone), its slowest answers while the ledger and the claims service
book A's invoices; before jobs ran in a process of their own it was 250 to 1,300 ms, and the
stall this test guards against held B for tens of seconds. The bound here is 1,000 ms, so that
the test fails on a tenant stalling another, not on the machine's scheduling: on a build
machine running three times slower than usual (B alone p50 21 ms instead of 7, A's run 18 s
instead of 8) B's p99 was 701 ms with nothing stalled; docs/benchmarks.md has the figures."""

import asyncio
import statistics
import threading
import time
import uuid
from collections.abc import Callable

import asyncpg
import httpx

from devstack.bench_policies import copy_policy
from devstack.ports import SERVICE_NAMES
from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.waiting import eventually

PORTFOLIO = 5_000
P99_MS = 1_000
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


def _keep_asking(
    stop: threading.Event, gateway: httpx.Client, requests: list[tuple[str, dict[str, str]]]
) -> Callable[[], list[float]]:
    """A thread asking `requests` in turn until `stop`; its latencies in ms, each answer 200."""
    timings: list[float] = []
    failures: list[str] = []

    def run() -> None:
        while not stop.is_set():
            for path, headers in requests:
                started = time.perf_counter()
                answer = gateway.get(path, headers=headers)
                timings.append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    failures.append(f"{path}: {answer.status_code} {answer.text[:200]}")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result() -> list[float]:
        thread.join(timeout=60)
        assert not failures, failures[:5]
        return timings

    return result


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
    quiet = threading.Event()
    b_alone = _keep_asking(quiet, gateway, b_requests)
    time.sleep(3)  # a measuring window: B's latencies alone, for three seconds
    quiet.set()
    alone = sorted(b_alone())

    started = gateway.post(
        "/api/policies/renewals", json={"up_to": renewal, "trial": False}, headers=a.clerk
    )
    assert started.status_code == 202, started.text
    job_url = f"/api/policies/renewals/{started.json()['id']}"
    stop = threading.Event()
    a_pages: list[float] = []

    def page_through() -> None:
        """A's clerk pages through the whole portfolio, 200 policies a page, again and again."""
        while not stop.is_set():
            cursor = None
            while not stop.is_set():
                asked = time.perf_counter()
                page = gateway.get(
                    "/api/policies", params={"limit": 200, "cursor": cursor}, headers=a.clerk
                )
                a_pages.append((time.perf_counter() - asked) * 1000)
                assert page.status_code == 200, page.text
                cursor = page.json()["next_cursor"]
                if cursor is None:
                    break

    a_lists = threading.Thread(target=page_through, daemon=True)
    a_lists.start()
    b_asks = _keep_asking(stop, gateway, b_requests)
    begun = time.monotonic()
    job = eventually(
        lambda: gateway.get(job_url, headers=a.clerk).json(),
        lambda found: found["status"] in ("done", "failed"),
        seconds=120,
        every=0.5,
    )
    stop.set()
    lasted = time.monotonic() - begun
    b_timings = b_asks()
    a_lists.join(timeout=60)
    a_timings = a_pages

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
