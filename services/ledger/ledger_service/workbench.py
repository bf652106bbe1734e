"""What the matching workbench lists besides the bank lines: the matches made (newest first, with
the items they took off and the bank line they came from, so a person can undo one), and the open
items of a ledger found by a relation's name, an invoice or policy number (to allocate a receipt
or a payment by hand over several of them)."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.current_accounts import Ledger, OpenItem, containing
from ledger_service.pages import ordered_page
from ledger_service.tables import bank_lines, known_relations, matches, open_items
from servicekit.app import TenantSession
from servicekit.paging import Page, PageParams, Paging
from servicekit.problems import invalid

debtors = APIRouter(prefix="/api/debtors", tags=["debtors"])
creditors = APIRouter(prefix="/api/creditors", tags=["creditors"])


def _uuid(text: str) -> str:
    return str(uuid.UUID(text))


async def names_of(session: AsyncSession, relation_ids: set[str]) -> dict[str, str]:
    """The names the ledger knows (from `relation.changed`) of these relations."""
    if not relation_ids:
        return {}
    rows = await session.execute(
        select(known_relations.c.relation_id, known_relations.c.name).where(
            known_relations.c.relation_id.in_(sorted(relation_ids))
        )
    )
    return {r.relation_id: r.name for r in rows}


class MatchedItem(BaseModel):
    item_id: str
    reference: str
    relation_id: str
    name: str
    amount: str


class MatchListed(BaseModel):
    id: str
    bank_line_id: str
    booking_date: date
    bank_amount: str
    counterparty_name: str | None
    allocations: list[MatchedItem]
    write_off: str
    created_at: datetime
    created_by: str
    undone: bool
    undone_at: datetime | None
    undone_by: str | None


def _matches_query(ledger: Ledger, bank_line_id: str | None, undone: bool | None) -> Select[Any]:
    """The matches of `ledger` with their bank lines, of one bank line or undone or not if asked."""
    m = matches.c
    query = (
        select(
            matches,
            bank_lines.c.booking_date,
            bank_lines.c.amount.label("bank_amount"),
            bank_lines.c.counterparty_name,
        )
        .select_from(matches.join(bank_lines, bank_lines.c.id == m.bank_line_id))
        .where(m.ledger == ledger)
    )
    if bank_line_id:
        try:
            query = query.where(m.bank_line_id == _uuid(bank_line_id))
        except ValueError as exc:
            raise invalid("bank_line_id", "not a bank line id", "Not a bank line id") from exc
    if undone is not None:
        query = query.where(m.undone_at.is_not(None) if undone else m.undone_at.is_(None))
    return query


async def _allocated_items(
    session: AsyncSession, rows: list[Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The open items the matches `rows` took off (by id), and the names of their relations."""
    item_ids = {a["item_id"] for r in rows for a in r.allocations}
    items = {}
    if item_ids:
        found = await session.execute(
            select(open_items.c.id, open_items.c.reference, open_items.c.relation_id).where(
                open_items.c.id.in_(sorted(item_ids))
            )
        )
        items = {str(r.id): r for r in found}
    names = await names_of(session, {i.relation_id for i in items.values()})
    return items, names


def _listed(r: Any, items: dict[str, Any], names: dict[str, str]) -> MatchListed:
    """A match as listed, each allocation with its item's reference and relation's name."""

    def allocation(a: dict[str, str]) -> MatchedItem:
        item = items[a["item_id"]]
        return MatchedItem(
            item_id=a["item_id"],
            reference=item.reference,
            relation_id=item.relation_id,
            name=names.get(item.relation_id, item.relation_id),
            amount=a["amount"],
        )

    return MatchListed(
        id=str(r.id),
        bank_line_id=str(r.bank_line_id),
        booking_date=r.booking_date,
        bank_amount=str(r.bank_amount),
        counterparty_name=r.counterparty_name,
        allocations=[allocation(a) for a in r.allocations],
        write_off=str(r.write_off),
        created_at=r.created_at,
        created_by=r.created_by,
        undone=r.undone_at is not None,
        undone_at=r.undone_at,
        undone_by=r.undone_by,
    )


