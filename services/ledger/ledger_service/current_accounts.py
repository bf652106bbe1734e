"""The current accounts with debtors (policyholders) and creditors (insurers): balances per
relation, and per relation its open items, its postings with the balance over time, and ageing
by days past due (0-30, 31-60, 61-90, 90+), and the reminders sent.

A relation's name is the one the ledger knows from `relation.changed`, whenever that arrived;
an item keeps the name it was booked with only for relations no event names (insurers)."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import (
    journal_entries,
    journal_lines,
    known_relations,
    open_items,
    reminders,
)
from servicekit.app import TenantSession
from servicekit.money import money
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem

Ledger = Literal["debtors", "creditors"]
CONTROL = {"debtors": "1300", "creditors": "1600"}
BUCKETS = (("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None))
ZERO = Decimal("0.00")


class RelationBalance(BaseModel):
    relation_id: str
    name: str
    balance: str
    open_items: int


class OpenItem(BaseModel):
    id: str
    reference: str
    description: str
    item_date: date
    due_date: date
    amount: str
    remaining: str
    reminders: int = Field(default=0, description="Reminders sent for it so far (3: final notice)")
    arrangement_until: date | None = Field(
        default=None, description="A payment arrangement holds its reminders back until then"
    )


class ReminderLine(BaseModel):
    id: str
    document: str = Field(description="Where the reminder's PDF is")
    item_id: str
    reference: str
    level: int
    sent_on: date
    amount: str
    text: str


class StatementLine(BaseModel):
    date: date
    number: int
    description: str
    amount: str
    balance: str


class Account(BaseModel):
    relation_id: str
    name: str
    balance: str
    open_items: list[OpenItem]
    statement: list[StatementLine]
    ageing: dict[str, str]
    reminders: list[ReminderLine] = Field(
        default_factory=list, description="The reminders sent, newest first"
    )


def containing(text: str) -> str:
    """A LIKE pattern for text that contains `text` literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def ageing(items: list[Any], on: date) -> dict[str, str]:
    """Remaining amounts by days past due on `on`; not yet due counts as 0-30."""
    totals = {name: ZERO for name, _, _ in BUCKETS}
    for item in items:
        late = max((on - item.due_date).days, 0)
        for name, low, high in BUCKETS:
            if late >= low and (high is None or late <= high):
                totals[name] += item.remaining
    return {name: str(amount) for name, amount in totals.items()}


async def balances(
    session: AsyncSession, ledger: Ledger, paging: Any, name: str | None = None
) -> Page[RelationBalance]:
    known = known_relations.c
    query = (
        select(
            open_items.c.relation_id,
            func.coalesce(func.max(known.name), func.max(open_items.c.relation_name)).label("name"),
            func.sum(open_items.c.remaining).label("balance"),
            func.count().filter(open_items.c.remaining != 0).label("open"),
        )
        .select_from(
            open_items.outerjoin(
                known_relations,
                (known.tenant_id == open_items.c.tenant_id)
                & (known.relation_id == open_items.c.relation_id),
            )
        )
        .where(open_items.c.ledger == ledger)
        .group_by(open_items.c.relation_id)
    )
    if name:
        name_now = func.coalesce(known.name, open_items.c.relation_name)
        query = query.where(name_now.ilike(containing(name)))
    return await keyset_page(
        session,
        query,
        open_items.c.relation_id,
        paging,
        lambda r: RelationBalance(
            relation_id=r.relation_id, name=r.name, balance=str(r.balance), open_items=r.open
        ),
    )


async def _control_postings(session: AsyncSession, ledger: Ledger, relation_id: str) -> list[Any]:
    """The relation's lines on the ledger's control account, with their entries, in date order."""
    return list(
        (
            await session.execute(
                select(
                    journal_entries.c.entry_date,
                    journal_entries.c.number,
                    journal_entries.c.description,
                    (journal_lines.c.debit - journal_lines.c.credit).label("amount"),
                )
                .select_from(
                    journal_lines.join(
                        journal_entries, journal_entries.c.id == journal_lines.c.entry_id
                    )
                )
                .where(
                    journal_lines.c.account_code == CONTROL[ledger],
                    journal_lines.c.relation_id == relation_id,
                )
                .order_by(journal_entries.c.entry_date, journal_entries.c.number)
            )
        ).all()
    )


