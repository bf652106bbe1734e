"""The second factor at sign-in: Keycloak's browser login (the portal's) asks a one-time code of
operators and of a tenant's administrators always, and of all its staff once the administrator
asks it of everyone (a setting in the audit trail); the first time it has them set up an
authenticator app. Walked through Keycloak's own login pages, as a browser would."""

import base64
import hashlib
import html
import re
import secrets
import time

import httpx
import pyotp

from devstack.stack import Stack
from identity_service.realm_setup import REALM_SETTINGS
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.tenants import create_login


class LoginPages:
    """One browser at Keycloak's login pages. Its cookies are `Secure`, which httpx keeps to
    https: so they are carried by hand, as a browser on localhost would."""

    def __init__(self, stack: Stack) -> None:
        self.keycloak = stack.keycloak.url
        self.back = f"{stack.portal_url}/signed-in"  # where the portal's login returns; not asked
        self.cookies: dict[str, str] = {}
        self.client = httpx.Client(follow_redirects=False, timeout=20)

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answer = self.client.request(method, url, headers={"Cookie": cookie}, **kwargs)  # type: ignore[arg-type]
        for header in answer.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        while answer.status_code in (302, 303) and not answer.headers["location"].startswith(
            self.back
        ):
            return self._send("GET", answer.headers["location"])
        return answer

    def sign_in(self, username: str, password: str) -> httpx.Response:
        """Username and password as the login page asks them: on one page, or the username
        first and then the password (organization members); the page after, or the redirect
        back to the portal. A username sent alone to a page that asks both would be a failed
        login, and a second failure within a second locks the login for a minute."""
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(secrets.token_urlsafe(48).encode()).digest()
        )
        page = self._send(
            "GET",
            f"{self.keycloak}/realms/backoffice/protocol/openid-connect/auth",
            params={
                "client_id": "portal",
                "redirect_uri": self.back,
                "response_type": "code",
                "scope": "openid",
                "code_challenge": challenge.decode().rstrip("="),
                "code_challenge_method": "S256",
            },
        )
        if 'name="password"' in page.text:
            return self.submit(page, {"username": username, "password": password})
        page = self.submit(page, {"username": username})
        if 'name="password"' in page.text:
            page = self.submit(page, {"username": username, "password": password})
        return page

    def submit(self, page: httpx.Response, fields: dict[str, str]) -> httpx.Response:
        action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
        assert action, page.text[:2000]
        return self._send("POST", html.unescape(action.group(1)), data=fields)


def signed_in(page: httpx.Response) -> bool:
    return page.status_code in (302, 303) and "code=" in page.headers["location"]


def asks_to_set_up(page: httpx.Response) -> bool:
    return page.status_code == 200 and 'name="totpSecret"' in page.text


def asks_for_code(page: httpx.Response) -> bool:
    return page.status_code == 200 and 'name="otp"' in page.text


def set_up(pages: LoginPages, page: httpx.Response) -> pyotp.TOTP:
    """Keycloak's page for a new authenticator: its secret, and the app's first code."""
    secret = html.unescape(re.findall(r'name="totpSecret"[^>]*value="([^"]*)"', page.text)[0])
    app = pyotp.TOTP(base64.b32encode(secret.encode()).decode())
    done = pages.submit(page, {"totp": app.now(), "totpSecret": secret, "userLabel": "phone"})
    assert signed_in(done), done.text[:2000]
    return app


def sign_in(stack: Stack, login: Login) -> httpx.Response:
    return LoginPages(stack).sign_in(login.username, login.password)


