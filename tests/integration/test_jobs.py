"""Background jobs against the real database (the policy service's job tables): a job runs once
and reports its progress; a job whose process died (its lease lapses) runs again elsewhere and
finishes; one tenant's long job does not hold back another tenant's; a failing job says why."""

import asyncio
import os
import uuid
from typing import Any

from devstack.stack import Stack
from policy_service.tables import job_queue, jobs
from servicekit.db import Database
from servicekit.jobs import Job, JobOut, JobRunner, JobStore, Progress
from servicekit.paging import PageParams
from tests.support.waiting import eventually_async


async def _submit(db: Database, store: JobStore, tenant: str, kind: str) -> str:
    async with db.tenant_transaction(tenant) as session:
        return (await store.submit(session, tenant, kind, {"n": 3}, "clerk")).id


async def _job(db: Database, store: JobStore, tenant: str, job_id: str, kind: str) -> JobOut:
    async with db.tenant_transaction(tenant) as session:
        return await store.get(session, job_id, kind)


def test_jobs_run_report_progress_survive_a_dead_runner_and_are_fair(stack: Stack) -> None:
    async def scenario() -> None:
        db = Database(stack.database_url("policy"), pool_size=4)
        store = JobStore(jobs, job_queue)
        kind = f"drill-{uuid.uuid4().hex[:8]}"  # only this test's runners take these
        a, b = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
        release = asyncio.Event()
        runs: list[str] = []

        async def work(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
            runs.append(job.tenant)
            for done in range(job.params["n"]):
                await progress(done, job.params["n"])
                if job.tenant == a:
                    await release.wait()  # tenant a's job is long
            await progress(job.params["n"])
            return {"steps": job.params["n"]}

        async def refuse(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
            raise ValueError("product HOME version 3 cannot be rated")

        try:
            first = JobRunner(db, store, {kind: work, f"{kind}-x": refuse}, lease_seconds=1)
            runner = asyncio.create_task(first.run())
            long_a = await _submit(db, store, a, kind)
            running = await eventually_async(lambda: _running(db, store, a, long_a, kind))
            assert running.status == "running" and running.total == 3
            # A second job of tenant a waits; tenant b's runs meanwhile.
            second_a = await _submit(db, store, a, kind)
            job_b = await _submit(db, store, b, kind)
            done_b = await eventually_async(lambda: _finished(db, store, b, job_b, kind))
            assert done_b.status == "done" and done_b.result == {"steps": 3}
            assert (done_b.done, done_b.total) == (3, 3)
            assert (await _job(db, store, a, second_a, kind)).status == "queued"

            # The runner dies mid-job; after its lease lapses another runner takes the job on.
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
            release.set()
            second = JobRunner(db, store, {kind: work, f"{kind}-x": refuse}, lease_seconds=1)
            runner = asyncio.create_task(second.run())
            again = await eventually_async(lambda: _finished(db, store, a, long_a, kind))
            assert again.status == "done" and again.result == {"steps": 3}
            assert runs.count(a) >= 2  # it ran again from the start
            later = await eventually_async(lambda: _finished(db, store, a, second_a, kind))
            assert later.status == "done"
            # A job that fails says why.
            broken = await _submit(db, store, b, f"{kind}-x")
            failed = await eventually_async(lambda: _finished(db, store, b, broken, f"{kind}-x"))
            assert failed.status == "failed" and "cannot be rated" in (failed.error or "")
            # Another tenant cannot see a's jobs.
            async with db.tenant_transaction(b) as session:
                listed = await store.page(session, kind, _paging())
            assert [j.id for j in listed.items] == [job_b]
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
        finally:
            await db.dispose()

    asyncio.run(scenario())


def _paging() -> PageParams:
    return PageParams(limit=50, after=None)


async def _running(db: Database, store: JobStore, tenant: str, job_id: str, kind: str) -> Any:
    job = await _job(db, store, tenant, job_id, kind)
    return job if job.status == "running" and job.total is not None else None


async def _finished(db: Database, store: JobStore, tenant: str, job_id: str, kind: str) -> Any:
    job = await _job(db, store, tenant, job_id, kind)
    return job if job.status in ("done", "failed") else None


async def steps_in_a_process(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    """A job for the worker process (importable, so the worker can load it by name)."""
    for done in range(job.params["n"]):
        await progress(done + 1, job.params["n"])
    return {"steps": job.params["n"], "pid": os.getpid()}


async def refusal_in_a_process(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    raise ValueError("product HOME version 3 cannot be rated")


def test_a_job_runs_in_a_process_of_its_own(stack: Stack) -> None:
    """As the services run them: the work in a `servicekit.job_worker` process, its progress and
    result (or its error) passed back to the job."""

    async def scenario() -> None:
        url = stack.database_url("policy")
        db = Database(url, pool_size=2)
        store = JobStore(jobs, job_queue)
        kind = f"worker-{uuid.uuid4().hex[:8]}"
        tenant = f"w-{uuid.uuid4().hex[:8]}"
        handlers = {kind: steps_in_a_process, f"{kind}-x": refusal_in_a_process}
        runner = asyncio.create_task(JobRunner(db, store, handlers, worker_database_url=url).run())
        try:
            done_id = await _submit(db, store, tenant, kind)
            done = await eventually_async(lambda: _finished(db, store, tenant, done_id, kind))
            assert done.status == "done" and done.done == 3 and done.total == 3, done
            assert done.result["steps"] == 3 and done.result["pid"] != os.getpid()
            broken_id = await _submit(db, store, tenant, f"{kind}-x")
            broken = await eventually_async(
                lambda: _finished(db, store, tenant, broken_id, f"{kind}-x")
            )
            assert broken.status == "failed" and "cannot be rated" in (broken.error or "")
        finally:
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
            await db.dispose()

    asyncio.run(scenario())
