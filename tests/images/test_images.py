"""The images of `make images`, run as Kubernetes runs them (user 10001, read-only root file
system) against the test session's PostgreSQL, NATS and Keycloak: every service image migrates
and becomes ready, and a real request goes through the gateway image to the service images."""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from devstack import images, release
from devstack.ports import SERVICE_NAMES, free_port
from devstack.postgres import runtime_role
from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin, Login

REPO = Path(__file__).resolve().parents[2]
K8S_BASE = REPO / "deploy" / "k8s" / "base"


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["podman", *args], env=images.podman_env(), capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)}: {result.stdout}{result.stderr}")
    return result


@dataclass
class Running:
    name: str
    url: str

    def logs(self) -> str:
        result = podman("logs", self.name, check=False)
        return (result.stdout + result.stderr)[-3000:]

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _answers(f"{self.url}/readyz"):
                return
            if podman("container", "exists", self.name, check=False).returncode != 0:
                break
            time.sleep(0.5)
        raise AssertionError(f"{self.name} did not become ready:\n{self.logs()}")


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return images.build_all()


@pytest.fixture(scope="module")
def keys(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The context-token keys, readable by the images' user as Kubernetes mounts its secret."""
    folder = tmp_path_factory.mktemp("keys")
    folder.chmod(0o755)
    for name in ("context-token-private.pem", "context-token-public.pem"):
        shutil.copy(stack.data_dir / name, folder / name)
        os.chown(folder / name, 10001, 10001)
    return folder


@pytest.fixture(scope="module")
def containers() -> Iterator[list[str]]:
    started: list[str] = []
    yield started
    if started:
        podman("rm", "-f", "-t", "2", *started, check=False)


def _env_options(env: dict[str, str]) -> list[str]:
    return [option for key, value in env.items() for option in ("-e", f"{key}={value}")]


def _run(
    containers: list[str], image: str, env: dict[str, str], *options: str, host: bool = True
) -> Running:
    name = f"test-{uuid.uuid4().hex[:10]}"
    port = free_port()
    argv = ["run", "-d", "--name", name, "--read-only"]
    argv += ["--network", "host"] if host else []
    argv += _env_options({**env, "UVICORN_HOST": "127.0.0.1", "UVICORN_PORT": str(port)})
    podman(*argv, *options, image)
    containers.append(name)
    return Running(name, f"http://127.0.0.1:{port}")


@pytest.fixture(scope="module")
def services(
    stack: Stack, built: dict[str, str], keys: Path, containers: list[str]
) -> dict[str, Running]:
    """Each service's image, migrated as its init container does (as the tables' owner), then
    running as the runtime role, beside the test stack's own processes."""
    key_mount = f"{keys}:/etc/backoffice:ro"
    running = {}
    for name in SERVICE_NAMES:
        env = {
            **stack.service_env(name),
            "CONTEXT_TOKEN_PUBLIC_KEY_FILE": "/etc/backoffice/context-token-public.pem",
        }
        migrate = {
            **env,
            "DATABASE_URL": stack.migration_url(name),
            "DATABASE_RUNTIME_ROLE": runtime_role(name),
        }
        argv = ["run", "--rm", "--read-only", "--network", "host", "-v", key_mount]
        argv += _env_options(migrate)
        podman(*argv, built[name], "python", "-m", f"{name}_service.migrate")
        running[name] = _run(containers, built[name], env, "-v", key_mount)
    for service in running.values():
        service.wait_ready()
    return running


@pytest.fixture(scope="module")
def gateway_image(
    stack: Stack,
    built: dict[str, str],
    keys: Path,
    containers: list[str],
    services: dict[str, Running],
) -> Running:
    env = {
        **stack.gateway_env(),
        "CONTEXT_TOKEN_PRIVATE_KEY_FILE": "/etc/backoffice/context-token-private.pem",
        **{f"{name.upper()}_URL": service.url for name, service in services.items()},
    }
    gateway = _run(containers, built["gateway"], env, "-v", f"{keys}:/etc/backoffice:ro")
    gateway.wait_ready()
    return gateway


def test_every_containerfile_passes_hadolint() -> None:
    files = sorted((REPO / "deploy" / "images").glob("*.Containerfile"))
    assert {f.name for f in files} == {"python.Containerfile", "portal.Containerfile"}
    hadolint = str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_images_run_as_user_10001_on_a_read_only_root(
    built: dict[str, str], services: dict[str, Running]
) -> None:
    for name, service in services.items():
        assert podman("exec", service.name, "id", "-u").stdout.strip() == "10001", name
        refused = podman("exec", service.name, "touch", "/app/written", check=False)
        assert refused.returncode != 0 and "Read-only file system" in refused.stderr, name
    for tag in built.values():
        user = podman("image", "inspect", "--format", "{{.Config.User}}", tag).stdout.strip()
        assert user == "10001:10001", tag


def test_the_images_run_what_kubernetes_names(built: dict[str, str]) -> None:
    """Each Deployment's command starts the application that its image is built for."""
    for name, component in images.COMPONENTS.items():
        manifest = K8S_BASE / ("gateway.yaml" if name == "gateway" else f"services/{name}.yaml")
        deployment = next(
            d for d in yaml.safe_load_all(manifest.read_text()) if d["kind"] == "Deployment"
        )
        (app,) = deployment["spec"]["template"]["spec"]["containers"]
        assert app["image"].split(":")[0] == component.image
        assert app["command"][:2] == ["uvicorn", component.app], name
        assert app["command"][app["command"].index("--http") + 1] == component.http, name
        env = podman("image", "inspect", "--format", "{{json .Config.Env}}", built[name])
        assert f"UVICORN_APP={component.app}" in json.loads(env.stdout), name


def test_a_request_goes_through_the_gateway_image_to_the_service_images(
    gateway_image: Running,
    services: dict[str, Running],
    keycloak: KeycloakTestAdmin,
    operator_login: Login,
    gateway: httpx.Client,
) -> None:
    token = keycloak.token(operator_login)
    slug = f"t-{uuid.uuid4().hex[:12]}"
    with httpx.Client(base_url=gateway_image.url, timeout=30) as client:
        api = Api(client, token)
        created = api.post("/api/identity/tenants", {"slug": slug, "name": "Imaged"})
        assert created.status_code == 201, created.text
        # The identity service's image answered: the local gateway reads the same tenant.
        read = Api(gateway, token).get(f"/api/identity/tenants/{slug}")
        assert read.status_code == 200 and read.json()["name"] == "Imaged"
        # The gateway image refuses a path it cannot decide on, as a problem document.
        odd = client.get("/api/relations/%2e", headers={"Authorization": f"Bearer {token}"})
        assert odd.status_code == 400
        assert odd.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in services["identity"].logs()


def test_the_portal_image_serves_the_portal(built: dict[str, str], containers: list[str]) -> None:
    """With its server block and configuration mounted as the ConfigMaps are in Kubernetes."""
    port = free_port()
    name = f"test-{uuid.uuid4().hex[:10]}"
    portal_dir = K8S_BASE / "portal"
    podman(
        "run", "-d", "--name", name, "--read-only", "-p", f"127.0.0.1:{port}:8080",
        "-v", f"{portal_dir / 'default.conf'}:/etc/nginx/conf.d/default.conf:ro",
        "-v", f"{portal_dir}:/etc/portal:ro",
        "-v", "/var/cache/nginx",  # the emptyDir of portal.yaml
        built["portal"],
    )  # fmt: skip
    containers.append(name)
    portal = Running(name, f"http://127.0.0.1:{port}")
    portal.wait_ready(30)
    page = httpx.get(f"{portal.url}/policies/123")
    assert page.status_code == 200 and '<div id="root"></div>' in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    script = page.text.split('src="', 1)[1].split('"', 1)[0]
    asset = httpx.get(f"{portal.url}{script}")
    assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"]
    config = httpx.get(f"{portal.url}/portal-config.json").json()
    assert config["clientId"] == "portal"
    assert podman("exec", name, "id", "-u").stdout.strip() == "10001"


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:  # not listening yet
        return False


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real registry on the loopback (Debian's docker-registry), standing in for the one the
    production overlay names."""
    images.ensure_tools(("docker-registry",))
    folder = tmp_path_factory.mktemp("registry")
    address = f"127.0.0.1:{free_port()}"
    config = folder / "config.yml"
    config.write_text(
        f"version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: {folder / 'data'}\n"
        f"http:\n  addr: {address}\n"
    )
    log = (folder / "registry.log").open("w")
    server = subprocess.Popen(["docker-registry", "serve", str(config)], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while not _answers(f"http://{address}/v2/"):
            assert server.poll() is None, (folder / "registry.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "the registry did not start"
            time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_a_release_pins_production_to_the_pushed_digests(
    built: dict[str, str], registry: str
) -> None:
    """`make release`: each image pushed, and the production overlay, built with the release file
    it writes, runs exactly what the registry holds."""
    prefix = f"{registry}/backoffice"
    digests = release.push(built, prefix, tls_verify=False)
    for name, digest in digests.items():
        remote = release.remote_name(prefix, release.image_names()[name])
        held = subprocess.run(
            ["skopeo", "inspect", "--tls-verify=false", f"docker://{remote}:{images.TAG}"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(held.stdout)["Digest"] == digest, name
    production = K8S_BASE.parent / "overlays" / "production"
    copy = production.parent / f".release-{uuid.uuid4().hex[:8]}"
    shutil.copytree(production, copy)
    try:
        (copy / "release" / "kustomization.yaml").write_text(release.render(prefix, digests))
        kubectl = str(Path(sys.executable).parent / "kubectl")
        manifests = subprocess.run(
            [kubectl, "kustomize", str(copy)], capture_output=True, text=True, check=True
        ).stdout
    finally:
        shutil.rmtree(copy)
    running = {
        line.split("image:", 1)[1].strip() for line in manifests.splitlines() if "image:" in line
    }
    ours = {image for image in running if image.startswith(prefix)}
    expected = {
        f"{release.remote_name(prefix, release.image_names()[name])}:{images.TAG}@{digest}"
        for name, digest in digests.items()
    }
    assert ours == expected
    assert f"name: identity-realm-setup-{images.TAG}" in manifests
