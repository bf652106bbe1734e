"""The gateway's context token: what the gateway decided about a request, signed by it.

The gateway signs with its Ed25519 private key; services hold only the public key, so a service
can check a token but never mint one. Tokens live a few seconds: long enough for one request.
"""

import time
import uuid
from dataclasses import dataclass, field, fields
from functools import lru_cache

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from servicekit.access import ADMIN_ROLE, is_operator

HEADER = "X-Backoffice-Context"
ISSUER = "backoffice-gateway"
ALGORITHM = "EdDSA"
TTL_SECONDS = 30


class InvalidContextToken(Exception):
    pass


@dataclass(frozen=True)
class RequestContext:
    """Who is asking, for which tenant, and which right the gateway checked."""

    subject: str
    username: str
    # The tenant the gateway resolved and authorised (None on routes without a tenant).
    tenant: str | None
    # "employee", "operator", "support" (operator under a grant) or "client" (machine client).
    acting_as: str
    request_id: str
    roles: tuple[str, ...] = ()
    # The tenant an operator named with X-Tenant, unverified; only the identity service reads it.
    requested_tenant: str | None = None
    # The tenant named by the caller's own token (organization membership or client mapping).
    token_tenant: str | None = None
    grant_id: str | None = None
    module: str | None = None
    action: str | None = None
    client_id: str | None = None
    rights: tuple[str, ...] = field(default=())
    # For machine clients: the channel ("intermediary" or "website") and whether it is a test
    # client, as registered by the tenant's administrator.
    channel: str | None = None
    test_client: bool = False

    @property
    def is_operator(self) -> bool:
        return is_operator(self.roles)

    @property
    def administers_own_tenant(self) -> bool:
        """An appointed administrator (Keycloak role `tenant-admin`) acting for their own tenant."""
        return (
            ADMIN_ROLE in self.roles
            and self.token_tenant is not None
            and (self.token_tenant == self.tenant)
        )


FIELDS = tuple(f.name for f in fields(RequestContext))


@lru_cache(maxsize=8)
def _private_key(pem: str) -> Ed25519PrivateKey:
    """The key loaded once: parsing the PEM on every request was a tenth of the gateway's work."""
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the context token's private key must be Ed25519")
    return key


@lru_cache(maxsize=8)
def _public_key(pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the context token's public key must be Ed25519")
    return key


def sign(ctx: RequestContext, private_key_pem: str, ttl: int = TTL_SECONDS) -> str:
    now = int(time.time())
    claims: dict[str, object] = {}
    for name in FIELDS:
        value = getattr(ctx, name)
        claims[name] = list(value) if isinstance(value, tuple) else value
    claims.update(iss=ISSUER, iat=now, exp=now + ttl, jti=str(uuid.uuid4()))
    return jwt.encode(claims, _private_key(private_key_pem), algorithm=ALGORITHM)


def verify(token: str, public_key_pem: str) -> RequestContext:
    try:
        claims = jwt.decode(
            token,
            _public_key(public_key_pem),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "iss"]},
        )
    except jwt.PyJWTError as exc:
        raise InvalidContextToken(str(exc)) from exc
    try:
        return RequestContext(
            subject=claims["subject"],
            username=claims["username"],
            tenant=claims.get("tenant"),
            acting_as=claims["acting_as"],
            request_id=claims["request_id"],
            roles=tuple(claims.get("roles") or ()),
            requested_tenant=claims.get("requested_tenant"),
            token_tenant=claims.get("token_tenant"),
            grant_id=claims.get("grant_id"),
            module=claims.get("module"),
            action=claims.get("action"),
            client_id=claims.get("client_id"),
            rights=tuple(claims.get("rights") or ()),
            channel=claims.get("channel"),
            test_client=bool(claims.get("test_client", False)),
        )
    except KeyError as exc:
        raise InvalidContextToken(f"missing claim {exc}") from exc


def generate_keypair() -> tuple[str, str]:
    """A new (private PEM, public PEM) pair, for local stacks and tests."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public
