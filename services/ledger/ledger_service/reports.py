"""Reports from the journal lines: the trial balance on a date and the general-ledger card of
an account."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, select

from ledger_service.tables import accounts, journal_entries, journal_lines
from servicekit.app import TenantSession
from servicekit.problems import Problem

router = APIRouter(prefix="/api/ledger", tags=["ledger"])
ZERO = Decimal("0.00")


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


@router.get("/trial-balance", response_model=TrialBalance)
async def trial_balance(
    session: TenantSession, on: Annotated[date | None, Query(alias="date")] = None
) -> TrialBalance:
    on = on or date.today()
    sums = (
        await session.execute(
            select(
                journal_lines.c.account_code,
                func.sum(journal_lines.c.debit).label("debit"),
                func.sum(journal_lines.c.credit).label("credit"),
            )
            .select_from(
                journal_lines.join(
                    journal_entries, journal_entries.c.id == journal_lines.c.entry_id
                )
            )
            .where(journal_entries.c.entry_date <= on)
            .group_by(journal_lines.c.account_code)
        )
    ).all()
    by_code = {r.account_code: (r.debit, r.credit) for r in sums}
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
    joined = journal_lines.join(journal_entries, journal_entries.c.id == journal_lines.c.entry_id)
    opening = ZERO
    if date_from:
        before = (
            await session.execute(
                select(func.coalesce(func.sum(journal_lines.c.debit - journal_lines.c.credit), 0))
                .select_from(joined)
                .where(
                    journal_lines.c.account_code == code, journal_entries.c.entry_date < date_from
                )
            )
        ).scalar_one()
        opening = Decimal(before).quantize(Decimal("0.01"))
    query = (
        select(
            journal_lines,
            journal_entries.c.number,
            journal_entries.c.entry_date,
            journal_entries.c.description.label("entry_description"),
        )
        .select_from(joined)
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
        account=code, name=account.name, opening=str(opening), lines=lines, closing=str(balance)
    )
