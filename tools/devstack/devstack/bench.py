"""`make bench`: starts a stack on free ports and measures what users and operators feel:
start-up time, CPU (per process) and memory of all processes at rest, request latency through
the gateway against the same request sent straight to the service (the baseline, measured in the
same run), how long an event takes from one service's outbox to another's consumer, quotes,
policies and the ledger (bench_quotes, bench_policies, bench_ledger). `make bench ARGS="--only
ledger"` (or `python -m devstack bench --only idle,platform`) measures only those parts, after
start-up."""

import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
import psutil

from devstack import (
    bench_collections,
    bench_documents,
    bench_http,
    bench_imports,
    bench_ledger,
    bench_policies,
    bench_quotes,
)
from devstack.demo import password_token
from devstack.ports import Ports
from devstack.processes import ManagedProcess
from devstack.stack import Stack, StackConfig
from servicekit import context_token
from servicekit.context_token import RequestContext


def _memory_mib(stack: Stack) -> tuple[float, float]:
    """RSS and PSS summed over every process. RSS counts a page shared by many processes (the
    libraries, PostgreSQL's shared buffers in each backend) once per process; PSS shares it out,
    so its sum is what the stack takes."""
    rss = pss = 0
    for managed in stack.processes():
        if managed.proc is None:
            continue
        try:
            root = psutil.Process(managed.proc.pid)
            for proc in [root, *root.children(recursive=True)]:
                info = proc.memory_full_info()
                rss += info.rss
                pss += info.pss
        except psutil.Error:
            continue
    return rss / 2**20, pss / 2**20


