"""The gateway's app: `uvicorn backoffice_gateway.main:app`.

For each request: match the declared route (deny by default), verify the Keycloak token, resolve
the tenant and decide the (module, action), then forward with a signed context token.
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from nats.aio.client import Client
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

from backoffice_gateway.access import AccessDirectory, AccessUnavailable, Decision
from backoffice_gateway.audit import AccessRecord
from backoffice_gateway.audit import publish as publish_access
from backoffice_gateway.openapi import aggregate
from backoffice_gateway.proxy import forward
from backoffice_gateway.routes import Route, RouteTable
from backoffice_gateway.settings import GatewaySettings
from backoffice_gateway.tokens import Caller, JwksCache, TokenError, TokenVerifier
from servicekit import context_token, messaging
from servicekit.catalogue import contracts_dir
from servicekit.context_token import RequestContext
from servicekit.http import BodyLimitMiddleware, ObservabilityMiddleware
from servicekit.logs import request_id_var, setup_logging
from servicekit.problems import install_problem_handlers, problem_response
from servicekit.telemetry import setup_tracing

settings = GatewaySettings()
setup_logging("gateway", settings.log_level)
setup_tracing("gateway")

log = logging.getLogger(__name__)

DECISIONS = Counter("gateway_decisions_total", "Gateway decisions", ["outcome"])


class Gateway:
    def __init__(self, settings: GatewaySettings) -> None:
        self.settings = settings
        self.routes = RouteTable.from_contracts(contracts_dir() / "openapi")
        self.openapi = aggregate(contracts_dir() / "openapi")
        self.private_key = settings.private_key_pem()
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_timeout_seconds, connect=5.0)
        )
        self.verifier = TokenVerifier(
            JwksCache(settings.jwks_url, self.client), settings.issuer, settings.token_audience
        )
        self.nc: Client | None = None
        self.access: AccessDirectory | None = None

    async def connect(self) -> None:
        async def on_reconnected() -> None:
            # Changes may have been pushed while we were away: decide afresh.
            if self.access is not None:
                self.access.clear()

        while self.nc is None:
            try:
                nc = await messaging.connect(self.settings.nats_url, "gateway", on_reconnected)
            except Exception:
                await asyncio.sleep(1)
                continue
            self.access = AccessDirectory(nc, self.settings.access_cache_seconds)
            await self.access.start()
            self.nc = nc


def create_app() -> FastAPI:
    gateway = Gateway(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        connecting = asyncio.create_task(gateway.connect())
        try:
            yield
        finally:
            connecting.cancel()
            with suppress(asyncio.CancelledError):
                await connecting
            if gateway.nc is not None:
                with suppress(Exception):
                    await gateway.nc.drain()
            await gateway.client.aclose()

    app = FastAPI(
        title="Insurance back office gateway", lifespan=lifespan, openapi_url=None, docs_url=None
    )
    install_problem_handlers(app)

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> JSONResponse:
        return JSONResponse(gateway.openapi)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Back office API")

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        nats_ok = gateway.nc is not None and gateway.nc.is_connected
        checks = {"nats": "ok" if nats_ok else "unreachable"}
        return JSONResponse(
            {"ready": nats_ok, "checks": checks}, status_code=200 if nats_ok else 503
        )

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    @app.api_route("/api/{path:path}", methods=methods, include_in_schema=False)
    @app.api_route("/public/{path:path}", methods=methods, include_in_schema=False)
    async def gate(request: Request) -> Response:
        return await handle(gateway, request)

    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(ObservabilityMiddleware, service="gateway")
    return app


def _refuse(outcome: str, status: int, detail: str, **kwargs: Any) -> Response:
    DECISIONS.labels(outcome).inc()
    return problem_response(status, detail, **kwargs)


async def handle(gateway: Gateway, request: Request) -> Response:
    match = gateway.routes.match(request.method, request.url.path)
    if match.route is None:
        if match.path_known:
            return _refuse("no-route", 405, f"{request.method} is not allowed here")
        return _refuse("no-route", 404, f"No route {request.url.path}")
    route = match.route

    authorization = request.headers.get("authorization", "")
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

    requested_tenant = request.headers.get("x-tenant") or None
    request_id = request_id_var.get() or str(uuid.uuid4())
    ctx = RequestContext(
        subject=caller.subject,
        username=caller.username,
        tenant=None,
        acting_as="client"
        if caller.client_id
        else ("operator" if "platform-operator" in caller.roles else "employee"),
        request_id=request_id,
        roles=caller.roles,
        requested_tenant=requested_tenant,
        token_tenant=caller.token_tenant,
        client_id=caller.client_id,
        channel=str(caller.claims["channel"]) if caller.client_id else None,
        test_client=caller.client_id is not None and caller.claims.get("test") in (True, "true"),
    )
    if route.access != "authenticated":
        # Module and public routes: decided here, recorded in the tenant's audit trail.
        decided = await _decide(gateway, request, route, caller, ctx)
        if isinstance(decided, Response):
            return decided
        ctx = decided
    DECISIONS.labels("allowed").inc()
    signed = context_token.sign(ctx, gateway.private_key)
    try:
        return await forward(
            gateway.client,
            request,
            gateway.settings.service_url(route.service),
            signed,
            request_id,
        )
    except Exception:
        log.exception("forwarding to %s failed", route.service)
        return problem_response(502, f"The {route.service} service did not answer")


def _refusal(route: Route, decision: Decision) -> tuple[int, str] | None:
    if not decision.allowed:
        return decision.status, decision.detail
    if route.access == "public-client":
        if decision.acting_as != "client":
            return 403, "The public API is for registered API clients"
        return None
    if decision.acting_as == "client":
        return 403, "API clients reach the public API only"
    if f"{route.module}:{route.action}" not in decision.rights:
        return 403, f"You may not {route.action} in {route.module}"
    return None


async def _decide(
    gateway: Gateway, request: Request, route: Route, caller: Caller, ctx: RequestContext
) -> RequestContext | Response:
    if gateway.access is None or gateway.nc is None:
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
        ctx.requested_tenant if "platform-operator" in caller.roles else caller.token_tenant
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
            method=request.method,
            path=request.url.path,
            outcome="refused" if refusal else "allowed",
            status=refusal[0] if refusal else 200,
            request_id=ctx.request_id,
            detail=refusal[1] if refusal else None,
        )
        try:
            await publish_access(gateway.nc, record)
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
