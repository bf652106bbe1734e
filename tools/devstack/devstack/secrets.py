"""Secrets of one local stack, made once and kept in its data folder (never committed)."""

import json
import secrets
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from cryptography.fernet import Fernet

from servicekit.context_token import generate_keypair


@dataclass(frozen=True)
class StackSecrets:
    postgres_password: str
    keycloak_admin_password: str
    identity_client_secret: str
    realm_setup_client_secret: str
    context_private_key: str
    context_public_key: str
    authenticator_encryption_key: str

    @classmethod
    def load_or_create(cls, data_dir: Path) -> "StackSecrets":
        """Secrets kept from earlier runs; any this version adds are made now and kept too."""
        path = data_dir / "secrets.json"
        kept = json.loads(path.read_text()) if path.exists() else {}
        private, public = generate_keypair()
        fresh = {
            "postgres_password": secrets.token_urlsafe(18),
            "keycloak_admin_password": secrets.token_urlsafe(18),
            "identity_client_secret": secrets.token_urlsafe(24),
            "realm_setup_client_secret": secrets.token_urlsafe(24),
            "context_private_key": private,
            "context_public_key": public,
            "authenticator_encryption_key": Fernet.generate_key().decode(),
        }
        if "context_private_key" in kept:
            fresh.pop("context_public_key")  # the pair is kept together
        made = cls(**{f.name: str(kept.get(f.name) or fresh[f.name]) for f in fields(cls)})
        if asdict(made) != kept:
            data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(asdict(made), indent=2))
            path.chmod(0o600)
        return made
