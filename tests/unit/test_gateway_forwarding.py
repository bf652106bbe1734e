"""The gateway passes a service's answer back: whole, with its length, when the service gave one
(one body message instead of a chunked stream), streamed when it is large or of unknown length,
and as a failure to answer (502) when the service breaks off before its answer is whole."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from backoffice_gateway.proxy import STREAM_ABOVE, UpstreamFailed, Upstreams

SMALL = b'{"items": []}'
LARGE = b"x" * (STREAM_ABOVE + 1)


async def _small(_: web.Request) -> web.Response:
    return web.Response(body=SMALL, content_type="application/json")


async def _large(_: web.Request) -> web.Response:
    return web.Response(body=LARGE, content_type="application/octet-stream")


async def _unknown_length(request: web.Request) -> web.StreamResponse:
    answer = web.StreamResponse()
    answer.enable_chunked_encoding()
    await answer.prepare(request)
    for part in (b"one,", b"two,", b"three"):
        await answer.write(part)
    await answer.write_eof()
    return answer


async def _broken_off(request: web.Request) -> web.StreamResponse:
    answer = web.StreamResponse(headers={"Content-Length": "1000"})
    await answer.prepare(request)
    await answer.write(b"only part of it")
    assert request.transport is not None
    request.transport.close()
    return answer


@pytest.fixture
async def service() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/small", _small)
    app.router.add_get("/large", _large)
    app.router.add_get("/unknown", _unknown_length)
    app.router.add_get("/broken", _broken_off)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def _forward(base_url: str, path: str, method: str = "GET") -> list[dict[str, Any]]:
    """The ASGI messages the gateway sends its client for `path`."""
    upstreams = Upstreams(timeout_seconds=5)
    await upstreams.start()
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "method": method,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"gateway")],
    }
    try:
        await upstreams.forward(scope, receive, send, base_url, {"X-Request-Id": "r-1"})
    finally:
        await upstreams.close()
    return sent


def _length(start: dict[str, Any]) -> str | None:
    found = [v.decode() for k, v in start["headers"] if k.lower() == b"content-length"]
    return found[0] if found else None


async def test_an_answer_of_known_length_goes_back_whole(service: str) -> None:
    start, *bodies = await _forward(service, "/small")
    assert start["status"] == 200
    assert _length(start) == str(len(SMALL))
    assert bodies == [{"type": "http.response.body", "body": SMALL, "more_body": False}]


async def test_a_large_answer_and_one_of_unknown_length_are_streamed(service: str) -> None:
    for path, expected in (("/large", LARGE), ("/unknown", b"one,two,three")):
        start, *bodies = await _forward(service, path)
        assert start["status"] == 200
        assert _length(start) is None  # the gateway's server frames it as it goes
        assert b"".join(b["body"] for b in bodies) == expected
        assert bodies[-1]["more_body"] is False


async def test_a_head_request_is_answered_without_a_body(service: str) -> None:
    start, *bodies = await _forward(service, "/small", method="HEAD")
    assert start["status"] == 200
    assert b"".join(b["body"] for b in bodies) == b""


async def test_an_answer_broken_off_is_a_failure_before_anything_is_sent(service: str) -> None:
    sent: list[dict[str, Any]] = []
    with pytest.raises(UpstreamFailed):
        sent = await asyncio.wait_for(_forward(service, "/broken"), timeout=10)
    assert sent == []
