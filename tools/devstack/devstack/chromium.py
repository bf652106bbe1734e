"""Debian's Chromium for the browser tests: installed with apt-get when we run as root and it is
missing, named otherwise. Nothing downloads a browser of its own."""

from pathlib import Path

from devstack.debian import ensure_packages

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
    ensure_packages({str(CHROMIUM): "chromium"}, "The browser tests")
    return CHROMIUM
