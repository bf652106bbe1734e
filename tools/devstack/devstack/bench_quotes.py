"""Quotes under load for `make bench`: an intermediary's client asks quotes on the demo product
at 1, 8 and 32 concurrent clients (wrk), through the gateway and (the baseline, same run)
straight to the product service with the context token the gateway would have signed."""

import uuid

import jwt

from devstack.bench_http import Load, wrk
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
LEVELS = (1, 8, 32)  # concurrent clients, 5 s each (wrk)


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
    for clients in LEVELS:
        through = wrk(*gateway, clients, body=QUOTE, expect=201)
        straight = wrk(*direct, clients, body=QUOTE, expect=201)
        results.append((through, straight))
    return results
