from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICES = ("identity", "product", "policy", "claims", "ledger", "imports")
# Routes that take an upload larger than the 1 MiB every other request is held to.
UPLOAD_PATHS = ("/api/imports",)


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    keycloak_url: str = "http://127.0.0.1:8180"
    keycloak_realm: str = "backoffice"
    # The issuer tokens carry; defaults to KEYCLOAK_URL/realms/KEYCLOAK_REALM.
    token_issuer: str = ""
    token_audience: str = "backoffice-api"
    context_token_private_key: str = ""
    context_token_private_key_file: Path | None = None
    nats_url: str = "nats://127.0.0.1:4222"  # with the gateway's user and password
    nats_ca_file: Path | None = None  # the CA of the server's certificate (tls:// in a cluster)
    identity_url: str = "http://127.0.0.1:8101"
    product_url: str = "http://127.0.0.1:8102"
    policy_url: str = "http://127.0.0.1:8103"
    claims_url: str = "http://127.0.0.1:8104"
    ledger_url: str = "http://127.0.0.1:8105"
    imports_url: str = "http://127.0.0.1:8106"
    # A conversion package, packed: a million open items take about a tenth of it.
    upload_max_bytes: int = 256 * 1024**2
    # How long an access decision is reused; changes are pushed and clear it sooner.
    access_cache_seconds: float = 30.0
    upstream_timeout_seconds: float = 30.0
    log_level: str = "INFO"

    @property
    def issuer(self) -> str:
        return self.token_issuer or f"{self.keycloak_url}/realms/{self.keycloak_realm}"

    @property
    def jwks_url(self) -> str:
        return f"{self.keycloak_url}/realms/{self.keycloak_realm}/protocol/openid-connect/certs"

    def service_url(self, service: str) -> str:
        url: str = getattr(self, f"{service}_url")
        return url.rstrip("/")

    def private_key_pem(self) -> str:
        if self.context_token_private_key:
            return self.context_token_private_key
        if self.context_token_private_key_file:
            return self.context_token_private_key_file.read_text()
        raise RuntimeError(
            "CONTEXT_TOKEN_PRIVATE_KEY or CONTEXT_TOKEN_PRIVATE_KEY_FILE must be set"
        )
