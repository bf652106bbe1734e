"""Background jobs: long runs (the renewal run; later imports and collections) never run inside a
request. The request stores the job and answers 202 at once; the service's runner does the work
in its own transactions, batch by batch, and the job shows its progress until it is done.

Two tables: `jobs` holds what a tenant may see (kind, parameters, status, progress, result) under
row-level security; `job_queue` is the platform's list of work to do (job, tenant, lease), as the
outbox is. A runner claims the oldest queued job with SKIP LOCKED and holds a lease it renews with
every progress report; a job whose lease lapsed (its process died) is claimed again and runs again
from the start, so a handler must be idempotent (a renewal run invoices only what is not invoiced
yet). Fairness: a tenant runs at most one job at a time, so one tenant's long run never holds
back another tenant's; and a service's jobs run each in a process of their own
(`servicekit.job_worker`), so their work never holds up the requests the service answers."""

import asyncio
import json
import logging
import sys
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy import event as sa_event
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from servicekit.db import Database
from servicekit.numbers import next_number
from servicekit.outbox import wake_relay
from servicekit.paging import Page, PageParams, keyset_page
from servicekit.polling import IdlePause
from servicekit.problems import Problem
from servicekit.rows import row_by_id

log = logging.getLogger(__name__)

LEASE_SECONDS = 60
MAX_ATTEMPTS = 3  # a job its process died in this often is failed, not tried for ever
IDLE_SECONDS = 1.0  # the runner's first pause when no job is queued (see servicekit.polling)
# Set on a session by JobStore.submit: the runners to wake once the job is committed.
JOBS_SUBMITTED = "jobs_submitted"


