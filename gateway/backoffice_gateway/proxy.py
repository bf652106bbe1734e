"""Forwarding a request to its service, streaming the body both ways."""

import httpx
from opentelemetry import trace
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import StreamingResponse

from servicekit import context_token, telemetry

# Headers that belong to one connection, or that only the gateway may set.
DROPPED_REQUEST_HEADERS = {
    "host",
    "connection",
    "keep-alive",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "authorization",
    "traceparent",
    "tracestate",
    "x-request-id",
    context_token.HEADER.lower(),
}
DROPPED_RESPONSE_HEADERS = {"connection", "keep-alive", "transfer-encoding", "x-request-id"}

tracer = telemetry.tracer("backoffice_gateway.proxy")


async def forward(
    client: httpx.AsyncClient,
    request: Request,
    base_url: str,
    token: str,
    request_id: str,
) -> StreamingResponse:
    headers = {k: v for k, v in request.headers.items() if k.lower() not in DROPPED_REQUEST_HEADERS}
    headers[context_token.HEADER] = token
    headers["x-request-id"] = request_id
    if request.client:
        headers["x-forwarded-for"] = request.client.host
    url = base_url + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    with tracer.start_as_current_span(
        f"forward {request.method}", kind=trace.SpanKind.CLIENT
    ) as span:
        span.set_attribute("url.full", url)
        headers = telemetry.inject(headers)
        has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
        upstream_request = client.build_request(
            request.method,
            url,
            headers=headers,
            content=request.stream() if has_body else None,
        )
        upstream = await client.send(upstream_request, stream=True)
        span.set_attribute("http.response.status_code", upstream.status_code)
    response_headers = {
        k: v for k, v in upstream.headers.items() if k.lower() not in DROPPED_RESPONSE_HEADERS
    }
    return StreamingResponse(
        upstream.aiter_raw(),
        status_code=upstream.status_code,
        headers=response_headers,
        background=BackgroundTask(upstream.aclose),
    )
