"""The test session's platform: real PostgreSQL, NATS and Keycloak, the five services and the
gateway, started once on free ports in a temporary folder (so it runs beside `make up`), and
only when a test asks for it. Each test makes its own tenant, so tests do not see each other."""

import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar

import httpx
import pytest

from devstack.ports import SERVICE_NAMES, Ports, free_port
from devstack.postgres import Postgres
from devstack.stack import Stack, StackConfig
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.otlp import OtlpReceiver

Part = TypeVar("Part", Stack, Postgres)


def _while_running(part: Part, start: Callable[[], None]) -> Iterator[Part]:
    """`part`, started by `start` and stopped when the session ends (or when starting fails)."""
    try:
        start()
    except BaseException:
        part.stop()
        raise
    yield part
    part.stop()


@pytest.fixture(scope="session")
def otlp() -> Iterator[OtlpReceiver]:
    receiver = OtlpReceiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="session")
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, otlp: OtlpReceiver
) -> Iterator[Stack]:
    browser_tests = any(item.nodeid.startswith("tests/browser/") for item in request.session.items)
    config = StackConfig(
        data_dir=tmp_path_factory.mktemp("stack"),
        ports=Ports.free(),
        durable=False,
        portal=browser_tests,  # built and served only when a browser test will use it
        env={
            "OTEL_EXPORTER_OTLP_ENDPOINT": otlp.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "100",
            "ACCESS_CACHE_SECONDS": "30",
            # Give up on a poison message after a second, not after a minute.
            "CONSUMER_BACKOFF_SECONDS": "0.2,0.3,0.5",
        },
    )
    running = Stack(config)
    yield from _while_running(running, running.start)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    """PostgreSQL alone, with each service's empty database and login role, for tests that need
    nothing else (no NATS, Keycloak or services): a few seconds instead of the whole stack."""
    folder = tmp_path_factory.mktemp("postgres")
    server = Postgres(folder, free_port(), uuid.uuid4().hex, durable=False)

    def start() -> None:
        server.start(folder / "logs")
        server.ensure_databases({name: name for name in SERVICE_NAMES})

    yield from _while_running(server, start)


@pytest.fixture(scope="session")
def keycloak(stack: Stack) -> KeycloakTestAdmin:
    return KeycloakTestAdmin(stack.keycloak.url, stack.secrets.keycloak_admin_password)


@pytest.fixture(scope="session")
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def operator_login(keycloak: KeycloakTestAdmin) -> Login:
    return keycloak.create_user(roles=("platform-operator",))


@pytest.fixture
def operator(gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator_login: Login) -> Api:
    return Api(gateway, keycloak.token(operator_login))


@pytest.fixture
def tenant(operator: Api) -> str:
    """A new operator-managed tenant for this test."""
    slug = f"t-{uuid.uuid4().hex[:12]}"
    response = operator.post("/api/identity/tenants", {"slug": slug, "name": f"Tenant {slug}"})
    assert response.status_code == 201, response.text
    return slug
