"""Reminder runs: the tenant's overdue debtor items get their first reminder, second reminder
and final notice at the tenant's intervals and with its texts (`reminder_rules`), each recorded
on the item (the relation's account shows them). A run is a background job for today; a trial
counts; running it twice on a day sends nothing twice. A payment arrangement on an item holds
its reminders back until the day it names."""

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.reminder_rules import (
    LEVELS,
    PLACEHOLDERS,
    Intervals,
    OverdueItem,
    fill,
    reminders_due,
)
from ledger_service.tables import job_queue, jobs, open_items, reminder_settings, reminders
from servicekit.app import Context, TenantSession
from servicekit.db import Database, lock_for_transaction
from servicekit.jobs import Job, JobOut, JobStore, Progress
from servicekit.money import money
from servicekit.paging import Page, Paging
from servicekit.problems import Problem, invalid
from servicekit.rows import row_by_id


def _placeholders(value: str) -> str:
    unknown = set(re.findall(r"\{[^}]*\}", value)) - PLACEHOLDERS
    if unknown:
        raise ValueError(f"only {' and '.join(sorted(PLACEHOLDERS))} are filled in")
    return value


router = APIRouter(prefix="/api/debtors", tags=["debtors"])
JOBS = JobStore(jobs, job_queue)
KIND = "reminder"
LISTED = 200
CHANGE = {"x-permission": {"module": "debtors", "action": "change"}}
Days = Annotated[int, Field(ge=1, le=365)]
Text_ = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_placeholders)]


class ReminderSettings(BaseModel):
    first_after: Days = Field(default=14, description="Days past due before the first reminder")
    second_after: Days = Field(default=14, description="Days after the first, for the second")
    final_after: Days = Field(default=14, description="Days after the second, for the final notice")
    first_text: Text_ = (
        "Wij hebben uw betaling van {reference} nog niet ontvangen. Wilt u {amount} binnen"
        " 14 dagen overmaken?"
    )
    second_text: Text_ = (
        "Ondanks onze herinnering staat {reference} nog open. Wilt u {amount} binnen 7 dagen"
        " betalen?"
    )
    final_text: Text_ = (
        "Aanmaning: {reference} ({amount}) is nog steeds niet betaald. Betaal binnen 7 dagen,"
        " anders kan de dekking worden geschorst en dragen wij de vordering over."
    )

    def intervals(self) -> Intervals:
        return Intervals(self.first_after, self.second_after, self.final_after)

    def filled(self, level: int, reference: str, amount: Decimal) -> str:
        """The text of reminder `level` for an item."""
        return fill(
            (self.first_text, self.second_text, self.final_text)[level - 1], reference, amount
        )


class ReminderRunIn(BaseModel):
    trial: bool = False


class ArrangementIn(BaseModel):
    until: dt.date | None = Field(description="No reminders until this day; null ends it")
    note: str | None = Field(default=None, max_length=500)


async def settings_of(session: AsyncSession) -> ReminderSettings:
    row = (await session.execute(select(reminder_settings))).first()
    if row is None:
        return ReminderSettings()
    return ReminderSettings.model_validate(row._mapping)


@router.get("/reminder-settings", response_model=ReminderSettings)
async def get_reminder_settings(session: TenantSession) -> ReminderSettings:
    """The tenant's intervals and texts (`{reference}` and `{amount}` are filled in)."""
    return await settings_of(session)


@router.put("/reminder-settings", response_model=ReminderSettings)
async def put_reminder_settings(
    body: ReminderSettings, ctx: Context, session: TenantSession
) -> ReminderSettings:
    values = body.model_dump()
    await session.execute(
        insert(reminder_settings)
        .values(tenant_id=ctx.tenant, **values)
        .on_conflict_do_update(index_elements=["tenant_id"], set_=values)
    )
    return body


