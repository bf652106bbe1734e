"""`GET /api/debtors/receipts/{id}/suggestions` and accepting one in one call; and the relations
the ledger knows from `relation.changed` (names for the accounts, IBANs for suggestions)."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.matching import Allocation, MatchIn, MatchOut, match
from ledger_service.suggestions import (
    LIMIT,
    MAX_SUBSET,
    Item,
    Receipt,
    Suggestion,
    numbers_in,
    suggest,
)
from ledger_service.tables import bank_lines, known_relations, open_items
from ledger_service.workbench import names_of
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/debtors/receipts", tags=["debtors"])

NAMED_LIMIT = 500  # items a receipt's references and text can name
# Items of exactly the amount, the oldest first, from any relation: the suggestions made from
# them alone all score alike, and only the first LIMIT are shown.
SAME_AMOUNT_LIMIT = 4 * LIMIT


async def remember_relation(session: AsyncSession, event: Event) -> None:
    """On `relation.changed`: keep its name and IBAN (the inbox makes this happen once)."""
    relation = event.data["relation"]
    values = {"name": relation["name"], "iban": relation.get("iban")}
    await session.execute(
        insert(known_relations)
        .values(tenant_id=event.tenant, relation_id=event.data["relation_id"], **values)
        .on_conflict_do_update(index_elements=["tenant_id", "relation_id"], set_=values)
    )


async def candidates(session: AsyncSession, line: Any) -> tuple[list[Item], dict[str, str]]:
    """The open debtor items a receipt could be for, each lookup answered by an index (under
    row-level security only leakproof comparisons can be; migration 0006): the items its
    references or text name, the oldest of exactly its amount, and of those items' relations and
    the payer's (known by IBAN) the oldest MAX_SUBSET each."""
    numbers = numbers_in(line.remittance) | {
        r.upper() for r in (line.structured_reference, line.end_to_end_id) if r
    }
    payers: dict[str, str] = {}
    if line.counterparty_iban:
        known = (
            await session.execute(
                select(known_relations.c.relation_id).where(
                    known_relations.c.iban == line.counterparty_iban
                )
            )
        ).first()
        if known is not None:
            payers = {line.counterparty_iban: known.relation_id}
    o = open_items.c
    is_open = (o.ledger == "debtors", o.remaining > 0)
    named: Sequence[Any] = []
    if numbers:
        named = (
            await session.execute(
                select(open_items)
                .where(*is_open, or_(o.reference.in_(numbers), o.policy_number.in_(numbers)))
                .limit(NAMED_LIMIT)
            )
        ).all()
    same_amount = (
        await session.execute(
            select(open_items)
            .where(o.ledger == "debtors", o.remaining_cents == int(line.unallocated * 100))
            .order_by(o.due_date, o.reference)
            .limit(SAME_AMOUNT_LIMIT)
        )
    ).all()
    relations = {r.relation_id for r in [*named, *same_amount]} | set(payers.values())
    oldest = (
        select(
            open_items,
            func.row_number()
            .over(partition_by=o.relation_id, order_by=(o.due_date, o.reference))
            .label("age"),
        )
        .where(*is_open, o.relation_id.in_(relations))
        .subquery()
    )
    related = (await session.execute(select(oldest).where(oldest.c.age <= MAX_SUBSET))).all()
    unique = {str(r.id): r for r in [*named, *same_amount, *related]}
    items = [
        Item(str(r.id), r.relation_id, r.reference, f"policy {r.policy_number}", r.remaining)
        for r in sorted(unique.values(), key=lambda r: (r.due_date, r.reference))
    ]
    return items, payers


class SuggestionOut(BaseModel):
    rank: int
    relation_id: str
    name: str = Field(description="The relation's name as the ledger knows it")
    allocations: list[dict[str, str]] = Field(
        description="item_id, amount, and the item's reference (its invoice number)"
    )
    total: str
    reasons: list[str]


async def _suggestions(session: AsyncSession, receipt_id: str) -> tuple[Any, list[Suggestion]]:
    line = await row_by_id(session, bank_lines, receipt_id, "receipt")
    if line.amount <= 0 or line.unallocated <= 0:
        return line, []
    items, payers = await candidates(session, line)
    receipt = Receipt(
        Decimal(line.unallocated),
        line.counterparty_iban,
        line.end_to_end_id,
        line.structured_reference,
        line.remittance,
    )
    return line, suggest(receipt, items, payers)


@router.get("/{receipt_id}/suggestions", response_model=list[SuggestionOut])
async def suggestions(receipt_id: str, session: TenantSession) -> list[SuggestionOut]:
    _, found = await _suggestions(session, receipt_id)
    item_ids = sorted({i for s in found for i, _ in s.allocations})
    items = {}
    if item_ids:
        rows = await session.execute(
            select(open_items.c.id, open_items.c.reference, open_items.c.relation_name).where(
                open_items.c.id.in_(item_ids)
            )
        )
        items = {str(r.id): r for r in rows}
    names = await names_of(session, {s.relation_id for s in found})
    return [
        SuggestionOut(
            rank=n,
            relation_id=s.relation_id,
            name=names.get(s.relation_id) or items[s.allocations[0][0]].relation_name,
            allocations=[
                {"item_id": i, "amount": str(a), "reference": items[i].reference}
                for i, a in s.allocations
            ],
            total=str(s.total),
            reasons=list(s.reasons),
        )
        for n, s in enumerate(found, start=1)
    ]


@router.post(
    "/{receipt_id}/suggestions/{rank}/accept",
    status_code=201,
    response_model=MatchOut,
    openapi_extra={"x-permission": {"module": "debtors", "action": "change"}},
)
async def accept_suggestion(
    receipt_id: str,
    rank: Annotated[int, Path(ge=1)],
    ctx: Context,
    session: TenantSession,
) -> MatchOut:
    line, found = await _suggestions(session, receipt_id)
    if rank > len(found):
        raise Problem(404, f"There is no suggestion {rank} for this receipt (now)")
    chosen = found[rank - 1]
    body = MatchIn(
        bank_line_id=str(line.id),
        allocations=[Allocation(item_id=i, amount=a) for i, a in chosen.allocations],
    )
    return await match(session, ctx, "debtors", body)


async def auto_match(session: AsyncSession, ctx: RequestContext, line_ids: list[str]) -> int:
    """Match each receipt for which exactly one suggestion takes its whole amount; the others
    wait for a person. How many were matched."""
    matched = 0
    for line_id in line_ids:
        line, found = await _suggestions(session, line_id)
        whole = [s for s in found if s.total == line.unallocated]
        if len(found) == 1 and len(whole) == 1:
            allocations = [Allocation(item_id=i, amount=a) for i, a in whole[0].allocations]
            await match(
                session, ctx, "debtors", MatchIn(bank_line_id=line_id, allocations=allocations)
            )
            matched += 1
    return matched
