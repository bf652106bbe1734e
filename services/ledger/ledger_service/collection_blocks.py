"""Relations blocked for direct debit: a collection run lists their items as skipped ("relation
blocked for direct debit") instead of collecting them. Staff block a relation (a dispute, a
bankruptcy, the holder's request) and lift the block; a return because the debtor's account is
blocked (AC06) blocks the relation by itself, since collecting again would only fail again."""

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import collection_blocks, known_relations
from servicekit.app import Context, TenantSession
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem

router = APIRouter(prefix="/api/debtors/collection-blocks", tags=["debtors"])
CHANGE = {"x-permission": {"module": "debtors", "action": "change"}}


class BlockIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f]*$")


class BlockOut(BaseModel):
    relation_id: str
    reason: str
    since: datetime
    by: str


def _out(row: object) -> BlockOut:
    return BlockOut.model_validate(row, from_attributes=True)


async def block(session: AsyncSession, tenant: str, relation_id: str, reason: str, by: str) -> None:
    """Blocks the relation (a block already there stays as it was set)."""
    await session.execute(
        insert(collection_blocks)
        .values(tenant_id=tenant, relation_id=relation_id, reason=reason, by=by)
        .on_conflict_do_nothing()
    )


async def blocked_among(session: AsyncSession, relation_ids: set[str]) -> frozenset[str]:
    if not relation_ids:
        return frozenset()
    rows = await session.execute(select(collection_blocks.c.relation_id))
    # A tenant blocks few relations: reading them all beats a parameter per relation.
    return frozenset(r.relation_id for r in rows if r.relation_id in relation_ids)


@router.get("", response_model=Page[BlockOut])
async def list_blocks(session: TenantSession, paging: Paging) -> Page[BlockOut]:
    return await keyset_page(
        session, select(collection_blocks), collection_blocks.c.relation_id, paging, _out
    )


@router.get("/{relation_id}", response_model=BlockOut)
async def get_block(relation_id: str, session: TenantSession) -> BlockOut:
    row = (
        await session.execute(
            select(collection_blocks).where(collection_blocks.c.relation_id == relation_id)
        )
    ).first()
    if row is None:
        raise Problem(404, "This relation is not blocked")
    return _out(row)


@router.put("/{relation_id}", response_model=BlockOut, openapi_extra=CHANGE)
async def put_block(
    relation_id: str, body: BlockIn, ctx: Context, session: TenantSession
) -> BlockOut:
    """Blocks the relation for direct debit, or changes the reason of its block."""
    known = await session.scalar(
        select(known_relations.c.relation_id).where(known_relations.c.relation_id == relation_id)
    )
    if known is None:
        raise Problem(404, "No such relation in the debtors' ledger")
    values = {"reason": body.reason, "by": ctx.username}
    await session.execute(
        insert(collection_blocks)
        .values(tenant_id=ctx.tenant, relation_id=relation_id, **values)
        .on_conflict_do_update(index_elements=["tenant_id", "relation_id"], set_=values)
    )
    return await get_block(relation_id, session)


@router.delete("/{relation_id}", status_code=204, response_class=Response, openapi_extra=CHANGE)
async def lift_block(relation_id: str, session: TenantSession) -> Response:
    lifted = await session.execute(
        delete(collection_blocks)
        .where(collection_blocks.c.relation_id == relation_id)
        .returning(collection_blocks.c.relation_id)
    )
    if lifted.first() is None:
        raise Problem(404, "This relation is not blocked")
    return Response(status_code=204)
