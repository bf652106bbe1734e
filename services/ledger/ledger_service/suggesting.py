"""`GET /api/debtors/receipts/{id}/suggestions`, the unmatched receipts with theirs a page at a time
(set-based: a page costs the queries of one receipt), accepting one in one call; and the relations
the ledger knows from `relation.changed` (names for the accounts, IBANs for suggestions)."""

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.bank_lines import BankLine, bank_line_out
from ledger_service.matching import Allocation, MatchIn, MatchOut, match
from ledger_service.suggestion_rules import (
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
from servicekit.events import Event, latest_per
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/debtors/receipts", tags=["debtors"])

NAMED_LIMIT = 500  # items a receipt's references and text can name
# Items of exactly the amount, the oldest first, from any relation: the suggestions made from
# them alone all score alike, and only the first LIMIT are shown.
SAME_AMOUNT_LIMIT = 4 * LIMIT


_KEEP_RELATION = insert(known_relations)
_KEEP_RELATION = _KEEP_RELATION.on_conflict_do_update(
    index_elements=["tenant_id", "relation_id"],
    set_={name: _KEEP_RELATION.excluded[name] for name in ("name", "iban", "address")},
)


async def remember_relation(session: AsyncSession, event: Event) -> None:
    await remember_relations(session, [event])


async def remember_relations(session: AsyncSession, events: list[Event]) -> None:
    """On `relation.changed`: keep each relation's name, IBAN and address (reminders are sent
    there) as its last event has them, in one round trip; the inbox makes this happen once."""
    rows = [
        {
            "tenant_id": e.tenant,
            "relation_id": e.data["relation_id"],
            "name": e.data["relation"]["name"],
            "iban": e.data["relation"].get("iban"),
            "address": e.data["relation"].get("address"),
        }
        for e in latest_per(events, lambda e: (e.tenant, e.data["relation_id"]))
    ]
    await session.execute(_KEEP_RELATION, rows)


@dataclass(frozen=True)
class Candidates:
    items: list[Item]
    payers: dict[str, str]  # the receipt's IBAN: the relation known by it


_ITEM = (
    "i.id, i.relation_id, i.relation_name, i.reference, i.policy_number, i.remaining, i.due_date"
)
# Every lookup is answered by an index (under row-level security only leakproof comparisons can
# be; migration 0006), for all receipts of a page at once.
_NAMED = text(
    f"""
    select r.line_id, o.* from (
        select line_id, array_agg(number) as numbers
        from unnest(cast(:line_ids as text[]), cast(:numbers as text[])) as t(line_id, number)
        group by line_id) r
    cross join lateral (
        select {_ITEM} from open_items i
        where i.ledger = 'debtors' and i.remaining > 0
          and (i.reference = any(r.numbers) or i.policy_number = any(r.numbers))
        limit :limit) o
    """
)
_SAME_AMOUNT = text(
    f"""
    select a.cents, o.* from unnest(cast(:cents as bigint[])) as a(cents)
    cross join lateral (
        select {_ITEM} from open_items i
        where i.ledger = 'debtors' and i.remaining_cents = a.cents
        order by i.due_date, i.reference limit :limit) o
    """
)
_OLDEST = text(
    f"""
    select * from (
        select {_ITEM}, row_number() over (
            partition by i.relation_id order by i.due_date, i.reference) as age
        from open_items i
        where i.ledger = 'debtors' and i.remaining > 0
          and i.relation_id = any(cast(:relations as text[]))) o
    where o.age <= :limit
    """
)


def _numbers(line: Any) -> set[str]:
    return numbers_in(line.remittance) | {
        r.upper() for r in (line.structured_reference, line.end_to_end_id) if r
    }


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


async def _payers(session: AsyncSession, lines: Sequence[Any]) -> dict[str, str]:
    """The relation known by each receipt's IBAN (the first by id where several share one)."""
    ibans = sorted({line.counterparty_iban for line in lines if line.counterparty_iban})
    payer_of: dict[str, str] = {}
    if ibans:
        known = await session.execute(
            select(known_relations.c.iban, known_relations.c.relation_id)
            .where(known_relations.c.iban.in_(ibans))
            .order_by(known_relations.c.relation_id)
        )
        for row in known:
            payer_of.setdefault(row.iban, row.relation_id)
    return payer_of


async def _named(session: AsyncSession, lines: Sequence[Any]) -> dict[str, list[Any]]:
    """Per receipt (by id), the open items its references and text name."""
    pairs = [(str(line.id), n) for line in lines for n in sorted(_numbers(line))]
    named: dict[str, list[Any]] = {}
    if pairs:
        found = await session.execute(
            _NAMED,
            {
                "line_ids": [p[0] for p in pairs],
                "numbers": [p[1] for p in pairs],
                "limit": NAMED_LIMIT,
            },
        )
        for row in found:
            named.setdefault(row.line_id, []).append(row)
    return named


async def _same_amount(session: AsyncSession, lines: Sequence[Any]) -> dict[int, list[Any]]:
    """Per amount in cents, the oldest open items of exactly that amount."""
    same_amount: dict[int, list[Any]] = {}
    amounts = sorted({_cents(line.unallocated) for line in lines})
    for row in await session.execute(_SAME_AMOUNT, {"cents": amounts, "limit": SAME_AMOUNT_LIMIT}):
        same_amount.setdefault(row.cents, []).append(row)
    return same_amount


async def _oldest(session: AsyncSession, relations: list[str]) -> dict[str, list[Any]]:
    """Per relation, its oldest MAX_SUBSET open items."""
    oldest: dict[str, list[Any]] = {}
    if relations:
        params = {"relations": relations, "limit": MAX_SUBSET}
        for row in await session.execute(_OLDEST, params):
            oldest.setdefault(row.relation_id, []).append(row)
    return oldest


async def candidates(session: AsyncSession, lines: Sequence[Any]) -> dict[str, Candidates]:
    """Per receipt, the open debtor items it could be for: the items its references or text
    name, the oldest of exactly its amount, and of the named items' relations and the payer's
    (known by IBAN) the oldest MAX_SUBSET each. Four queries for all of `lines` together."""
    payer_of = await _payers(session, lines)
    named = await _named(session, lines)
    same_amount = await _same_amount(session, lines)
    # The other items of the named relations and the payer's, for the sums of several items. A
    # relation found only by an item of exactly the amount is suggested that item (the oldest
    # such of the relation is among them); its other items would change nothing.
    relations_of = {
        str(line.id): {r.relation_id for r in named.get(str(line.id), [])}
        | ({payer_of[line.counterparty_iban]} if line.counterparty_iban in payer_of else set())
        for line in lines
    }
    everyone = sorted(set().union(*relations_of.values())) if relations_of else []
    oldest = await _oldest(session, everyone)
    made: dict[Any, tuple[tuple[Any, str], Item]] = {}  # one Item per row, shared by receipts

    def item(r: Any) -> tuple[tuple[Any, str], Item]:
        if (known := made.get(r.id)) is None:
            policy = f"policy {r.policy_number}"
            known = made[r.id] = (
                (r.due_date, r.reference),
                Item(str(r.id), r.relation_id, r.reference, policy, r.remaining),
            )
        return known

    found_for: dict[str, Candidates] = {}
    for line in lines:
        line_id = str(line.id)
        rows = [*named.get(line_id, []), *same_amount.get(_cents(line.unallocated), [])]
        rows += [r for relation in relations_of[line_id] for r in oldest.get(relation, [])]
        unique = {r.id: item(r) for r in rows}
        items = [i for _, i in sorted(unique.values(), key=lambda pair: pair[0])]
        payer = line.counterparty_iban in payer_of
        payers = {line.counterparty_iban: payer_of[line.counterparty_iban]} if payer else {}
        found_for[line_id] = Candidates(items, payers)
    return found_for


class SuggestionOut(BaseModel):
    rank: int
    relation_id: str
    name: str = Field(description="The relation's name as the ledger knows it")
    allocations: list[dict[str, str]] = Field(
        description="item_id, amount, and the item's reference (its invoice number)"
    )
    total: str
    reasons: list[str]


class ReceiptSuggestions(BaseModel):
    receipt: BankLine
    suggestions: list[SuggestionOut]


def _receipt(line: Any) -> Receipt:
    return Receipt(
        Decimal(line.unallocated),
        line.counterparty_iban,
        line.end_to_end_id,
        line.structured_reference,
        line.remittance,
    )


async def suggestions_for(
    session: AsyncSession, lines: Sequence[Any]
) -> dict[str, list[Suggestion]]:
    """The suggestions for each receipt of `lines`, best first (none for one fully matched)."""
    open_lines = [line for line in lines if line.amount > 0 and line.unallocated > 0]
    found = await candidates(session, open_lines)

    def rank() -> dict[str, list[Suggestion]]:
        return {
            str(line.id): suggest(
                _receipt(line), found[str(line.id)].items, found[str(line.id)].payers
            )
            for line in open_lines
        }

    # The subset sums of a page of receipts are CPU work: off the event loop.
    ranked = rank() if len(open_lines) <= 1 else await asyncio.to_thread(rank)
    return {str(line.id): ranked.get(str(line.id), []) for line in lines}


async def _shown(
    session: AsyncSession, found: dict[str, list[Suggestion]]
) -> dict[str, list[SuggestionOut]]:
    """The suggestions as a person sees them: with the relations' names and the invoices'
    numbers."""
    item_ids = sorted({i for ss in found.values() for s in ss for i, _ in s.allocations})
    items = {}
    if item_ids:
        rows = await session.execute(
            select(open_items.c.id, open_items.c.reference, open_items.c.relation_name).where(
                open_items.c.id.in_(item_ids)
            )
        )
        items = {str(r.id): r for r in rows}
    names = await names_of(session, {s.relation_id for ss in found.values() for s in ss})
    return {
        line_id: [
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
            for n, s in enumerate(ss, start=1)
        ]
        for line_id, ss in found.items()
    }


async def _suggestions(session: AsyncSession, receipt_id: str) -> tuple[Any, list[Suggestion]]:
    line = await row_by_id(session, bank_lines, receipt_id, "receipt")
    return line, (await suggestions_for(session, [line]))[str(line.id)]


StatementId = Annotated[
    uuid.UUID | None, Query(description="Only the receipts of this bank statement")
]


@router.get("/suggestions", response_model=Page[ReceiptSuggestions])
async def unmatched_with_suggestions(
    session: TenantSession, paging: Paging, statement_id: StatementId = None
) -> Page[ReceiptSuggestions]:
    """The unmatched receipts, a page at a time, each with its suggestions: the matching
    workbench's list, and a statement's receipts at a glance."""
    query = select(bank_lines).where(bank_lines.c.amount > 0, bank_lines.c.unallocated > 0)
    if statement_id is not None:
        query = query.where(bank_lines.c.statement_id == str(statement_id))
    lines = await keyset_page(session, query, bank_lines.c.id, paging, lambda r: r)
    shown = await _shown(session, await suggestions_for(session, lines.items))
    return Page(
        items=[
            ReceiptSuggestions(receipt=bank_line_out(line), suggestions=shown[str(line.id)])
            for line in lines.items
        ],
        next_cursor=lines.next_cursor,
    )


@router.get("/{receipt_id}/suggestions", response_model=list[SuggestionOut])
async def suggestions(receipt_id: str, session: TenantSession) -> list[SuggestionOut]:
    line, found = await _suggestions(session, receipt_id)
    return (await _shown(session, {str(line.id): found}))[str(line.id)]


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
    lines = (await session.execute(select(bank_lines).where(bank_lines.c.id.in_(line_ids)))).all()
    found = await suggestions_for(session, lines)
    matched = 0
    for line in sorted(lines, key=lambda line: line_ids.index(str(line.id))):
        candidates_ = found[str(line.id)]
        whole = [s for s in candidates_ if s.total == line.unallocated]
        if len(candidates_) == 1 and len(whole) == 1:
            allocations = [Allocation(item_id=i, amount=a) for i, a in whole[0].allocations]
            body = MatchIn(bank_line_id=str(line.id), allocations=allocations)
            await match(session, ctx, "debtors", body)
            matched += 1
    return matched
