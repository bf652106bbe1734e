"""Real Keycloak logins for tests: users made through the admin API, tokens by password grant."""

import uuid
from dataclasses import dataclass

import httpx
from keycloak import KeycloakAdmin

REALM = "backoffice"


@dataclass(frozen=True)
class Login:
    user_id: str
    username: str
    password: str


class KeycloakTestAdmin:
    def __init__(self, url: str, admin_password: str) -> None:
        self.url = url
        self.admin = KeycloakAdmin(
            server_url=url,
            username="admin",
            password=admin_password,
            realm_name=REALM,
            user_realm_name="master",
        )

    def create_user(self, roles: tuple[str, ...] = (), organization: str | None = None) -> Login:
        username = f"user-{uuid.uuid4().hex[:10]}"
        password = uuid.uuid4().hex
        user_id = self.admin.create_user(
            {
                "username": username,
                "enabled": True,
                "email": f"{username}@example.test",
                "emailVerified": True,
                "firstName": "Test",
                "lastName": username,
                "credentials": [{"type": "password", "value": password, "temporary": False}],
            }
        )
        if roles:
            self.admin.assign_realm_roles(user_id, [self.admin.get_realm_role(r) for r in roles])
        if organization:
            org = next(
                o
                for o in self.admin.get_organizations({"search": organization})
                if o["alias"] == organization
            )
            self.admin.organization_user_add(user_id, org["id"])
        return Login(user_id, username, password)

    def ensure_client(self, payload: dict[str, object]) -> None:
        existing = self.admin.get_client_id(str(payload["clientId"]))
        if existing:
            self.admin.update_client(existing, payload)
        else:
            self.admin.create_client(payload)

    def token(self, login: Login, client_id: str = "backoffice-cli") -> str:
        response = httpx.post(
            f"{self.url}/realms/{REALM}/protocol/openid-connect/token",
            data={
                "grant_type": "password",
                "client_id": client_id,
                "username": login.username,
                "password": login.password,
                "scope": "openid",
            },
            timeout=10,
        )
        if response.is_error:  # Keycloak says why in the body
            raise httpx.HTTPStatusError(
                f"{response.status_code} for {login.username}: {response.text}",
                request=response.request,
                response=response,
            )
        token: str = response.json()["access_token"]
        return token
