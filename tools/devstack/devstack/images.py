"""The platform's images (`make images`), built with Debian's podman on a machine that reaches no
container registry: the bases are made from Debian's packages with mmdebstrap, the Python wheels
and the portal's npm packages are fetched on the host, and every build runs with
`--network none`. The Containerfiles (deploy/images/) take the upstream Python, Node and nginx
images by default (`BASE_IMAGE`, `NODE_IMAGE`); here they get the local bases instead.

The gateway and the six services share one Containerfile: they differ only in their package and
application, and their third-party packages form one layer that every image shares."""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from devstack.debian import ensure_packages
from devstack.errors import MissingPrerequisite, StartupFailed, run_or_fail
from devstack.node import NodeToolchain
from devstack.ports import SERVICE_NAMES

REPO = Path(__file__).resolve().parents[3]
IMAGES_DIR = REPO / "deploy" / "images"
CACHE = REPO / ".cache" / "images"
CONTAINERS_CONF = IMAGES_DIR / "containers.conf"
# The tag of this build; the overlays name the same one (deploy/k8s/overlays/*/kustomization.yaml).
TAG = "1.0.0"
DEBIAN_SUITE = "bookworm"
DEBIAN_PACKAGES = ("podman", "buildah", "skopeo", "runc", "mmdebstrap")
LOCAL_PACKAGES = ("servicekit", "backoffice_domain")


@dataclass(frozen=True)
class PythonComponent:
    """A Python image: its name in the overlays, its package, its application and its HTTP
    protocol class for uvicorn."""

    image: str
    package: str
    app: str
    http: str = "httptools"


COMPONENTS: dict[str, PythonComponent] = {
    "gateway": PythonComponent(
        "backoffice/gateway",
        "backoffice_gateway",
        "backoffice_gateway.main:app",
        "backoffice_gateway.wire:ProblemHttpToolsProtocol",
    ),
    **{
        name: PythonComponent(
            f"backoffice/{name}-service", f"{name}_service", f"{name}_service.main:app"
        )
        for name in SERVICE_NAMES
    },
}
PORTAL_IMAGE = "backoffice/portal"
# Base images made here, by name: what mmdebstrap puts in them.
BASES: dict[str, tuple[str, ...]] = {
    # greenlet (SQLAlchemy's asyncio) is C++.
    "python": ("python3", "ca-certificates", "tzdata", "passwd", "libstdc++6"),
    "nginx": ("nginx-light", "passwd"),
    "node": ("ca-certificates", "libstdc++6", "passwd"),
}


def local_name(image: str, tag: str = TAG) -> str:
    return f"localhost/{image}:{tag}"


def podman_env() -> dict[str, str]:
    """Podman with the project's containers.conf: runc, cgroupfs, file events and ulimits that
    work on this machine (the default crun and ulimits do not)."""
    return {**os.environ, "CONTAINERS_CONF": str(CONTAINERS_CONF)}


def podman(*args: str, timeout: float = 900) -> str:
    what = f"podman {' '.join(args[:3])} ..."
    return run_or_fail(["podman", *args], what, env=podman_env(), timeout=timeout)


def ensure_tools(packages: tuple[str, ...] = DEBIAN_PACKAGES) -> None:
    """Debian's packages (podman, buildah, skopeo, runc and mmdebstrap by default; each has a
    command of its name), installed when we are root."""
    ensure_packages({package: package for package in packages}, "Building the images")


def _apt_sources() -> str:
    """The host's own Debian sources (a deb822 or one-line file), so no mirror is named here."""
    for candidate in ("/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"):
        if Path(candidate).is_file():
            return candidate
    raise MissingPrerequisite("No Debian sources found in /etc/apt for mmdebstrap")


