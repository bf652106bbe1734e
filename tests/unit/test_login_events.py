"""Keycloak's login events for the tenants' audit trails (pure parts): whose tenant a login is,
and which events are new after the cursor."""

from identity_service.login_events import LoginEvent, record_of, tenant_of, unseen


def _event(id: str, time_ms: int, kind: str = "LOGIN", username: str = "jan@acme") -> LoginEvent:
    return LoginEvent(id, time_ms, kind, "u-1", username, None, "10.0.0.1")


def test_the_tenant_is_in_the_login() -> None:
    assert tenant_of("jan@acme") == "acme"
    assert tenant_of("j.de.vries@acme-verzekeringen") == "acme-verzekeringen"
    assert tenant_of("operator") is None  # the platform's own logins
    assert tenant_of(None) is None


def test_only_events_after_the_cursor_oldest_first() -> None:
    events = [_event("c", 300), _event("a", 100), _event("b", 200), _event("b2", 200)]
    assert [e.id for e in unseen(events, 0, set())] == ["a", "b", "b2", "c"]
    # Two events in the same millisecond: the one taken already is not taken again.
    assert [e.id for e in unseen(events, 200, {"b"})] == ["b2", "c"]


def test_a_failed_login_is_refused_with_its_reason() -> None:
    failed = LoginEvent(
        "x", 1_764_000_000_000, "LOGIN_ERROR", None, "nobody@acme", "user_not_found", "10.0.0.2"
    )
    record = record_of(failed)
    assert (record.kind, record.outcome, record.actor_name) == ("login", "refused", "nobody@acme")
    assert record.detail == "failed login: user_not_found from 10.0.0.2"
    assert record_of(_event("y", 1)).outcome == "allowed"
