"""`GET /api/relations`: the tenant's relations (names and addresses)."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from policy_service.tables import relations
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, page_of

router = APIRouter(prefix="/api/relations", tags=["relations"])


class RelationSummary(BaseModel):
    id: str
    kind: str
    name: str


@router.get("", response_model=Page[RelationSummary])
async def list_relations(session: TenantSession, paging: Paging) -> Page[RelationSummary]:
    query = select(relations).order_by(relations.c.id).limit(paging.limit + 1)
    if paging.after:
        query = query.where(relations.c.id > paging.after)
    rows = (await session.execute(query)).all()
    items = [RelationSummary(id=str(r.id), kind=r.kind, name=r.name) for r in rows]
    return page_of(items, [str(r.id) for r in rows], paging.limit)