def test_operators_and_administrators_always_give_a_second_factor(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    desk = keycloak.create_user(roles=("platform-operator",))
    pages = LoginPages(stack)
    first = pages.sign_in(desk.username, desk.password)
    assert asks_to_set_up(first), first.text[:2000]
    app = set_up(pages, first)

    # From now on the code is asked every time; a wrong one gets nowhere.
    pages = LoginPages(stack)
    again = pages.sign_in(desk.username, desk.password)
    assert asks_for_code(again)
    wrong = f"{(int(app.now()) + 1) % 1_000_000:06d}"
    refused = pages.submit(again, {"otp": wrong})
    assert not signed_in(refused) and asks_for_code(refused)
    # A person retypes the code; one sent within the quick-login check after a failure is
    # refused as a brute-force attempt, whatever it holds.
    time.sleep(REALM_SETTINGS["quickLoginCheckMilliSeconds"] / 1000 + 0.2)
    assert signed_in(pages.submit(refused, {"otp": app.at(time.time() + 30)}))

    by = operator.headers(tenant)
    admin = create_login(gateway, keycloak, by, tenant)
    staff = create_login(gateway, keycloak, by, tenant)
    appointed = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": admin.user_id},
        headers=by,
    )
    assert appointed.status_code == 201, appointed.text
    assert asks_to_set_up(sign_in(stack, admin.login))
    assert signed_in(sign_in(stack, staff.login))  # the password alone, for now


def test_the_administrator_asks_it_of_everyone(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    staff = create_login(gateway, keycloak, by, tenant)
    url = f"/api/identity/tenants/{tenant}/second-factor"
    assert gateway.get(url, headers=by).json() == {"required_for": "administrators"}
    # Only the administrator sets it; a wrong value changes nothing.
    assert (
        gateway.put(url, json={"required_for": "everyone"}, headers=staff.headers()).status_code
        == 403
    )
    wrong = gateway.put(url, json={"required_for": "nobody"}, headers=by)
    assert wrong.status_code == 422, wrong.text
    assert wrong.headers["content-type"].startswith("application/problem+json")
    assert signed_in(sign_in(stack, staff.login))

    on = gateway.put(url, json={"required_for": "everyone"}, headers=by)
    assert on.status_code == 200 and on.json() == {"required_for": "everyone"}, on.text
    assert asks_to_set_up(sign_in(stack, staff.login))
    newcomer = create_login(gateway, keycloak, by, tenant)
    assert asks_to_set_up(sign_in(stack, newcomer.login))
    assert gateway.put(url, json={"required_for": "everyone"}, headers=by).status_code == 200

    off = gateway.put(url, json={"required_for": "administrators"}, headers=by)
    assert off.status_code == 200, off.text
    assert signed_in(sign_in(stack, staff.login))
    assert signed_in(sign_in(stack, newcomer.login))

    # Each change once in the tenant's audit trail, with what it was before.
    trail = gateway.get(
        f"/api/identity/tenants/{tenant}/audit", params={"limit": 200}, headers=by
    ).json()["items"]
    changes = [
        (e["detail"], e["before"], e["after"])
        for e in trail
        if "second factor" in (e["detail"] or "")
    ]
    assert changes == [
        (
            "second factor required of administrators",
            {"second_factor": "everyone"},
            {"second_factor": "administrators"},
        ),
        (
            "second factor required of everyone",
            {"second_factor": "administrators"},
            {"second_factor": "everyone"},
        ),
    ]


def test_scripts_in_dev_mode_still_get_tokens_by_password(
    stack: Stack, keycloak: KeycloakTestAdmin
) -> None:
    """The dev-mode client `backoffice-cli` (password grant, scripts and tests; not there in
    production) asks no code, even of an operator who set up an authenticator."""
    desk = keycloak.create_user(roles=("platform-operator",))
    pages = LoginPages(stack)
    set_up(pages, pages.sign_in(desk.username, desk.password))
    assert keycloak.token(desk)
    portal = httpx.post(
        f"{stack.keycloak.url}/realms/backoffice/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "portal",
            "username": desk.username,
            "password": desk.password,
        },
        timeout=10,
    )
    assert portal.status_code in (400, 401), portal.text  # the portal's login is the browser's
