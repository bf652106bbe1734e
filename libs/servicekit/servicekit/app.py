"""Builds a service's FastAPI app with everything every service has: the context-token check,
problem answers, observability, health, metrics, and the outbox relay and consumers running
beside the HTTP server for as long as the app lives."""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit import context_token, heap, messaging
from servicekit.consumer import ConsumerRunner, Subscription
from servicekit.context_token import RequestContext
from servicekit.db import Database
from servicekit.http import BodyLimitMiddleware, JsonDepthMiddleware, ObservabilityMiddleware
from servicekit.jobs import JobHandler, JobRunner, JobStore
from servicekit.logs import setup_logging
from servicekit.outbox import OutboxRelay, Written, follow_wakes, wake_relay
from servicekit.problems import Problem, install_problem_handlers, problem_response
from servicekit.request_reply import INTERNAL_ERROR, refusal
from servicekit.settings import ServiceSettings
from servicekit.telemetry import setup_tracing

log = logging.getLogger(__name__)

OPEN_PATHS = {"/healthz", "/readyz", "/metrics"}

# A NATS request/reply handler: request body in, reply body out.
Responder = Callable[["Runtime", bytes], Awaitable[bytes]]


@dataclass
class Runtime:
    """What a running service holds: its database, its NATS connection, its background tasks."""

    name: str
    settings: ServiceSettings
    db: Database
    outbox: Table
    inbox: Table
    nc: Client | None = None
    js: JetStreamContext | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


class ContextTokenMiddleware:
    """Refuse every request that does not carry a valid context token from the gateway."""

    def __init__(self, app: ASGIApp, public_key_pem: str) -> None:
        self.app = app
        self.public_key_pem = public_key_pem

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        raw = dict(scope["headers"]).get(context_token.HEADER.lower().encode())
        if not raw:
            response = problem_response(401, "Requests reach this service only through the gateway")
            await response(scope, receive, send)
            return
        try:
            ctx = context_token.verify(raw.decode("latin-1"), self.public_key_pem)
        except context_token.InvalidContextToken as exc:
            response = problem_response(401, f"Invalid context token: {exc}")
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["context"] = ctx
        await self.app(scope, receive, send)


# Dependencies are coroutines: FastAPI runs a plain function in its thread pool, a thread
# hand-off on every request for a dictionary lookup.


async def request_context(request: Request) -> RequestContext:
    ctx = request.scope.get("state", {}).get("context")
    if not isinstance(ctx, RequestContext):
        raise Problem(401, "No context token")
    return ctx


Context = Annotated[RequestContext, Depends(request_context)]


async def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(runtime_of)]


def tenant_of(ctx: RequestContext) -> str:
    """The tenant the gateway resolved for the request; 403 if it names none."""
    if not ctx.tenant:
        raise Problem(403, "This request names no tenant")
    return ctx.tenant


