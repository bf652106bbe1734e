"""ASGI middleware shared by the services and the gateway: a server span per request (continuing
the caller's W3C trace), the request id, Prometheus metrics and one JSON access-log line."""

import logging
import re
import time
import uuid
from collections.abc import Mapping

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


MAX_BODY_BYTES = 1_048_576


class BodyLimitMiddleware:
    """Refuse request bodies over `max_bytes` with 413 before anything reads them. A body
    without a declared length is read up to the limit first, then handed on.

    `uploads`: paths (exact) that take larger bodies, such as a conversion package; those are
    streamed to the route, never gathered here, so they must declare their length (411)."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        uploads: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.uploads = dict(uploads or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from servicekit.problems import problem_response

        limit = self.uploads.get(scope["path"], self.max_bytes)

        async def too_large(scope: Scope, receive: Receive, send: Send) -> None:
            detail = f"The request body is larger than {limit} bytes"
            await problem_response(413, detail, title="Too large")(scope, receive, send)

        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await too_large(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if b"transfer-encoding" not in headers:
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.uploads and scope["method"] in ("POST", "PUT", "PATCH"):
            detail = "An upload declares its length (Content-Length)"
            await problem_response(411, detail, title="Length required")(scope, receive, send)
            return
        limit = self.max_bytes  # a body without a length is gathered here: never an upload's
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


MAX_JSON_DEPTH = 32
_STRUCTURE = re.compile(rb'\\.|"|[\[{]|[\]}]')


def json_depth(body: bytes) -> int:
    """How deeply `body` nests arrays and objects (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = False
    for match in _STRUCTURE.finditer(body):
        token = match.group()
        if token[0] == 0x5C:  # a backslash escape, inside a string
            continue
        if token == b'"':
            in_string = not in_string
        elif in_string:
            continue
        elif token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class JsonDepthMiddleware:
    """Refuse JSON bodies nested deeper than MAX_JSON_DEPTH with 422 before anything parses
    them: no request of this API nests that deep, and parsing and validating hundreds of levels
    exhausts the interpreter's recursion (a 500)."""

    def __init__(self, app: ASGIApp, max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        content_type = dict(scope["headers"]).get(b"content-type", b"")
        if b"json" not in content_type:
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body.count(b"[") + body.count(b"{") > self.max_depth and (
            json_depth(body) > self.max_depth
        ):
            from servicekit.problems import problem_response

            message_text = f"nested deeper than {self.max_depth} levels"
            refused = problem_response(
                422,
                f"The body is {message_text}",
                errors=[{"field": "body", "message": message_text}],
            )
            await refused(scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
