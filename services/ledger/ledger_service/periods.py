"""Periods (months), closed in order. A closed month takes no postings (409), in the database
too, and neither does any day before it: the first month a tenant closes closes its books up to
that month's end, and after that only the month following the newest closed one can be closed.
(Closing March while February stayed open would let postings still come into February, and
March's closing balances would no longer be what the books say.)

Closing a month stores per account the debit and credit sums of all lines up to its end, taken
from the previous month's stored sums plus the month's own lines; the reports start from them.
While it does, it holds the tenant's period lock, which every new entry waits for in the
database (see the 0005 migration), so no entry can slip into the month meanwhile."""

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import closed_through, month_of, next_month
from ledger_service.reports import balances_through
from ledger_service.tables import closed_periods, period_balances
from servicekit.app import Context, TenantSession
from servicekit.db import lock_for_transaction
from servicekit.problems import Problem, invalid

router = APIRouter(prefix="/api/ledger/periods", tags=["ledger"])
MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


class ClosedPeriod(BaseModel):
    month: str
    closed_at: str
    closed_by: str


@router.get("", response_model=list[ClosedPeriod])
async def closed(session: TenantSession) -> list[ClosedPeriod]:
    rows = (await session.execute(select(closed_periods).order_by(closed_periods.c.month))).all()
    return [
        ClosedPeriod(
            month=r.month.strftime("%Y-%m"),
            closed_at=r.closed_at.isoformat(),
            closed_by=r.closed_by,
        )
        for r in rows
    ]


async def close_month(session: AsyncSession, tenant: str, first: date, by: str) -> None:
    """Close the month that starts on `first` and store its balances; 409 unless it is the
    month after the newest closed one (or the first month closed) and has begun."""
    await lock_for_transaction(session, "ledger periods", tenant)
    month = f"{first:%Y-%m}"
    newest = await closed_through(session)
    if newest is not None and first <= newest:
        raise Problem(409, f"{month} is closed already: the books are closed up to {newest:%Y-%m}")
    if newest is not None and first != next_month(newest):
        raise Problem(
            409, f"Months close in order: close {next_month(newest):%Y-%m} before {month}"
        )
    if first > month_of(date.today()):
        raise Problem(409, f"{month} has not begun; a month is closed once it has")
    _, sums = await balances_through(session, next_month(first) - timedelta(days=1))
    await session.execute(
        insert(closed_periods).values(tenant_id=tenant, month=first, closed_by=by, snapshot=True)
    )
    if sums:
        await session.execute(
            insert(period_balances),
            [
                {
                    "tenant_id": tenant,
                    "month": first,
                    "account_code": code,
                    "debit": debit,
                    "credit": credit,
                }
                for code, (debit, credit) in sums.items()
            ],
        )


@router.post(
    "/{month}/close",
    response_model=ClosedPeriod,
    openapi_extra={"x-permission": {"module": "ledger", "action": "change"}},
)
async def close(
    month: Annotated[str, Path(pattern=MONTH, description="YYYY-MM")],
    ctx: Context,
    session: TenantSession,
) -> ClosedPeriod:
    assert ctx.tenant
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError as exc:  # 0000-01 matches the pattern, but is no month
        raise invalid("month", "not a month", f"{month} is not a month") from exc
    await close_month(session, ctx.tenant, first, ctx.username)
    row = (
        await session.execute(select(closed_periods).where(closed_periods.c.month == first))
    ).one()
    return ClosedPeriod(month=month, closed_at=row.closed_at.isoformat(), closed_by=row.closed_by)
