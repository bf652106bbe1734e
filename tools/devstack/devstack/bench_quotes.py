"""Quotes under load for `make bench`: an intermediary's client asks quotes on the demo product
at 1, 8 and 32 concurrent clients, through the gateway and (the baseline, same run) straight to
the product service with the context token the gateway would have signed."""

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass

import httpx
import jwt

from devstack.demo import seed
from devstack.stack import Stack
from servicekit import context_token
from servicekit.context_token import RequestContext

QUOTE = {
    "product": "HOME",
    "risk": {
        "birth_date": "1990-05-17",
        "postcode": "1012 LG",
        "sum_insured": 40000,
        "household": "couple",
        "burglary_alarm": True,
    },
    "coverages": ["BASIC", "LEGAL"],
    "start_date": "2026-12-01",
    "frequency": "monthly",
}
LEVELS = ((1, 200), (8, 800), (32, 1600))  # (concurrent clients, quotes)


@dataclass
class Load:
    concurrency: int
    per_second: float
    p50_ms: float
    p99_ms: float

    def __str__(self) -> str:
        return (
            f"{self.concurrency:>2} clients: {self.per_second:6.1f} quotes/s,"
            f" p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms"
        )


async def _load(url: str, headers: dict[str, str], concurrency: int, total: int) -> Load:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        for _ in range(5):  # warm up
            (await client.post(url, json=QUOTE, headers=headers)).raise_for_status()
        timings: list[float] = []
        remaining = total

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                response = await client.post(url, json=QUOTE, headers=headers)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 201:
                    raise RuntimeError(f"quote answered {response.status_code}: {response.text}")

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    ordered = sorted(timings)
    return Load(
        concurrency,
        len(ordered) / elapsed,
        statistics.median(ordered),
        ordered[max(int(len(ordered) * 0.99) - 1, 0)],
    )


def measure(stack: Stack) -> list[tuple[Load, Load]]:
    """(through the gateway, straight to the service) per level of concurrency."""
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    demo = seed(
        stack.gateway_url,
        stack.keycloak.url,
        ("operator", "operator"),
        stack.data_dir / "demo.json",
        tenant=tenant,
    )
    token = demo.client_token(stack.keycloak.url, demo.broker)
    claims = jwt.decode(token, options={"verify_signature": False})
    ctx = RequestContext(
        subject=claims["sub"],
        username=claims.get("preferred_username", ""),
        tenant=tenant,
        acting_as="client",
        request_id="bench",
        client_id=demo.broker.client_id,
        channel="intermediary",
    )
    signed = context_token.sign(ctx, stack.secrets.context_private_key, ttl=3600)
    gateway = (stack.gateway_url + "/public/v1/quotes", {"Authorization": f"Bearer {token}"})
    direct = (stack.service_url("product") + "/public/v1/quotes", {context_token.HEADER: signed})
    results = []
    for concurrency, total in LEVELS:
        through = asyncio.run(_load(*gateway, concurrency, total))
        straight = asyncio.run(_load(*direct, concurrency, total))
        results.append((through, straight))
    return results
