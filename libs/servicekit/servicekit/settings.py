"""Settings every service reads from its environment."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

# A process's database connections: kept, and opened (and closed again) in a burst.
POOL_SIZE = 32
POOL_OVERFLOW = 8


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    database_url: str
    # Connections kept per process, and how many more a burst may open (and close again). The
    # defaults suit one machine (six services at forty stay under the local PostgreSQL's 300);
    # in a cluster, replicas times both must stay under the database's max_connections
    # (deploy/k8s/base/defaults/service.yaml).
    database_pool_size: int = POOL_SIZE
    database_pool_overflow: int = POOL_OVERFLOW
    nats_url: str = "nats://127.0.0.1:4222"  # with the component's user and password
    nats_ca_file: Path | None = None  # the CA of the server's certificate (tls:// in a cluster)
    # The gateway's public key (PEM), given inline or as a file, to verify context tokens.
    context_token_public_key: str = ""
    context_token_public_key_file: Path | None = None
    # How many copies JetStream keeps of each stream (3 in a cluster, 1 on one machine).
    nats_stream_replicas: int = 1
    log_level: str = "INFO"
    # Redelivery delays of a failing event, in seconds; after the last one it is dead-lettered.
    consumer_backoff_seconds: str = "0.5,2,5,15,30"

    def consumer_backoff(self) -> tuple[float, ...]:
        return tuple(float(s) for s in self.consumer_backoff_seconds.split(",") if s.strip())

    def public_key_pem(self) -> str:
        if self.context_token_public_key:
            return self.context_token_public_key
        if self.context_token_public_key_file:
            return self.context_token_public_key_file.read_text()
        raise RuntimeError("CONTEXT_TOKEN_PUBLIC_KEY or CONTEXT_TOKEN_PUBLIC_KEY_FILE must be set")
