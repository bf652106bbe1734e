from servicekit.settings import ServiceSettings


class IdentitySettings(ServiceSettings):
    keycloak_url: str = "http://127.0.0.1:8180"
    keycloak_realm: str = "backoffice"
    # The identity service's own confidential client, with only the admin roles it needs.
    keycloak_client_id: str = "identity-service"
    keycloak_client_secret: str = ""


settings = IdentitySettings()