def _digest(*parts: Iterable[str] | str) -> str:
    text = "\n".join(p if isinstance(p, str) else "\n".join(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _has_image(name: str) -> bool:
    result = subprocess.run(
        ["podman", "image", "exists", name], env=podman_env(), capture_output=True, check=False
    )
    return result.returncode == 0


def make_base(kind: str, node: NodeToolchain | None = None) -> str:
    """A Debian base made with mmdebstrap (the essential packages and those named, without apt,
    recommended packages, documentation or package lists) and imported; made again only when
    what goes into it changes."""
    options = [
        "--variant=essential",
        "--mode=root",
        "--format=tar",
        # A merged /usr set up by mmdebstrap's hook instead of the usrmerge package (and Perl).
        "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
        f"--include={','.join(BASES[kind])}",
        '--aptopt=APT::Install-Recommends "false"',
        '--aptopt=Acquire::Languages "none"',
        *(f"--dpkgopt=path-exclude=/usr/share/{d}/*" for d in ("doc", "man", "info", "locale")),
        '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*',
    ]
    if kind == "node":
        assert node is not None
        # Node 22 and npm, as fetched for the portal (devstack.node), in /usr/local.
        options += [
            f'--customize-hook=cp -a {node.node} "$1/usr/local/bin/"',
            f'--customize-hook=cp -a {node.npm_home} "$1/usr/local/lib/"',
            f"--customize-hook=ln -s ../lib/{node.npm_home.name}/bin/npm-cli.js"
            ' "$1/usr/local/bin/npm"',
        ]
    name = f"localhost/backoffice/base-{kind}:{_digest(DEBIAN_SUITE, options)}"
    if _has_image(name):
        return name
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        tarball = Path(folder) / "base.tar"
        argv = ["mmdebstrap", *options, DEBIAN_SUITE, str(tarball), _apt_sources()]
        run_or_fail(argv, f"mmdebstrap for the {kind} base", stdin=subprocess.DEVNULL)
        podman("import", "--change", 'CMD ["/bin/sh"]', str(tarball), name)
    return name


def fetch_wheels(python: str = sys.executable) -> None:
    """Wheels of the platform's own packages (built here) and of every package they need at
    run time, pinned by requirements.txt, into .cache/images/wheels; the pip that installs them
    in the build into .cache/images/pip."""
    wheels = CACHE / "wheels"
    sources = [REPO / "libs/servicekit", REPO / "libs/domain", REPO / "gateway"]
    sources += [REPO / "services" / name for name in SERVICE_NAMES]
    shutil.rmtree(wheels, ignore_errors=True)
    (wheels / "local").mkdir(parents=True)
    (wheels / "deps").mkdir()
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    pinned = ["-c", str(REPO / "requirements.txt"), "--only-binary=:all:"]
    wanted = [str(source) for source in sources]
    try:
        build = [*pip, "wheel", "-w", str(wheels / "deps"), *pinned, *wanted]
        run_or_fail(build, "fetching the wheels", cwd=REPO)
    finally:
        for source in sources:  # what setuptools leaves beside the sources it built
            shutil.rmtree(source / "build", ignore_errors=True)
    ours = {component.package for component in COMPONENTS.values()} | set(LOCAL_PACKAGES)
    pins = []
    for wheel in sorted((wheels / "deps").glob("*.whl")):
        name, version = wheel.name.split("-")[:2]
        if name in ours:
            wheel.rename(wheels / "local" / wheel.name)
        else:
            pins.append(f"{name}=={version}")
    (wheels / "deps" / "requirements.txt").write_text("\n".join(pins) + "\n")
    pip_dir = CACHE / "pip"
    shutil.rmtree(pip_dir, ignore_errors=True)
    download = [*pip, "download", "--no-deps", "-d", str(pip_dir), _pinned("pip")]
    run_or_fail(download, "fetching pip", cwd=REPO)
    (found,) = pip_dir.glob("pip-*.whl")
    found.rename(pip_dir / "pip.whl")


def _pinned(name: str) -> str:
    """The version of `name` that this virtual environment runs."""
    from importlib.metadata import version

    return f"{name}=={version(name)}"


def prime_npm_cache(node: NodeToolchain) -> None:
    """The portal's npm packages in .cache/images/npm, so its build installs them offline:
    `npm ci` of the committed lock file in a scratch folder, which fills the cache."""
    portal = REPO / "portal"
    lock = (portal / "package-lock.json").read_text()
    stamp = CACHE / "npm" / f".primed-{_digest(lock)}"
    if stamp.exists():
        return
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        for name in ("package.json", "package-lock.json", ".npmrc"):
            shutil.copy(portal / name, Path(folder) / name)
        node.npm("ci", "--ignore-scripts", "--cache", str(CACHE / "npm"), cwd=Path(folder))
    stamp.touch()


def _build(containerfile: str, tag: str, **build_args: str) -> str:
    """`podman build` from the repository's root, offline, from the local bases only."""
    args = [arg for key, value in build_args.items() for arg in ("--build-arg", f"{key}={value}")]
    podman(
        "build",
        "--network=none",
        "--pull=never",
        "--layers",
        "-f",
        str(IMAGES_DIR / containerfile),
        *args,
        "-t",
        tag,
        str(REPO),
    )
    return tag


def local_wheels_digest() -> str:
    """A digest of what the platform's own wheels hold: each wheel's RECORD, which lists the
    hash of every file in it (and not the build's time, so the same code gives the same)."""
    records = []
    for wheel in sorted((CACHE / "wheels" / "local").glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            (record,) = [n for n in archive.namelist() if n.endswith(".dist-info/RECORD")]
            records.append(f"{wheel.name}\n{archive.read(record).decode()}")
    return _digest(records)


def build_python(name: str, base: str, tag: str = TAG) -> str:
    component = COMPONENTS[name]
    return _build(
        "python.Containerfile",
        local_name(component.image, tag),
        BASE_IMAGE=base,
        PACKAGE=component.package,
        APP=component.app,
        HTTP_PROTOCOL=component.http,
        WHEELS_DIGEST=local_wheels_digest(),
    )


def build_portal(base: str, node_base: str, tag: str = TAG) -> str:
    return _build(
        "portal.Containerfile", local_name(PORTAL_IMAGE, tag), BASE_IMAGE=base, NODE_IMAGE=node_base
    )


def image_size(tag: str) -> int:
    return int(podman("image", "inspect", "--format", "{{.Size}}", tag).strip())


def build_all(report: bool = False, tag: str = TAG) -> dict[str, str]:
    """Every image under `tag`, by component name (and "portal"); the bases, wheels and npm
    packages first."""
    started = time.monotonic()
    ensure_tools()
    node = NodeToolchain(REPO / ".cache")
    node.ensure()
    with ThreadPoolExecutor(max_workers=4) as pool:
        bases = {kind: pool.submit(make_base, kind, node) for kind in BASES}
        wheels = pool.submit(fetch_wheels)
        npm = pool.submit(prime_npm_cache, node)
        wheels.result()
        npm.result()
        base = {kind: future.result() for kind, future in bases.items()}
    built = {name: build_python(name, base["python"], tag) for name in COMPONENTS}
    built["portal"] = build_portal(base["nginx"], base["node"], tag)
    if report:
        for tag in built.values():
            print(f"  {tag:52} {image_size(tag) / 1e6:7.1f} MB", flush=True)
        print(f"Built {len(built)} images in {time.monotonic() - started:.0f}s.", flush=True)
    return built


def main() -> int:
    try:
        build_all(report=True)
    except (MissingPrerequisite, StartupFailed) as exc:
        print(f"make images: {exc}", file=sys.stderr)
        return 1
    return 0