async def tenant_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction scoped to the tenant the gateway resolved for this request."""
    tenant = tenant_of(await request_context(request))
    async with (await runtime_of(request)).db.tenant_transaction(tenant) as session:
        yield session


# Committed before the answer is sent (scope "function"; FastAPI's default ends a dependency with
# yield only after the response): a 2xx means stored, the caller's next request sees the change
# and its events, and a commit the database refuses is answered as the error it is.
TenantSession = Annotated[AsyncSession, Depends(tenant_session, scope="function")]


async def _connect_nats(runtime: Runtime) -> None:
    """Connect in the background until NATS answers; readiness reports the wait."""
    delay = 0.5
    while runtime.nc is None:
        try:
            runtime.nc = await messaging.connect(
                runtime.settings.nats_url, runtime.name, ca_file=runtime.settings.nats_ca_file
            )
        except Exception as exc:
            log.warning("NATS not reachable yet: %s", exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def _start_messaging(
    runtime: Runtime, subscriptions: Sequence[Subscription], responders: dict[str, Responder]
) -> None:
    await _connect_nats(runtime)
    assert runtime.nc is not None
    runtime.js = runtime.nc.jetstream()
    while True:
        try:
            await messaging.ensure_streams(runtime.js, runtime.settings.nats_stream_replicas)
            break
        except Exception as exc:
            log.warning("JetStream not ready yet: %s", exc)
            await asyncio.sleep(1)
    relay = OutboxRelay(runtime.db, runtime.outbox, runtime.js)
    runtime.tasks.append(asyncio.create_task(relay.run(), name="outbox-relay"))
    nc = runtime.nc
    await follow_wakes(nc, runtime.name)

    async def publish_now(written: list[Written]) -> None:
        # Right after the commit, in the request, so that what the caller does next sees the
        # event's effects; what cannot be published now, the relay takes over at once.
        if not nc.is_connected:
            wake_relay()
            return
        try:
            await relay.publish_committed(written)
        except Exception:
            wake_relay()
            raise

    runtime.db.after_outbox_commit = publish_now
    for sub in subscriptions:
        runner = ConsumerRunner(
            runtime.db, runtime.inbox, runtime.js, sub, runtime.settings.consumer_backoff()
        )
        runtime.tasks.append(asyncio.create_task(runner.run(), name=f"consumer-{sub.durable}"))
    for subject, responder in responders.items():
        await _serve_requests(runtime, subject, responder)


async def _serve_requests(runtime: Runtime, subject: str, responder: Responder) -> None:
    assert runtime.nc is not None

    async def on_request(msg: Msg) -> None:
        try:
            reply = await responder(runtime, msg.data)
        except Problem as problem:
            reply = refusal(problem)
        except Exception:
            log.exception("request on %s failed", subject)
            reply = INTERNAL_ERROR
        await msg.respond(reply)

    # A queue group: several replicas of the service share the requests.
    await runtime.nc.subscribe(subject, queue=runtime.name, cb=on_request)


def create_service_app(
    *,
    name: str,
    title: str,
    settings: ServiceSettings,
    outbox: Table,
    inbox: Table,
    routers: Sequence[APIRouter],
    subscriptions: Sequence[Subscription] = (),
    responders: dict[str, Responder] | None = None,
    jobs: tuple[JobStore, dict[str, JobHandler]] | None = None,
    background: Sequence[Callable[[Runtime], Coroutine[Any, Any, None]]] = (),
    description: str = "",
    upload_limits: dict[str, int] | None = None,
) -> FastAPI:
    """`jobs`: the service's job tables and a handler per kind of background job it runs;
    `background`: tasks that run beside the server for as long as it lives; `upload_limits`:
    paths that take a body larger than 1 MiB, with their limit (`BodyLimitMiddleware`)."""
    setup_logging(name, settings.log_level)
    setup_tracing(name)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime(name, settings, Database.for_service(settings), outbox, inbox)
        app.state.runtime = runtime
        starter = asyncio.create_task(
            _start_messaging(runtime, subscriptions, responders or {}), name="messaging"
        )
        if jobs is not None:
            runner = JobRunner(runtime.db, *jobs, worker_database_url=settings.database_url)
            runtime.tasks.append(asyncio.create_task(runner.run(), name="jobs"))
        for work in background:
            runtime.tasks.append(asyncio.create_task(work(runtime), name=work.__name__))
        heap.settle()
        try:
            yield
        finally:
            starter.cancel()
            for task in runtime.tasks:
                task.cancel()
            for task in [starter, *runtime.tasks]:
                with suppress(asyncio.CancelledError, Exception):
                    await task
            if runtime.nc is not None:
                with suppress(Exception):
                    await runtime.nc.drain()
            await runtime.db.dispose()

    # FastAPI's own telemetry would add a second server span, and spans for every dependency and
    # serialisation, to each request: ObservabilityMiddleware makes the one span a request has.
    app = FastAPI(
        title=title,
        description=description,
        lifespan=lifespan,
        version="0.1.0",
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    # What the service consumes and answers on NATS, for the check of its NATS permissions.
    app.state.subscriptions = tuple(subscriptions)
    app.state.responders = tuple(responders or {})
    install_problem_handlers(app)
    for router in routers:
        app.include_router(router)
    add_health_routes(app)
    app.add_middleware(ContextTokenMiddleware, public_key_pem=settings.public_key_pem())
    app.add_middleware(JsonDepthMiddleware)
    app.add_middleware(BodyLimitMiddleware, uploads=upload_limits)
    app.add_middleware(ObservabilityMiddleware, service=name)
    return app


def add_health_routes(app: FastAPI) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        runtime: Runtime = request.app.state.runtime
        checks: dict[str, str] = {}
        try:
            await runtime.db.ping()
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"unreachable: {type(exc).__name__}"
        nats_ok = runtime.nc is not None and runtime.nc.is_connected
        checks["nats"] = "ok" if nats_ok else "unreachable"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
