"""The gateway accepts only valid Keycloak tokens for this API: signed by the realm's key,
from its issuer, for its audience, not expired, and never `alg: none`."""

import base64
import json
import time

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin

PATH = "/api/identity/me"


def _segments(token: str) -> tuple[dict[str, object], dict[str, object]]:
    header_b64, payload_b64, _ = token.split(".")

    def decode(part: str) -> dict[str, object]:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    return decode(header_b64), decode(payload_b64)


def _call(gateway: httpx.Client, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return gateway.get(PATH, headers=headers)


def _assert_401(response: httpx.Response, detail: str) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert detail in response.json()["detail"]


def test_valid_token_passes(operator: Api) -> None:
    assert operator.get(PATH).status_code == 200


def test_no_token(gateway: httpx.Client) -> None:
    _assert_401(_call(gateway, None), "bearer token is required")


def test_token_signed_by_another_key(gateway: httpx.Client, operator: Api) -> None:
    header, claims = _segments(operator.token)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": header["kid"]})
    _assert_401(_call(gateway, forged), "invalid token")
    unknown_kid = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": "not-ours"})
    _assert_401(_call(gateway, unknown_kid), "unknown key")


def test_alg_none(gateway: httpx.Client, operator: Api) -> None:
    _, claims = _segments(operator.token)
    unsigned = jwt.encode(claims, None, algorithm="none")
    _assert_401(_call(gateway, unsigned), "not accepted")


def test_token_for_another_audience(gateway: httpx.Client, keycloak: KeycloakTestAdmin) -> None:
    # An operator of its own: the session's one has an authenticator by now (the browser tests
    # sign in with it), and these clients' password grant would ask its code.
    operator_login = keycloak.create_user(roles=("platform-operator",))
    keycloak.ensure_client(
        {
            "clientId": "some-other-app",
            "publicClient": True,
            "directAccessGrantsEnabled": True,
            "standardFlowEnabled": False,
            "defaultClientScopes": ["basic", "profile", "roles"],
        }
    )
    token = keycloak.token(operator_login, client_id="some-other-app")
    _, claims = _segments(token)
    assert "backoffice-api" not in (claims.get("aud") or [])
    _assert_401(_call(gateway, token), "not for this API")


def test_expired_token(gateway: httpx.Client, keycloak: KeycloakTestAdmin) -> None:
    # An operator of its own: the session's one has an authenticator by now (the browser tests
    # sign in with it), and these clients' password grant would ask its code.
    operator_login = keycloak.create_user(roles=("platform-operator",))
    keycloak.ensure_client(
        {
            "clientId": "short-lived",
            "publicClient": True,
            "directAccessGrantsEnabled": True,
            "standardFlowEnabled": False,
            "attributes": {"access.token.lifespan": "4"},
            "defaultClientScopes": ["basic", "profile", "roles", "backoffice-api"],
        }
    )
    token = keycloak.token(operator_login, client_id="short-lived")
    _, claims = _segments(token)
    assert int(claims["exp"]) - int(claims["iat"]) <= 4  # type: ignore[call-overload]
    # Accepted while valid (and so remembered by the gateway), refused once past its expiry
    # and the gateway's one second of leeway: remembering never keeps a token alive.
    assert _call(gateway, token).status_code != 401
    time.sleep(max(0.0, int(claims["exp"]) + 1.5 - time.time()))  # type: ignore[call-overload]
    _assert_401(_call(gateway, token), "expired")
