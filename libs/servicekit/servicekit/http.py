"""ASGI middleware shared by the services and the gateway: a server span per request (continuing
the caller's W3C trace), the request id, Prometheus metrics and one JSON access-log line."""

import logging
import time
import uuid

from opentelemetry import trace
from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit import telemetry
from servicekit.logs import request_id_var

log = logging.getLogger("access")

REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "route", "status"])
DURATION = Histogram("http_request_duration_seconds", "HTTP request duration", ["method", "route"])

UNTRACED = {"/healthz", "/readyz", "/metrics"}


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.tracer = telemetry.tracer(service)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNTRACED:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = headers.get("x-request-id") or str(uuid.uuid4())
        token = request_id_var.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_request_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        method = scope["method"]
        with self.tracer.start_as_current_span(
            f"{method} {scope['path']}",
            context=telemetry.extract(headers),
            kind=trace.SpanKind.SERVER,
        ) as span:
            span.set_attribute("http.request.method", method)
            span.set_attribute("url.path", scope["path"])
            span.set_attribute("backoffice.request_id", request_id)
            try:
                await self.app(scope, receive, send_with_request_id)
            finally:
                route = _route_of(scope)
                span.set_attribute("http.route", route)
                span.set_attribute("http.response.status_code", status)
                elapsed = time.perf_counter() - started
                REQUESTS.labels(method, route, str(status)).inc()
                DURATION.labels(method, route).observe(elapsed)
                log.info("%s %s %d %.1fms", method, scope["path"], status, elapsed * 1000.0)
                request_id_var.reset(token)
