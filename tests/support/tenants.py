"""Building a tenant the way its people would: logins made by the operator, an administrator
appointed, the administrator's authenticator enrolled and confirmed (the hand-over)."""

import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import httpx
import pyotp

from tests.support.keycloak import KeycloakTestAdmin, Login

STEP = 30


@dataclass
class Phone:
    """The administrator's authenticator app: gives a fresh, never-used code each time."""

    secret: str
    last_step: int = 0

    def code(self) -> str:
        now = int(time.time() // STEP)
        step = max(now, self.last_step + 1)
        if step > now + 1:  # only ±1 step is accepted: wait for the next one
            time.sleep((step - 1) * STEP - time.time() + 0.1)
        self.last_step = step
        return pyotp.TOTP(self.secret).at(step * STEP)

    def wrong_code(self) -> str:
        right = {pyotp.TOTP(self.secret).at((self.last_step + d) * STEP) for d in range(-2, 4)}
        return next(c for c in (f"{n:06d}" for n in range(1000000)) if c not in right)


@dataclass
class Person:
    login: Login
    token: str
    user_id: str = field(default="")

    def headers(self, tenant: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if tenant:
            headers["X-Tenant"] = tenant
        return headers


def create_login(
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
    rights: dict[str, list[object]] | None = None,
) -> Person:
    username = f"u{uuid.uuid4().hex[:10]}"
    password = uuid.uuid4().hex
    response = gateway.post(
        f"/api/identity/tenants/{tenant}/users",
        json={
            "username": username,
            "email": f"{username}@example.test",
            "first_name": "Test",
            "last_name": username,
            "password": password,
            "temporary": False,
        },
        headers=by,
    )
    assert response.status_code == 201, response.text
    user_id = response.json()["id"]
    if rights is not None:
        put = gateway.put(
            f"/api/identity/tenants/{tenant}/users/{user_id}/rights", json=rights, headers=by
        )
        assert put.status_code == 200, put.text
    login = Login(user_id, response.json()["username"], password)  # `<login>@<tenant>`
    return Person(login, keycloak.token(login), user_id)


def hand_over(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: dict[str, str], tenant: str
) -> tuple[Person, Phone]:
    """Appoint an administrator and confirm their authenticator: the tenant is self-managed."""
    admin = create_login(gateway, keycloak, operator, tenant)
    response = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": admin.user_id},
        headers=operator,
    )
    assert response.status_code == 201, response.text
    admin.token = keycloak.token(admin.login)  # now with the tenant-admin role
    enrolment = gateway.post("/api/identity/authenticator", headers=admin.headers())
    assert enrolment.status_code == 200, enrolment.text
    uri = enrolment.json()["otpauth_uri"]
    assert uri.startswith("otpauth://totp/")
    assert enrolment.json()["qr_svg"].startswith("<svg")
    phone = Phone(parse_qs(urlparse(uri).query)["secret"][0])
    confirmed = gateway.post(
        "/api/identity/authenticator/confirm", json={"code": phone.code()}, headers=admin.headers()
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["administration"] == "self-managed"
    return admin, phone
