"""Matching (afletteren): one bank line linked to open items of one relation or several, in part
or in full. What is left of a receipt stays unallocated; a shortfall within the tenant's
write-off tolerance can be written off in the same match; a match is undone by a reversal, kept
in the history. Rows are locked in a fixed order (the bank line, then the items by id), so
concurrent matches never deadlock."""

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.current_accounts import CONTROL
from ledger_service.journal import (
    UNALLOCATED_PAYMENTS,
    UNALLOCATED_RECEIPTS,
    WRITE_OFF,
    Posting,
    book,
    first_open_day,
)
from ledger_service.tables import bank_lines, matches, open_items
from ledger_service.tenant_settings import settings_of
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.problems import Problem
from servicekit.rows import row_by_id

ZERO = Decimal("0.00")
Ledger = Literal["debtors", "creditors"]


class Allocation(BaseModel):
    item_id: str
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)


class MatchIn(BaseModel):
    bank_line_id: str = Field(description="The receipt (debtors) or payment (creditors)")
    allocations: list[Allocation] = Field(min_length=1, max_length=500)
    write_off: bool = Field(
        default=False, description="Write off a shortfall within the tenant's tolerance"
    )


class MatchOut(BaseModel):
    id: str
    ledger: str
    bank_line_id: str
    allocations: list[dict[str, str]]
    write_off: str
    entry_id: str
    undone: bool
    unallocated: str


async def _locked_line(session: AsyncSession, line_id: str, ledger: Ledger) -> Any:
    row = await row_by_id(session, bank_lines, line_id, "bank line")
    row = (
        await session.execute(select(bank_lines).where(bank_lines.c.id == row.id).with_for_update())
    ).one()
    receipt = row.amount > 0
    if receipt != (ledger == "debtors"):
        kind = "a receipt" if ledger == "debtors" else "a payment"
        raise Problem(
            422,
            f"Only {kind} is matched here",
            errors=[{"field": "bank_line_id", "message": f"not {kind}"}],
        )
    return row


async def locked_items(
    session: AsyncSession, item_ids: Iterable[str], ledger: Ledger | None = None
) -> dict[str, Any]:
    """The open items by id, locked in id order (as every writer of items locks them, so
    concurrent matches and settlements never deadlock), as they are now."""
    query = select(open_items).where(open_items.c.id.in_(sorted(set(item_ids))))
    if ledger is not None:
        query = query.where(open_items.c.ledger == ledger)
    rows = await session.execute(query.order_by(open_items.c.id).with_for_update())
    return {str(r.id): r for r in rows.all()}


def item_posting(
    ledger: Ledger, change: Decimal, relation_id: str, item_id: str, description: str
) -> Posting:
    """The control-account line that changes what is open on an item by `change`, in the item's
    own sign (+ owed by the debtor, or owed to the creditor): a debit on debtors control for a
    debtor's +, a credit on creditors control for a creditor's +, the other side for a -."""
    debit = (change > 0) == (ledger == "debtors")
    return Posting(
        CONTROL[ledger],
        debit=abs(change) if debit else ZERO,
        credit=ZERO if debit else abs(change),
        relation_id=relation_id,
        item_id=item_id,
        description=description,
    )


def taking_off(ledger: Ledger, item: Any, amount: Decimal) -> Posting:
    """The line that lowers what is open on the open item `item` by `amount`."""
    return item_posting(ledger, -amount, item.relation_id, str(item.id), item.reference)


async def take_off(session: AsyncSession, amounts: dict[str, Decimal]) -> None:
    """Lower what is open on each item by its amount (a negative amount raises it again)."""
    for item_id, amount in amounts.items():
        await session.execute(
            update(open_items)
            .where(open_items.c.id == item_id)
            .values(remaining=open_items.c.remaining - amount)
        )


def _item_ids(allocations: list[Allocation]) -> list[str]:
    """The items the allocations name, in id order: each once, each an item id."""
    ids = sorted({a.item_id for a in allocations})
    if len(ids) != len(allocations):
        raise Problem(
            422,
            "Each item once per match",
            errors=[{"field": "allocations", "message": "an item is named twice"}],
        )
    for a in allocations:
        try:
            uuid.UUID(a.item_id)
        except ValueError as exc:
            raise Problem(404, f"No open item {a.item_id}") from exc
    return ids


def _check_open_enough(
    allocations: list[Allocation], items: dict[str, Any], ledger: Ledger
) -> None:
    """Each allocation's item is in the ledger and has at least the allocation still open."""
    errors = []
    for n, a in enumerate(allocations):
        item = items.get(a.item_id)
        if item is None:
            raise Problem(404, f"No open item {a.item_id} in the {ledger} ledger")
        if item.remaining <= 0 or a.amount > item.remaining:
            errors.append(
                {
                    "field": f"allocations.{n}.amount",
                    "message": f"more than the {item.remaining} still open on this item",
                }
            )
    if errors:
        raise Problem(422, "An allocation is more than its item has open", errors=errors)


