"""Reports from the journal lines: the trial balance on a date and the general-ledger card of
an account. Both start from the balances stored when a month closed (the newest such month that
ended on or before the date asked) and add only the lines after it, so hot accounts (premium tax,
commission) cost a month of lines, not their whole history. Closed months take no postings, and
nothing before them either, so those balances stay what the lines say."""

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import next_month
from ledger_service.tables import (
    accounts,
    closed_periods,
    journal_entries,
    journal_lines,
    period_balances,
)
from servicekit.app import TenantSession
from servicekit.problems import Problem

router = APIRouter(prefix="/api/ledger", tags=["ledger"])
ZERO = Decimal("0.00")
Sums = dict[str, tuple[Decimal, Decimal]]


async def balances_through(
    session: AsyncSession, day: date, account: str | None = None
) -> tuple[date | None, Sums]:
    """Per account (or the one account) the debit and credit sums of every line up to and
    including `day`: the balances stored at the close of the newest month that ended by `day`,
    plus the lines after that month. Also that month (its first day), or None."""
    month = day.replace(day=1)
    ended: ColumnElement[bool] = (
        closed_periods.c.month <= month
        if day.day == calendar.monthrange(day.year, day.month)[1]
        else closed_periods.c.month < month
    )
    snapshot: date | None = (
        await session.execute(
            select(func.max(closed_periods.c.month)).where(closed_periods.c.snapshot, ended)
        )
    ).scalar_one()
    sums: Sums = {}
    if snapshot is not None:
        stored = select(period_balances).where(period_balances.c.month == snapshot)
        if account is not None:
            stored = stored.where(period_balances.c.account_code == account)
        for r in (await session.execute(stored)).all():
            sums[r.account_code] = (r.debit, r.credit)
    lines = (
        select(
            journal_lines.c.account_code,
            func.sum(journal_lines.c.debit).label("debit"),
            func.sum(journal_lines.c.credit).label("credit"),
        )
        .select_from(
            journal_lines.join(journal_entries, journal_entries.c.id == journal_lines.c.entry_id)
        )
        .where(journal_entries.c.entry_date <= day)
        .group_by(journal_lines.c.account_code)
    )
    if snapshot is not None:
        lines = lines.where(journal_entries.c.entry_date >= next_month(snapshot))
    if account is not None:
        lines = lines.where(journal_lines.c.account_code == account)
    for r in (await session.execute(lines)).all():
        debit, credit = sums.get(r.account_code, (ZERO, ZERO))
        sums[r.account_code] = (debit + r.debit, credit + r.credit)
    return snapshot, sums


def _month(snapshot: date | None) -> str | None:
    return snapshot.strftime("%Y-%m") if snapshot else None


class TrialBalanceLine(BaseModel):
    code: str
    name: str
    kind: str
    debit: str
    credit: str
    balance: str


class TrialBalance(BaseModel):
    date: date
    accounts: list[TrialBalanceLine]
    total_debit: str
    total_credit: str
    balanced: bool
    snapshot: str | None = Field(
        description="The closed month (YYYY-MM) whose stored balances this starts from"
    )


@router.get("/trial-balance", response_model=TrialBalance)
async def trial_balance(
    session: TenantSession, on: Annotated[date | None, Query(alias="date")] = None
) -> TrialBalance:
    on = on or date.today()
    snapshot, by_code = await balances_through(session, on)
    lines = []
    for account in (await session.execute(select(accounts).order_by(accounts.c.code))).all():
        debit, credit = by_code.get(account.code, (ZERO, ZERO))
        lines.append(
            TrialBalanceLine(
                code=account.code,
                name=account.name,
                kind=account.kind,
                debit=str(debit),
                credit=str(credit),
                balance=str(debit - credit),
            )
        )
    total_debit = sum((d for d, _ in by_code.values()), ZERO)
    total_credit = sum((c for _, c in by_code.values()), ZERO)
    return TrialBalance(
        date=on,
        accounts=lines,
        total_debit=str(total_debit),
        total_credit=str(total_credit),
        balanced=total_debit == total_credit,
        snapshot=_month(snapshot),
    )


class CardLine(BaseModel):
    entry_id: str
    number: int
    date: date
    description: str
    debit: str
    credit: str
    balance: str
    relation_id: str | None


class Card(BaseModel):
    account: str
    name: str
    opening: str
    lines: list[CardLine]
    closing: str
    snapshot: str | None = Field(
        description="The closed month (YYYY-MM) whose stored balance the opening starts from"
    )


@router.get("/accounts/{code}/card", response_model=Card)
async def card(
    code: str,
    session: TenantSession,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Card:
    account = (await session.execute(select(accounts).where(accounts.c.code == code))).first()
    if account is None:
        raise Problem(404, f"No account {code}")
    opening, snapshot = ZERO, None
    if date_from and date_from > date.min:
        snapshot, sums = await balances_through(session, date_from - timedelta(days=1), code)
        debit, credit = sums.get(code, (ZERO, ZERO))
        opening = debit - credit
    query = (
        select(
            journal_lines,
            journal_entries.c.number,
            journal_entries.c.entry_date,
            journal_entries.c.description.label("entry_description"),
        )
        .select_from(
            journal_lines.join(journal_entries, journal_entries.c.id == journal_lines.c.entry_id)
        )
        .where(journal_lines.c.account_code == code)
        .order_by(journal_entries.c.entry_date, journal_entries.c.number, journal_lines.c.line_no)
    )
    if date_from:
        query = query.where(journal_entries.c.entry_date >= date_from)
    if date_to:
        query = query.where(journal_entries.c.entry_date <= date_to)
    balance, lines = opening, []
    for r in (await session.execute(query)).all():
        balance += r.debit - r.credit
        lines.append(
            CardLine(
                entry_id=str(r.entry_id),
                number=r.number,
                date=r.entry_date,
                description=r.description or r.entry_description,
                debit=str(r.debit),
                credit=str(r.credit),
                balance=str(balance),
                relation_id=r.relation_id,
            )
        )
    return Card(
        account=code,
        name=account.name,
        opening=str(opening),
        lines=lines,
        closing=str(balance),
        snapshot=_month(snapshot),
    )
