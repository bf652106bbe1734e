"""The renewal run: every active policy with premium due up to a date is invoiced for its next
periods, and a period that starts a new term renews it. It only invoices what is not invoiced
yet, so running it twice changes nothing. A trial run says what it would invoice and changes
nothing. `python -m policy_service.renewals --up-to 2027-03-01 [--trial]` (or `--days-ahead
31`, as the cluster's daily CronJob runs it) runs it for every tenant; `POST
/api/policies/renewals` starts it for the caller's tenant as a background job
(`servicekit.jobs`), whose progress and result `GET /api/policies/renewals/{id}` shows."""

import argparse
import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from nats.aio.client import Client
from pydantic import BaseModel
from sqlalchemy import event, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from policy_service.invoicing import Due, move_on, plan_due, store
from policy_service.tables import billing_tenants, job_queue, jobs, policies
from policy_service.timeline import cover_of, ratings_for
from servicekit import messaging
from servicekit.app import Context, TenantSession
from servicekit.db import Database
from servicekit.jobs import Job, JobOut, JobStore, Progress
from servicekit.money import money
from servicekit.outbox import ask_to_relay
from servicekit.paging import Page, Paging
from servicekit.problems import invalid
from servicekit.settings import ServiceSettings

router = APIRouter(prefix="/api/policies/renewals", tags=["policies"])
log = logging.getLogger(__name__)

CHANGE = {"x-permission": {"module": "policies", "action": "change"}}
BATCH = 500
HORIZON_DAYS = 400  # how far ahead a run may invoice: the next term and a little, never decades
JOBS = JobStore(jobs, job_queue)
KIND = "renewal"


class RenewalIn(BaseModel):
    up_to: date
    trial: bool = False


@dataclass
class Tally:
    policies: int = 0
    invoices: int = 0
    renewals: int = 0
    total: Decimal = field(default_factory=lambda: Decimal("0.00"))

    def add(self, other: "Tally") -> None:
        self.policies += other.policies
        self.invoices += other.invoices
        self.renewals += other.renewals
        self.total += other.total


_REMEMBER = insert(billing_tenants).on_conflict_do_nothing()
# The tenants whose row this process has seen committed: a row is never removed, so each
# acceptance need not write it again (a round trip each). One entry per tenant.
_REMEMBERED: set[str] = set()


async def remember_tenant(session: AsyncSession, tenant: str) -> None:
    """The renewal run bills `tenant` from now on (once the caller commits)."""
    if tenant in _REMEMBERED:
        return
    await session.execute(_REMEMBER, {"slug": tenant})
    event.listen(session.sync_session, "after_commit", lambda _: _REMEMBERED.add(tenant), once=True)


async def _batch(
    session: AsyncSession, rows: list[Any], up_to: date, trial: bool, today: date
) -> Tally:
    """Plan every policy of the batch, then store all their invoices in a few statements."""
    ratings = await ratings_for(session, [row.id for row in rows])

    def plan_all() -> list[tuple[Any, Due]]:
        return [
            (row, plan_due(row, cover_of(row, ratings.get(str(row.id), [])), up_to, today))
            for row in rows
        ]

    # Planning is arithmetic for a few hundred milliseconds: in a worker thread, so that the
    # other batch under way (run_for_tenant's WORKERS) writes meanwhile.
    plans = await asyncio.to_thread(plan_all)
    documents = [d for _, due in plans for d in due.documents]
    tally = Tally(policies=len(rows), invoices=len(documents))
    tally.renewals = sum(d.reason == "renewal" for d in documents)
    tally.total = sum((a.total for d in documents for a in d.lines.values()), Decimal("0.00"))
    if not trial:
        await move_on(session, plans)
        await store(session, documents, bundle=True)
    return tally


async def _nothing(done: int, total: int | None = None) -> None:
    return None


WORKERS = 2  # batches under way at once: one plans (CPU) while the other writes (database)


async def run_for_tenant(
    db: Database, tenant: str, up_to: date, trial: bool, progress: Progress = _nothing
) -> Tally:
    """In batches of BATCH policies, each batch its own transaction (a crash loses no work),
    WORKERS batches at a time: the next batch is claimed (by a cursor over the policy ids)
    while the one before is still being planned or written."""
    tally = Tally()
    today = date.today()
    async with db.tenant_transaction(tenant) as session:
        due = select(func.count()).where(
            policies.c.status == "active", policies.c.billed_until <= up_to
        )
        await progress(0, (await session.execute(due)).scalar_one())
    claim = asyncio.Lock()
    after, exhausted = "00000000-0000-0000-0000-000000000000", False

    async def worker() -> None:
        nonlocal after, exhausted
        while True:
            async with db.tenant_transaction(tenant) as session:
                async with claim:  # the next BATCH ids past the cursor, locked for this batch
                    if exhausted:
                        return
                    query = (
                        select(policies)
                        .where(
                            policies.c.status == "active",
                            policies.c.billed_until <= up_to,
                            policies.c.id > after,
                        )
                        .order_by(policies.c.id)
                        .limit(BATCH)
                        .with_for_update(skip_locked=True)
                    )
                    rows = list((await session.execute(query)).all())
                    exhausted = len(rows) < BATCH
                    if rows:
                        after = str(rows[-1].id)
                if rows:
                    tally.add(await _batch(session, rows, up_to, trial, today))
            await progress(tally.policies)

    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    return tally


