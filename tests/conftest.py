"""The test session's platform: real PostgreSQL, NATS and Keycloak, the five services and the
gateway, started once on free ports in a temporary folder (so it runs beside `make up`), and
only when a test asks for it. Each test makes its own tenant, so tests do not see each other."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from devstack.ports import Ports
from devstack.stack import Stack, StackConfig
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.otlp import OtlpReceiver


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
    try:
        running.start()
    except BaseException:
        running.stop()
        raise
    yield running
    running.stop()


@pytest.fixture(scope="session")
def keycloak(stack: Stack) -> KeycloakTestAdmin:
    return KeycloakTestAdmin(stack.keycloak.url, stack.secrets.keycloak_admin_password)


@dataclass
class Api:
    """A client of the gateway acting as one login."""

    client: httpx.Client
    token: str
    tenant: str | None = None

    def headers(self, tenant: str | None = None, **extra: str) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}", **extra}
        if tenant or self.tenant:
            headers["X-Tenant"] = tenant or self.tenant or ""
        return headers

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.get(path, headers=self.headers(), **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, json: object = None, **kwargs: object) -> httpx.Response:
        return self.client.post(path, json=json, headers=self.headers(), **kwargs)  # type: ignore[arg-type]


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
