"""Request bodies are held to 1 MiB before anything reads them, except on the paths that take an
upload (a conversion package), which take more but only with a declared length, streamed on."""

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from servicekit.http import MAX_BODY_BYTES, BodyLimitMiddleware

UPLOAD_LIMIT = 3 * MAX_BODY_BYTES


async def size_of_body(request: Request) -> JSONResponse:
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
    return JSONResponse({"size": size})


APP = BodyLimitMiddleware(
    Starlette(routes=[Route("/{path:path}", size_of_body, methods=["GET", "POST"])]),
    uploads={"/api/imports": UPLOAD_LIMIT},
)


async def send(method: str, path: str, body: bytes, *, chunked: bool = False) -> httpx.Response:
    async def chunks():  # type: ignore[no-untyped-def]
        for start in range(0, len(body), 65536):
            yield body[start : start + 65536]

    transport = httpx.ASGITransport(app=APP)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        content = chunks() if chunked else body
        return await client.request(method, path, content=content)


@pytest.mark.parametrize(
    ("path", "size", "chunked", "status"),
    [
        ("/api/relations", MAX_BODY_BYTES, False, 200),
        ("/api/relations", MAX_BODY_BYTES + 1, False, 413),
        ("/api/relations", MAX_BODY_BYTES + 1, True, 413),
        ("/api/imports", 2 * MAX_BODY_BYTES, False, 200),
        ("/api/imports", UPLOAD_LIMIT + 1, False, 413),
        ("/api/imports", 1000, True, 411),
        ("/api/imports/x/check", 2 * MAX_BODY_BYTES, False, 413),
    ],
)
async def test_a_body_is_held_to_the_limit_of_its_path(
    path: str, size: int, chunked: bool, status: int
) -> None:
    answer = await send("POST", path, b"x" * size, chunked=chunked)
    assert answer.status_code == status, answer.text
    if status == 200:
        assert answer.json() == {"size": size}
    else:
        assert answer.headers["content-type"] == "application/problem+json"


async def test_a_read_of_an_upload_path_without_a_length_is_let_through() -> None:
    # A proxy may frame even an empty GET as chunked (the portal's development server does).
    answer = await send("GET", "/api/imports", b"", chunked=True)
    assert answer.status_code == 200
