"""Periods (months): a closed month takes no postings (409), in the database too."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlalchemy import insert, select

from ledger_service.journal import period_closed
from ledger_service.tables import closed_periods
from servicekit.app import Context, TenantSession
from servicekit.problems import Problem

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
    first = date.fromisoformat(f"{month}-01")
    if await period_closed(session, first):
        raise Problem(409, f"{month} is closed already")
    await session.execute(
        insert(closed_periods).values(tenant_id=ctx.tenant, month=first, closed_by=ctx.username)
    )
    row = (
        await session.execute(select(closed_periods).where(closed_periods.c.month == first))
    ).one()
    return ClosedPeriod(month=month, closed_at=row.closed_at.isoformat(), closed_by=row.closed_by)
