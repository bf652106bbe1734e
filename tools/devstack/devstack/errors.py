import subprocess
from typing import Any


class MissingPrerequisite(Exception):
    """Something the machine lacks; the message says in one line what to install."""


class StartupFailed(Exception):
    """A part of the stack did not come up; the message names it and its log."""


def run_or_fail(
    argv: list[str], what: str, error: type[Exception] = StartupFailed, **options: Any
) -> str:
    """Run a command to its end; its output, or `error` naming `what` with the output's tail."""
    result = subprocess.run(argv, capture_output=True, text=True, check=False, **options)
    if result.returncode != 0:
        raise error(f"{what} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return result.stdout
