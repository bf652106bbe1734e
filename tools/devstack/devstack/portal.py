"""The portal (portal/): installed with `npm ci` from its lock file, checked, built with Vite, and
served with the gateway on one origin by a small server of its own (devstack.portal_server)."""

import contextlib
import fcntl
import gzip
import hashlib
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from devstack.errors import StartupFailed
from devstack.node import NodeToolchain
from devstack.processes import ManagedProcess

REPO = Path(__file__).resolve().parents[3]
PORTAL = REPO / "portal"
DIST = PORTAL / "dist"
CLIENT_ID = "portal"


def install(toolchain: NodeToolchain) -> None:
    """`npm ci` from the committed lock file; again only when the lock file changed."""
    toolchain.ensure()
    lock = PORTAL / "package-lock.json"
    stamp = PORTAL / "node_modules" / ".backoffice-lock"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    toolchain.npm("ci", "--no-audit", "--no-fund", cwd=PORTAL)
    stamp.write_text(wanted)


def _sources_digest() -> str:
    files = [p for p in (PORTAL / "src").rglob("*") if p.is_file()]
    files += [p for p in PORTAL.iterdir() if p.is_file()]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(PORTAL)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def _locked(toolchain: NodeToolchain) -> Iterator[None]:
    """One install or build at a time: several test stacks may start side by side."""
    toolchain.cache_dir.mkdir(parents=True, exist_ok=True)
    with (toolchain.cache_dir / "portal.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(toolchain: NodeToolchain | None = None) -> Path:
    """The production build in portal/dist; made again only when a source changed. It is
    built beside and then swapped in, so a running portal server never sees half a build."""
    toolchain = toolchain or NodeToolchain()
    with _locked(toolchain):
        install(toolchain)
        stamp = DIST / ".backoffice-sources"
        wanted = _sources_digest()
        if stamp.exists() and stamp.read_text() == wanted and (DIST / "index.html").exists():
            return DIST
        fresh, old = PORTAL / "dist.new", PORTAL / "dist.old"
        shutil.rmtree(fresh, ignore_errors=True)
        toolchain.npm("run", "build", "--", "--outDir", str(fresh), cwd=PORTAL)
        (fresh / ".backoffice-sources").write_text(wanted)
        shutil.rmtree(old, ignore_errors=True)
        if DIST.exists():
            DIST.rename(old)
        fresh.rename(DIST)
        shutil.rmtree(old, ignore_errors=True)
    return DIST


def generate_types(toolchain: NodeToolchain | None = None, check: bool = False) -> None:
    """The API types from contracts/openapi (openapi-typescript); `check` fails when stale."""
    toolchain = toolchain or NodeToolchain()
    with _locked(toolchain):
        install(toolchain)
    toolchain.npm("run", "generate", *(["--", "--check"] if check else []), cwd=PORTAL)


# What `make test` runs on the portal: the generated types are current, TypeScript strict,
# ESLint, the unit tests and a production build without warnings.
CHECKS = (
    ("API types current", ("run", "generate", "--", "--check")),
    ("tsc", ("run", "typecheck")),
    ("eslint", ("run", "lint")),
    ("vitest", ("run", "test")),
    ("vite build", ("run", "build", "--", "--outDir", "dist.check", "--emptyOutDir")),
)


def check(toolchain: NodeToolchain | None = None) -> None:
    toolchain = toolchain or NodeToolchain()
    with _locked(toolchain):
        install(toolchain)
        for name, args in CHECKS:
            print(f"+ portal: {name}", flush=True)
            toolchain.npm(*args, cwd=PORTAL)
    sizes = chunk_sizes(PORTAL / "dist.check")
    largest = ", ".join(
        f"{n} {s / 1000:.0f} kB" for n, s in sorted(sizes.items(), key=lambda x: -x[1])[:3]
    )
    print(f"+ portal: largest chunks gzipped: {largest}", flush=True)
    over = {n: s for n, s in sizes.items() if s > CHUNK_LIMIT}
    if over:
        raise StartupFailed(f"portal chunks over {CHUNK_LIMIT // 1000} kB gzipped: {over}")


# A route's code loads when it is opened; no chunk may make that slow (issue 13).
CHUNK_LIMIT = 250_000


def chunk_sizes(dist: Path) -> dict[str, int]:
    """Each JavaScript chunk's gzipped size, by its name without the content hash."""
    return {
        re.sub(r"-[\w-]{8}$", "", path.stem): len(gzip.compress(path.read_bytes(), 9))
        for path in sorted((dist / "assets").glob("*.js"))
    }


def server(
    port: int, gateway_url: str, keycloak_url: str, log_dir: Path, realm: str = "backoffice"
) -> ManagedProcess:
    """The portal's own static server on `port`, passing /api and /public to the gateway."""
    config = {"authority": f"{keycloak_url}/realms/{realm}", "clientId": CLIENT_ID}
    argv = [
        sys.executable,
        "-m",
        "devstack.portal_server",
        "--port",
        str(port),
        "--dist",
        str(DIST),
        "--gateway",
        gateway_url,
        "--config",
        json.dumps(config),
    ]
    return ManagedProcess("portal", argv, log_dir, env={"PYTHONUNBUFFERED": "1"})
