"""The whole platform on one machine: PostgreSQL, NATS, Keycloak, five services and the gateway.

`make up` runs it on fixed ports with its data in .data/; the tests run one on free ports in a
temporary folder, so both can run side by side.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devstack.errors import StartupFailed
from devstack.keycloak import Keycloak, KeycloakDistribution
from devstack.nats import Nats
from devstack.node import NodeToolchain
from devstack.portal import build as build_portal
from devstack.portal import server as portal_server
from devstack.ports import SERVICE_NAMES, Ports, port_in_use
from devstack.postgres import Postgres, runtime_role
from devstack.processes import ManagedProcess
from devstack.secrets import StackSecrets

REPO = Path(__file__).resolve().parents[3]


# The product service answers the public quote API, the path websites and intermediaries call
# most. On two cores its one process was the limit: a second took quotes through the gateway at
# 32 clients from 472 to 604 a second (docs/benchmarks.md). A second gateway process added none.
WORKERS = {"product": 2}


@dataclass
class StackConfig:
    data_dir: Path
    # Processes per service (uvicorn workers; one where not named). In a cluster, replicas do
    # the same (deploy/k8s).
    workers: dict[str, int] = field(default_factory=lambda: dict(WORKERS))
    cache_dir: Path = REPO / ".cache"
    ports: Ports = field(default_factory=Ports)
    dev_mode: bool = True
    durable: bool = True
    # Extra environment for the services and the gateway (e.g. an OTLP endpoint in tests).
    env: dict[str, str] = field(default_factory=dict)
    # "local": processes from the wheels and the Keycloak distribution; "containers":
    # PostgreSQL, NATS and Keycloak from testcontainers (needs a Docker engine).
    infra: str = field(default_factory=lambda: os.environ.get("BACKOFFICE_INFRA", "local"))
    # Build and serve the portal; off for test sessions without browser tests and for the bench.
    portal: bool = True


class Stack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.data_dir = config.data_dir
        self.log_dir = config.data_dir / "logs"
        self.ports = config.ports
        self.secrets = StackSecrets.load_or_create(config.data_dir)
        self.distribution = KeycloakDistribution(config.cache_dir)
        if config.infra == "containers":
            from devstack.containers import ContainerKeycloak, ContainerNats, ContainerPostgres

            self.postgres: Postgres = ContainerPostgres(self.secrets.postgres_password)
            self.nats: Nats = ContainerNats()
            self.keycloak: Keycloak = ContainerKeycloak(self.secrets.keycloak_admin_password)
        elif config.infra == "local":
            self.postgres = Postgres(
                config.data_dir,
                self.ports.postgres,
                self.secrets.postgres_password,
                durable=config.durable,
            )
            self.nats = Nats(config.data_dir, self.ports.nats, self.ports.nats_monitor)
            self.keycloak = Keycloak(
                self.distribution,
                self.ports.keycloak,
                self.ports.keycloak_management,
                db_url=f"jdbc:postgresql://127.0.0.1:{self.ports.postgres}/keycloak",
                db_user="keycloak",
                db_password="keycloak",
                admin_password=self.secrets.keycloak_admin_password,
            )
        else:
            raise StartupFailed(
                f"BACKOFFICE_INFRA must be 'local' or 'containers', not {config.infra!r}"
            )
        self.apps: dict[str, ManagedProcess] = {}

    # -- addresses -------------------------------------------------------------------------

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.gateway}"

    @property
    def portal_url(self) -> str:
        """The portal, with /api and /public of the gateway on the same origin."""
        return f"http://127.0.0.1:{self.ports.portal}"

    def service_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports.services[name]}"

    def database_url(self, service: str) -> str:
        """How the service connects: as its runtime role, which may read and write its tables
        but not change them (no DDL, not their owner)."""
        role = runtime_role(service)
        return self.postgres.url(role, role, service)

    def migration_url(self, service: str) -> str:
        """How the service's migration connects: as the owner of its tables."""
        return self.postgres.url(service, service, service)

    # -- starting and stopping -------------------------------------------------------------

    def start(self) -> None:
        self._check_ports()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=3) as pool:
            # Fetching and building Keycloak takes longest the first time: do it meanwhile.
            local = self.config.infra == "local"
            distribution = pool.submit(self.distribution.ensure if local else lambda: None)
            portal = pool.submit(
                build_portal if self.config.portal else lambda _: None,
                NodeToolchain(self.config.cache_dir),
            )
            self.postgres.start(self.log_dir)
            self.postgres.ensure_databases(
                {name: name for name in (*SERVICE_NAMES, "keycloak")},
                runtimes={name: runtime_role(name) for name in SERVICE_NAMES},
            )
            self.nats.start(self.log_dir)
            distribution.result()
            portal.result()
        self.keycloak.start(self.log_dir)
        self.setup_realm()
        self.migrate()
        for name in SERVICE_NAMES:
            self.start_service(name)
        self.start_gateway()
        for name in SERVICE_NAMES:
            self.wait_service(name)
        self.apps["gateway"].wait_http(f"{self.gateway_url}/readyz", 60)
        if self.config.portal:
            self.start_portal()

    def start_portal(self) -> None:
        process = portal_server(
            self.ports.portal, self.gateway_url, self.keycloak.url, self.log_dir
        )
        process.start()
        self.apps["portal"] = process
        process.wait_http(f"{self.portal_url}/portal-config.json", 30)

    def _check_ports(self) -> None:
        infra = (
            (self.ports.postgres, self.ports.nats, self.ports.keycloak)
            if self.config.infra == "local"
            else ()
        )
        busy = [
            port
            for port in (
                *infra,
                self.ports.gateway,
                self.ports.portal,
                *self.ports.services.values(),
            )
            if port_in_use(port)
        ]
        if busy:
            raise StartupFailed(
                f"Ports already in use: {', '.join(map(str, busy))} (is the stack running already?)"
            )

    def service_env(self, name: str) -> dict[str, str]:
        public_key = self.data_dir / "context-token-public.pem"
        if not public_key.exists():
            public_key.write_text(self.secrets.context_public_key)
        env = {
            "DATABASE_URL": self.database_url(name),
            "NATS_URL": self.nats.url_for(name),
            "CONTEXT_TOKEN_PUBLIC_KEY_FILE": str(public_key),
            "PYTHONUNBUFFERED": "1",
            **self.config.env,
        }
        if name == "identity":
            env.update(
                KEYCLOAK_URL=self.keycloak.url,
                KEYCLOAK_REALM="backoffice",
                KEYCLOAK_CLIENT_ID="identity-service",
                KEYCLOAK_CLIENT_SECRET=self.secrets.identity_client_secret,
                AUTHENTICATOR_ENCRYPTION_KEY=self.secrets.authenticator_encryption_key,
            )
        return env

    def realm_setup_env(self) -> dict[str, str]:
        """What the realm setup reads: the admin login (with which it makes its own client,
        then works as that) and what it sets up. BACKOFFICE_DEV_OPERATOR_USERNAME and _PASSWORD
        pass through."""
        return {
            **os.environ,
            **self.service_env("identity"),
            "KEYCLOAK_ADMIN_USERNAME": "admin",
            "KEYCLOAK_ADMIN_PASSWORD": self.secrets.keycloak_admin_password,
            "REALM_SETUP_CLIENT_SECRET": self.secrets.realm_setup_client_secret,
            "BACKOFFICE_DEV_MODE": "true" if self.config.dev_mode else "false",
            "PORTAL_REDIRECT_URIS": f"{self.portal_url}/*",
        }

    def setup_realm(self) -> None:
        """The identity service's own command, `python -m identity_service.realm_setup`, as the
        Kubernetes Job `identity-realm-setup` runs it."""
        result = subprocess.run(
            [sys.executable, "-m", "identity_service.realm_setup"],
            env=self.realm_setup_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StartupFailed(f"Setting up Keycloak's realm failed:\n{result.stderr[-2000:]}")

    def migrate(self) -> None:
        def run(name: str) -> None:
            result = subprocess.run(
                [sys.executable, "-m", f"{name}_service.migrate"],
                env={
                    **os.environ,
                    **self.service_env(name),
                    "DATABASE_URL": self.migration_url(name),
                    "DATABASE_RUNTIME_ROLE": runtime_role(name),
                },
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise StartupFailed(f"Migrating {name} failed:\n{result.stderr[-2000:]}")

        with ThreadPoolExecutor(max_workers=len(SERVICE_NAMES)) as pool:
            list(pool.map(run, SERVICE_NAMES))

    def _uvicorn(
        self, name: str, module: str, port: int, env: dict[str, str], http: str = "httptools"
    ) -> ManagedProcess:
        argv = [
            sys.executable,
            "-m",
            "uvicorn",
            module,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            # libuv's event loop and the C HTTP parser: a good part of a request's cost otherwise.
            "--loop",
            "uvloop",
            "--http",
            http,
            "--no-access-log",
        ]
        if (workers := self.config.workers.get(name, 1)) > 1:
            argv += ["--workers", str(workers)]
        process = ManagedProcess(name, argv, self.log_dir, env=env)
        process.start()
        self.apps[name] = process
        return process

    def start_service(self, name: str) -> None:
        self._uvicorn(
            name, f"{name}_service.main:app", self.ports.services[name], self.service_env(name)
        )

    def wait_service(self, name: str, timeout: float = 60) -> None:
        self.apps[name].wait_http(f"{self.service_url(name)}/readyz", timeout)

    def stop_service(self, name: str) -> None:
        self.apps[name].stop()

    def gateway_env(self) -> dict[str, str]:
        private_key = self.data_dir / "context-token-private.pem"
        if not private_key.exists():
            private_key.write_text(self.secrets.context_private_key)
            private_key.chmod(0o600)
        return {
            "KEYCLOAK_URL": self.keycloak.url,
            "KEYCLOAK_REALM": "backoffice",
            "TOKEN_AUDIENCE": "backoffice-api",
            "CONTEXT_TOKEN_PRIVATE_KEY_FILE": str(private_key),
            "NATS_URL": self.nats.url_for("gateway"),
            "PYTHONUNBUFFERED": "1",
            **{f"{n.upper()}_URL": self.service_url(n) for n in SERVICE_NAMES},
            **self.config.env,
        }

    def start_gateway(self) -> None:
        # The C parser still, but what it refuses is answered as a problem document.
        protocol = "backoffice_gateway.wire:ProblemHttpToolsProtocol"
        env = self.gateway_env()
        self._uvicorn("gateway", "backoffice_gateway.main:app", self.ports.gateway, env, protocol)

    def restart_nats(self, down_seconds: float = 0.0) -> None:
        self.nats.stop()
        time.sleep(down_seconds)
        self.nats.start(self.log_dir)

    # -- faults (tests/e2e/test_fault_drill.py) -------------------------------------------

    def _process(self, name: str) -> ManagedProcess | None:
        if name == "postgres":
            return self.postgres.process
        if name == "nats":
            return self.nats.process
        return self.apps[name]

    def kill(self, name: str) -> None:
        """Crash one part: SIGKILL to "postgres", "nats", "gateway" or a service's process group,
        with no chance to finish anything. `restart` brings it back on its port and data."""
        if self.config.infra != "local":
            raise StartupFailed("killing a part needs BACKOFFICE_INFRA=local")
        process = self._process(name)
        if process is not None:
            process.kill()

    def restart(self, name: str) -> None:
        """Start a killed part again on the same port and data folder and wait until it is ready."""
        if name == "postgres":
            self.postgres.start(self.log_dir)
        elif name == "nats":
            self.nats.start(self.log_dir)
        elif name == "gateway":
            self.start_gateway()
            self.apps["gateway"].wait_http(f"{self.gateway_url}/readyz", 60)
        else:
            self.start_service(name)
            self.wait_service(name)

    def stop(self) -> None:
        """Stop every child, whatever happens meanwhile: the apps together (each gets SIGTERM,
        then SIGKILL after its grace), then Keycloak, NATS and PostgreSQL. A second Ctrl-C
        while stopping is ignored, so no child is left behind."""
        previous = (
            {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
            if threading.current_thread() is threading.main_thread()
            else {}
        )
        try:
            with ThreadPoolExecutor(max_workers=max(len(self.apps), 1)) as pool:
                list(pool.map(_stop_quietly, self.apps.values()))
            for part in (self.keycloak, self.nats, self.postgres):
                _stop_quietly(part)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def processes(self) -> list[ManagedProcess]:
        infra = [self.postgres.process, self.nats.process, self.keycloak.process]
        return [p for p in infra if p is not None] + list(self.apps.values())


def _stop_quietly(part: Any) -> None:
    try:
        part.stop()
    except Exception as exc:  # stop the others all the same
        print(f"stopping {getattr(part, 'name', part)} failed: {exc}", file=sys.stderr)
