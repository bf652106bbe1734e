"""The realm setup works as its own client of the master realm once the temporary admin has made
it: it needs no admin login any more, and its client administers the `backoffice` realm alone."""

import subprocess
import sys

import httpx

from devstack.stack import Stack


def _setup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "identity_service.realm_setup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _without_admin(stack: Stack) -> dict[str, str]:
    env = stack.realm_setup_env()
    del env["KEYCLOAK_ADMIN_USERNAME"], env["KEYCLOAK_ADMIN_PASSWORD"]
    return env


def test_the_setup_runs_again_without_the_admin_login(stack: Stack) -> None:
    result = _setup(_without_admin(stack))
    assert result.returncode == 0, result.stderr
    assert "realm backoffice is set up" in result.stdout


def test_a_refused_admin_login_is_no_reason_to_stop(stack: Stack) -> None:
    """After the first release the temporary admin is removed; its old secret may linger."""
    result = _setup({**stack.realm_setup_env(), "KEYCLOAK_ADMIN_PASSWORD": "removed"})
    assert result.returncode == 0, result.stderr
    assert "going on as the setup client" in result.stdout


def test_without_the_client_secret_the_setup_says_what_it_needs(stack: Stack) -> None:
    result = _setup({**_without_admin(stack), "REALM_SETUP_CLIENT_SECRET": "wrong"})
    assert result.returncode == 1
    assert "REALM_SETUP_CLIENT_SECRET" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_setup_client_administers_the_backoffice_realm_alone(stack: Stack) -> None:
    token = httpx.post(
        f"{stack.keycloak.url}/realms/master/protocol/openid-connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "backoffice-realm-setup",
            "client_secret": stack.secrets.realm_setup_client_secret,
        },
    )
    assert token.status_code == 200, token.text
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    admin = f"{stack.keycloak.url}/admin/realms"
    clients = httpx.get(f"{admin}/backoffice/clients", headers=headers)
    assert clients.status_code == 200
    assert "portal" in {c["clientId"] for c in clients.json()}
    assert httpx.get(f"{admin}/master/users", headers=headers).status_code == 403
    assert httpx.get(f"{admin}/master/clients", headers=headers).status_code == 403
    created = httpx.post(admin, headers=headers, json={"realm": "another", "enabled": True})
    assert created.status_code == 403
