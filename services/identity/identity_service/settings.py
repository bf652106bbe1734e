from servicekit.settings import ServiceSettings


class IdentitySettings(ServiceSettings):
    keycloak_url: str = "http://127.0.0.1:8180"
    keycloak_realm: str = "backoffice"
    # The identity service's own confidential client, with only the admin roles it needs.
    keycloak_client_id: str = "identity-service"
    keycloak_client_secret: str = ""
    # Fernet key (32 random bytes, URL-safe base64) that encrypts authenticator secrets at rest.
    authenticator_encryption_key: str = ""
    # The longest support access an administrator can grant at once.
    support_max_minutes: int = 480
    # A support request not approved within this many hours expires.
    support_request_hours: int = 24
    # Wrong authenticator codes before approval locks, and for how long.
    authenticator_max_failures: int = 5
    authenticator_lock_minutes: int = 15


settings = IdentitySettings()
