"""Access decisions from the identity service (NATS request/reply), cached briefly.

Any event the identity service publishes (a right changed, a login disabled, a tenant handed
over, a grant revoked) clears the cache of every gateway instance at once, so a change takes
effect within a second instead of waiting for a token or the cache to expire. A lost connection
clears it too, since events may have been missed meanwhile.
"""

import json
import logging
import time

from nats.aio.client import Client
from nats.errors import Error as NatsError

from backoffice_gateway.tokens import Caller
from servicekit.access import AccessQuery, Decision
from servicekit.request_reply import RESOLVE_SUBJECT

log = logging.getLogger(__name__)

INVALIDATION_SUBJECT = "events.identity.>"


class AccessUnavailable(Exception):
    pass


class AccessDirectory:
    def __init__(self, nc: Client, cache_seconds: float) -> None:
        self.nc = nc
        self.cache_seconds = cache_seconds
        self.cache: dict[tuple[object, ...], tuple[float, Decision]] = {}
        # Bumped by every clear, so an answer fetched before a change is not cached after it.
        self.generation = 0

    async def start(self) -> None:
        async def on_change(_msg: object) -> None:
            self.clear()

        await self.nc.subscribe(INVALIDATION_SUBJECT, cb=on_change)

    def clear(self) -> None:
        self.generation += 1
        self.cache.clear()

    async def decide(self, caller: Caller, requested_tenant: str | None) -> Decision:
        key = (
            caller.subject,
            caller.roles,
            caller.token_tenant,
            requested_tenant,
            caller.client_id,
        )
        cached = self.cache.get(key)
        if cached and cached[0] > time.time():
            return cached[1]
        generation = self.generation
        query = AccessQuery(
            subject=caller.subject,
            roles=caller.roles,
            token_tenant=caller.token_tenant,
            requested_tenant=requested_tenant,
            client_id=caller.client_id,
        )
        try:
            reply = await self.nc.request(
                RESOLVE_SUBJECT, json.dumps(query.to_json()).encode(), timeout=2
            )
        except (NatsError, TimeoutError) as exc:
            raise AccessUnavailable(str(exc)) from exc
        body = json.loads(reply.data)
        if "allowed" not in body:
            raise AccessUnavailable(body.get("error", "no answer"))
        decision = Decision.from_json(body)
        # Kept until a change is pushed, but never past a support grant's expiry.
        expires = time.time() + self.cache_seconds
        if decision.valid_until is not None:
            expires = min(expires, decision.valid_until)
        if generation == self.generation:
            self.cache[key] = (expires, decision)
        return decision
