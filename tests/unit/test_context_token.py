"""The gateway's context token: only the gateway's key makes one, and it lives seconds."""

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from servicekit import context_token
from servicekit.context_token import InvalidContextToken, RequestContext

CTX = RequestContext(
    subject="u1",
    username="jan",
    tenant="acme",
    acting_as="employee",
    request_id="r-1",
    roles=("tenant-admin",),
    module="policies",
    action="view",
    rights=("policies:view",),
)


def test_round_trip() -> None:
    private, public = context_token.generate_keypair()
    assert context_token.verify(context_token.sign(CTX, private), public) == CTX


def test_other_key_is_refused() -> None:
    private, _ = context_token.generate_keypair()
    _, other_public = context_token.generate_keypair()
    with pytest.raises(InvalidContextToken):
        context_token.verify(context_token.sign(CTX, private), other_public)


def test_expired_is_refused() -> None:
    private, public = context_token.generate_keypair()
    token = context_token.sign(CTX, private, ttl=-1)
    with pytest.raises(InvalidContextToken):
        context_token.verify(token, public)


def test_altered_tenant_is_refused() -> None:
    private, public = context_token.generate_keypair()
    token = context_token.sign(CTX, private)
    header, _payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["tenant"] = "other"
    forged_payload = jwt.encode(claims, "k" * 32, algorithm="HS256").split(".")[1]
    with pytest.raises(InvalidContextToken):
        context_token.verify(f"{header}.{forged_payload}.{signature}", public)


def test_lifetime_is_short() -> None:
    private, _ = context_token.generate_keypair()
    claims = jwt.decode(context_token.sign(CTX, private), options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] <= 60
    assert claims["exp"] > time.time()


def test_the_signing_key_rotates_without_a_refused_request() -> None:
    """Services given both public keys accept tokens of the old and of the new private key; once
    the old public key is taken out, its tokens are refused."""
    old_private, old_public = context_token.generate_keypair()
    new_private, new_public = context_token.generate_keypair()
    both = old_public + new_public
    assert context_token.verify(context_token.sign(CTX, old_private), both) == CTX
    assert context_token.verify(context_token.sign(CTX, new_private), both) == CTX
    with pytest.raises(InvalidContextToken, match="does not hold"):
        context_token.verify(context_token.sign(CTX, old_private), new_public)


def test_a_token_names_the_key_that_signed_it() -> None:
    private, public = context_token.generate_keypair()
    other_private, _ = context_token.generate_keypair()
    header = jwt.get_unverified_header(context_token.sign(CTX, private))
    assert header["alg"] == "EdDSA" and len(header["kid"]) == 16
    assert header["kid"] != jwt.get_unverified_header(context_token.sign(CTX, other_private))["kid"]
    # A token that names no key, or garbage, is refused like any other bad token.
    unnamed = jwt.encode({"iss": "backoffice-gateway"}, "k" * 32, algorithm="HS256")
    for token in (unnamed, "not-a-token"):
        with pytest.raises(InvalidContextToken):
            context_token.verify(token, public)


def _segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signed(private_pem: str, header: object, claims: object) -> str:
    """A token signed with the gateway's own key, whatever its header and claims say."""
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    signing_input = (
        f"{_segment(json.dumps(header).encode())}.{_segment(json.dumps(claims).encode())}"
    )
    return f"{signing_input}.{_segment(key.sign(signing_input.encode()))}"


def test_only_an_ed25519_token_of_the_gateway_in_its_lifetime_is_taken() -> None:
    """The token is checked here, not by a general JWT library: even signed by the gateway's
    key, a header naming another algorithm (or none), claims without their times or of another
    issuer, and anything not three base64url segments are refused."""
    private, public = context_token.generate_keypair()
    header, payload, signature = context_token.sign(CTX, private).split(".")
    named = json.loads(base64.urlsafe_b64decode(header + "=="))
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    assert context_token.verify(_signed(private, named, claims), public) == CTX
    refused = [
        _signed(private, {**named, "alg": "none"}, claims),
        _signed(private, {**named, "alg": "HS256"}, claims),
        _signed(private, [named], claims),
        _signed(private, named, {**claims, "exp": None}),
        _signed(private, named, {**claims, "exp": str(claims["exp"])}),
        _signed(private, named, {k: v for k, v in claims.items() if k != "iat"}),
        _signed(private, named, {**claims, "iss": "someone-else"}),
        _signed(private, named, [claims]),
        f"{header}.{payload}",
        f"{header}.{payload}.{signature}.{signature}",
        f"{header}.{payload}.{signature}!",
        f"{header}.{payload}.{signature[:-4]}",
        f"{_segment(b'[' * 100_000)}.{payload}.{signature}",
        f"{header}.{payload}.{signature}\u00e9",
    ]
    for token in refused:
        with pytest.raises(InvalidContextToken):
            context_token.verify(token, public)
