"""The identity service's side of Keycloak: each tenant is an organization in the realm."""

from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakError

from identity_service.settings import IdentitySettings


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
        existing = await self._find(slug)
        if existing:
            return existing
        try:
            created = await self.admin.a_create_organization(
                {"name": name, "alias": slug, "enabled": True}
            )
        except KeycloakError:
            # Created meanwhile by an earlier attempt: take that one.
            found = await self._find(slug)
            if found:
                return found
            raise
        if created:
            return str(created)
        found = await self._find(slug)
        if not found:
            raise RuntimeError(f"Keycloak did not create organization {slug}")
        return found

    async def _find(self, slug: str) -> str | None:
        for org in await self.admin.a_get_organizations({"search": slug, "exact": "true"}):
            if org.get("alias") == slug:
                return str(org["id"])
        return None
