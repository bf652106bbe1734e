"""Children of the stack are stopped even when they ignore SIGTERM (a service whose event loop
is stuck): SIGKILL after the grace period, the whole process group, nothing left behind."""

import os
import sys
import time
from pathlib import Path

from devstack.processes import ManagedProcess

STUBBORN = (
    "import signal, subprocess, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
    "child = subprocess.Popen([sys.executable, '-c', 'import signal, time;"
    " signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)']);"
    "print(child.pid, flush=True); time.sleep(600)"
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = (
        Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}").exists() else "X"
    )
    return state != "Z"


def test_a_child_that_ignores_sigterm_is_killed_with_its_children(tmp_path: Path) -> None:
    process = ManagedProcess("stubborn", [sys.executable, "-c", STUBBORN], tmp_path)
    process.start()
    deadline = time.monotonic() + 10
    while not process.log_path.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.05)
    grandchild = int(process.log_path.read_text().split()[0])
    assert process.proc is not None and _alive(process.proc.pid) and _alive(grandchild)
    started = time.monotonic()
    process.stop(timeout=1.0)
    assert time.monotonic() - started < 5
    assert not process.running
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)
