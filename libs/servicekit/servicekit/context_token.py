"""The gateway's context token: what the gateway decided about a request, signed by it.

The gateway signs with its Ed25519 private key; services hold only the public key, so a service
can check a token but never mint one. Tokens live a few seconds: long enough for one request.

The signing key can be rotated without a refused request: each token names its key (`kid`, from
the public key), and a service accepts any key of the PEM bundle it is given. Add the new public
key to the services' bundle, then give the gateway the new private key, then, a token lifetime
later, take the old public key out (deploy/k8s/README.md).
"""

import hashlib
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
PEM_BEGIN = "-----BEGIN PUBLIC KEY-----"


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


def key_id(key: Ed25519PublicKey) -> str:
    """The `kid` of tokens signed with the private half of `key`: its fingerprint."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@lru_cache(maxsize=8)
def _public_keys(pem: str) -> dict[str, Ed25519PublicKey]:
    """The keys of a PEM bundle (one or more public keys, one after another), by key id."""
    keys = {}
    for block in pem.split(PEM_BEGIN)[1:]:
        key = serialization.load_pem_public_key((PEM_BEGIN + block).encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the context token's public keys must be Ed25519")
        keys[key_id(key)] = key
    if not keys:
        raise ValueError("no public key in the context token's key bundle")
    return keys


@lru_cache(maxsize=8)
def _signing_key(pem: str) -> tuple[Ed25519PrivateKey, dict[str, str]]:
    key = _private_key(pem)
    return key, {"kid": key_id(key.public_key())}


def sign(ctx: RequestContext, private_key_pem: str, ttl: int = TTL_SECONDS) -> str:
    now = int(time.time())
    claims: dict[str, object] = {}
    for name in FIELDS:
        value = getattr(ctx, name)
        claims[name] = list(value) if isinstance(value, tuple) else value
    claims.update(iss=ISSUER, iat=now, exp=now + ttl, jti=str(uuid.uuid4()))
    key, headers = _signing_key(private_key_pem)
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers=headers)


def verify(token: str, public_key_pem: str) -> RequestContext:
    """The context of `token`, if a key of the bundle `public_key_pem` signed it."""
    keys = _public_keys(public_key_pem)
    try:
        kid = jwt.get_unverified_header(token).get("kid")
        key = keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise InvalidContextToken(f"signed with a key this service does not hold ({kid})")
        claims = jwt.decode(
            token,
            key,
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
