"""`python -m devstack up|test|contracts|bench|images|release` — what `make up`, `make test`,
`make contracts`, `make bench`, `make images` and `make release` run. `bench --only ledger` (or
`--only platform,quotes`) measures only those parts."""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from devstack.errors import MissingPrerequisite, StartupFailed

if TYPE_CHECKING:
    from devstack.stack import Stack

REPO = Path(__file__).resolve().parents[3]


def up() -> int:
    from devstack.stack import Stack, StackConfig

    started = time.monotonic()
    stack = Stack(StackConfig(data_dir=REPO / ".data"))

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # Installed explicitly: a shell may start us with SIGINT ignored (a background job).
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        print(
            "Starting PostgreSQL, NATS, Keycloak, the services, the gateway and the portal ...",
            flush=True,
        )
        stack.start()
        elapsed = time.monotonic() - started
        operator = os.environ.get("BACKOFFICE_DEV_OPERATOR_USERNAME", "operator")
        password = os.environ.get("BACKOFFICE_DEV_OPERATOR_PASSWORD", "operator")
        demo = _demo_data(stack, (operator, password))
        print(
            f"\nThe back office is up ({elapsed:.0f}s).\n"
            f"  portal    {stack.portal_url}  (log in as {operator} / {password};"
            " an authenticator app is set up at the first sign-in)\n"
            f"  gateway   {stack.gateway_url}\n"
            f"  API docs  {stack.gateway_url}/docs\n"
            f"  Keycloak  {stack.keycloak.url}  (realm backoffice)\n"
            f"  dev login {operator} / {password}  (client backoffice-cli, password grant)\n"
            f"{demo}"
            f"  logs      {stack.log_dir}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while True:
            for process in stack.processes():
                process.check_alive()
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    except (MissingPrerequisite, StartupFailed) as exc:
        print(f"make up: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()


def _demo_data(stack: "Stack", operator: tuple[str, str]) -> str:
    """Lines for the start-up message about the demo tenant (made once, dev mode only)."""
    from devstack.demo import seed

    if not stack.config.dev_mode:
        return ""
    try:
        demo = seed(
            stack.gateway_url, stack.keycloak.url, operator, stack.config.data_dir / "demo.json"
        )
    except Exception as exc:  # the platform is up; only the demo data is missing
        return f"  demo data could not be made: {exc}\n"
    return (
        f"  demo      tenant {demo.tenant}: sign in as {demo.sign_in(demo.developer)} or"
        f" {demo.sign_in(demo.approver)} (password {demo.developer} or {demo.approver});"
        " product HOME live\n"
        f"            broker API client {demo.broker.client_id} / {demo.broker.client_secret}\n"
        f"            website API client {demo.website.client_id} / {demo.website.client_secret}\n"
    )


def test(extra: list[str]) -> int:
    """Lint, type-check, then pytest; pytest finding no tests is a failure, not a success."""
    python = sys.executable
    bindir = Path(python).parent
    steps = [
        [str(bindir / "ruff"), "check", "."],
        [str(bindir / "ruff"), "format", "--check", "."],
        [str(bindir / "mypy"), *mypy_targets()],
    ]
    for step in steps:
        print("+", " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)))
        if subprocess.run(step, cwd=REPO, check=False).returncode != 0:
            return 1
    from devstack.chromium import ensure_chromium
    from devstack.portal import check as check_portal

    try:
        check_portal()
        ensure_chromium()
    except (MissingPrerequisite, StartupFailed) as exc:
        print(f"make test: {exc}", file=sys.stderr)
        return 1
    # The slowest tests named at the end of every run: CI must stay well under its time limit.
    pytest = [python, "-m", "pytest", "--durations=25", *extra]
    code = subprocess.run(pytest, cwd=REPO, check=False).returncode
    if code == 5:
        print("make test: pytest collected no tests; that is a failure.", file=sys.stderr)
        return 1
    return code


def mypy_targets() -> list[str]:
    targets = [
        "libs/servicekit/servicekit",
        "libs/domain/backoffice_domain",
        "gateway/backoffice_gateway",
        "tools/devstack/devstack",
    ]
    targets += [str(p / f"{p.name}_service") for p in sorted((REPO / "services").iterdir())]
    return targets


def contracts() -> int:
    from devstack.contracts import write_all
    from devstack.portal import generate_types

    for path in write_all():
        print(f"wrote {path.relative_to(REPO)}")
    generate_types()  # the portal's API types, from the documents just written
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="devstack")
    parser.add_argument(
        "command", choices=["up", "test", "contracts", "bench", "images", "release"]
    )
    args, extra = parser.parse_known_args()
    if args.command == "up":
        return up()
    if args.command == "test":
        return test(extra)
    if args.command == "images":
        from devstack.images import main as images

        return images()
    if args.command == "release":
        from devstack.release import main as release

        return release(extra)
    if args.command == "bench":
        from devstack.bench import PARTS, run

        options = argparse.ArgumentParser(prog="devstack bench")
        options.add_argument(
            "--only",
            type=lambda value: value.split(","),
            default=list(PARTS),
            help=f"measure only these parts, comma-separated: {','.join(PARTS)} (default all)",
        )
        only = options.parse_args(extra).only
        unknown = set(only) - set(PARTS)
        if unknown:
            options.error(f"no part {', '.join(sorted(unknown))}; parts: {', '.join(PARTS)}")
        return run(only)
    return contracts()


if __name__ == "__main__":
    sys.exit(main())
