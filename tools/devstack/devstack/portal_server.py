"""The portal on the API's origin: the built files at `/` (any other path gets index.html, so the
single-page application routes it), `/api` and `/public` passed through to the gateway, and
`/portal-config.json` telling the application where Keycloak is. The gateway stays lean and sends
no CORS headers; this process does the serving, as the static server does in Kubernetes.

`python -m devstack.portal_server --port 8000 --dist portal/dist --gateway URL --config JSON`"""

import argparse
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

PROXIED = ("/api/", "/public/")
# Hop-by-hop headers end at each hop (RFC 9110 7.6.1); the body length is the server's to set.
HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}


def security_headers(authority: str) -> dict[str, str]:
    keycloak = "{0.scheme}://{0.netloc}".format(urlsplit(authority))
    policy = "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            # Mantine sets style attributes and CSS variables at run time.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self' {keycloak}/",
            "frame-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        )
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


async def _proxy(client: httpx.AsyncClient, request: Request) -> Response:
    """`request` passed on to the gateway and its answer streamed back, as nginx does."""
    forwarded = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP]
    if length := request.headers.get("content-length"):
        # The body streams on with the length it was declared with, as nginx sends it on:
        # an upload (a conversion package) is taken only with its length.
        forwarded.append(("content-length", length))
    upstream = client.build_request(
        request.method,
        request.url.path,
        params=str(request.query_params),
        headers=forwarded,
        content=request.stream(),
    )
    try:
        answer = await client.send(upstream, stream=True)
    except httpx.HTTPError:
        return JSONResponse(
            {"title": "The gateway cannot be reached", "status": 502},
            status_code=502,
            media_type="application/problem+json",
        )

    async def body() -> AsyncIterator[bytes]:
        async for chunk in answer.aiter_raw():
            yield chunk

    kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP}
    return StreamingResponse(
        body(), answer.status_code, kept, background=BackgroundTask(answer.aclose)
    )


def create_app(
    dist: Path,
    gateway: str,
    config: dict[str, Any],
    transport: httpx.AsyncBaseTransport | None = None,  # tests put a gateway of their own here
) -> Starlette:
    client = httpx.AsyncClient(base_url=gateway, timeout=60, transport=transport)
    headers = security_headers(str(config["authority"]))
    root = dist.resolve()

    async def static(request: Request) -> Response:
        path = request.url.path
        if path.startswith(PROXIED):
            return await _proxy(client, request)
        if path == "/portal-config.json":
            return JSONResponse(config, headers={"Cache-Control": "no-store", **headers})
        file = (root / path.lstrip("/")).resolve()
        if path != "/" and file.is_file() and file.is_relative_to(root):
            # Vite names assets by their content hash: they never change under their name.
            cache = "public, max-age=31536000, immutable" if "/assets/" in path else "no-cache"
            return FileResponse(file, headers={"Cache-Control": cache, **headers})
        return FileResponse(root / "index.html", headers={"Cache-Control": "no-cache", **headers})

    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await client.aclose()

    return Starlette(routes=[Route("/{path:path}", static, methods=methods)], lifespan=lifespan)


def main() -> None:
    parser = argparse.ArgumentParser(prog="devstack.portal_server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dist", type=Path, required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--config", required=True, help="JSON served as /portal-config.json")
    args = parser.parse_args()
    app = create_app(args.dist, args.gateway, json.loads(args.config))
    uvicorn.run(app, host="127.0.0.1", port=args.port, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
