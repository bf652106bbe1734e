"""`GET /api/ledger/accounts`: the tenant's chart of accounts."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from ledger_service.tables import accounts
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, page_of

router = APIRouter(prefix="/api/ledger", tags=["ledger"])


class Account(BaseModel):
    code: str
    name: str
    kind: str
    blocked: bool


@router.get("/accounts", response_model=Page[Account])
async def list_accounts(session: TenantSession, paging: Paging) -> Page[Account]:
    query = select(accounts).order_by(accounts.c.code).limit(paging.limit + 1)
    if paging.after:
        query = query.where(accounts.c.code > paging.after)
    rows = (await session.execute(query)).all()
    items = [Account(code=r.code, name=r.name, kind=r.kind, blocked=r.blocked) for r in rows]
    return page_of(items, [r.code for r in rows], paging.limit)