def define_jobs(metadata: MetaData) -> tuple[Table, Table]:
    jobs = Table(
        "jobs",
        metadata,
        Column("tenant_id", Text, nullable=False),
        Column("id", UUID(as_uuid=False), primary_key=True),
        Column("number", Text, nullable=False),
        Column("kind", Text, nullable=False),
        Column("params", JSONB, nullable=False),
        Column("status", Text, nullable=False),
        Column("done", Integer, nullable=False, server_default="0"),
        Column("total", Integer),
        Column("result", JSONB),
        Column("error", Text),
        Column("created_by", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("started_at", DateTime(timezone=True)),
        Column("finished_at", DateTime(timezone=True)),
    )
    queue = Table(
        "job_queue",
        metadata,
        Column("job_id", UUID(as_uuid=False), primary_key=True),
        Column("tenant_id", Text, nullable=False),
        Column("kind", Text, nullable=False),
        Column("queued_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("lease_until", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default="0"),
    )
    return jobs, queue


@sa_event.listens_for(Session, "after_commit")
def _wake_after_commit(session: Session) -> None:
    # The runner claims the job right after the commit (woken before it, it found nothing).
    for wake in session.info.pop(JOBS_SUBMITTED, ()):
        wake.set()


class JobOut(BaseModel):
    """A job as its tenant sees it: `done` of `total` (None until counted) is its progress."""

    id: str
    number: str
    kind: str
    status: str  # queued | running | done | failed
    params: dict[str, Any]
    done: int
    total: int | None
    result: dict[str, Any] | None
    error: str | None
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def job_out(row: Any) -> JobOut:
    return JobOut(
        id=str(row.id),
        number=row.number,
        kind=row.kind,
        status=row.status,
        params=row.params,
        done=row.done,
        total=row.total,
        result=row.result,
        error=row.error,
        created_by=row.created_by,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


@dataclass(frozen=True)
class Job:
    id: str
    tenant: str
    kind: str
    params: dict[str, Any]


class Progress(Protocol):
    async def __call__(self, done: int, total: int | None = None) -> None: ...


# Does the job's work; returns its result. Runs outside any request, in its own transactions.
JobHandler = Callable[[Database, Job, Progress], Awaitable[dict[str, Any]]]


class JobStore:
    """A service's two job tables, and what requests do with them."""

    def __init__(self, jobs: Table, queue: Table) -> None:
        self.jobs = jobs
        self.queue = queue
        self.wake = asyncio.Event()

    async def submit(
        self, session: AsyncSession, tenant: str, kind: str, params: dict[str, Any], by: str
    ) -> JobOut:
        """Store and queue a job in the request's transaction; it starts once that commits."""
        job_id = str(uuid.uuid4())
        await session.execute(
            insert(self.jobs).values(
                tenant_id=tenant,
                id=job_id,
                number=await next_number(session, tenant, "job", "J"),
                kind=kind,
                params=params,
                status="queued",
                created_by=by,
            )
        )
        await session.execute(insert(self.queue).values(job_id=job_id, tenant_id=tenant, kind=kind))
        session.sync_session.info.setdefault(JOBS_SUBMITTED, []).append(self.wake)
        return await self.get(session, job_id, kind)

    async def get(self, session: AsyncSession, job_id: str, kind: str) -> JobOut:
        row = await row_by_id(session, self.jobs, job_id, "job")
        if row.kind != kind:
            raise Problem(404, f"No {kind} job {job_id}")
        return job_out(row)

    async def page(self, session: AsyncSession, kind: str, paging: PageParams) -> Page[JobOut]:
        """The tenant's jobs of `kind`, newest first."""
        query = select(self.jobs).where(self.jobs.c.kind == kind)
        return await keyset_page(
            session, query, self.jobs.c.number, paging, job_out, descending=True
        )


class JobRunner:
    """Claims queued jobs of the kinds it has handlers for and runs them, `concurrency` at a
    time, one per tenant: each in a worker process of its own when `worker_database_url` is
    given (the services do so), else in this event loop."""

    def __init__(
        self,
        db: Database,
        store: JobStore,
        handlers: dict[str, JobHandler],
        concurrency: int = 2,
        lease_seconds: int = LEASE_SECONDS,
        worker_database_url: str | None = None,
    ) -> None:
        self.db = db
        self.worker_database_url = worker_database_url
        self.lease_seconds = lease_seconds
        self.lease = text(f"interval '{int(lease_seconds)} seconds'")
        self.store = store
        self.handlers = handlers
        self.slots = asyncio.Semaphore(concurrency)
        self.running: set[asyncio.Task[None]] = set()

    async def run(self) -> None:
        try:
            await self._claim_and_start()
        finally:
            for task in list(self.running):
                task.cancel()

    async def _claim_and_start(self) -> None:
        # At rest the queue is asked ever less often (up to SLOWEST apart); a job submitted in
        # this process wakes the runner once its transaction commits.
        pause = IdlePause(self.store.wake, IDLE_SECONDS)
        while True:
            await self.slots.acquire()
            self.store.wake.clear()  # before looking, so that a submit meanwhile is not missed
            try:
                claimed = await self._claim()
            except Exception as exc:
                log.warning("claiming a job failed: %s", exc)
                claimed = None
            if claimed is None:
                self.slots.release()
                await pause.wait()
                continue
            pause.found_work()
            task = asyncio.create_task(self._execute(claimed), name=f"job-{claimed[0].id}")
            self.running.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.running.discard(task)
        self.slots.release()

    async def _claim(self) -> tuple[Job, int] | None:
        q = self.store.queue
        async with self.db.system_transaction() as session:
            found = (
                await session.execute(
                    text(
                        "select job_id, tenant_id, kind, attempts from job_queue q"
                        " where kind = any(:kinds) and (lease_until is null or lease_until < now())"
                        " and not exists (select 1 from job_queue r where r.tenant_id ="
                        " q.tenant_id and r.job_id <> q.job_id and r.lease_until >= now())"
                        " order by queued_at limit 1 for update skip locked"
                    ),
                    {"kinds": list(self.handlers)},
                )
            ).first()
            if found is None:
                return None
            await session.execute(
                update(q)
                .where(q.c.job_id == found.job_id)
                .values(
                    lease_until=func.now() + self.lease,
                    attempts=q.c.attempts + 1,
                )
            )
        return Job(str(found.job_id), found.tenant_id, found.kind, {}), found.attempts + 1

    async def _execute(self, claimed: tuple[Job, int]) -> None:
        job, attempt = claimed
        jobs = self.store.jobs
        async with self.db.tenant_transaction(job.tenant) as session:
            row = await row_by_id(session, jobs, job.id, "job")
            await session.execute(
                update(jobs)
                .where(jobs.c.id == job.id)
                .values(status="running", done=0, started_at=func.now())
            )
        job = Job(job.id, job.tenant, job.kind, row.params)

        async def progress(done: int, total: int | None = None) -> None:
            await self._set(job, done=done, **({"total": total} if total is not None else {}))

        heartbeat = asyncio.create_task(self._keep_lease(job), name=f"lease-{job.id}")
        try:
            if attempt > MAX_ATTEMPTS:
                raise RuntimeError(f"the service stopped during this job {MAX_ATTEMPTS} times")
            handler = self.handlers[job.kind]
            if self.worker_database_url:
                result = await self._in_worker(handler, job, progress)
            else:
                result = await handler(self.db, job, progress)
        except asyncio.CancelledError:
            raise  # the service stops: the lease lapses and the job runs again elsewhere
        except Exception as exc:
            log.exception("job %s (%s) failed", job.id, job.kind)
            await self._end(job, status="failed", error=str(exc)[:500] or type(exc).__name__)
            return
        finally:
            heartbeat.cancel()
        await self._end(job, status="done", result=result)

    async def _in_worker(self, handler: JobHandler, job: Job, progress: Progress) -> dict[str, Any]:
        """Runs `handler` in a `servicekit.job_worker` process, passing its progress on (and
        waking the outbox relay for the events it wrote); the process is killed if the service
        stops meanwhile, and ends by itself if the service dies."""
        order = {
            "handler": f"{handler.__module__}:{handler.__qualname__}",
            "database_url": self.worker_database_url,
            "job": asdict(job),
        }
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "servicekit.job_worker",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert worker.stdin is not None and worker.stdout is not None
        result: dict[str, Any] | None = None
        error = "the job's process ended without a result"
        try:
            worker.stdin.write(json.dumps(order).encode() + b"\n")
            await worker.stdin.drain()
            async for line in worker.stdout:
                said = json.loads(line)
                if "done" in said:
                    await progress(int(said["done"]), said.get("total"))
                    wake_relay()
                elif "result" in said:
                    result = said["result"]
                elif "error" in said:
                    error = str(said["error"])
            await worker.wait()
        finally:
            if worker.returncode is None:
                worker.kill()
                await worker.wait()
            worker.stdin.close()
        wake_relay()
        if result is None:
            raise RuntimeError(f"{error} (exit code {worker.returncode})")
        return result

    async def _keep_lease(self, job: Job) -> None:
        """Renews the lease while the job runs, whatever its handler does meanwhile."""
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                await self._renew(job)
            except Exception as exc:
                log.warning("renewing the lease of job %s failed: %s", job.id, exc)

    async def _set(self, job: Job, **values: Any) -> None:
        jobs = self.store.jobs
        async with self.db.tenant_transaction(job.tenant) as session:
            await session.execute(update(jobs).where(jobs.c.id == job.id).values(**values))

    async def _renew(self, job: Job) -> None:
        q = self.store.queue
        async with self.db.system_transaction() as session:
            await session.execute(
                update(q).where(q.c.job_id == job.id).values(lease_until=func.now() + self.lease)
            )

    async def _end(self, job: Job, **values: Any) -> None:
        await self._set(job, finished_at=func.now(), **values)
        q = self.store.queue
        async with self.db.system_transaction() as session:
            await session.execute(q.delete().where(q.c.job_id == job.id))
