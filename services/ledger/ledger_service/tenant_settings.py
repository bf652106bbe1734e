"""The tenant's own ledger settings: the write-off tolerance of a match, and automatic matching
of imported receipts (booked only when exactly one suggestion fits the whole amount)."""

from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import ledger_settings
from servicekit.app import Context, TenantSession

router = APIRouter(prefix="/api/ledger/settings", tags=["ledger"])


class LedgerSettings(BaseModel):
    write_off_tolerance: Decimal = Field(
        default=Decimal("1.00"), ge=0, le=1000, max_digits=14, decimal_places=2
    )
    auto_match: bool = False


async def settings_of(session: AsyncSession) -> LedgerSettings:
    row = (await session.execute(select(ledger_settings))).first()
    if row is None:
        return LedgerSettings()
    return LedgerSettings(write_off_tolerance=row.write_off_tolerance, auto_match=row.auto_match)


@router.get("", response_model=LedgerSettings)
async def get_settings(session: TenantSession) -> LedgerSettings:
    return await settings_of(session)


@router.put("", response_model=LedgerSettings)
async def put_settings(
    body: LedgerSettings, ctx: Context, session: TenantSession
) -> LedgerSettings:
    values = body.model_dump()
    await session.execute(
        insert(ledger_settings)
        .values(tenant_id=ctx.tenant, **values)
        .on_conflict_do_update(index_elements=["tenant_id"], set_=values)
    )
    return await settings_of(session)