def _cpu_seconds(managed: ManagedProcess) -> float:
    """CPU time (user and system) of a process and its children so far."""
    if managed.proc is None:
        return 0.0
    try:
        root = psutil.Process(managed.proc.pid)
        total = 0.0
        for proc in [root, *root.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
        return total
    except psutil.Error:
        return 0.0


def _idle_cpu(stack: Stack, seconds: float = 60, settle: float = 30) -> str:
    """Each process's share of a core at rest (no requests, nothing queued) over `seconds`,
    after `settle` seconds for the start-up's after-effects: what the background polls of the
    services cost."""
    time.sleep(settle)
    parts = {p.name: p for p in stack.processes()}
    before = {name: _cpu_seconds(p) for name, p in parts.items()}
    time.sleep(seconds)
    used = {name: (_cpu_seconds(p) - before[name]) / seconds * 100 for name, p in parts.items()}
    figures = ", ".join(f"{name} {share:.1f}%" for name, share in used.items())
    total = sum(used.values())
    return f"CPU at rest over {seconds:.0f} s (% of one core): {figures}; all {total:.1f}%"


def _loop_speed(tries: int = 3) -> str:
    """The CPU seconds a fixed pure-Python loop takes, fastest and slowest of `tries`: the same
    code read from 0.3 to 1.3 s on one machine within an hour (a shared host), so figures of
    different runs compare only beside it."""
    taken = []
    for _ in range(tries):
        started = time.process_time()
        total = 0
        for n in range(10_000_000):
            total += n
        taken.append(time.process_time() - started)
    return f"a loop of 10^7 additions {min(taken):.2f} to {max(taken):.2f} s of CPU"


def _token(stack: Stack) -> str:
    return password_token(stack.keycloak.url, "operator", "operator")


def _micros(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return f"p50 {statistics.median(ordered):.0f} µs, p99 {p99:.0f} µs"


def _decision_overhead(stack: Stack, token: str, tenant: str) -> tuple[list[float], list[float]]:
    """The gateway's own work per request, in process: verifying the token (keys cached) and
    looking up the access decision (cached, as for every request after the first)."""
    import asyncio

    from backoffice_gateway.access import AccessDirectory
    from backoffice_gateway.tokens import JwksCache, TokenVerifier
    from servicekit import messaging

    async def measure() -> tuple[list[float], list[float]]:
        async with httpx.AsyncClient() as client:
            jwks = JwksCache(
                f"{stack.keycloak.url}/realms/backoffice/protocol/openid-connect/certs", client
            )
            verifier = TokenVerifier(
                jwks, f"{stack.keycloak.url}/realms/backoffice", "backoffice-api"
            )
            nc = await messaging.connect(stack.nats.url, "bench")
            directory = AccessDirectory(nc, 30)
            caller = await verifier.verify(token)
            await directory.decide(caller, tenant)
            verify, decide = [], []
            for _ in range(2000):
                started = time.perf_counter()
                caller = await verifier.verify(token)
                verify.append((time.perf_counter() - started) * 1e6)
                started = time.perf_counter()
                await directory.decide(caller, tenant)
                decide.append((time.perf_counter() - started) * 1e6)
            await nc.close()
            return verify, decide

    return asyncio.run(measure())


def _platform(stack: Stack) -> str:
    """Memory at rest, the gateway beside the service straight and an nginx hop (1 and 16
    clients, wrk), the gateway's own work, and a tenant's registration reaching the ledger."""
    time.sleep(10)
    rss, pss = _memory_mib(stack)
    token = _token(stack)
    slug = f"bench-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gw:
        auth = {"Authorization": f"Bearer {token}"}
        sent = time.perf_counter()
        gw.post("/api/identity/tenants", json={"slug": slug, "name": "Bench"}, headers=auth)
        tenant = {**auth, "X-Tenant": slug}
        while not gw.get("/api/ledger/accounts", headers=tenant).json().get("items"):
            time.sleep(0.01)
        event_ms = (time.perf_counter() - sent) * 1000
    ctx = RequestContext(
        subject="bench",
        username="bench",
        tenant=slug,
        acting_as="operator",
        request_id="bench",
        module="ledger",
        action="view",
    )
    signed = {
        context_token.HEADER: context_token.sign(ctx, stack.secrets.context_private_key, ttl=600)
    }
    path = "/api/ledger/accounts"
    lines = [f"memory of all processes at rest: RSS {rss:.0f} MiB summed, PSS {pss:.0f} MiB"]
    if why := bench_http.missing("wrk"):
        lines.append(f"gateway under load: not measured, {why}")
    else:
        lines += _gateway_beside_a_hop(stack, path, tenant, signed)
    verify, decide = _decision_overhead(stack, token, slug)
    lines += [
        f"gateway decision overhead: token check (remembered after its first) {_micros(verify)};"
        f" permission lookup (cached) {_micros(decide)};"
        f" together {_micros([a + b for a, b in zip(verify, decide, strict=True)])}",
        f"register tenant -> chart visible through the gateway (outbox, NATS, consumer):"
        f" {event_ms:.0f} ms",
    ]
    return "\n".join(lines)


# One client's latency moves with the host from one five seconds to the next (the service
# straight once read slower than through the nginx hop in front of it): three rounds in turn.
ROUNDS_AT_ONE = 3


def _median(loads: list[bench_http.Load]) -> bench_http.Load:
    return sorted(loads, key=lambda load: load.p50_ms)[len(loads) // 2]


def _gateway_beside_a_hop(
    stack: Stack, path: str, through: dict[str, str], straight: dict[str, str]
) -> list[str]:
    """GET `path` straight to the ledger service, through an nginx hop and through the gateway,
    in turns, so the three meet the same machine; the added latency of each at 1 client."""
    service = stack.service_url("ledger")
    lines = [
        f"GET {path}, wrk, 5 s per figure, each beside the others in the same run"
        f" (at 1 client {ROUNDS_AT_ONE} rounds in turn, the round of the median p50 shown):"
    ]
    hop_missing = bench_http.missing("nginx")
    for clients in (1, 16):
        runs: dict[str, list[bench_http.Load]] = {"direct": [], "gateway": [], "hop": []}
        for _ in range(ROUNDS_AT_ONE if clients == 1 else 1):
            runs["direct"].append(bench_http.wrk(service + path, straight, clients))
            runs["gateway"].append(bench_http.wrk(stack.gateway_url + path, through, clients))
            if hop_missing is None:
                with bench_http.NginxHop(service) as nginx:
                    runs["hop"].append(bench_http.wrk(nginx.url + path, straight, clients))
        direct, gateway = _median(runs["direct"]), _median(runs["gateway"])
        lines += [f"  straight to the service {direct}", f"  through the gateway    {gateway}"]
        hop = _median(runs["hop"]) if runs["hop"] else None
        if hop is not None:
            lines.append(f"  through an nginx hop   {hop}")
        if clients == 1:
            added = gateway.p50_ms - direct.p50_ms
            line = f"  gateway adds {added:.2f} ms at p50"
            if hop is not None:
                hop_added = max(hop.p50_ms - direct.p50_ms, 0.01)
                line += f"; an nginx hop adds {hop_added:.2f} ms ({added / hop_added:.1f}x)"
            lines.append(line)
        else:
            share = gateway.per_second / direct.per_second
            lines.append(f"  gateway throughput {share:.2f} x the service straight")
    if hop_missing:
        lines.append(f"  (no nginx hop: {hop_missing})")
    return lines


def _quotes(stack: Stack) -> str:
    title = "POST /public/v1/quotes (intermediary's client, HOME, 2 coverages, wrk 5 s each):"
    if why := bench_http.missing("wrk"):
        return f"{title} not measured, {why}"
    return f"{title}\n" + "\n".join(
        f"  gateway {g}\n  direct  {d}" for g, d in bench_quotes.measure(stack)
    )


# The parts of the bench, in the order they run (the ledger's before the renewal run, whose
# 100,000 invoices keep the ledger's consumer busy for a while).
PARTS: dict[str, Callable[[Stack], str]] = {
    "idle": _idle_cpu,
    "platform": _platform,
    "quotes": _quotes,
    "ledger": bench_ledger.measure,
    "policies": lambda stack: str(bench_policies.measure(stack)),
    "imports": bench_imports.measure,
    "collections": bench_collections.measure,
    "documents": bench_documents.measure,
}


def run(only: Sequence[str] = tuple(PARTS)) -> int:
    """Start a stack and measure the `only` parts of PARTS (all of them by default)."""
    data_dir = Path(tempfile.mkdtemp(prefix="backoffice-bench-"))
    stack = Stack(StackConfig(data_dir=data_dir, ports=Ports.free(), durable=True, portal=False))
    started = time.monotonic()
    try:
        stack.start()
        startup = time.monotonic() - started
        cpu = platform.processor() or platform.machine()
        print(
            f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB,"
            f" {cpu}, Python {platform.python_version()}; speed: {_loop_speed()}\n"
            f"start-up (infrastructure ready, all healthy): {startup:.1f} s",
            flush=True,
        )
        for name, part in PARTS.items():
            if name in only:
                print(part(stack), flush=True)
        print(f"speed after the run: {_loop_speed()}", flush=True)
        return 0
    finally:
        stack.stop()
        # A run leaves gigabytes (a million open items, a hundred thousand policies): a few runs
        # had filled the disk. The figures are printed; the logs only matter when a run failed.
        if sys.exc_info()[0] is None:
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            print(f"the stack's data and logs are kept in {data_dir}", file=sys.stderr)
