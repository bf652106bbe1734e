"""The identity service's side of Keycloak, through its own service account: each tenant is an
organization, each login a member of exactly one, administrators carry the `tenant-admin` role."""

import json
from typing import Any

from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakError

from identity_service.settings import IdentitySettings
from servicekit.problems import Problem


def _refused_user(body: bytes) -> Problem:
    """Keycloak's 400 for a login it will not store, on the field it names: the realm's password
    policy (at least 12 characters, not the login itself, none of the last three), or a value
    its own checks refuse (an e-mail address it does not take for one)."""
    if b"password" in body.lower():
        return Problem(
            422,
            "The password does not meet the policy",
            errors=[{"field": "password", "message": "at least 12 characters, not the login"}],
        )
    try:
        said = json.loads(body)
        field = str(said.get("field") or "body") if isinstance(said, dict) else "body"
    except ValueError:
        field = "body"
    field = {"firstName": "first_name", "lastName": "last_name"}.get(field, field)
    return Problem(
        422,
        f"Keycloak does not accept this {field}",
        errors=[{"field": field, "message": "invalid"}],
    )


class KeycloakDirectory:
    def __init__(self, settings: IdentitySettings) -> None:
        connection = KeycloakOpenIDConnection(
            server_url=settings.keycloak_url,
            realm_name=settings.keycloak_realm,
            client_id=settings.keycloak_client_id,
            client_secret_key=settings.keycloak_client_secret,
            verify=True,
        )
        self.admin = KeycloakAdmin(connection=connection)

    async def ensure_organization(self, slug: str, name: str) -> str:
        """The id of the tenant's organization, created if it does not exist yet."""
        existing = await self._find(slug, name)
        if existing:
            return existing
        try:
            created = await self.admin.a_create_organization(
                {"name": name, "alias": slug, "enabled": True}
            )
        except KeycloakError as exc:
            # Created meanwhile by an earlier attempt: take that one.
            found = await self._find(slug, name)
            if found:
                return found
            if getattr(exc, "response_code", None) == 409:
                # Keycloak keeps organization names unique across the realm.
                raise Problem(409, f"Another tenant is already called '{name}'") from exc
            raise
        if created:
            return str(created)
        found = await self._find(slug, name)
        if not found:
            raise RuntimeError(f"Keycloak did not create organization {slug}")
        return found

    async def _find(self, slug: str, name: str) -> str | None:
        # Keycloak searches organizations by name (and domain), not by alias.
        for org in await self.admin.a_get_organizations({"search": name, "exact": "true"}):
            if org.get("alias") == slug:
                return str(org["id"])
        return None

    async def create_member(self, org_id: str, user: dict[str, Any]) -> str:
        """A new login, member of the tenant's organization; 409 if the username is taken."""
        try:
            user_id = await self.admin.a_create_user(user)
        except KeycloakError as exc:
            if getattr(exc, "response_code", None) == 409:
                raise Problem(
                    409,
                    "This login is already in use in this tenant",
                    errors=[{"field": "username", "message": "already in use"}],
                ) from exc
            if getattr(exc, "response_code", None) == 400:
                raise _refused_user(getattr(exc, "response_body", b"") or b"") from exc
            raise
        await self.admin.a_organization_user_add(user_id, org_id)
        return str(user_id)

    async def set_enabled(self, user_id: str, enabled: bool) -> None:
        await self.admin.a_update_user(user_id, {"enabled": enabled})
        if not enabled:
            # End the login's sessions too, so no refresh token outlives the decision.
            await self.admin.a_user_logout(user_id)

    async def grant_realm_role(self, user_id: str, role: str) -> None:
        representation = await self.admin.a_get_realm_role(role)
        await self.admin.a_assign_realm_roles(user_id, [representation])

    async def revoke_realm_role(self, user_id: str, role: str) -> None:
        representation = await self.admin.a_get_realm_role(role)
        await self.admin.a_delete_realm_roles_of_user(user_id, [representation])

    async def create_api_client(
        self, client_id: str, name: str, claims: dict[str, str | bool | None]
    ) -> tuple[str, str]:
        """A confidential client with the client-credentials grant whose tokens carry `claims`
        (tenant, channel, relation, test) and the API's audience; returns (internal id, secret)."""
        mappers = [
            {
                "name": claim,
                "protocol": "openid-connect",
                "protocolMapper": "oidc-hardcoded-claim-mapper",
                "config": {
                    "claim.name": claim,
                    "claim.value": str(value).lower() if isinstance(value, bool) else str(value),
                    "jsonType.label": "boolean" if isinstance(value, bool) else "String",
                    "access.token.claim": "true",
                    "id.token.claim": "false",
                    "introspection.token.claim": "true",
                },
            }
            for claim, value in claims.items()
            if value is not None
        ]
        internal_id = await self.admin.a_create_client(
            {
                "clientId": client_id,
                "name": name,
                "publicClient": False,
                "serviceAccountsEnabled": True,
                "standardFlowEnabled": False,
                "directAccessGrantsEnabled": False,
                "implicitFlowEnabled": False,
                "clientAuthenticatorType": "client-secret",
                "defaultClientScopes": ["backoffice-api", "basic"],
                "optionalClientScopes": [],
                "protocolMappers": mappers,
            }
        )
        secret = await self.admin.a_get_client_secrets(internal_id)
        return str(internal_id), str(secret["value"])

    async def rotate_secret(self, internal_id: str) -> str:
        secret = await self.admin.a_generate_client_secrets(internal_id)
        return str(secret["value"])

    async def delete_client(self, internal_id: str) -> None:
        await self.admin.a_delete_client(internal_id)
