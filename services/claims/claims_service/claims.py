"""`GET /api/claims`: the tenant's claims."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from claims_service.tables import claims
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, page_of

router = APIRouter(prefix="/api/claims", tags=["claims"])


class ClaimSummary(BaseModel):
    id: str
    number: str
    status: str


@router.get("", response_model=Page[ClaimSummary])
async def list_claims(session: TenantSession, paging: Paging) -> Page[ClaimSummary]:
    query = select(claims).order_by(claims.c.number).limit(paging.limit + 1)
    if paging.after:
        query = query.where(claims.c.number > paging.after)
    rows = (await session.execute(query)).all()
    items = [ClaimSummary(id=str(r.id), number=r.number, status=r.status) for r in rows]
    return page_of(items, [r.number for r in rows], paging.limit)
