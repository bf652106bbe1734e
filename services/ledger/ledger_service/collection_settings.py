"""The tenant as creditor of its direct debits: its creditor identifier (incassant-ID, checked),
the name its customers see, and the account the bank collects into."""

from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.parties import valid_iban
from ledger_service.collection_rules import Creditor, valid_bic, valid_creditor_id
from ledger_service.tables import ledger_settings
from servicekit.app import Context, TenantSession
from servicekit.problems import Problem

router = APIRouter(prefix="/api/debtors/collection-settings", tags=["debtors"])


class CollectionSettings(BaseModel):
    creditor_id: str = Field(min_length=1, max_length=35, description="Incassant-ID")
    name: str = Field(min_length=1, max_length=70, description="The creditor's name")
    iban: str = Field(min_length=1, max_length=40, description="The account collected into")
    bic: str = Field(min_length=8, max_length=11, description="That account's bank")
    return_cost: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        max_digits=5,
        decimal_places=2,
        description="Charged to the relation for each collection the bank returns",
    )

    @field_validator("creditor_id")
    @classmethod
    def _creditor_id(cls, value: str) -> str:
        return valid_creditor_id(value)

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return valid_iban(value)

    @field_validator("bic")
    @classmethod
    def _bic(cls, value: str) -> str:
        return valid_bic(value)


async def _settings_row(session: AsyncSession) -> Any:
    row = (await session.execute(select(ledger_settings))).first()
    return None if row is None or row.creditor_id is None else row


async def creditor_of(session: AsyncSession) -> Creditor | None:
    row = await _settings_row(session)
    if row is None:
        return None
    return Creditor(row.creditor_name, row.creditor_iban, row.creditor_bic, row.creditor_id)


@router.get("", response_model=CollectionSettings)
async def get_collection_settings(session: TenantSession) -> CollectionSettings:
    row = await _settings_row(session)
    if row is None:
        raise Problem(404, "No direct-debit settings yet")
    return CollectionSettings(
        creditor_id=row.creditor_id,
        name=row.creditor_name,
        iban=row.creditor_iban,
        bic=row.creditor_bic,
        return_cost=row.return_cost,
    )


@router.put("", response_model=CollectionSettings)
async def put_collection_settings(
    body: CollectionSettings, ctx: Context, session: TenantSession
) -> CollectionSettings:
    values = {
        "creditor_id": body.creditor_id,
        "creditor_name": body.name,
        "creditor_iban": body.iban,
        "creditor_bic": body.bic,
        "return_cost": body.return_cost,
    }
    await session.execute(
        insert(ledger_settings)
        .values(tenant_id=ctx.tenant, **values)
        .on_conflict_do_update(index_elements=["tenant_id"], set_=values)
    )
    return body
