"""`GET /api/claims`: the tenant's claims."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from claims_service.tables import claims
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, keyset_page

router = APIRouter(prefix="/api/claims", tags=["claims"])


class ClaimSummary(BaseModel):
    id: str
    number: str
    status: str


@router.get("", response_model=Page[ClaimSummary])
async def list_claims(session: TenantSession, paging: Paging) -> Page[ClaimSummary]:
    return await keyset_page(
        session,
        select(claims),
        claims.c.number,
        paging,
        lambda r: ClaimSummary(id=str(r.id), number=r.number, status=r.status),
    )
