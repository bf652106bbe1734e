"""Verifying Keycloak access tokens: signature from the realm's JWKS (cached, fetched again when a
token names an unknown key id), issuer, audience and expiry, with at most a second of leeway for
the clocks. Only RS256 is accepted, so a token with `alg: none` or an HMAC algorithm never passes.

A verified token is remembered until it expires: the same bearer token comes with every request
of a session, and checking its signature again each time was most of the gateway's own work."""

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

ALGORITHMS = ["RS256"]
REFETCH_AFTER_SECONDS = 10.0
LEEWAY_SECONDS = 1
MAX_REMEMBERED = 10_000


class TokenError(Exception):
    pass


@dataclass(frozen=True)
class Caller:
    subject: str
    username: str
    roles: tuple[str, ...]
    token_tenant: str | None
    client_id: str | None
    claims: dict[str, Any]


class JwksCache:
    def __init__(self, url: str, client: httpx.AsyncClient | None = None) -> None:
        self.url = url
        self.own_client = client is None
        self.client = client or httpx.AsyncClient(timeout=5)
        self.keys: dict[str, jwt.PyJWK] = {}
        self.fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def key(self, kid: str) -> jwt.PyJWK:
        if kid in self.keys:
            return self.keys[kid]
        async with self._lock:
            if kid not in self.keys and time.monotonic() - self.fetched_at > REFETCH_AFTER_SECONDS:
                await self.refresh()
        if kid not in self.keys:
            raise TokenError("token signed by an unknown key")
        return self.keys[kid]

    async def close(self) -> None:
        if self.own_client:
            await self.client.aclose()

    async def refresh(self) -> None:
        response = await self.client.get(self.url, timeout=5)
        response.raise_for_status()
        keys: dict[str, jwt.PyJWK] = {}
        for entry in response.json().get("keys", []):
            if entry.get("use", "sig") == "sig" and entry.get("alg", "RS256") in ALGORITHMS:
                keys[entry["kid"]] = jwt.PyJWK(entry)
        self.keys = keys
        self.fetched_at = time.monotonic()


def _tenant_of(claims: dict[str, Any]) -> str | None:
    """The tenant: a machine client's `tenant` claim, else the one organization of the user."""
    if isinstance(claims.get("tenant"), str):
        return str(claims["tenant"])
    orgs = claims.get("organization")
    if isinstance(orgs, dict):
        orgs = list(orgs)
    if isinstance(orgs, list) and len(orgs) == 1:
        return str(orgs[0])
    return None


class TokenVerifier:
    def __init__(self, jwks: JwksCache, issuer: str, audience: str) -> None:
        self.jwks = jwks
        self.issuer = issuer
        self.audience = audience
        self.verified: dict[str, tuple[Caller, float]] = {}

    async def verify(self, token: str) -> Caller:
        remembered = self.verified.get(token)
        if remembered is not None:
            caller, until = remembered
            if time.time() < until:
                return caller
            del self.verified[token]
        caller = await self._verify(token)
        self._remember(token, caller)
        return caller

    def _remember(self, token: str, caller: Caller) -> None:
        if len(self.verified) >= MAX_REMEMBERED:
            now = time.time()
            self.verified = {t: v for t, v in self.verified.items() if v[1] > now}
            if len(self.verified) >= MAX_REMEMBERED:
                self.verified.clear()
        self.verified[token] = (caller, float(caller.claims["exp"]) + LEEWAY_SECONDS)

    async def _verify(self, token: str) -> Caller:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        if header.get("alg") not in ALGORITHMS:
            raise TokenError(f"token algorithm {header.get('alg')!r} is not accepted")
        key = await self.jwks.key(str(header.get("kid", "")))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "iss", "sub", "aud"]},
                leeway=LEEWAY_SECONDS,
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenError("token is not for this API") from exc
        except jwt.PyJWTError as exc:
            raise TokenError(f"invalid token: {exc}") from exc
        roles = tuple(claims.get("realm_access", {}).get("roles", []))
        # Machine clients (client-credentials grant) carry the channel their client was made for.
        machine = "channel" in claims
        return Caller(
            subject=str(claims["sub"]),
            username=str(claims.get("preferred_username") or claims.get("azp") or claims["sub"]),
            roles=() if machine else roles,
            token_tenant=_tenant_of(claims),
            client_id=str(claims.get("azp")) if machine else None,
            claims=claims,
        )
