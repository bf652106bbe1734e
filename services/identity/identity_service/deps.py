"""Dependencies the identity routes share."""

from typing import Annotated

from fastapi import Depends, Request

from identity_service.keycloak_orgs import KeycloakDirectory
from identity_service.settings import settings


def keycloak_directory(request: Request) -> KeycloakDirectory:
    directory: KeycloakDirectory | None = getattr(request.app.state, "keycloak", None)
    if directory is None:
        directory = KeycloakDirectory(settings)
        request.app.state.keycloak = directory
    return directory


Directory = Annotated[KeycloakDirectory, Depends(keycloak_directory)]
