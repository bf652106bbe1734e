"""Authenticator codes (RFC 6238 via pyotp) with the state pyotp leaves out: a code is accepted
once (its time step must be newer than the last accepted one), within ±1 step of now, and too
many wrong codes lock the authenticator for a while. Secrets are encrypted at rest (Fernet)."""

import hmac
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
from cryptography.fernet import Fernet

STEP_SECONDS = 30
ISSUER = "Back office"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def matching_step(
    secret: str, code: str, last_used_step: int, now: float | None = None
) -> int | None:
    """The time step `code` belongs to, if it is within ±1 step of now and not used before."""
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if step > last_used_step and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of checking one code against an authenticator's state."""

    accepted: bool
    step: int | None
    failed_attempts: int
    locked_until: datetime | None


def check_code(
    secret: str,
    code: str,
    *,
    last_used_step: int,
    failed_attempts: int,
    locked_until: datetime | None,
    max_failures: int,
    lock_minutes: int,
    now: datetime | None = None,
) -> CodeCheck:
    moment = now or datetime.now(UTC)
    if locked_until is not None and locked_until > moment:
        return CodeCheck(False, None, failed_attempts, locked_until)
    step = matching_step(secret, code.strip(), last_used_step, moment.timestamp())
    if step is not None:
        return CodeCheck(True, step, 0, None)
    failures = failed_attempts + 1
    if failures >= max_failures:
        return CodeCheck(False, None, 0, moment + timedelta(minutes=lock_minutes))
    return CodeCheck(False, None, failures, None)


class SecretBox:
    def __init__(self, key: str) -> None:
        if not key:
            raise RuntimeError("AUTHENTICATOR_ENCRYPTION_KEY is not set")
        self.fernet = Fernet(key.encode())

    def seal(self, secret: str) -> str:
        return self.fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        return self.fernet.decrypt(sealed.encode()).decode()
