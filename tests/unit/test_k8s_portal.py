"""The portal in Kubernetes: its own unprivileged Deployment behind the API's host, reached only
by the Gateway's proxies, with the overlay's Keycloak address in its configuration, its strict
Content-Security-Policy and the realm's redirect addresses."""

import json
import re

import pytest
import yaml

from devstack.portal_server import security_headers
from tests.unit.test_k8s_manifests import (
    K8S,
    Obj,
    admitted,
    backend,
    build,
    get,
    pod_labels,
    pod_spec,
    realm_setup_job,
)


def hostnames(overlay: str) -> dict[str, str]:
    document = yaml.safe_load((K8S / "overlays" / overlay / "public-hostnames.yaml").read_text())
    return dict(document["data"])


def config(objs: tuple[Obj, ...]) -> dict[str, str]:
    found = [o for o in objs if o["kind"] == "ConfigMap" and "headers.conf" in o.get("data", {})]
    assert len(found) == 1
    return dict(found[0]["data"])


def csp(headers_conf: str) -> str:
    found = re.search(r'Content-Security-Policy "([^"]+)"', headers_conf)
    assert found
    return found.group(1)


@pytest.mark.parametrize("overlay", ["dev", "production"])
def test_portal_is_an_unprivileged_deployment_only_the_edge_reaches(overlay: str) -> None:
    objs = build(overlay)
    portal = get(objs, "Deployment", "portal")
    app = pod_spec(portal)["containers"][0]
    assert app["image"].split("@")[0].endswith("backoffice/portal:1.0.0")
    assert pod_spec(portal)["securityContext"]["runAsNonRoot"] is True
    assert app["securityContext"]["readOnlyRootFilesystem"] is True
    assert admitted(objs, pod_labels(portal), 8080) == {"gateway-proxy"}


@pytest.mark.parametrize("overlay", ["dev", "production"])
def test_portal_shares_the_apis_host_and_finds_the_overlays_keycloak(overlay: str) -> None:
    objs, hosts = build(overlay), hostnames(overlay)
    api = f"https://{hosts['api']}"
    assert backend(objs, f"{api}/") == backend(objs, f"{api}/clerk") == "portal:8080"
    assert backend(objs, f"{api}/api/policies") == "gateway:8080"
    assert backend(objs, f"{api}/public/v1/quotes") == "gateway:8080"

    data = config(objs)
    settings = json.loads(data["portal-config.json"])
    assert settings == {
        "authority": f"https://{hosts['auth']}/realms/backoffice",
        "clientId": "portal",
    }
    assert f"connect-src 'self' https://{hosts['auth']}/;" in csp(data["headers.conf"])

    setup = pod_spec(realm_setup_job(objs))["containers"][0]
    redirect = {e["name"]: e.get("value") for e in setup["env"]}["PORTAL_REDIRECT_URIS"]
    assert redirect == f"https://{hosts['api']}/*"


def test_kubernetes_and_make_up_send_the_same_policy() -> None:
    """One policy, two servers: only the Keycloak address differs."""
    k8s = csp(config(build("dev"))["headers.conf"]).replace(
        "https://auth.backoffice.localtest.me/", "K"
    )
    local = security_headers("http://127.0.0.1:8180/realms/backoffice")["Content-Security-Policy"]
    assert local.replace("http://127.0.0.1:8180/", "K") == k8s
    assert "'unsafe-eval'" not in k8s and "script-src 'self';" in k8s
