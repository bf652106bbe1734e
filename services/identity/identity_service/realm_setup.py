"""Sets up the `backoffice` realm, idempotently: organizations on, the two realm roles, the
portal's client (authorization code + PKCE), the identity service's service account with only
the admin roles it needs, and in dev mode the `backoffice-cli` client and the `operator` login.

`python -m identity_service.realm_setup` (`make up` runs it for you; in Kubernetes the
`identity-realm-setup` Job of each release) works as its own client of the master realm,
`backoffice-realm-setup`, whose service account may administer the `backoffice` realm and nothing
else (no other realm, no master users). The first run, and any run that is given Keycloak's
temporary admin login (KEYCLOAK_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD), creates the realm and
that client with the temporary admin; once the temporary admin is gone, the setup needs only the
client's secret. It reads KEYCLOAK_URL, REALM_SETUP_CLIENT_SECRET (the setup client's),
KEYCLOAK_CLIENT_SECRET (the secret the identity service will use), BACKOFFICE_DEV_MODE (default
false), PORTAL_REDIRECT_URIS (comma-separated) and, in dev mode, BACKOFFICE_DEV_OPERATOR_USERNAME
and BACKOFFICE_DEV_OPERATOR_PASSWORD (default `operator` both)."""

import os
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError

REALM = "backoffice"
AUDIENCE = "backoffice-api"
REALM_ROLES = {
    "platform-operator": "Computing-center staff: onboard tenants, act for operator-managed ones",
    "tenant-admin": "A tenant's administrator: logins, protocols, support access, audit log",
}
SECOND_FACTOR = "second-factor"  # a role of the login only; the gateway never reads it
# Operators and administrators always sign in with a second factor: their roles include it.
# A tenant's other staff get the role itself while their administrator asks it of everyone.
SECOND_FACTOR_ALWAYS = ("platform-operator", "tenant-admin")
BROWSER_FLOW = "backoffice browser"
DEV_DIRECT_GRANT_FLOW = "backoffice dev direct grant"
# Organizations need manage-realm (Keycloak has no narrower role for them); no realm-admin.
IDENTITY_SERVICE_ROLES = [
    "manage-realm",
    "view-realm",
    "manage-users",
    "view-users",
    "query-users",
    "query-groups",
    "manage-clients",
    "view-clients",
    "query-clients",
    "view-events",  # logins and failed logins, for the tenants' audit trails
]
# The setup's own client in the master realm; its roles are those of master's client
# `backoffice-realm`, which administer the `backoffice` realm only. Beyond the identity service's
# roles (which it grants, so it must hold them) it keeps the realm's event settings.
SETUP_CLIENT = "backoffice-realm-setup"
SETUP_CLIENT_ROLES = [*IDENTITY_SERVICE_ROLES, "manage-events", "query-realms"]
TOKEN_SCOPES = ["basic", "profile", "email", "roles", "web-origins", "acr", "organization"]


@dataclass(frozen=True)
class RealmSetup:
    identity_client_secret: str
    dev_mode: bool
    operator_username: str = "operator"
    operator_password: str = "operator"
    # Where the portal may send users back after login (PORTAL_REDIRECT_URIS, comma-separated).
    portal_redirect_uris: tuple[str, ...] = ("http://127.0.0.1:*", "http://localhost:*")


def _audience_scope(admin: KeycloakAdmin) -> None:
    admin.create_client_scope(
        {
            "name": AUDIENCE,
            "description": "Tokens for the back office API",
            "protocol": "openid-connect",
            "attributes": {"include.in.token.scope": "false", "display.on.consent.screen": "false"},
            "protocolMappers": [
                {
                    "name": "backoffice-api audience",
                    "protocol": "openid-connect",
                    "protocolMapper": "oidc-audience-mapper",
                    "config": {
                        "included.custom.audience": AUDIENCE,
                        "access.token.claim": "true",
                        "id.token.claim": "false",
                        "introspection.token.claim": "true",
                    },
                }
            ],
        },
        skip_exists=True,
    )


