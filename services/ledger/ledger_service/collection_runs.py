"""Collection runs (incassorun): for a collection date, every open debtor item due by then of a
policy paying by direct debit is collected on its relation's active mandate, as one transaction
of a pain.008 file, the transactions grouped per sequence type. A trial says what would be
collected; the real run books the items as in collection (debtors control to 1310 Direct debits
in transit, the items closed), keeps the file, and never makes it again: the items it collected
are no longer open, and a run interrupted is found done when it runs again. Runs are background
jobs; one tenant's runs take turns (an advisory lock), so no item is collected twice."""

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, field_validator
from sqlalchemy import ARRAY, Text, any_, cast, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.chart import ensure_account
from ledger_service.collection_blocks import blocked_among
from ledger_service.collection_returns import not_again
from ledger_service.collection_rules import (
    HORIZON_DAYS,
    RUN_PREFIX,
    DueItem,
    Mandate,
    Skipped,
    Transaction,
    choose,
    end_to_end_id,
    pain008,
)
from ledger_service.collection_settings import creditor_of
from ledger_service.journal import IN_TRANSIT, NewEntry, Posting, book_many, first_open_day
from ledger_service.mandates import record
from ledger_service.matching import item_posting
from ledger_service.tables import (
    collection_items,
    collections,
    job_queue,
    jobs,
    mandates,
)
from servicekit.app import Context, TenantSession
from servicekit.db import Database, lock_for_transaction
from servicekit.jobs import Job, JobOut, JobStore, Progress
from servicekit.money import money
from servicekit.numbers import next_number
from servicekit.paging import Page, Paging
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/debtors/collections", tags=["debtors"])
JOBS = JobStore(jobs, job_queue)
KIND = "collection"
IN_TRANSIT_ACCOUNT = (IN_TRANSIT, "Direct debits in transit", "asset")
ITEMS_PER_ENTRY = 100  # an entry's lines are checked line by line: keep each entry small
SKIPPED_LISTED = 200  # the result names this many skipped items; it counts them all


class CollectionIn(BaseModel):
    collection_date: dt.date
    trial: bool = False

    @field_validator("collection_date")
    @classmethod
    def _date(cls, value: dt.date) -> dt.date:
        today = dt.date.today()
        if value <= today:
            raise ValueError("must be after today")
        if value > today + dt.timedelta(days=HORIZON_DAYS):
            raise ValueError(f"at most {HORIZON_DAYS} days ahead")
        return value


@router.post("", status_code=202, response_model=JobOut)
async def start_collection_run(body: CollectionIn, ctx: Context, session: TenantSession) -> JobOut:
    """Starts a run (or a trial) for the collection date; it goes on in the background."""
    assert ctx.tenant
    if await creditor_of(session) is None:
        raise Problem(
            409, "Set the tenant's direct-debit details first (/api/debtors/collection-settings)"
        )
    params = {
        "collection_date": body.collection_date.isoformat(),
        "trial": body.trial,
        "by": ctx.username,
    }
    return await JOBS.submit(session, ctx.tenant, KIND, params, ctx.username)


@router.get("", response_model=Page[JobOut])
async def collection_runs(session: TenantSession, paging: Paging) -> Page[JobOut]:
    """The tenant's runs and trials, newest first."""
    return await JOBS.page(session, KIND, paging)


@router.get("/{run_id}", response_model=JobOut)
async def collection_run(run_id: str, session: TenantSession) -> JobOut:
    """A run with its progress and, once done, what it collected (or would) and left out."""
    return await JOBS.get(session, run_id, KIND)


@router.get(
    "/{run_id}/file",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}, "description": "The pain.008 file"}},
)
async def collection_file(run_id: str, session: TenantSession) -> Response:
    """The run's pain.008.001.02 file, the same every time it is fetched."""
    row = await row_by_id(session, collections, run_id, "collection file")
    return Response(
        content=row.file,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{row.number}.xml"'},
    )


