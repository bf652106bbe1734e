"""Debian's packages the tests and builds need (Chromium, podman, ...): installed with apt-get
when we run as root and a package's command is missing, named in one line otherwise."""

import os
import shutil

from devstack.errors import MissingPrerequisite, run_or_fail


def ensure_packages(packages: dict[str, str], why: str) -> None:
    """`packages` by the command each brings; `why` says what needs them."""
    missing = [package for command, package in packages.items() if not shutil.which(command)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise MissingPrerequisite(f"{why} needs Debian's {' '.join(missing)}: install them.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
    ):
        run_or_fail(argv, f"Installing {' '.join(missing)}", MissingPrerequisite, env=env)
