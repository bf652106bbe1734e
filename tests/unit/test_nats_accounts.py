"""The NATS permissions table against the code: each service's consumers and the questions it
answers are its own in the table, so a new subscription cannot go unpermitted (or a permission
outlive its subscription)."""

import pytest

from devstack.contracts import service_app
from devstack.ports import SERVICE_NAMES
from servicekit.nats_accounts import COMPONENTS, permissions


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_the_table_grants_each_service_exactly_its_consumers_and_answers(service: str) -> None:
    app = service_app(service)
    [component] = [c for c in COMPONENTS if c.name == service]
    assert sorted(component.durables) == sorted(s.durable for s in app.state.subscriptions)
    assert sorted(component.answers) == sorted(app.state.responders)


def test_only_the_identity_service_answers_the_access_question() -> None:
    answering = [c.name for c in COMPONENTS if "identity.access.resolve" in c.answers]
    assert answering == ["identity"]
    granted = {c.name: str(permissions(c)["subscribe"]) for c in COMPONENTS}
    subscribers = [name for name, allowed in granted.items() if "access.resolve" in allowed]
    assert subscribers == ["identity"]


def test_each_component_publishes_events_in_its_own_name_only() -> None:
    for component in COMPONENTS:
        published = permissions(component)["publish"]
        assert isinstance(published, dict)
        events = [s for s in published["allow"] if s.startswith("events.")]
        assert events == [f"events.{component.name}.>"]
        assert not any(s in (">", "$JS.API.>", "_INBOX.>") for s in published["allow"])