PASSWORD_POLICY = "length(12) and notUsername(undefined) and passwordHistory(3)"
LOGIN_EVENTS = ["LOGIN", "LOGIN_ERROR", "LOGOUT", "UPDATE_PASSWORD", "UPDATE_TOTP", "REMOVE_TOTP"]


def _subflows(executions: list[dict[str, Any]]) -> dict[str, str]:
    """Each authenticator's provider id, and each subflow's alias, to the alias of the subflow
    holding it (executions come depth first, each with its level)."""
    parents: dict[str, str] = {}
    stack: list[str] = []
    for execution in executions:
        level = int(execution["level"])
        del stack[level:]
        key = execution.get("providerId") or execution["displayName"]
        if stack:
            parents.setdefault(key, stack[-1])
        if execution.get("authenticationFlow"):
            stack.append(execution["displayName"])
    return parents


def _add_execution(
    admin: KeycloakAdmin, flow: str, provider: str, config: dict[str, str] | None = None
) -> None:
    """A REQUIRED execution of `provider` at the end of subflow `flow`, with its config."""
    admin.create_authentication_flow_execution({"provider": provider}, flow)
    execution = [
        e
        for e in admin.get_authentication_flow_executions(flow)
        if e.get("providerId") == provider and int(e["level"]) == 0
    ][-1]
    admin.update_authentication_flow_executions(
        {"id": execution["id"], "requirement": "REQUIRED"}, flow
    )
    if config:
        alias = f"{flow} {provider} {uuid.uuid4().hex[:6]}"
        admin.create_execution_config(execution["id"], {"alias": alias, "config": config})


def _second_factor_flow(admin: KeycloakAdmin) -> None:
    """The browser login, Keycloak's own (cookie, organizations, username and password, the OTP
    of those who set one up), plus: whoever holds the `second-factor` role, directly or through
    `platform-operator` or `tenant-admin`, must give a one-time code, and sets up an authenticator
    app on the spot (Keycloak's CONFIGURE_TOTP) the first time."""
    if BROWSER_FLOW not in {f["alias"] for f in admin.get_authentication_flows()}:
        admin.copy_authentication_flow({"newName": BROWSER_FLOW}, "browser")
    parents = _subflows(admin.get_authentication_flow_executions(BROWSER_FLOW))
    forms = parents["auth-username-password-form"]
    required = f"{BROWSER_FLOW} second factor"
    if required not in parents:
        own = parents["auth-otp-form"]  # Keycloak's conditional 2FA
        # Those who must are asked below; Keycloak's own step asks only the others.
        _add_execution(
            admin,
            own,
            "conditional-user-role",
            {"condUserRole": SECOND_FACTOR, "negate": "true"},
        )
        admin.create_authentication_flow_subflow(
            {
                "alias": required,
                "type": "basic-flow",
                "provider": "registration-page-form",
                "description": "A one-time code from whoever holds the second-factor role",
            },
            forms,
        )
        subflow = next(
            e
            for e in admin.get_authentication_flow_executions(forms)
            if e.get("displayName") == required
        )
        admin.update_authentication_flow_executions(
            {"id": subflow["id"], "requirement": "CONDITIONAL"}, forms
        )
        _add_execution(
            admin,
            required,
            "conditional-user-role",
            {"condUserRole": SECOND_FACTOR, "negate": "false"},
        )
        _add_execution(admin, required, "auth-otp-form")
    # Last among the forms: once the password has told who signs in.
    steps = [e for e in admin.get_authentication_flow_executions(forms) if int(e["level"]) == 0]
    place = next(i for i, e in enumerate(steps) if e.get("displayName") == required)
    if place < len(steps) - 1:
        admin.change_execution_priority(steps[place]["id"], -(len(steps) - 1 - place))
    admin.update_realm(REALM, {"browserFlow": BROWSER_FLOW})


