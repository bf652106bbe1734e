"""Access decisions from the identity service (NATS request/reply), cached briefly.

Any event the identity service publishes (a right changed, a login disabled, a tenant handed
over, a grant revoked) clears the cache of every gateway instance at once, so a change takes
effect within a second instead of waiting for a token or the cache to expire. A lost connection
clears it too, since events may have been missed meanwhile.
"""

import json
import logging
import time
from dataclasses import dataclass, field

from nats.aio.client import Client
from nats.errors import Error as NatsError

from backoffice_gateway.tokens import Caller

log = logging.getLogger(__name__)

RESOLVE_SUBJECT = "identity.access.resolve"
INVALIDATION_SUBJECT = "events.identity.>"


class AccessUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    status: int
    detail: str
    tenant: str | None
    acting_as: str | None
    rights: frozenset[str] = field(default_factory=frozenset)
    # For support access: the grant behind each right.
    grants: dict[str, str] = field(default_factory=dict)
    valid_until: float | None = None


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
        request = {
            "subject": caller.subject,
            "roles": list(caller.roles),
            "token_tenant": caller.token_tenant,
            "requested_tenant": requested_tenant,
            "client_id": caller.client_id,
        }
        try:
            reply = await self.nc.request(RESOLVE_SUBJECT, json.dumps(request).encode(), timeout=2)
        except (NatsError, TimeoutError) as exc:
            raise AccessUnavailable(str(exc)) from exc
        body = json.loads(reply.data)
        if "allowed" not in body:
            raise AccessUnavailable(body.get("error", "no answer"))
        decision = Decision(
            allowed=bool(body["allowed"]),
            status=int(body.get("status", 403)),
            detail=str(body.get("detail", "")),
            tenant=body.get("tenant"),
            acting_as=body.get("acting_as"),
            rights=frozenset(body.get("rights") or ()),
            grants=dict(body.get("grants") or {}),
            valid_until=body.get("valid_until"),
        )
        # Kept until a change is pushed, but never past a support grant's expiry.
        expires = time.time() + self.cache_seconds
        if decision.valid_until is not None:
            expires = min(expires, decision.valid_until)
        if generation == self.generation:
            self.cache[key] = (expires, decision)
        return decision
