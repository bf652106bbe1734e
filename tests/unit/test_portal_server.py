"""The portal's server in `make up`: the built files with the single-page fallback and the
security headers, its configuration, and /api and /public passed to the gateway unchanged."""

import json
from pathlib import Path

import httpx
import pytest

from devstack.portal_server import create_app


def client(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://portal.test")  # type: ignore[arg-type]


CONFIG = {"authority": "http://127.0.0.1:8180/realms/backoffice", "clientId": "portal"}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "dist" / "assets").mkdir(parents=True)
    (tmp_path / "dist" / "index.html").write_text("<!doctype html><title>portal</title>")
    (tmp_path / "dist" / "assets" / "index-AbCd1234.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("not for the web")
    return tmp_path / "dist"


async def test_screens_get_the_application_with_its_policy(dist: Path) -> None:
    portal = client(create_app(dist, "http://gateway.invalid", CONFIG))
    for path in ("/", "/admin/audit?module=claims", "/auth/callback?code=x"):
        page = await portal.get(path)
        assert page.status_code == 200 and "<title>portal</title>" in page.text
        assert page.headers["cache-control"] == "no-cache"
        policy = page.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "'unsafe-eval'" not in policy
        assert "connect-src 'self' http://127.0.0.1:8180/;" in policy
        assert page.headers["x-content-type-options"] == "nosniff"
    asset = await portal.get("/assets/index-AbCd1234.js")
    assert asset.text == "console.log(1)"
    assert "immutable" in asset.headers["cache-control"]
    assert "not for the web" not in (await portal.get("/assets/../../secret.txt")).text
    assert "not for the web" not in (await portal.get("/%2e%2e/secret.txt")).text
    config = await portal.get("/portal-config.json")
    assert config.json() == CONFIG and config.headers["cache-control"] == "no-store"


async def test_api_and_public_reach_the_gateway_unchanged(dist: Path) -> None:
    seen: list[httpx.Request] = []

    async def gateway(request: httpx.Request) -> httpx.Response:
        await request.aread()
        seen.append(request)
        body = json.dumps({"title": "taken", "status": 409}).encode()
        return httpx.Response(  # streamed, as a real upstream's answer is
            409,
            headers={"content-type": "application/problem+json", "retry-after": "3"},
            stream=httpx.ByteStream(body),
        )

    app = create_app(dist, "http://gateway.invalid", CONFIG, httpx.MockTransport(gateway))
    portal = client(app)
    answer = await portal.post(
        "/api/identity/tenants?x=1&x=2",
        json={"slug": "acme"},
        headers={"Authorization": "Bearer t", "X-Tenant": "acme"},
    )
    assert answer.status_code == 409
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["retry-after"] == "3"
    assert answer.json() == {"title": "taken", "status": 409}
    request = seen[0]
    assert request.method == "POST"
    assert request.url.path == "/api/identity/tenants"
    assert request.url.query == b"x=1&x=2"
    assert request.headers["authorization"] == "Bearer t"
    assert request.headers["x-tenant"] == "acme"
    assert json.loads(request.content) == {"slug": "acme"}
    await portal.get("/public/v1/products")
    assert seen[1].url.path == "/public/v1/products"


async def test_an_unreachable_gateway_is_a_problem_not_a_crash(dist: Path) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    portal = client(create_app(dist, "http://gateway.invalid", CONFIG, httpx.MockTransport(down)))
    answer = await portal.get("/api/identity/me")
    assert answer.status_code == 502
    assert answer.headers["content-type"] == "application/problem+json"
