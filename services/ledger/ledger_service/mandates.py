"""SEPA direct-debit mandates (machtigingen) of the tenant's relations: added by staff or with a
policy whose applicant consented, revoked by staff or by a bank's return, lapsed after 36
months unused (found by the collection run). Each change is kept in the mandate's history."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.parties import valid_iban
from ledger_service.tables import known_relations, mandate_history, mandates
from servicekit.app import Context, TenantSession
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem, invalid
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/debtors/mandates", tags=["debtors"])
CHANGE = {"x-permission": {"module": "debtors", "action": "change"}}
# A mandate reference is at most 35 characters of the SEPA set.
REFERENCE = r"^[A-Za-z0-9+?/\-:().,' ]{1,35}$"


class MandateIn(BaseModel):
    relation_id: str = Field(min_length=1, max_length=100)
    reference: str = Field(pattern=REFERENCE, description="Unique within the tenant")
    signed_on: date
    iban: str = Field(min_length=1, max_length=40)
    debtor_name: str | None = Field(
        default=None, min_length=1, max_length=70, description="The relation's name if not given"
    )
    kind: Literal["recurring", "one_off"] = "recurring"

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return valid_iban(value)

    @field_validator("signed_on")
    @classmethod
    def _signed(cls, value: date) -> date:
        if value > date.today():
            raise ValueError("cannot be signed in the future")
        if value.year < 2000:
            raise ValueError("before SEPA existed")
        return value


class RevokeIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class HistoryLine(BaseModel):
    at: datetime
    change: str
    detail: str | None
    by: str


class MandateOut(BaseModel):
    id: str
    relation_id: str
    reference: str
    signed_on: date
    iban: str
    debtor_name: str
    kind: str
    status: str
    last_collected_on: date | None
    collections: int
    history: list[HistoryLine] | None = None


def _out(row: Any, history: list[HistoryLine] | None = None) -> MandateOut:
    return MandateOut(
        id=str(row.id),
        relation_id=row.relation_id,
        reference=row.reference,
        signed_on=row.signed_on,
        iban=row.iban,
        debtor_name=row.debtor_name,
        kind=row.kind,
        status=row.status,
        last_collected_on=row.last_collected_on,
        collections=row.collections,
        history=history,
    )


async def record(
    session: AsyncSession, tenant: str, mandate_id: str, change: str, by: str, detail: str | None
) -> None:
    await session.execute(
        insert(mandate_history).values(
            tenant_id=tenant, mandate_id=mandate_id, change=change, detail=detail, by=by
        )
    )


async def add_mandate(
    session: AsyncSession,
    tenant: str,
    body: MandateIn,
    by: str,
    detail: str | None = None,
    import_id: str | None = None,
) -> str | None:
    """Stores the mandate; its id, or None when its reference is taken already."""
    mandate_id = str(uuid.uuid4())
    name = body.debtor_name
    if name is None:
        name = (
            await session.execute(
                select(known_relations.c.name).where(
                    known_relations.c.relation_id == body.relation_id
                )
            )
        ).scalar_one_or_none()
        if name is None:
            raise invalid("relation_id", "no such relation", "No such relation")
    added = await session.execute(
        upsert(mandates)
        .values(
            tenant_id=tenant,
            id=mandate_id,
            relation_id=body.relation_id,
            reference=body.reference,
            signed_on=body.signed_on,
            iban=body.iban,
            debtor_name=name[:70],
            kind=body.kind,
            status="active",
            created_by=by,
            import_id=import_id,
        )
        .on_conflict_do_nothing(index_elements=["tenant_id", "reference"])
        .returning(mandates.c.id)
    )
    if added.first() is None:
        return None
    await record(session, tenant, mandate_id, "added", by, detail)
    return mandate_id


async def _mandate(session: AsyncSession, mandate_id: str) -> MandateOut:
    row = await row_by_id(session, mandates, mandate_id, "mandate")
    lines = await session.execute(
        select(mandate_history)
        .where(mandate_history.c.mandate_id == row.id)
        .order_by(mandate_history.c.id)
    )
    history = [HistoryLine(at=h.at, change=h.change, detail=h.detail, by=h.by) for h in lines]
    return _out(row, history)


@router.post("", status_code=201, response_model=MandateOut)
async def create_mandate(body: MandateIn, ctx: Context, session: TenantSession) -> MandateOut:
    """A mandate the relation signed; its reference must be new to the tenant."""
    assert ctx.tenant
    known = (
        await session.execute(
            select(known_relations.c.relation_id).where(
                known_relations.c.relation_id == body.relation_id
            )
        )
    ).first()
    if known is None:
        raise invalid("relation_id", "no such relation", "No such relation")
    mandate_id = await add_mandate(session, ctx.tenant, body, ctx.username)
    if mandate_id is None:
        raise invalid("reference", "already in use", "A mandate with this reference exists")
    return await _mandate(session, mandate_id)


@router.get("", response_model=Page[MandateOut])
async def list_mandates(
    session: TenantSession,
    paging: Paging,
    relation_id: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[Literal["active", "revoked", "expired"] | None, Query()] = None,
) -> Page[MandateOut]:
    """By reference; optionally of one relation or in one status."""
    query = select(mandates)
    if relation_id is not None:
        query = query.where(mandates.c.relation_id == relation_id)
    if status is not None:
        query = query.where(mandates.c.status == status)
    return await keyset_page(session, query, mandates.c.reference, paging, _out)


@router.get("/{mandate_id}", response_model=MandateOut)
async def get_mandate(mandate_id: str, session: TenantSession) -> MandateOut:
    """The mandate with its history."""
    return await _mandate(session, mandate_id)


async def revoke(session: AsyncSession, tenant: str, mandate_id: str, reason: str, by: str) -> bool:
    """Revokes an active mandate; False if it was not active."""
    changed = await session.execute(
        update(mandates)
        .where(mandates.c.id == mandate_id, mandates.c.status == "active")
        .values(status="revoked")
        .returning(mandates.c.id)
    )
    if changed.first() is None:
        return False
    await record(session, tenant, mandate_id, "revoked", by, reason)
    return True


@router.post("/{mandate_id}/revoke", response_model=MandateOut, openapi_extra=CHANGE)
async def revoke_mandate(
    mandate_id: str, body: RevokeIn, ctx: Context, session: TenantSession
) -> MandateOut:
    """No collection is made on it any more; kept with its history."""
    assert ctx.tenant
    row = await row_by_id(session, mandates, mandate_id, "mandate")
    if not await revoke(session, ctx.tenant, str(row.id), body.reason, ctx.username):
        raise Problem(409, f"This mandate is {row.status} already")
    return await _mandate(session, str(row.id))
