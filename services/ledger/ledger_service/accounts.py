"""The chart of accounts: listed, added, renamed and blocked; deleted only while never used."""

from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import accounts, journal_lines
from servicekit.app import Context, TenantSession
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem

router = APIRouter(prefix="/api/ledger", tags=["ledger"])


class Account(BaseModel):
    code: str
    name: str
    kind: str
    blocked: bool


class AccountIn(BaseModel):
    code: str = Field(pattern=r"^[0-9]{4,6}$")
    name: str = Field(min_length=1, max_length=100)
    kind: Literal["asset", "liability", "equity", "income", "expense"]


class AccountChange(BaseModel):
    model_config = {"extra": "forbid"}

    name: str | None = Field(default=None, min_length=1, max_length=100)
    blocked: bool | None = None


def _out(r: Any) -> Account:
    return Account(code=r.code, name=r.name, kind=r.kind, blocked=r.blocked)


async def _account(session: AsyncSession, code: str) -> Any:
    row = (await session.execute(select(accounts).where(accounts.c.code == code))).first()
    if row is None:
        raise Problem(404, f"No account {code}")
    return row


@router.get("/accounts", response_model=Page[Account])
async def list_accounts(session: TenantSession, paging: Paging) -> Page[Account]:
    return await keyset_page(session, select(accounts), accounts.c.code, paging, _out)


@router.post("/accounts", status_code=201, response_model=Account)
async def add_account(body: AccountIn, ctx: Context, session: TenantSession) -> Account:
    exists = await session.execute(select(accounts.c.code).where(accounts.c.code == body.code))
    if exists.first() is not None:
        raise Problem(409, f"Account {body.code} exists")
    await session.execute(insert(accounts).values(tenant_id=ctx.tenant, **body.model_dump()))
    return _out(await _account(session, body.code))


@router.patch("/accounts/{code}", response_model=Account)
async def change_account(code: str, body: AccountChange, session: TenantSession) -> Account:
    await _account(session, code)
    changes = body.model_dump(exclude_none=True)
    if changes:
        await session.execute(update(accounts).where(accounts.c.code == code).values(**changes))
    return _out(await _account(session, code))


@router.delete("/accounts/{code}", status_code=204)
async def delete_account(code: str, session: TenantSession) -> Response:
    await _account(session, code)
    used = await session.execute(
        select(journal_lines.c.entry_id).where(journal_lines.c.account_code == code).limit(1)
    )
    if used.first() is not None:
        raise Problem(409, f"Account {code} has postings; block it instead")
    await session.execute(delete(accounts).where(accounts.c.code == code))
    return Response(status_code=204)