async def run_job(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    on = dt.date.fromisoformat(job.params["collection_date"])
    trial = bool(job.params["trial"])
    async with db.tenant_transaction(job.tenant) as session:
        # One run of a tenant at a time: the second sees what the first collected.
        await lock_for_transaction(session, "ledger collection runs", job.tenant)
        made = (
            await session.execute(select(collections).where(collections.c.id == job.id))
        ).first()
        if made is not None:  # the job's process died after the run was committed
            return _made(made)
        creditor = await creditor_of(session)
        if creditor is None:
            raise RuntimeError("the tenant's direct-debit details are gone")
        items = await _due_items(session, on, lock=not trial)
        await progress(0, len(items))
        chosen, skipped, lapsed = await collected_on(session, items, on)
        result = _summary(on, trial, chosen, skipped, lapsed)
        if trial:
            await progress(len(items), len(items))
            return result
        await _lapse(session, job.tenant, lapsed)
        if not chosen:
            await progress(len(items), len(items))
            return result
        number = await next_number(session, job.tenant, KIND, RUN_PREFIX)
        created_at = dt.datetime.now(dt.UTC)
        file, groups = pain008(creditor, number, on, chosen, created_at)
        await _book(session, job, number, on, chosen, file, groups)
        await progress(len(items), len(items))
        return result | {
            "collection_id": job.id,
            "number": number,
            "groups": [
                {
                    "sequence_type": g.sequence_type,
                    "payment_info_id": g.payment_info_id,
                    "transactions": g.transactions,
                    "total": money(g.total),
                }
                for g in groups
            ],
        }


def _made(row: Any) -> dict[str, Any]:
    return {
        "collection_id": str(row.id),
        "number": row.number,
        "trial": False,
        "collection_date": row.collection_date.isoformat(),
        "transactions": row.transactions,
        "total": money(row.total),
        "groups": row.groups,
    }


def _summary(
    on: dt.date, trial: bool, chosen: list[Transaction], skipped: list[Skipped], lapsed: set[str]
) -> dict[str, Any]:
    per_type: dict[str, list[Decimal]] = {}
    for t in chosen:
        per_type.setdefault(t.sequence_type, []).append(t.item.remaining)
    return {
        "collection_id": None,
        "number": None,
        "trial": trial,
        "collection_date": on.isoformat(),
        "transactions": len(chosen),
        "total": money(sum((t.item.remaining for t in chosen), Decimal("0.00"))),
        "groups": [
            {
                "sequence_type": kind,
                "payment_info_id": None,
                "transactions": len(amounts),
                "total": money(sum(amounts, Decimal("0.00"))),
            }
            for kind, amounts in sorted(per_type.items())
        ],
        "skipped": {
            "count": len(skipped),
            "by_reason": dict(Counter(s.reason for s in skipped)),
            "items": [
                {
                    "item_id": s.item.id,
                    "reference": s.item.reference,
                    "relation_id": s.item.relation_id,
                    "relation_name": s.item.relation_name,
                    "amount": money(s.item.remaining),
                    "reason": s.reason,
                }
                for s in skipped[:SKIPPED_LISTED]
            ],
        },
        "mandates_expired": len(lapsed),
    }


_DUE = """
    select i.id, i.relation_id, i.relation_name, i.reference, i.policy_number, i.due_date,
        i.remaining
    from open_items i join policy_payments p on p.policy_number = i.policy_number
    where i.ledger = 'debtors' and p.method = 'direct_debit' and i.due_date <= :on
        and (i.remaining <> 0 or i.amount = 0)
    order by i.id
"""


async def _due_items(session: AsyncSession, on: dt.date, lock: bool) -> list[DueItem]:
    """The open debtor items of policies paying by direct debit, due by `on`, in id order (and
    locked in that order, as every writer of items locks them)."""
    query = _DUE + (" for update of i" if lock else "")
    rows = await session.execute(text(query), {"on": on})
    return [
        DueItem(
            str(r.id),
            r.relation_id,
            r.relation_name,
            r.reference,
            r.policy_number,
            r.due_date,
            r.remaining,
        )
        for r in rows
    ]


async def collected_on(
    session: AsyncSession, items: list[DueItem], on: dt.date
) -> tuple[list[Transaction], list[Skipped], set[str]]:
    """Which of `items` a run on `on` collects and on which mandate, the others with the reason,
    and the mandates found lapsed (`collection_rules.choose` on what the ledger knows)."""
    relations = {i.relation_id for i in items}
    found = await mandates_of(session, relations)
    refunded = frozenset(await not_again(session, [i.id for i in items]))
    blocked = await blocked_among(session, relations)
    return choose(items, found, on, refunded, blocked)


async def mandates_of(session: AsyncSession, relation_ids: set[str]) -> dict[str, list[Mandate]]:
    found: dict[str, list[Mandate]] = {}
    if not relation_ids:
        return found
    # One array for all of them: a run's relations are more than a statement's parameters.
    rows = await session.execute(
        select(mandates).where(
            mandates.c.relation_id == any_(cast(sorted(relation_ids), ARRAY(Text)))
        )
    )
    for r in rows:
        found.setdefault(r.relation_id, []).append(
            Mandate(
                str(r.id),
                r.reference,
                r.relation_id,
                r.signed_on,
                r.iban,
                r.debtor_name,
                r.kind,
                r.status,
                r.last_collected_on,
                r.collections,
            )
        )
    return found


async def _lapse(session: AsyncSession, tenant: str, lapsed: set[str]) -> None:
    for mandate_id in sorted(lapsed):
        await session.execute(
            update(mandates).where(mandates.c.id == mandate_id).values(status="expired")
        )
        await record(session, tenant, mandate_id, "expired", "collection run", "36 months unused")


async def _book(
    session: AsyncSession,
    job: Job,
    number: str,
    on: dt.date,
    chosen: list[Transaction],
    file: bytes,
    groups: list[Any],
) -> None:
    """The run's entries (debtors control to direct debits in transit, an entry per hundred
    items), its file, the items closed, and each mandate's use."""
    tenant = job.tenant
    await ensure_account(session, tenant, IN_TRANSIT_ACCOUNT)
    day = await first_open_day(session, dt.date.today())
    chunks = [chosen[n : n + ITEMS_PER_ENTRY] for n in range(0, len(chosen), ITEMS_PER_ENTRY)]
    entry_ids = await book_many(
        session,
        tenant,
        [
            NewEntry(
                entry_date=day,
                description=f"Direct debit {number}, collected on {on.isoformat()}",
                source="collection",
                postings=_postings(number, chunk),
                created_by=job.params.get("by", "collection run"),
            )
            for chunk in chunks
        ],
    )
    total = sum((t.item.remaining for t in chosen), Decimal("0.00"))
    await session.execute(
        insert(collections).values(
            tenant_id=tenant,
            id=job.id,
            number=number,
            collection_date=on,
            message_id=number,
            transactions=len(chosen),
            total=total,
            groups=[
                {
                    "sequence_type": g.sequence_type,
                    "payment_info_id": g.payment_info_id,
                    "transactions": g.transactions,
                    "total": money(g.total),
                }
                for g in groups
            ],
            file=file,
            created_by=job.params.get("by", "collection run"),
        )
    )
    block = {g.sequence_type: g.payment_info_id for g in groups}
    rows = []
    n = 0
    for chunk, entry_id in zip(chunks, entry_ids, strict=True):
        for t in chunk:
            n += 1
            rows.append(
                {
                    "tenant_id": tenant,
                    "collection_id": job.id,
                    "item_id": t.item.id,
                    "mandate_id": t.mandate.id,
                    "sequence_type": t.sequence_type,
                    "amount": t.item.remaining,
                    "end_to_end_id": end_to_end_id(number, n),
                    "payment_info_id": block[t.sequence_type],
                    "entry_id": entry_id,
                }
            )
    await session.execute(insert(collection_items), rows)
    await session.execute(
        text(
            "update open_items i set remaining = i.remaining - c.amount"
            " from collection_items c where c.collection_id = :run and c.item_id = i.id"
        ),
        {"run": job.id},
    )
    # Each mandate's use, and the first use of a mandate in its history: set-based, as a run
    # may use a hundred thousand mandates.
    await session.execute(
        text(
            """
            update mandates m set collections = m.collections + c.n, last_collected_on = :on
            from (select mandate_id, count(*) as n from collection_items
                  where collection_id = :run group by mandate_id) c
            where m.id = c.mandate_id
            """
        ),
        {"run": job.id, "on": on},
    )
    await session.execute(
        text(
            """
            insert into mandate_history (tenant_id, mandate_id, change, detail, by)
            select tenant_id, mandate_id, 'first collection', :number, 'collection run'
            from collection_items where collection_id = :run and sequence_type <> 'RCUR'
            group by tenant_id, mandate_id order by mandate_id
            """
        ),
        {"run": job.id, "number": number},
    )


def _postings(number: str, chunk: list[Transaction]) -> list[Posting]:
    lines = [
        item_posting(
            "debtors",
            -t.item.remaining,
            t.item.relation_id,
            t.item.id,
            f"{t.item.reference} in direct debit {number}",
        )
        for t in chunk
    ]
    total = sum((t.item.remaining for t in chunk), Decimal("0.00"))
    return [Posting(IN_TRANSIT, debit=total, description=f"direct debit {number}"), *lines]
