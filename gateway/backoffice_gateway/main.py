"""The gateway's app: `uvicorn backoffice_gateway.main:app`.

For each request: match the declared route (deny by default), verify the Keycloak token, resolve
the tenant and decide the (module, action), then forward with a signed context token.

A plain ASGI app, not a web framework: every request under /api and /public takes the one path
below, so routing, dependency injection and response classes would only cost time (the gateway
used to add eleven milliseconds to a request that a proxy hop adds a quarter of one to). The few
operational pages (health, metrics, the API documentation) are a small Starlette app beside it.
"""

import asyncio
import logging
import re
import uuid
from contextlib import suppress
from typing import Any

import httpx
from nats.aio.client import Client
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route as StarletteRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from backoffice_gateway.access import AccessDirectory, AccessUnavailable
from backoffice_gateway.audit import AccessRecord, AuditRecorder
from backoffice_gateway.openapi import aggregate
from backoffice_gateway.proxy import UpstreamFailed, Upstreams
from backoffice_gateway.routes import Route, RouteTable
from backoffice_gateway.settings import UPLOAD_PATHS, GatewaySettings
from backoffice_gateway.tokens import Caller, JwksCache, TokenError, TokenVerifier
from servicekit import context_token, heap, messaging, telemetry
from servicekit.access import (
    AUTHENTICATED_ACCESS,
    PUBLIC_CLIENT_ACCESS,
    Decision,
    is_operator,
)
from servicekit.catalogue import contracts_dir
from servicekit.context_token import RequestContext
from servicekit.http import BodyLimitMiddleware, ObservabilityMiddleware
from servicekit.logs import request_id_var, setup_logging
from servicekit.problems import problem_response
from servicekit.telemetry import setup_tracing

settings = GatewaySettings()
setup_logging("gateway", settings.log_level)
setup_tracing("gateway")

log = logging.getLogger(__name__)

DECISIONS = Counter("gateway_decisions_total", "Gateway decisions", ["outcome"])
GATED = ("/api/", "/public/")


class Gateway:
    def __init__(self, settings: GatewaySettings) -> None:
        self.settings = settings
        self.routes = RouteTable.from_contracts(contracts_dir() / "openapi")
        self.openapi = aggregate(contracts_dir() / "openapi")
        self.private_key = settings.private_key_pem()
        self.upstreams = Upstreams(settings.upstream_timeout_seconds)
        self.verifier = TokenVerifier(
            JwksCache(settings.jwks_url), settings.issuer, settings.token_audience
        )
        self.nc: Client | None = None
        self.access: AccessDirectory | None = None
        self.audit: AuditRecorder | None = None
        self.connecting: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.upstreams.start()
        self.connecting = asyncio.create_task(self.connect())

    async def stop(self) -> None:
        if self.connecting is not None:
            self.connecting.cancel()
            with suppress(asyncio.CancelledError):
                await self.connecting
        if self.nc is not None:
            with suppress(Exception):
                await self.nc.drain()
        await self.upstreams.close()
        await self.verifier.jwks.close()

    async def connect(self) -> None:
        async def on_reconnected() -> None:
            # Changes may have been pushed while we were away: decide afresh.
            if self.access is not None:
                self.access.clear()

        while self.nc is None:
            try:
                nc = await messaging.connect(
                    self.settings.nats_url, "gateway", on_reconnected, self.settings.nats_ca_file
                )
            except Exception:
                await asyncio.sleep(1)
                continue
            self.access = AccessDirectory(nc, self.settings.access_cache_seconds)
            await self.access.start()
            self.audit = AuditRecorder(nc)
            self.nc = nc


