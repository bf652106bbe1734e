"""`GET /api/relations`: the tenant's relations (names and addresses)."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from policy_service.tables import relations
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, keyset_page

router = APIRouter(prefix="/api/relations", tags=["relations"])


class RelationSummary(BaseModel):
    id: str
    kind: str
    name: str


@router.get("", response_model=Page[RelationSummary])
async def list_relations(session: TenantSession, paging: Paging) -> Page[RelationSummary]:
    return await keyset_page(
        session,
        select(relations),
        relations.c.id,
        paging,
        lambda r: RelationSummary(id=str(r.id), kind=r.kind, name=r.name),
    )