def _dev_direct_grant_flow(admin: KeycloakAdmin) -> str:
    """Dev mode's password grant (scripts and tests, client backoffice-cli only): the password
    alone. People sign in through the browser login, which asks the second factor."""
    flows = {f["alias"]: f for f in admin.get_authentication_flows()}
    if DEV_DIRECT_GRANT_FLOW not in flows:
        admin.create_authentication_flow(
            {
                "alias": DEV_DIRECT_GRANT_FLOW,
                "providerId": "basic-flow",
                "topLevel": True,
                "builtIn": False,
                "description": "Dev mode only: backoffice-cli's password grant",
            }
        )
        _add_execution(admin, DEV_DIRECT_GRANT_FLOW, "direct-grant-validate-username")
        _add_execution(admin, DEV_DIRECT_GRANT_FLOW, "direct-grant-validate-password")
        flows = {f["alias"]: f for f in admin.get_authentication_flows()}
    return str(flows[DEV_DIRECT_GRANT_FLOW]["id"])


def _ensure_client(admin: KeycloakAdmin, payload: dict[str, object]) -> str:
    client_id = str(payload["clientId"])
    existing = admin.get_client_id(client_id)
    if existing:
        admin.update_client(existing, payload)
        return str(existing)
    return str(admin.create_client(payload))


def _ensure_user(admin: KeycloakAdmin, username: str, password: str, roles: list[str]) -> None:
    user_id = admin.get_user_id(username)
    if not user_id:
        user_id = admin.create_user(
            {
                "username": username,
                "enabled": True,
                "email": f"{username}@backoffice.invalid",
                "emailVerified": True,
                "firstName": "Platform",
                "lastName": "Operator",
                "credentials": [{"type": "password", "value": password, "temporary": False}],
            }
        )
    admin.assign_realm_roles(user_id, [admin.get_realm_role(r) for r in roles])


# The realm's settings, set on every run.
REALM_SETTINGS: dict[str, Any] = {
    "organizationsEnabled": True,
    "accessTokenLifespan": 300,
    "registrationAllowed": False,
    # A login is `<login>@<tenant>`, unique within its tenant; two tenants may each have a `jan`,
    # and an e-mail address may be known in both, so neither tells one tenant anything of
    # another's staff.
    "duplicateEmailsAllowed": True,
    "loginWithEmailAllowed": False,
    # Five wrong passwords lock a login for a minute, growing to a quarter of an hour.
    "bruteForceProtected": True,
    "permanentLockout": False,
    "failureFactor": 5,
    "waitIncrementSeconds": 60,
    "maxFailureWaitSeconds": 900,
    "maxDeltaTimeSeconds": 43200,
    "quickLoginCheckMilliSeconds": 1000,
    "minimumQuickLoginWaitSeconds": 60,
    # Logins, failed logins and administration are kept, for the tenants' audit trails.
    "eventsEnabled": True,
    "eventsExpiration": 90 * 24 * 3600,
    "enabledEventTypes": LOGIN_EVENTS,
    "adminEventsEnabled": True,
    # The login pages in the portal's languages; the portal asks for one by ui_locales.
    "internationalizationEnabled": True,
    "supportedLocales": ["nl", "en"],
    "defaultLocale": "nl",
}


def _realm(admin: KeycloakAdmin) -> None:
    """The realm, with its settings; the admin client works in it from here on."""
    if REALM not in {r["realm"] for r in admin.get_realms()}:
        admin.create_realm({"realm": REALM, "enabled": True, "organizationsEnabled": True})
    admin.update_realm(REALM, REALM_SETTINGS)
    admin.change_current_realm(REALM)


