"""PostgreSQL, NATS and Keycloak from testcontainers (BACKOFFICE_INFRA=containers), for machines
with a Docker engine. Each class stands in for its local counterpart, so the stack uses the same
attributes; `process` stays None because there is no child process to watch."""

import atexit
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import docker.errors
from testcontainers.community.keycloak import KeycloakContainer
from testcontainers.community.postgres import PostgresContainer
from testcontainers.core.container import DockerContainer
from testcontainers.core.exceptions import ContainerStartException
from testcontainers.core.wait_strategies import HttpWaitStrategy

from devstack.errors import MissingPrerequisite, StartupFailed
from devstack.keycloak import Keycloak
from devstack.nats import Nats
from devstack.ports import free_port
from devstack.postgres import SUPERUSER, Postgres


@contextlib.contextmanager
def _failing_as(error: type[Exception], what: str) -> Iterator[None]:
    """Docker and wait errors become the stack's own, which `make up` reports in one line."""
    try:
        yield
    except (docker.errors.DockerException, TimeoutError, ConnectionError) as exc:
        raise error(f"{what}: {exc}") from exc


def _engine() -> contextlib.AbstractContextManager[None]:
    # Creating a testcontainers object already asks the engine for its API version.
    return _failing_as(MissingPrerequisite, "BACKOFFICE_INFRA=containers needs a Docker engine")


def _save_logs(container: DockerContainer, log_dir: Path | None, name: str) -> None:
    """The container's output goes where the local process would have logged."""
    if log_dir is None:
        return
    with contextlib.suppress(ContainerStartException, docker.errors.DockerException, OSError):
        (log_dir / f"{name}.log").write_bytes(container.get_wrapped_container().logs())


def _remove(container: DockerContainer) -> None:
    # testcontainers' stop() removes the container; a second call finds nothing to remove.
    with contextlib.suppress(docker.errors.NotFound):
        container.stop()


class ContainerPostgres(Postgres):
    def __init__(self, password: str) -> None:
        # Not the parent's __init__: it prepares a data folder and a system user for local binaries.
        self.password = password
        self.host = "127.0.0.1"
        self.port = 0
        self.durable = False
        self.process = None
        self.log_dir: Path | None = None
        with _engine():
            self.container = PostgresContainer(
                "postgres:17-alpine", username=SUPERUSER, password=password, dbname="postgres"
            )
        # As the local server: enough connections for every service's pool; the container is
        # thrown away at the end, so durability would only cost time.
        self.container.with_command(
            "-c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )

    def url(self, user: str, password: str, database: str, driver: str = "asyncpg") -> str:
        scheme = f"postgresql+{driver}" if driver else "postgresql"
        return f"{scheme}://{user}:{password}@{self.host}:{self.port}/{database}"

    def start(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        with _failing_as(StartupFailed, "The PostgreSQL container did not start"):
            self.container.start()  # returns once psql inside the container gets an answer
            self.host = self.container.get_container_host_ip()
            self.port = self.container.get_exposed_port(5432)

    def stop(self) -> None:
        _save_logs(self.container, self.log_dir, "postgres")
        _remove(self.container)


class ContainerNats(Nats):
    """Stopping only stops the container, so JetStream's streams and durable consumers in /data
    survive a restart (the fault tests rely on it); the client port is bound to a fixed host port
    so the URL the services hold stays valid. The container is removed when Python exits."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.monitor_port = 0
        self.process = None
        self.log_dir: Path | None = None
        self.created = False
        with _engine():
            self.container = DockerContainer("nats:2.11")
        self.container.with_command("-js -sd /data -m 8222")
        self.container.with_bind_ports(4222, self.port).with_exposed_ports(8222)

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    def url_for(self, user: str) -> str:
        """The image's server has no users: every component connects alike."""
        return self.url

    def start(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        with _failing_as(StartupFailed, "The NATS container did not start"):
            if self.created:
                self.container.get_wrapped_container().start()
            else:
                self.container.start()
                self.created = True
                atexit.register(_remove, self.container)
            health = HttpWaitStrategy(8222, "/healthz?js-enabled-only=true")
            health.with_startup_timeout(30).wait_until_ready(self.container)
            self.host = self.container.get_container_host_ip()
            self.port = self.container.get_exposed_port(4222)
            self.monitor_port = self.container.get_exposed_port(8222)

    def stop(self) -> None:
        if not self.created:
            return
        _save_logs(self.container, self.log_dir, "nats")
        with contextlib.suppress(docker.errors.NotFound):
            self.container.get_wrapped_container().stop(timeout=15)


class ContainerKeycloak(Keycloak):
    """Keycloak in dev mode with its own in-container database. Its issuer follows the address
    a request uses, so the gateway, the realm setup and the tests must all use `url`."""

    def __init__(self, admin_password: str) -> None:
        self.admin_password = admin_password
        self.host = "127.0.0.1"
        self.port = 0
        self.management_port = 0
        self.process = None
        self.log_dir: Path | None = None
        with _engine():
            self.container = KeycloakContainer(
                "quay.io/keycloak/keycloak:26.4", username="admin", password=admin_password
            )
        # As the local Keycloak: the default heap takes a share of all the machine's memory.
        heap = os.environ.get("KC_HEAP", "-Xms128m -Xmx768m")
        self.container.with_env("JAVA_OPTS_KC_HEAP", heap)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, log_dir: Path, timeout: float = 240) -> None:
        # `timeout` is kept for the parent's signature; testcontainers' own limit applies
        # (TC_MAX_TRIES x TC_POOLING_INTERVAL, 120 s by default).
        self.log_dir = log_dir
        with _failing_as(StartupFailed, "The Keycloak container did not start"):
            self.container.start()  # waits for /health/ready and the bootstrap admin
            self.host = self.container.get_container_host_ip()
            self.port = self.container.get_exposed_port(8080)
            self.management_port = self.container.get_exposed_port(9000)

    def stop(self) -> None:
        _save_logs(self.container, self.log_dir, "keycloak")
        _remove(self.container)
