"""Debian's Chromium for the browser tests: installed with apt-get when we run as root and it is
missing, named otherwise. Nothing downloads a browser of its own."""

import os
import shutil
import subprocess
from pathlib import Path

from devstack.errors import MissingPrerequisite

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and quiet: no sandbox (CI runs as root), no GPU, no calls home of any kind.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def ensure_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise MissingPrerequisite(
            "The browser tests need Debian's Chromium: install the chromium package."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
    ):
        result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise MissingPrerequisite(
                f"Installing the chromium package failed: {result.stderr[-1000:]}"
            )
    return CHROMIUM