def _roles(admin: KeycloakAdmin) -> None:
    """The realm roles, and the second factor that operators and administrators always have."""
    for name, description in REALM_ROLES.items():
        admin.create_realm_role({"name": name, "description": description}, skip_exists=True)
    admin.create_realm_role(
        {
            "name": SECOND_FACTOR,
            "description": "Signs in with a one-time code besides the password",
        },
        skip_exists=True,
    )
    second_factor = admin.get_realm_role(SECOND_FACTOR)
    for name in SECOND_FACTOR_ALWAYS:
        admin.add_composite_realm_roles_to_role(name, [second_factor])


def _portal_client(admin: KeycloakAdmin, setup: RealmSetup, scopes: list[str]) -> None:
    """The portal: a public client, authorization code with PKCE, no password grant."""
    _ensure_client(
        admin,
        {
            "clientId": "portal",
            "name": "Back office portal",
            "publicClient": True,
            "standardFlowEnabled": True,
            "directAccessGrantsEnabled": False,
            "implicitFlowEnabled": False,
            "redirectUris": list(setup.portal_redirect_uris),
            "webOrigins": ["+"],
            "attributes": {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"},
            "defaultClientScopes": scopes,
        },
    )


def _identity_service_account(admin: KeycloakAdmin, setup: RealmSetup) -> None:
    """The identity service's client, whose service account has only the admin roles it needs."""
    identity = _ensure_client(
        admin,
        {
            "clientId": "identity-service",
            "name": "Identity service (service account)",
            "publicClient": False,
            "serviceAccountsEnabled": True,
            "standardFlowEnabled": False,
            "directAccessGrantsEnabled": False,
            "secret": setup.identity_client_secret,
        },
    )
    service_user = admin.get_client_service_account_user(identity)
    management = admin.get_client_id("realm-management")
    assert management
    admin.assign_client_role(
        service_user["id"],
        management,
        [admin.get_client_role(management, role) for role in IDENTITY_SERVICE_ROLES],
    )


def _dev_access(admin: KeycloakAdmin, setup: RealmSetup, scopes: list[str]) -> None:
    """In dev mode the `backoffice-cli` client (password grant, for scripts and tests) and the
    operator login; outside it, no `backoffice-cli` client at all."""
    cli = admin.get_client_id("backoffice-cli")
    if setup.dev_mode:
        _ensure_client(
            admin,
            {
                "clientId": "backoffice-cli",
                "name": "Scripts and tests (dev mode only)",
                "publicClient": True,
                "standardFlowEnabled": False,
                "directAccessGrantsEnabled": True,
                "defaultClientScopes": scopes,
                "authenticationFlowBindingOverrides": {
                    "direct_grant": _dev_direct_grant_flow(admin)
                },
            },
        )
        _ensure_user(admin, setup.operator_username, setup.operator_password, ["platform-operator"])
    elif cli:
        admin.delete_client(cli)


def ensure_setup_client(server_url: str, username: str, password: str, secret: str) -> None:
    """With Keycloak's temporary admin: the realm (empty, if it is new) and the setup's own
    client, with the given secret and the roles that administer this realm alone."""
    admin = KeycloakAdmin(
        server_url=server_url,
        username=username,
        password=password,
        realm_name="master",
        user_realm_name="master",
    )
    if REALM not in {r["realm"] for r in admin.get_realms()}:
        admin.create_realm({"realm": REALM, "enabled": True, "organizationsEnabled": True})
    client = _ensure_client(
        admin,
        {
            "clientId": SETUP_CLIENT,
            "name": "Back office realm setup (service account)",
            "publicClient": False,
            "serviceAccountsEnabled": True,
            "standardFlowEnabled": False,
            "directAccessGrantsEnabled": False,
            "secret": secret,
        },
    )
    service_user = admin.get_client_service_account_user(client)
    realm_admin = admin.get_client_id(f"{REALM}-realm")
    assert realm_admin
    admin.assign_client_role(
        service_user["id"],
        realm_admin,
        [admin.get_client_role(realm_admin, role) for role in SETUP_CLIENT_ROLES],
    )


def setup_realm(server_url: str, setup_client_secret: str, setup: RealmSetup) -> None:
    """The realm's settings, roles, flows and clients, as the setup's own client."""
    admin = KeycloakAdmin(
        server_url=server_url,
        client_id=SETUP_CLIENT,
        client_secret_key=setup_client_secret,
        realm_name="master",
        user_realm_name="master",
    )
    _realm(admin)
    _roles(admin)
    _second_factor_flow(admin)
    _audience_scope(admin)
    scopes = [*TOKEN_SCOPES, AUDIENCE]
    _portal_client(admin, setup, scopes)
    _identity_service_account(admin, setup)
    _dev_access(admin, setup, scopes)
    # Last, so the dev operator above keeps its short password (dev mode only); every password
    # set from now on must hold to it.
    admin.update_realm(REALM, {"passwordPolicy": PASSWORD_POLICY})


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


class SetupRefused(ValueError):
    """The environment asks for something a real installation must not have."""


def _checked_redirect_uris(uris: tuple[str, ...], dev_mode: bool) -> tuple[str, ...]:
    """Outside dev mode the portal's addresses must be named, and be public HTTPS addresses:
    a login sent back to http:// or to a local address hands its code to whoever listens there."""
    if dev_mode:
        return uris
    if not uris:
        raise SetupRefused("PORTAL_REDIRECT_URIS must name the portal's public address")
    for uri in uris:
        host = urlsplit(uri.replace("*", "x")).hostname or ""
        if not uri.startswith("https://") or host in LOCAL_HOSTS or host.endswith(".localhost"):
            raise SetupRefused(f"{uri} is not a public HTTPS address of the portal")
    return uris


def setup_from_environment(environ: Mapping[str, str]) -> RealmSetup:
    """What to set up, from the environment the command runs in (see the module's docstring).
    Only dev mode falls back to local portal addresses."""
    dev_mode = environ.get("BACKOFFICE_DEV_MODE", "false").lower() == "true"
    default = "http://127.0.0.1:*,http://localhost:*" if dev_mode else ""
    uris = environ.get("PORTAL_REDIRECT_URIS", default)
    named = tuple(uri.strip() for uri in uris.split(",") if uri.strip())
    return RealmSetup(
        identity_client_secret=environ["KEYCLOAK_CLIENT_SECRET"],
        dev_mode=dev_mode,
        operator_username=environ.get("BACKOFFICE_DEV_OPERATOR_USERNAME", "operator"),
        operator_password=environ.get("BACKOFFICE_DEV_OPERATOR_PASSWORD", "operator"),
        portal_redirect_uris=_checked_redirect_uris(named, dev_mode),
    )


def main() -> int:
    url = os.environ["KEYCLOAK_URL"]
    secret = os.environ["REALM_SETUP_CLIENT_SECRET"]
    setup = setup_from_environment(os.environ)
    username = os.environ.get("KEYCLOAK_ADMIN_USERNAME", "")
    password = os.environ.get("KEYCLOAK_ADMIN_PASSWORD", "")
    if username and password:
        try:
            ensure_setup_client(url, username, password, secret)
        except (KeycloakAuthenticationError, KeycloakPostError) as exc:
            # Keycloak answers a wrong password with 400 invalid_grant.
            if exc.response_code not in (400, 401):
                raise
            # The temporary admin is gone (as it should be after the first release): the
            # setup client made then is enough.
            print("the temporary admin login is refused; going on as the setup client")
    try:
        setup_realm(url, secret, setup)
    except KeycloakAuthenticationError:
        print(
            f"Keycloak refused the client {SETUP_CLIENT}: give REALM_SETUP_CLIENT_SECRET its"
            " secret, or the temporary admin's login (KEYCLOAK_ADMIN_USERNAME and _PASSWORD) once"
            " to create it",
            file=sys.stderr,
        )
        return 1
    print("realm backoffice is set up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
