"""Child processes of the stack: started in their own process group, logging to a file,
stopped with SIGTERM and, if they linger, SIGKILL."""

import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

from devstack.errors import StartupFailed


class ManagedProcess:
    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        log_dir: Path,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        user: int | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.log_path = log_dir / f"{name}.log"
        self.env = env
        self.cwd = cwd
        self.user = user
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            self.argv,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(self.env or {})},
            cwd=self.cwd,
            start_new_session=True,
            user=self.user,
        )
        log.close()

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def check_alive(self) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            raise StartupFailed(
                f"{self.name} exited with code {self.proc.returncode}; see {self.log_path}"
                f"\n{self.tail()}"
            )

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _signal_group(self, sig: signal.Signals) -> bool:
        """Send `sig` to the process's group; whether it was still running."""
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            return False
        return True

    def stop(self, timeout: float = 15.0) -> None:
        if not self._signal_group(signal.SIGTERM):
            return
        assert self.proc is not None
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)

    def kill(self) -> None:
        """SIGKILL to the process and its group at once, as a crash would: no shutdown at all
        (a PostgreSQL server's backends go with it)."""
        if self._signal_group(signal.SIGKILL):
            assert self.proc is not None
            self.proc.wait(10)

    def wait_http(self, url: str, timeout: float, expect: int = 200) -> None:
        """Wait until `url` answers `expect`, failing early if the process dies."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                response = httpx.get(url, timeout=2)
                if response.status_code == expect:
                    return
                last = f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                last = type(exc).__name__
            time.sleep(0.3)
        raise StartupFailed(
            f"{self.name} did not become ready at {url} within {timeout:.0f}s ({last}); "
            f"see {self.log_path}\n{self.tail()}"
        )