async def match(
    session: AsyncSession, ctx: RequestContext, ledger: Ledger, body: MatchIn
) -> MatchOut:
    assert ctx.tenant
    line = await _locked_line(session, body.bank_line_id, ledger)
    ids = _item_ids(body.allocations)
    items = await locked_items(session, ids, ledger)
    _check_open_enough(body.allocations, items, ledger)
    allocated = sum((a.amount for a in body.allocations), ZERO)
    available = abs(Decimal(line.unallocated))
    shortfall = max(allocated - available, ZERO)
    if shortfall and not (
        body.write_off and shortfall <= (await settings_of(session)).write_off_tolerance
    ):
        raise Problem(
            422,
            f"The allocations ({allocated}) are more than the {available} left of the bank line"
            + ("" if body.write_off else "; a shortfall within the tolerance may be written off"),
            errors=[{"field": "allocations", "message": f"over-allocated by {shortfall}"}],
        )
    from_line = allocated - shortfall
    postings = _postings(ledger, from_line, shortfall, body.allocations, items)
    entry_id = await book(
        session,
        ctx.tenant,
        entry_date=await first_open_day(session, date.today()),
        description=f"Match of bank line {line.position} ({line.counterparty_name or ''})".strip(),
        source="match",
        postings=postings,
        created_by=ctx.username,
    )
    await take_off(session, {a.item_id: a.amount for a in body.allocations})
    sign = 1 if ledger == "debtors" else -1
    await session.execute(
        update(bank_lines)
        .where(bank_lines.c.id == line.id)
        .values(unallocated=bank_lines.c.unallocated - from_line * sign)
    )
    match_id = str(uuid.uuid4())
    await session.execute(
        matches.insert().values(
            tenant_id=ctx.tenant,
            id=match_id,
            ledger=ledger,
            bank_line_id=line.id,
            allocations=[{"item_id": a.item_id, "amount": str(a.amount)} for a in body.allocations],
            write_off=shortfall,
            entry_id=entry_id,
            created_by=ctx.username,
        )
    )
    return await match_out(session, match_id)


def _postings(
    ledger: Ledger,
    from_line: Decimal,
    shortfall: Decimal,
    allocations: list[Allocation],
    items: dict[str, Any],
) -> list[Posting]:
    taken = [taking_off(ledger, items[a.item_id], a.amount) for a in allocations]
    if ledger == "debtors":
        postings = [Posting(UNALLOCATED_RECEIPTS, debit=from_line)]
        if shortfall:
            postings.append(Posting(WRITE_OFF, debit=shortfall, description="written off"))
        return postings + taken
    postings = [*taken, Posting(UNALLOCATED_PAYMENTS, credit=from_line)]
    if shortfall:
        postings.append(Posting(WRITE_OFF, credit=shortfall, description="written off"))
    return postings


async def match_out(session: AsyncSession, match_id: str) -> MatchOut:
    row = await row_by_id(session, matches, match_id, "match")
    line = await row_by_id(session, bank_lines, str(row.bank_line_id), "bank line")
    return MatchOut(
        id=str(row.id),
        ledger=row.ledger,
        bank_line_id=str(row.bank_line_id),
        allocations=list(row.allocations),
        write_off=str(row.write_off),
        entry_id=str(row.entry_id),
        undone=row.undone_at is not None,
        unallocated=str(line.unallocated),
    )


async def undo(session: AsyncSession, ctx: RequestContext, ledger: Ledger, match_id: str) -> None:
    assert ctx.tenant
    row = await row_by_id(session, matches, match_id, "match")
    if row.ledger != ledger:
        raise Problem(404, "No such match")
    if row.undone_at is not None:
        raise Problem(409, "This match was undone already")
    line = await _locked_line(session, str(row.bank_line_id), ledger)
    allocations = [Allocation(**a) for a in row.allocations]
    items = await locked_items(session, [a.item_id for a in allocations], ledger)
    write_off = Decimal(row.write_off)
    from_line = sum((a.amount for a in allocations), ZERO) - write_off
    postings = [
        Posting(
            p.account,
            debit=p.credit,
            credit=p.debit,
            relation_id=p.relation_id,
            item_id=p.item_id,
            description=p.description,
        )
        for p in _postings(ledger, from_line, write_off, allocations, items)
    ]
    undo_entry = await book(
        session,
        ctx.tenant,
        entry_date=await first_open_day(session, date.today()),
        description=f"Match undone ({line.position})",
        source="match",
        postings=postings,
        created_by=ctx.username,
        reverses=str(row.entry_id),
    )
    await take_off(session, {a.item_id: -a.amount for a in allocations})
    sign = 1 if ledger == "debtors" else -1
    await session.execute(
        update(bank_lines)
        .where(bank_lines.c.id == line.id)
        .values(unallocated=bank_lines.c.unallocated + from_line * sign)
    )
    await session.execute(
        update(matches)
        .where(matches.c.id == row.id)
        .values(undo_entry_id=undo_entry, undone_at=datetime.now(UTC), undone_by=ctx.username)
    )


debtor_matches = APIRouter(prefix="/api/debtors/matches", tags=["debtors"])
creditor_matches = APIRouter(prefix="/api/creditors/matches", tags=["creditors"])
CHANGE_DEBTORS = {"x-permission": {"module": "debtors", "action": "change"}}
CHANGE_CREDITORS = {"x-permission": {"module": "creditors", "action": "change"}}


@debtor_matches.post("", status_code=201, response_model=MatchOut, openapi_extra=CHANGE_DEBTORS)
async def match_receipt(body: MatchIn, ctx: Context, session: TenantSession) -> MatchOut:
    return await match(session, ctx, "debtors", body)


@debtor_matches.delete("/{match_id}", status_code=204, openapi_extra=CHANGE_DEBTORS)
async def undo_receipt_match(match_id: str, ctx: Context, session: TenantSession) -> Response:
    await undo(session, ctx, "debtors", match_id)
    return Response(status_code=204)


@creditor_matches.post("", status_code=201, response_model=MatchOut, openapi_extra=CHANGE_CREDITORS)
async def match_payment(body: MatchIn, ctx: Context, session: TenantSession) -> MatchOut:
    return await match(session, ctx, "creditors", body)


@creditor_matches.delete("/{match_id}", status_code=204, openapi_extra=CHANGE_CREDITORS)
async def undo_payment_match(match_id: str, ctx: Context, session: TenantSession) -> Response:
    await undo(session, ctx, "creditors", match_id)
    return Response(status_code=204)
