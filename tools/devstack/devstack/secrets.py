"""Secrets of one local stack, made once and kept in its data folder (never committed)."""

import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from servicekit.context_token import generate_keypair


@dataclass(frozen=True)
class StackSecrets:
    postgres_password: str
    keycloak_admin_password: str
    identity_client_secret: str
    context_private_key: str
    context_public_key: str

    @classmethod
    def load_or_create(cls, data_dir: Path) -> "StackSecrets":
        path = data_dir / "secrets.json"
        if path.exists():
            return cls(**json.loads(path.read_text()))
        private, public = generate_keypair()
        made = cls(
            postgres_password=secrets.token_urlsafe(18),
            keycloak_admin_password=secrets.token_urlsafe(18),
            identity_client_secret=secrets.token_urlsafe(24),
            context_private_key=private,
            context_public_key=public,
        )
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(made), indent=2))
        path.chmod(0o600)
        return made
