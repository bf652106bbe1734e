"""Forwarding a request to its service over pooled keep-alive connections (aiohttp); the answer
passed back whole when the service gave its length (up to STREAM_ABOVE), else streamed as it
comes. httpx cost a fifth of the gateway's time per request, most of it in
looking up which async library runs it; aiohttp's client does the same work in a fraction."""

import asyncio
from collections.abc import AsyncIterator

import aiohttp
from starlette.types import Receive, Scope, Send

from servicekit import context_token

# Headers that belong to one connection, or that only the gateway may set.
DROPPED_REQUEST_HEADERS = {
    b"host",
    b"connection",
    b"keep-alive",
    b"proxy-authorization",
    b"te",
    b"trailer",
    b"transfer-encoding",
    b"upgrade",
    b"authorization",
    b"traceparent",
    b"tracestate",
    b"x-request-id",
    b"x-forwarded-for",
    b"content-length",  # set again from the body read
    context_token.HEADER.lower().encode(),
}
DROPPED_RESPONSE_HEADERS = {
    b"connection",
    b"keep-alive",
    b"transfer-encoding",
    b"x-request-id",
    b"content-length",  # the body is streamed on; the server frames it again
}


STREAM_ABOVE = 1_048_576  # a body larger than this (an upload, a download) goes on as it comes


class UpstreamFailed(Exception):
    """The service could not be reached or did not answer in time (before any answer began)."""


async def read_body(receive: Receive) -> bytes:
    """The whole request body; BodyLimitMiddleware has already refused one over the limit."""
    return b"".join([chunk async for chunk in body_chunks(receive)])


async def body_chunks(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise asyncio.CancelledError
        yield message.get("body", b"")
        if not message.get("more_body", False):
            return


def _declared_length(scope: Scope) -> int:
    for key, value in scope["headers"]:
        if key == b"content-length" and value.isdigit():
            return int(value)
    return 0


class Upstreams:
    """One connection pool for all services."""

    def __init__(self, timeout_seconds: float) -> None:
        self.timeout = aiohttp.ClientTimeout(total=None, sock_connect=5, sock_read=timeout_seconds)
        self.session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        connector = aiohttp.TCPConnector(limit=512, keepalive_timeout=30)
        self.session = aiohttp.ClientSession(
            connector=connector,
            timeout=self.timeout,
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
        )

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    async def forward(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        base_url: str,
        extra_headers: dict[str, str],
    ) -> int:
        """Sends the request on with the client's headers (less those above) and
        `extra_headers`; passes the answer back; its status. UpstreamFailed before it began."""
        assert self.session is not None
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope["headers"]
            if k not in DROPPED_REQUEST_HEADERS
        ]
        headers.extend(extra_headers.items())
        url = base_url + scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        body: bytes | AsyncIterator[bytes]
        if (length := _declared_length(scope)) > STREAM_ABOVE:
            body = body_chunks(receive)  # never whole in memory; its length is known
            headers.append(("Content-Length", str(length)))
        else:
            body = await read_body(receive)
        try:
            response = await self.session.request(
                scope["method"],
                url,
                headers=headers,
                data=body if body or scope["method"] in ("POST", "PUT", "PATCH") else None,
                allow_redirects=False,
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise UpstreamFailed(str(exc)) from exc
        async with response:
            out = [
                (k, _local(v, base_url) if k.lower() == b"location" else v)
                for k, v in response.raw_headers
                if k.lower() not in DROPPED_RESPONSE_HEADERS
            ]
            whole = response.content_length
            if whole is not None and whole <= STREAM_ABOVE and scope["method"] != "HEAD":
                # Most answers: passed on whole with their length, one body message (a
                # chunked answer costs the server another write for its end).
                try:
                    answer = await response.read()
                except (aiohttp.ClientError, TimeoutError) as exc:
                    raise UpstreamFailed(str(exc)) from exc
                out.append((b"content-length", str(len(answer)).encode()))
                start = {"type": "http.response.start", "status": response.status, "headers": out}
                await send(start)
                await send({"type": "http.response.body", "body": answer, "more_body": False})
                return response.status
            await send({"type": "http.response.start", "status": response.status, "headers": out})
            async for chunk in response.content.iter_any():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        return response.status


def _local(location: bytes, base_url: str) -> bytes:
    """A redirect to the service's own address, made relative: the internal address never
    leaves the gateway."""
    base = base_url.encode("latin-1")
    return location[len(base) :] or b"/" if location.startswith(base) else location