@router.put(
    "/open-items/{item_id}/arrangement", response_model=dict[str, Any], openapi_extra=CHANGE
)
async def set_arrangement(
    item_id: str, body: ArrangementIn, session: TenantSession
) -> dict[str, Any]:
    """A payment arrangement on a debtor item: its reminders wait until the day it names."""
    row = await row_by_id(session, open_items, item_id, "open item")
    if row.ledger != "debtors":
        raise Problem(404, "No such open item")
    if body.until is not None and body.until > dt.date.today() + dt.timedelta(days=366):
        raise invalid("until", "at most a year ahead", "An arrangement runs at most a year")
    await session.execute(
        update(open_items)
        .where(open_items.c.id == row.id)
        .values(arrangement_until=body.until, arrangement_note=body.note)
    )
    return {"item_id": str(row.id), "until": body.until, "note": body.note}


@router.post("/reminder-runs", status_code=202, response_model=JobOut)
async def start_reminder_run(body: ReminderRunIn, ctx: Context, session: TenantSession) -> JobOut:
    """Today's reminders (or a trial that counts them), in the background."""
    assert ctx.tenant
    params = {"on": dt.date.today().isoformat(), "trial": body.trial, "by": ctx.username}
    return await JOBS.submit(session, ctx.tenant, KIND, params, ctx.username)


@router.get("/reminder-runs", response_model=Page[JobOut])
async def reminder_runs(session: TenantSession, paging: Paging) -> Page[JobOut]:
    return await JOBS.page(session, KIND, paging)


@router.get("/reminder-runs/{run_id}", response_model=JobOut)
async def reminder_run(run_id: str, session: TenantSession) -> JobOut:
    return await JOBS.get(session, run_id, KIND)


_OVERDUE = """
    select i.id, i.reference, i.relation_id, i.relation_name, i.due_date, i.remaining,
        i.arrangement_until,
        (exists (select 1 from collection_items c
                 where c.item_id = i.id and c.returned_at is null)
         or (p.method = 'direct_debit'
             and exists (select 1 from mandates m
                         where m.relation_id = i.relation_id and m.status = 'active')
             and not exists (select 1 from collection_items c
                             where c.item_id = i.id and c.return_reason = 'MD06')))
            as by_direct_debit,
        coalesce(r.level, 0) as last_level, r.sent_on as last_sent_on
    from open_items i
    left join policy_payments p on p.policy_number = i.policy_number
    left join lateral (select level, sent_on from reminders r where r.item_id = i.id
                       order by level desc limit 1) r on true
    where i.ledger = 'debtors' and i.remaining > 0 and i.due_date < :today
    order by i.id
"""


async def run_job(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    today = dt.date.fromisoformat(job.params["on"])
    trial = bool(job.params["trial"])
    async with db.tenant_transaction(job.tenant) as session:
        await lock_for_transaction(session, "ledger reminder runs", job.tenant)
        settings = await settings_of(session)
        rows = (await session.execute(text(_OVERDUE), {"today": today})).all()
        items = [
            OverdueItem(
                str(r.id),
                r.reference,
                r.relation_id,
                r.relation_name,
                r.due_date,
                r.remaining,
                r.arrangement_until,
                bool(r.by_direct_debit),
                r.last_level,
                r.last_sent_on,
            )
            for r in rows
        ]
        await progress(0, len(items))
        chosen, held = reminders_due(items, today, settings.intervals())
        if not trial and chosen:
            await session.execute(
                insert(reminders).on_conflict_do_nothing(index_elements=["item_id", "level"]),
                [
                    {
                        "tenant_id": job.tenant,
                        "id": str(uuid.uuid4()),
                        "item_id": r.item.id,
                        "level": r.level,
                        "sent_on": today,
                        "amount": r.item.remaining,
                        "text": settings.filled(r.level, r.item.reference, r.item.remaining),
                        "run_id": job.id,
                    }
                    for r in chosen
                ],
            )
        await progress(len(items), len(items))
    by_level = {LEVELS[n]: sum(1 for r in chosen if r.level == n) for n in LEVELS}
    return {
        "trial": trial,
        "on": today.isoformat(),
        "reminders": len(chosen),
        "by_level": by_level,
        "held_back": held,
        "items": [
            {
                "item_id": r.item.id,
                "reference": r.item.reference,
                "relation_name": r.item.relation_name,
                "amount": money(r.item.remaining),
                "level": r.level,
            }
            for r in chosen[:LISTED]
        ],
    }
