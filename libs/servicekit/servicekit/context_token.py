"""The gateway's context token: what the gateway decided about a request, signed by it.

The gateway signs with its Ed25519 private key; services hold only the public key, so a service
can check a token but never mint one. Tokens live a few seconds: long enough for one request.

The signing key can be rotated without a refused request: each token names its key (`kid`, from
the public key), and a service accepts any key of the PEM bundle it is given. Add the new public
key to the services' bundle, then give the gateway the new private key, then, a token lifetime
later, take the old public key out (deploy/k8s/README.md).
"""

import base64
import binascii
import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature
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


# The token is a standard compact JWS (RFC 7515, "EdDSA" of RFC 8037), written and checked here
# rather than by PyJWT: every request to every service checks one, and PyJWT's general machinery
# (the header parsed twice, its options and warnings) cost twice the Ed25519 check itself.


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(segment: str) -> bytes:
    try:
        return base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidContextToken("not base64url") from exc


@lru_cache(maxsize=8)
def _encoded_header(pem: str) -> tuple[Ed25519PrivateKey, str]:
    key = _private_key(pem)
    header = {"alg": ALGORITHM, "kid": key_id(key.public_key()), "typ": "JWT"}
    return key, _b64encode(json.dumps(header, separators=(",", ":")).encode())


def sign(ctx: RequestContext, private_key_pem: str, ttl: int = TTL_SECONDS) -> str:
    now = int(time.time())
    claims: dict[str, object] = {}
    for name in FIELDS:
        value = getattr(ctx, name)
        claims[name] = list(value) if isinstance(value, tuple) else value
    claims.update(iss=ISSUER, iat=now, exp=now + ttl, jti=str(uuid.uuid4()))
    key, header = _encoded_header(private_key_pem)
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}"
    return f"{signing_input}.{_b64encode(key.sign(signing_input.encode('ascii')))}"


@lru_cache(maxsize=16)
def _key_for(header: str, public_key_pem: str) -> Ed25519PublicKey:
    """The key a token's header names (its few headers are read once; a refusal is not kept)."""
    try:
        fields = json.loads(_b64decode(header))
    except (ValueError, RecursionError) as exc:
        raise InvalidContextToken("the header is not JSON") from exc
    if not isinstance(fields, dict) or fields.get("alg") != ALGORITHM:
        raise InvalidContextToken(f"the header does not name {ALGORITHM}")
    kid = fields.get("kid")
    key = _public_keys(public_key_pem).get(kid) if isinstance(kid, str) else None
    if key is None:
        raise InvalidContextToken(f"signed with a key this service does not hold ({kid})")
    return key


def _claims(token: str, public_key_pem: str) -> dict[str, Any]:
    """The claims of `token` once its signature, issuer and lifetime are checked."""
    header, payload, signature = _segments(token)
    key = _key_for(header, public_key_pem)
    try:
        key.verify(_b64decode(signature), f"{header}.{payload}".encode("ascii"))
    except InvalidSignature as exc:
        raise InvalidContextToken("the signature does not verify") from exc
    try:
        claims = json.loads(_b64decode(payload))
    except ValueError as exc:
        raise InvalidContextToken("the claims are not JSON") from exc
    if not isinstance(claims, dict):
        raise InvalidContextToken("the claims are not an object")
    for name in ("exp", "iat"):
        if type(claims.get(name)) is not int:
            raise InvalidContextToken(f"the claim {name} is missing or not a number")
    if claims["exp"] <= time.time():
        raise InvalidContextToken("the token has expired")
    if claims.get("iss") != ISSUER:
        raise InvalidContextToken("the token is not the gateway's")
    return claims


def _segments(token: str) -> tuple[str, str, str]:
    parts = token.split(".")
    if len(parts) != 3 or not token.isascii():
        raise InvalidContextToken("not a signed token")
    return parts[0], parts[1], parts[2]


def verify(token: str, public_key_pem: str) -> RequestContext:
    """The context of `token`, if a key of the bundle `public_key_pem` signed it."""
    claims = _claims(token, public_key_pem)
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