def operations_app(gateway: Gateway) -> Starlette:
    """Health, readiness, metrics and the API documentation."""

    async def openapi(_: Request) -> JSONResponse:
        return JSONResponse(gateway.openapi)

    async def docs(_: Request) -> HTMLResponse:
        from fastapi.openapi.docs import get_swagger_ui_html

        return get_swagger_ui_html(openapi_url="/openapi.json", title="Back office API")

    async def healthz(_: Request) -> JSONResponse:
        return JSONResponse({"status": "alive"})

    async def readyz(_: Request) -> JSONResponse:
        nats_ok = gateway.nc is not None and gateway.nc.is_connected
        checks = {"nats": "ok" if nats_ok else "unreachable"}
        return JSONResponse(
            {"ready": nats_ok, "checks": checks}, status_code=200 if nats_ok else 503
        )

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    async def not_found(request: Request, _: Exception) -> Response:
        return problem_response(404, f"No route {request.url.path}")

    return Starlette(
        routes=[
            StarletteRoute("/openapi.json", openapi),
            StarletteRoute("/docs", docs),
            StarletteRoute("/healthz", healthz),
            StarletteRoute("/readyz", readyz),
            StarletteRoute("/metrics", metrics),
        ],
        exception_handlers={404: not_found},
    )


class GatewayApp:
    """The ASGI app: /api and /public through the gate, the rest to the operations pages."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway
        gate: ASGIApp = self.gate
        uploads = {path: gateway.settings.upload_max_bytes for path in UPLOAD_PATHS}
        self.gated = ObservabilityMiddleware(
            BodyLimitMiddleware(gate, uploads=uploads), service="gateway"
        )
        self.operations = operations_app(gateway)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith(GATED):
                await self.gated(scope, receive, send)
            else:
                await self.operations(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self.lifespan(receive, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.gateway.start()
                heap.settle()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.gateway.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def gate(self, scope: Scope, receive: Receive, send: Send) -> None:
        await handle(self.gateway, scope, receive, send)


def create_app() -> GatewayApp:
    return GatewayApp(Gateway(settings))


def _refuse(outcome: str, status: int, detail: str, **kwargs: Any) -> Response:
    DECISIONS.labels(outcome).inc()
    return problem_response(status, detail, **kwargs)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def handle(gateway: Gateway, scope: Scope, receive: Receive, send: Send) -> None:
    answer = await _admit(gateway, scope)
    if isinstance(answer, Response):
        await answer(scope, receive, send)
        return
    route, ctx = answer
    DECISIONS.labels("allowed").inc()
    headers = telemetry.inject(
        {
            context_token.HEADER: context_token.sign(ctx, gateway.private_key),
            "x-request-id": ctx.request_id,
        }
    )
    client = scope.get("client")
    if client:
        headers["x-forwarded-for"] = str(client[0])
    try:
        await gateway.upstreams.forward(
            scope, receive, send, gateway.settings.service_url(route.service), headers
        )
    except UpstreamFailed as exc:
        log.warning("forwarding to %s failed: %s", route.service, exc)
        failed = problem_response(502, f"The {route.service} service did not answer")
        await failed(scope, receive, send)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def non_canonical(path: str, raw_path: bytes) -> str | None:
    """Why a path is refused before anything is decided on it, or None. A control character
    (a NUL) cannot be recorded in the audit trail or sent on; `.` and `..` segments, empty
    segments and encoded slashes would mean one thing here and another at the service."""
    if _CONTROL.search(path):
        return "a control character"
    segments = path.split("/")[1:]
    if any(s in (".", "..") for s in segments):
        return "a . or .. segment"
    if any(not s for s in segments[:-1]):
        return "an empty segment"
    if b"%2f" in raw_path.lower() or b"%5c" in raw_path.lower() or "\\" in path:
        return "an encoded slash"
    return None


async def _admit(gateway: Gateway, scope: Scope) -> tuple[Route, RequestContext] | Response:
    """The route and the context to forward with, or the refusal to answer."""
    method, path = scope["method"], scope["path"]
    if why := non_canonical(path, scope.get("raw_path") or path.encode()):
        return _refuse("bad-path", 400, f"The path holds {why}")
    match = gateway.routes.match(method, path)
    if match.route is None:
        if match.path_known:
            return _refuse("no-route", 405, f"{method} is not allowed here")
        return _refuse("no-route", 404, f"No route {path}")
    route = match.route
    scope["route"] = route  # names the route in the metrics

    authorization = _header(scope, b"authorization") or ""
    scheme, _, token = authorization.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="backoffice"'}
    if scheme.lower() != "bearer" or not token:
        return _refuse("unauthenticated", 401, "A bearer token is required", headers=challenge)
    try:
        caller = await gateway.verifier.verify(token.strip())
    except TokenError as exc:
        return _refuse("unauthenticated", 401, str(exc), headers=challenge)
    except httpx.HTTPError:
        return _refuse("unavailable", 503, "The login service cannot be reached")

    requested_tenant = _header(scope, b"x-tenant") or None
    request_id = request_id_var.get() or str(uuid.uuid4())
    ctx = RequestContext(
        subject=caller.subject,
        username=caller.username,
        tenant=None,
        acting_as="client"
        if caller.client_id
        else ("operator" if is_operator(caller.roles) else "employee"),
        request_id=request_id,
        roles=caller.roles,
        requested_tenant=requested_tenant,
        token_tenant=caller.token_tenant,
        client_id=caller.client_id,
        channel=str(caller.claims["channel"]) if caller.client_id else None,
        test_client=caller.client_id is not None and caller.claims.get("test") in (True, "true"),
    )
    if route.access == AUTHENTICATED_ACCESS:
        if caller.client_id:  # who-am-I and administration are for people
            return _refuse("denied", 403, "API clients reach the public API only")
        return route, ctx
    # Module and public routes: decided here, recorded in the tenant's audit trail.
    decided = await _decide(gateway, method, path, route, caller, ctx)
    if isinstance(decided, Response):
        return decided
    return route, decided


def _refusal(route: Route, decision: Decision) -> tuple[int, str] | None:
    if not decision.allowed:
        return decision.status, decision.detail
    if route.access == PUBLIC_CLIENT_ACCESS:
        if decision.acting_as != "client":
            return 403, "The public API is for registered API clients"
        return None
    if decision.acting_as == "client":
        return 403, "API clients reach the public API only"
    if f"{route.module}:{route.action}" not in decision.rights:
        if route.administration and decision.acting_as == "administrator":
            return None
        return 403, f"You may not {route.action} in {route.module}"
    return None


async def _decide(
    gateway: Gateway, method: str, path: str, route: Route, caller: Caller, ctx: RequestContext
) -> RequestContext | Response:
    if gateway.access is None or gateway.audit is None:
        return _refuse("unavailable", 503, "Access decisions are not available yet")
    try:
        decision = await gateway.access.decide(caller, ctx.requested_tenant)
    except AccessUnavailable:
        return _refuse("unavailable", 503, "Access decisions are not available right now")
    refusal = _refusal(route, decision)
    right = f"{route.module}:{route.action}"
    grant_id = decision.grants.get(right)
    acting_as = decision.acting_as or ctx.acting_as
    audit_tenant = decision.tenant or (
        ctx.requested_tenant if is_operator(caller.roles) else caller.token_tenant
    )
    # No trail for a tenant that does not exist or was not named.
    if audit_tenant and (refusal is None or refusal[0] not in (400, 404)):
        record = AccessRecord(
            tenant=audit_tenant,
            subject=caller.subject,
            username=caller.username,
            acting_as=acting_as,
            grant_id=grant_id,
            module=route.module,
            action=route.action,
            method=method,
            path=path,
            outcome="refused" if refusal else "allowed",
            status=refusal[0] if refusal else 200,
            request_id=ctx.request_id,
            detail=refusal[1] if refusal else None,
        )
        try:
            await gateway.audit.record(record)
        except Exception:
            return _refuse("unavailable", 503, "The audit trail cannot be written right now")
    if refusal:
        return _refuse("denied", *refusal)
    return RequestContext(
        **{
            **ctx.__dict__,
            "tenant": decision.tenant,
            "acting_as": acting_as,
            "grant_id": grant_id,
            "module": route.module,
            "action": route.action,
            "rights": tuple(sorted(decision.rights)),
        }
    )


app = create_app()
