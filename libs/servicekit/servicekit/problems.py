"""Errors as application/problem+json (RFC 9457), the same shape from every service."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from backoffice_domain.refusals import Conflict, Invalid, NotFound, NotPermitted, Refusal

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    502: "Bad gateway",
    503: "Service unavailable",
}


# SQLSTATE class 22 (data exception): what the database says of a value it cannot take.
_DATA_ERRORS = {
    "22021": "holds a character that cannot be stored (such as NUL)",
    "22P05": "holds a character that cannot be stored (such as NUL)",
    "22003": "is a number out of range",
    "22008": "is a date or time out of range",
    "22007": "is not a valid date or time",
    "22P02": "is not in the form it should have",
    "22001": "is too long",
}


class Problem(Exception):
    """Raise to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or TITLES.get(status, "Error")
        self.errors = errors
        self.headers = headers


def invalid(field: str, message: str, detail: str) -> Problem:
    """A 422 naming the one field that is wrong."""
    return Problem(422, detail, errors=[{"field": field, "message": message}])


# The answer to each kind of domain refusal (backoffice_domain.refusals).
REFUSAL_STATUS: dict[type[Refusal], int] = {
    Conflict: 409,
    NotPermitted: 403,
    Invalid: 422,
    NotFound: 404,
}


def problem_for(refusal: Refusal) -> Problem:
    """The problem answer to a pure rule's refusal: its status by kind, its text as the detail,
    its field (if it names one) in `errors`."""
    status = next(
        (s for kind, s in REFUSAL_STATUS.items() if isinstance(refusal, kind)),
        422,
    )
    return Problem(status, refusal.detail, errors=refusal.errors)


@contextmanager
def answering_refusals() -> Iterator[None]:
    """Around the call of a pure rule in a function that is also called outside a request (a
    test, a job): its refusal leaves as the problem answer, as it would reach the client."""
    try:
        yield
    except Refusal as refusal:
        raise problem_for(refusal) from refusal


# A refusal for the moment (503: the database, NATS or another service away) says when to ask
# again, so that a client backs off instead of asking at once; a caller may name its own.
RETRY_AFTER_SECONDS = "5"


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    if status == 503 and not any(k.lower() == "retry-after" for k in headers or {}):
        headers = {**(headers or {}), "Retry-After": RETRY_AFTER_SECONDS}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or str(loc[-1] if loc else "")


def _error(e: Any) -> dict[str, str]:
    """One validation error on its field; JSON that does not parse is the body's fault, at a
    position (which FastAPI puts where a field name goes)."""
    loc = tuple(e["loc"])
    if e.get("type") == "json_invalid":
        at = loc[-1] if len(loc) > 1 and isinstance(loc[-1], int) else None
        why = (e.get("ctx") or {}).get("error") or "cannot be read"
        where = f" at character {at}" if at is not None else ""
        return {"field": "body", "message": f"not valid JSON{where}: {why}"}
    return {"field": _field(loc), "message": e["msg"]}


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(
            exc.status, exc.detail, title=exc.title, errors=exc.errors, headers=exc.headers
        )

    async def on_refusal(_: Request, exc: Exception) -> JSONResponse:
        # A domain rule's refusal that an endpoint let through: answered by its kind.
        assert isinstance(exc, Refusal)
        problem = problem_for(exc)
        return problem_response(problem.status, problem.detail, errors=problem.errors)

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # JSON that Python cannot read (e.g. a number of thousands of digits): invalid input.
            errors = [{"field": "body", "message": "not valid JSON"}]
            return problem_response(422, "The body is not valid JSON", errors=errors)
        return problem_response(exc.status_code, str(exc.detail), headers=headers)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [_error(e) for e in exc.errors()]
        fields = ", ".join(sorted({e["field"] for e in errors}))
        unreadable = [e["message"] for e in errors if e["message"].startswith("not valid JSON")]
        detail = f"The body is {unreadable[0]}" if unreadable else f"Invalid input: {fields}"
        return problem_response(422, detail, errors=errors)

    async def on_integrity(_: Request, exc: Exception) -> JSONResponse:
        # A unique key taken by a concurrent request (the same Idempotency-Key, the same
        # number) is a conflict the caller can retry; anything else is a real fault.
        assert isinstance(exc, IntegrityError)
        if getattr(exc.orig, "sqlstate", None) == "23505" or "UniqueViolation" in repr(exc.orig):
            return problem_response(409, "A concurrent request made the same change; retry it")
        raise exc

    async def on_database(_: Request, exc: Exception) -> JSONResponse:
        # A value the request carried that the database cannot hold (a NUL in a text, a number
        # beyond its column, a malformed id in a cursor): the request's fault, and its
        # transaction is undone. Any other database error is a real fault.
        assert isinstance(exc, DBAPIError)
        if exc.connection_invalidated:
            # The database dropped the connection (a restart, a failover); the pool has let go
            # of every connection made before, so the same request succeeds when asked again.
            return problem_response(
                503, "The database connection was lost; retry", headers={"Retry-After": "1"}
            )
        if str(getattr(exc.orig, "sqlstate", "") or "").startswith("22"):
            reason = _DATA_ERRORS.get(str(getattr(exc.orig, "sqlstate", "")), "cannot be stored")
            return problem_response(
                422,
                f"A value in the request {reason}",
                errors=[{"field": "request", "message": reason}],
            )
        raise exc

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(Refusal, on_refusal)
    app.add_exception_handler(IntegrityError, on_integrity)
    app.add_exception_handler(DBAPIError, on_database)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
