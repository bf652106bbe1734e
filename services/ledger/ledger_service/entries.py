"""Journal entries by hand (`ledger:create`), lists and reversals. A booked entry is never
changed: a correction is its reversal plus a new entry."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import Posting, book
from ledger_service.pages import ordered_page
from ledger_service.tables import journal_entries, journal_lines
from servicekit.app import Context, TenantSession
from servicekit.paging import Page, Paging
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/ledger/journal-entries", tags=["ledger"])


class LineIn(BaseModel):
    account: str = Field(min_length=1, max_length=20)
    debit: Decimal = Field(default=Decimal("0.00"), max_digits=14, decimal_places=2)
    credit: Decimal = Field(default=Decimal("0.00"), max_digits=14, decimal_places=2)
    relation_id: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, max_length=200)


class EntryIn(BaseModel):
    entry_date: date
    description: str = Field(min_length=1, max_length=200)
    lines: list[LineIn] = Field(min_length=2, max_length=200)


class LineOut(BaseModel):
    account: str
    debit: str
    credit: str
    relation_id: str | None
    item_id: str | None
    description: str | None


class EntryOut(BaseModel):
    id: str
    number: int
    entry_date: date
    description: str
    source: str
    event_id: str | None
    reverses: str | None
    created_by: str
    lines: list[LineOut]


def _line_out(r: Any) -> LineOut:
    return LineOut(
        account=r.account_code,
        debit=str(r.debit),
        credit=str(r.credit),
        relation_id=r.relation_id,
        item_id=str(r.item_id) if r.item_id else None,
        description=r.description,
    )


async def entries_out(session: AsyncSession, rows: Sequence[Any]) -> list[EntryOut]:
    """The entries with their lines, read in one query."""
    lines: dict[str, list[LineOut]] = {}
    if rows:
        found = await session.execute(
            select(journal_lines)
            .where(journal_lines.c.entry_id.in_([r.id for r in rows]))
            .order_by(journal_lines.c.entry_id, journal_lines.c.line_no)
        )
        for line in found.all():
            lines.setdefault(str(line.entry_id), []).append(_line_out(line))
    return [
        EntryOut(
            id=str(row.id),
            number=row.number,
            entry_date=row.entry_date,
            description=row.description,
            source=row.source,
            event_id=str(row.event_id) if row.event_id else None,
            reverses=str(row.reverses) if row.reverses else None,
            created_by=row.created_by,
            lines=lines.get(str(row.id), []),
        )
        for row in rows
    ]


async def entry_out(session: AsyncSession, row: Any) -> EntryOut:
    [entry] = await entries_out(session, [row])
    return entry


@router.post("", status_code=201, response_model=EntryOut)
async def enter(body: EntryIn, ctx: Context, session: TenantSession) -> EntryOut:
    assert ctx.tenant
    entry_id = await book(
        session,
        ctx.tenant,
        entry_date=body.entry_date,
        description=body.description,
        source="manual",
        postings=[
            Posting(line.account, line.debit, line.credit, line.relation_id, None, line.description)
            for line in body.lines
        ],
        created_by=ctx.username,
    )
    return await entry_out(session, await row_by_id(session, journal_entries, entry_id, "entry"))


@router.get("", response_model=Page[EntryOut])
async def list_entries(
    session: TenantSession,
    paging: Paging,
    account: Annotated[str | None, Query(max_length=20)] = None,
    source: Annotated[str | None, Query(max_length=20)] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Page[EntryOut]:
    """Entries newest first (by number), with their lines."""
    query = select(journal_entries)
    if account:
        touching = select(journal_lines.c.entry_id).where(journal_lines.c.account_code == account)
        query = query.where(journal_entries.c.id.in_(touching))
    if source:
        query = query.where(journal_entries.c.source == source)
    if date_from:
        query = query.where(journal_entries.c.entry_date >= date_from)
    if date_to:
        query = query.where(journal_entries.c.entry_date <= date_to)
    page = await ordered_page(
        session,
        query,
        (journal_entries.c.number,),
        paging,
        lambda r: r,
        key_of=lambda r: [str(r.number)],
        parse=lambda k: (int(k[0]),),
        descending=True,
    )
    return Page(items=await entries_out(session, page.items), next_cursor=page.next_cursor)


@router.get("/{entry_id}", response_model=EntryOut)
async def get_entry(entry_id: str, session: TenantSession) -> EntryOut:
    return await entry_out(session, await row_by_id(session, journal_entries, entry_id, "entry"))


class ReverseIn(BaseModel):
    entry_date: date | None = Field(default=None, description="Defaults to the original's date")


@router.post("/{entry_id}/reverse", status_code=201, response_model=EntryOut)
async def reverse(
    entry_id: str, ctx: Context, session: TenantSession, body: ReverseIn | None = None
) -> EntryOut:
    assert ctx.tenant
    original = await row_by_id(session, journal_entries, entry_id, "entry")
    done = await session.execute(
        select(journal_entries.c.id).where(journal_entries.c.reverses == original.id)
    )
    if done.first() is not None:
        raise Problem(409, f"Entry {original.number} was reversed already")
    lines = (await entry_out(session, original)).lines
    if any(line.item_id for line in lines):
        raise Problem(
            409,
            "This entry made open items; it is undone by the document that reverses it"
            " (a credit note) or by undoing the match",
        )
    reversal_id = await book(
        session,
        ctx.tenant,
        entry_date=(body.entry_date if body and body.entry_date else original.entry_date),
        description=f"Reversal of {original.number}: {original.description}",
        source="reversal",
        postings=[
            Posting(
                line.account,
                Decimal(line.credit),
                Decimal(line.debit),
                line.relation_id,
                None,
                line.description,
            )
            for line in lines
        ],
        created_by=ctx.username,
        reverses=str(original.id),
    )
    return await entry_out(session, await row_by_id(session, journal_entries, reversal_id, "entry"))
