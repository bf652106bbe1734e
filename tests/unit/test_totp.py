"""Authenticator codes: ±1 step, each accepted once, five wrong ones lock for 15 minutes."""

from datetime import UTC, datetime, timedelta

import pyotp

from identity_service import totp

SECRET = pyotp.random_base32()
NOW = datetime(2026, 11, 27, 10, 0, 15, tzinfo=UTC)
STEP = int(NOW.timestamp() // 30)


def code_at(step: int) -> str:
    return pyotp.TOTP(SECRET).at(step * 30)


def check(
    code: str, last: int = 0, failures: int = 0, locked: datetime | None = None
) -> totp.CodeCheck:
    return totp.check_code(
        SECRET,
        code,
        last_used_step=last,
        failed_attempts=failures,
        locked_until=locked,
        max_failures=5,
        lock_minutes=15,
        now=NOW,
    )


def test_window_is_one_step_each_way() -> None:
    for offset in (-1, 0, 1):
        assert check(code_at(STEP + offset)).step == STEP + offset
    for offset in (-2, 2):
        assert not check(code_at(STEP + offset)).accepted


def test_a_code_is_accepted_once() -> None:
    first = check(code_at(STEP))
    assert first.accepted
    assert not check(code_at(STEP), last=first.step or 0).accepted
    assert not check(code_at(STEP - 1), last=STEP).accepted


def test_fifth_wrong_code_locks_for_fifteen_minutes() -> None:
    wrong = "000000" if code_at(STEP) != "000000" else "111111"
    result = check(wrong, failures=3)
    assert not result.accepted and result.failed_attempts == 4 and result.locked_until is None
    locked = check(wrong, failures=4)
    assert locked.locked_until == NOW + timedelta(minutes=15)
    assert not check(code_at(STEP), locked=locked.locked_until).accepted


def test_secret_is_encrypted_at_rest() -> None:
    from cryptography.fernet import Fernet

    box = totp.SecretBox(Fernet.generate_key().decode())
    sealed = box.seal(SECRET)
    assert SECRET not in sealed and box.open(sealed) == SECRET