async def _matches(
    session: AsyncSession,
    ledger: Ledger,
    paging: PageParams,
    bank_line_id: str | None,
    undone: bool | None,
) -> Page[MatchListed]:
    m = matches.c
    page = await ordered_page(
        session,
        _matches_query(ledger, bank_line_id, undone),
        (m.created_at, m.id),
        paging,
        lambda r: r,
        key_of=lambda r: [r.created_at.isoformat(), str(r.id)],
        parse=lambda k: (datetime.fromisoformat(k[0]), _uuid(k[1])),
        descending=True,
    )
    items, names = await _allocated_items(session, page.items)
    return Page(items=[_listed(r, items, names) for r in page.items], next_cursor=page.next_cursor)


class LedgerItem(OpenItem):
    relation_id: str
    name: str
    policy_number: str | None


async def _open_items(
    session: AsyncSession,
    ledger: Ledger,
    paging: PageParams,
    relation_id: str | None,
    search: str | None,
) -> Page[LedgerItem]:
    o, known = open_items.c, known_relations.c
    name = func.coalesce(known.name, o.relation_name)
    query = (
        select(open_items, name.label("name"))
        .select_from(
            open_items.outerjoin(
                known_relations,
                (known.tenant_id == o.tenant_id) & (known.relation_id == o.relation_id),
            )
        )
        .where(o.ledger == ledger, o.remaining != 0)
    )
    if relation_id:
        query = query.where(o.relation_id == relation_id)
    if search:
        words = search.strip()
        numbers = sorted({words, words.upper()})
        query = query.where(
            or_(
                o.reference.in_(numbers),
                o.policy_number.in_(numbers),
                name.ilike(containing(words)),
            )
        )
    return await ordered_page(
        session,
        query,
        (o.due_date, o.id),
        paging,
        lambda r: LedgerItem(
            id=str(r.id),
            relation_id=r.relation_id,
            name=r.name,
            reference=r.reference,
            description=r.description,
            policy_number=r.policy_number,
            item_date=r.item_date,
            due_date=r.due_date,
            amount=str(r.amount),
            remaining=str(r.remaining),
        ),
        key_of=lambda r: [r.due_date.isoformat(), str(r.id)],
        parse=lambda k: (date.fromisoformat(k[0]), _uuid(k[1])),
    )


BankLineId = Annotated[str | None, Query(description="Only the matches of this bank line")]
Undone = Annotated[
    bool | None, Query(description="true: only undone matches; false: only those in force")
]
RelationId = Annotated[str | None, Query(max_length=100, description="Only this relation's")]
Search = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        description="An invoice or policy number (whole), or part of the relation's name",
    ),
]


@debtors.get("/matches", response_model=Page[MatchListed])
async def receipt_matches(
    session: TenantSession,
    paging: Paging,
    bank_line_id: BankLineId = None,
    undone: Undone = None,
) -> Page[MatchListed]:
    """Matches of receipts, newest first, with the items they took off."""
    return await _matches(session, "debtors", paging, bank_line_id, undone)


@creditors.get("/matches", response_model=Page[MatchListed])
async def payment_matches(
    session: TenantSession,
    paging: Paging,
    bank_line_id: BankLineId = None,
    undone: Undone = None,
) -> Page[MatchListed]:
    """Matches of payments, newest first, with the items they took off."""
    return await _matches(session, "creditors", paging, bank_line_id, undone)


@debtors.get("/open-items", response_model=Page[LedgerItem])
async def debtor_open_items(
    session: TenantSession, paging: Paging, relation_id: RelationId = None, search: Search = None
) -> Page[LedgerItem]:
    """Debtors' open items, the earliest due first."""
    return await _open_items(session, "debtors", paging, relation_id, search)


@creditors.get("/open-items", response_model=Page[LedgerItem])
async def creditor_open_items(
    session: TenantSession, paging: Paging, relation_id: RelationId = None, search: Search = None
) -> Page[LedgerItem]:
    """Creditors' open items, the earliest due first."""
    return await _open_items(session, "creditors", paging, relation_id, search)