def _running_statement(postings: list[Any], ledger: Ledger) -> list[StatementLine]:
    """The postings in the relation's own sign (+ owed by a debtor or to a creditor), each with
    the balance after it."""
    sign = 1 if ledger == "debtors" else -1
    balance, statement = ZERO, []
    for p in postings:
        balance += p.amount * sign
        statement.append(
            StatementLine(
                date=p.entry_date,
                number=p.number,
                description=p.description,
                amount=money(p.amount * sign),
                balance=money(balance),
            )
        )
    return statement


async def account(session: AsyncSession, ledger: Ledger, relation_id: str, on: date) -> Account:
    items = (
        await session.execute(
            select(open_items)
            .where(open_items.c.ledger == ledger, open_items.c.relation_id == relation_id)
            .order_by(open_items.c.item_date, open_items.c.reference)
        )
    ).all()
    postings = await _control_postings(session, ledger, relation_id)
    statement = _running_statement(postings, ledger)
    still_open = [i for i in items if i.remaining != 0]
    sent = await _reminders(session, ledger, relation_id)
    levels: dict[str, int] = {}
    for r in sent:
        levels[r.item_id] = max(levels.get(r.item_id, 0), r.level)
    known = (
        await session.execute(
            select(known_relations.c.name).where(known_relations.c.relation_id == relation_id)
        )
    ).first()
    if known is None and not items and not postings:
        raise Problem(404, f"No {ledger[:-1]} {relation_id} is known here")
    return Account(
        relation_id=relation_id,
        name=known.name if known else items[0].relation_name if items else relation_id,
        balance=str(sum((i.remaining for i in items), ZERO)),
        open_items=[
            OpenItem(
                id=str(i.id),
                reference=i.reference,
                description=i.description,
                item_date=i.item_date,
                due_date=i.due_date,
                amount=str(i.amount),
                remaining=str(i.remaining),
                reminders=levels.get(str(i.id), 0),
                arrangement_until=i.arrangement_until,
            )
            for i in still_open
        ],
        statement=statement,
        ageing=ageing(still_open, on),
        reminders=sent,
    )


async def _reminders(session: AsyncSession, ledger: Ledger, relation_id: str) -> list[ReminderLine]:
    if ledger != "debtors":
        return []
    rows = await session.execute(
        select(reminders, open_items.c.reference)
        .join(open_items, open_items.c.id == reminders.c.item_id)
        .where(open_items.c.ledger == ledger, open_items.c.relation_id == relation_id)
        .order_by(reminders.c.sent_on.desc(), reminders.c.level.desc(), open_items.c.reference)
    )
    return [
        ReminderLine(
            id=str(r.id),
            document=f"/api/debtors/reminders/{r.id}/document",
            item_id=str(r.item_id),
            reference=r.reference,
            level=r.level,
            sent_on=r.sent_on,
            amount=str(r.amount),
            text=r.text,
        )
        for r in rows
    ]


debtors = APIRouter(prefix="/api/debtors", tags=["debtors"])
creditors = APIRouter(prefix="/api/creditors", tags=["creditors"])


NameLike = Annotated[
    str | None, Query(min_length=1, max_length=100, description="Part of the relation's name")
]


@debtors.get("", response_model=Page[RelationBalance])
async def debtor_balances(
    session: TenantSession, paging: Paging, name: NameLike = None
) -> Page[RelationBalance]:
    return await balances(session, "debtors", paging, name)


@debtors.get("/{relation_id}", response_model=Account)
async def debtor_account(
    relation_id: str, session: TenantSession, on: Annotated[date | None, Query(alias="date")] = None
) -> Account:
    return await account(session, "debtors", relation_id, on or date.today())


@creditors.get("", response_model=Page[RelationBalance])
async def creditor_balances(
    session: TenantSession, paging: Paging, name: NameLike = None
) -> Page[RelationBalance]:
    return await balances(session, "creditors", paging, name)


@creditors.get("/{relation_id}", response_model=Account)
async def creditor_account(
    relation_id: str, session: TenantSession, on: Annotated[date | None, Query(alias="date")] = None
) -> Account:
    return await account(session, "creditors", relation_id, on or date.today())