async def run_job(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    """The renewal run as a background job; its result is what it invoiced (or would)."""
    up_to, trial = date.fromisoformat(job.params["up_to"]), bool(job.params["trial"])
    tally = await run_for_tenant(db, job.tenant, up_to, trial, progress)
    return {
        "policies": tally.policies,
        "invoices": tally.invoices,
        "renewals": tally.renewals,
        "total": money(tally.total),
    }


@router.post("", status_code=202, response_model=JobOut, openapi_extra=CHANGE)
async def start_renewal_run(body: RenewalIn, ctx: Context, session: TenantSession) -> JobOut:
    """Starts the run (or a trial) for the caller's tenant; it goes on in the background."""
    assert ctx.tenant
    if body.up_to > date.today() + timedelta(days=HORIZON_DAYS):
        raise invalid(
            "up_to",
            f"at most {HORIZON_DAYS} days ahead",
            f"A renewal run invoices at most {HORIZON_DAYS} days ahead",
        )
    params = {"up_to": body.up_to.isoformat(), "trial": body.trial}
    return await JOBS.submit(session, ctx.tenant, KIND, params, ctx.username)


@router.get("", response_model=Page[JobOut])
async def renewal_runs(session: TenantSession, paging: Paging) -> Page[JobOut]:
    """The tenant's renewal runs, newest first."""
    return await JOBS.page(session, KIND, paging)


@router.get("/{run_id}", response_model=JobOut)
async def renewal_run(run_id: str, session: TenantSession) -> JobOut:
    """A run with its progress (`done` of `total` policies) and, once done, its result."""
    return await JOBS.get(session, run_id, KIND)


async def _all_tenants(up_to: date, trial: bool, only: str | None) -> Tally:
    from policy_service.settings import settings

    db = Database.for_service(settings)
    nc = None if trial else await _nats(settings)
    if nc is not None:
        # Each batch's commit asks the service's relay to publish its invoices at once, as a
        # commit in the service wakes its own (servicekit.db.Database.after_outbox_commit).
        connected = nc
        db.after_outbox_commit = lambda _written: ask_to_relay(connected, "policy")
    try:
        async with db.system_transaction() as session:
            tenants = [r.slug for r in (await session.execute(select(billing_tenants))).all()]
        if only is not None:
            tenants = [t for t in tenants if t == only]
        total = Tally()
        for tenant in tenants:
            total.add(await run_for_tenant(db, tenant, up_to, trial))
        return total
    finally:
        await db.dispose()
        if nc is not None:
            await nc.close()


async def _nats(settings: ServiceSettings) -> Client | None:
    """The command's connection to NATS, to have the service's relay publish the invoices as
    soon as they are committed; without it they wait for the relay's next poll."""
    try:
        connecting = messaging.connect(
            settings.nats_url, "policy-renewals", ca_file=settings.nats_ca_file
        )
        return await asyncio.wait_for(connecting, 5)
    except Exception as exc:
        log.warning("NATS not reachable; the relay takes the invoices at its next poll: %s", exc)
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    up_to = parser.add_mutually_exclusive_group()
    up_to.add_argument("--up-to", type=date.fromisoformat, help="the last day to invoice")
    up_to.add_argument(
        "--days-ahead",
        type=int,
        choices=range(HORIZON_DAYS + 1),
        metavar=f"0..{HORIZON_DAYS}",
        help="invoice up to this many days from today (a scheduled run)",
    )
    parser.add_argument("--trial", action="store_true")
    parser.add_argument("--tenant", help="only this tenant (its slug)")
    args = parser.parse_args()
    day = args.up_to or date.today() + timedelta(days=args.days_ahead or 0)
    tally = asyncio.run(_all_tenants(day, args.trial, args.tenant))
    print(
        f"{'trial: ' if args.trial else ''}{tally.policies} policies, {tally.invoices} invoices,"
        f" {tally.renewals} renewals, total {tally.total}"
    )


if __name__ == "__main__":
    main()
