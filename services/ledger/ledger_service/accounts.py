"""`GET /api/ledger/accounts`: the tenant's chart of accounts."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from ledger_service.tables import accounts
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, keyset_page

router = APIRouter(prefix="/api/ledger", tags=["ledger"])


class Account(BaseModel):
    code: str
    name: str
    kind: str
    blocked: bool


@router.get("/accounts", response_model=Page[Account])
async def list_accounts(session: TenantSession, paging: Paging) -> Page[Account]:
    return await keyset_page(
        session,
        select(accounts),
        accounts.c.code,
        paging,
        lambda r: Account(code=r.code, name=r.name, kind=r.kind, blocked=r.blocked),
    )
