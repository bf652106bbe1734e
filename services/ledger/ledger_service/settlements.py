"""Settling with insurers (the afrekening): per insurer and period, the premium documents with
their gross premium (the net premium: before tax, commission included), the commission withheld
and the insurer's share, the claims paid on the insurer's behalf, and the amount due, as a
statement (`GET /api/creditors/insurer:<code>/settlement?from=&to=`) and as the entry that
settles it (`POST` the same with `{from, to}`). Insurance premium tax is not in it: the ledger
books it on premium tax payable (1700), which is declared on its own.

"Premiums collected" means premiums invoiced in the period, not premiums the policyholders have
paid: a premium document belongs to the period in which the ledger booked it (its issue date, or
the first open day after it when that month was closed), credit notes counting against it. That
is the basis on which the books already owe the insurer its share: booking a document credits
the insurer's creditor account with net less commission as an open item, so the statement's
lines are exactly the period's premium and claim postings on the insurer's creditor account, and
a bookkeeper can tick them off against the account card. It is also how an intermediary
writing under an insurer's authority (a volmacht) settles, carrying the policyholders' payment
risk itself; a paid basis would move documents between periods whenever a payment is matched or
a match undone, and would leave the unpaid part of the insurer's share on the creditor account
explained by nothing.

Claims paid on the insurer's behalf are the claim payments booked in the period (entries with
source "claim" that charge the insurer's creditor account, each with an open item of minus the
amount). The amount due is the insurer's share less the claims paid, less whatever was paid to
the insurer on these items already (payments matched to them): what is still open on them.

Settling books one entry (source "settlement") on the creditors control account only: it takes
what is still open off every premium and claim item of the period, the way a match takes an
allocation off an item, and puts the amount due on one new open item of the insurer, which the
bank payment to the insurer is matched to later. Balances do not move; the insurer's account
holds one item instead of many. A period is settled once (409 for the same or an overlapping
period of the same insurer) and only once it can take no more documents: when it has ended, or
its months are closed; the entry is dated on the first open day after it.

What settling books and when a period may be settled are `settlement_rules` (pure); this module
reads the items, asks it, and writes the entry."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import NewOpenItem, add_open_items, book, first_open_day
from ledger_service.matching import locked_items, take_off
from ledger_service.premiums import COMMISSION
from ledger_service.settlement_rules import (
    ZERO,
    EarlierSettlement,
    OpenItemNow,
    PeriodItem,
    SettlementBooking,
    check_not_settled,
    check_period,
    check_period_ended,
    settlement_booking,
    shown,
    totals,
)
from ledger_service.tables import journal_entries, journal_lines, open_items, settlements
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.db import lock_for_transaction
from servicekit.idempotency import earlier_answer, request_hash
from servicekit.problems import Problem, answering_refusals

router = APIRouter(prefix="/api/creditors", tags=["creditors"])


class ItemLine(BaseModel):
    item_id: str
    reference: str = Field(description="The invoice, credit note or claim")
    policy_number: str | None
    date: date
    open: str = Field(description="Of the amount, what is still open on the item now")
    settled: str | None = Field(description="What the settlement took off the item")


class PremiumLine(ItemLine):
    premium: str = Field(description="Net premium: before tax, commission included")
    commission: str = Field(description="Commission withheld")
    insurer_share: str = Field(description="Premium less commission")


class ClaimLine(ItemLine):
    description: str
    paid: str = Field(description="Paid on the insurer's behalf")


class Settled(BaseModel):
    id: str
    entry_id: str
    entry_number: int
    entry_date: date
    item_id: str | None = Field(description="The open item of the amount due (none when 0)")
    settled_at: datetime
    settled_by: str


class Statement(BaseModel):
    relation_id: str
    name: str
    date_from: date = Field(serialization_alias="from")
    date_to: date = Field(serialization_alias="to")
    currency: str = "EUR"
    premiums: list[PremiumLine]
    claims: list[ClaimLine]
    premium: str = Field(description="Premiums invoiced in the period (net of tax)")
    commission: str
    insurer_share: str
    claims_paid: str
    already_paid: str = Field(description="Paid to the insurer on these items before settling")
    amount_due: str = Field(
        description="Insurer share less claims paid less already paid; negative: the insurer owes"
    )
    settlement: Settled | None


class SettleIn(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")


async def _name(session: AsyncSession, relation_id: str) -> str:
    name: str | None = (
        await session.execute(
            select(open_items.c.relation_name)
            .where(open_items.c.ledger == "creditors", open_items.c.relation_id == relation_id)
            .order_by(open_items.c.created_at.desc())
            .limit(1)
        )
    ).scalar()
    if name is None:
        raise Problem(404, f"No insurer {relation_id} in the creditors ledger")
    return name


async def _items(
    session: AsyncSession, relation_id: str, date_from: date, date_to: date
) -> list[Any]:
    """The insurer's premium and claim items booked in the period, with their entry's source."""
    found = await session.execute(
        select(open_items, journal_entries.c.source)
        .select_from(
            open_items.join(journal_entries, journal_entries.c.id == open_items.c.entry_id)
        )
        .where(
            open_items.c.ledger == "creditors",
            open_items.c.relation_id == relation_id,
            open_items.c.item_date.between(date_from, date_to),
            journal_entries.c.source.in_(("premium", "claim")),
        )
        .order_by(open_items.c.item_date, open_items.c.reference, open_items.c.id)
    )
    return list(found.all())


async def _commission(session: AsyncSession, entry_ids: list[str]) -> dict[str, Decimal]:
    """Per premium entry, the commission it booked (negative for a credit note)."""
    if not entry_ids:
        return {}
    found = await session.execute(
        select(
            journal_lines.c.entry_id,
            func.sum(journal_lines.c.credit - journal_lines.c.debit).label("commission"),
        )
        .where(journal_lines.c.entry_id.in_(entry_ids), journal_lines.c.account_code == COMMISSION)
        .group_by(journal_lines.c.entry_id)
    )
    return {str(r.entry_id): r.commission for r in found.all()}


async def _settled(
    session: AsyncSession, relation_id: str, date_from: date, date_to: date
) -> Any | None:
    """The settlement of exactly this period, with its entry's number and date, if there is one."""
    return (
        await session.execute(
            select(settlements, journal_entries.c.number, journal_entries.c.entry_date)
            .select_from(
                settlements.join(journal_entries, journal_entries.c.id == settlements.c.entry_id)
            )
            .where(
                settlements.c.relation_id == relation_id,
                settlements.c.period_from == date_from,
                settlements.c.period_to == date_to,
            )
        )
    ).first()


def _lines(
    rows: list[Any], commission: dict[str, Decimal], done: Any | None
) -> tuple[list[PremiumLine], list[ClaimLine]]:
    """The statement's premium and claim lines, with what the settlement `done` took off each."""
    taken = {a["item_id"]: Decimal(a["amount"]) for a in (done.allocations if done else [])}
    premiums, claims = [], []
    for r in rows:
        claim = r.source == "claim"
        settled = taken.get(str(r.id), ZERO) if done else None
        item = {
            "item_id": str(r.id),
            "reference": r.reference,
            "policy_number": r.policy_number,
            "date": r.item_date,
            "open": shown(r.remaining, claim),
            "settled": None if settled is None else shown(settled, claim),
        }
        if claim:
            claims.append(ClaimLine(**item, description=r.description, paid=shown(r.amount, True)))
            continue
        withheld = commission.get(str(r.entry_id), ZERO)
        premiums.append(
            PremiumLine(
                **item,
                premium=str(r.amount + withheld),
                commission=str(withheld),
                insurer_share=str(r.amount),
            )
        )
    return premiums, claims


def _settled_out(done: Any | None) -> Settled | None:
    if done is None:
        return None
    return Settled(
        id=str(done.id),
        entry_id=str(done.entry_id),
        entry_number=done.number,
        entry_date=done.entry_date,
        item_id=str(done.item_id) if done.item_id else None,
        settled_at=done.created_at,
        settled_by=done.created_by,
    )


async def statement(
    session: AsyncSession, relation_id: str, date_from: date, date_to: date
) -> Statement:
    with answering_refusals():
        check_period(relation_id, date_from, date_to)
    name = await _name(session, relation_id)
    rows = await _items(session, relation_id, date_from, date_to)
    done = await _settled(session, relation_id, date_from, date_to)
    commission = await _commission(
        session, [str(r.entry_id) for r in rows if r.source == "premium"]
    )
    premiums, claims = _lines(rows, commission, done)
    sums = totals(
        [
            PeriodItem(
                claim=r.source == "claim",
                amount=r.amount,
                remaining=r.remaining,
                commission=commission.get(str(r.entry_id), ZERO) if r.source == "premium" else ZERO,
            )
            for r in rows
        ],
        done.amount_due if done else None,
    )
    return Statement(
        relation_id=relation_id,
        name=name,
        date_from=date_from,
        date_to=date_to,
        premiums=premiums,
        claims=claims,
        premium=str(sums.premium),
        commission=str(sums.commission),
        insurer_share=str(sums.insurer_share),
        claims_paid=str(sums.claims_paid),
        already_paid=str(sums.already_paid),
        amount_due=str(sums.amount_due),
        settlement=_settled_out(done),
    )


async def _lock_insurer(session: AsyncSession, tenant: str, relation_id: str) -> None:
    """One settlement of an insurer at a time, so two requests cannot both find a period free."""
    await lock_for_transaction(session, "ledger settlements", f"{tenant} {relation_id}")


async def _overlapping(
    session: AsyncSession, relation_id: str, date_from: date, date_to: date
) -> EarlierSettlement | None:
    found = (
        await session.execute(
            select(settlements).where(
                settlements.c.relation_id == relation_id,
                settlements.c.period_from <= date_to,
                settlements.c.period_to >= date_from,
            )
        )
    ).first()
    if found is None:
        return None
    return EarlierSettlement(found.period_from, found.period_to, found.created_at.date())


async def _open_now(
    session: AsyncSession, relation_id: str, date_from: date, date_to: date
) -> list[OpenItemNow]:
    """The period's items as they are now, locked (in id order, as every writer locks them)."""
    rows = await _items(session, relation_id, date_from, date_to)
    items = await locked_items(session, [str(r.id) for r in rows], "creditors")
    return [
        OpenItemNow(str(r.id), items[str(r.id)].reference, items[str(r.id)].remaining) for r in rows
    ]


async def _book_settlement(
    session: AsyncSession,
    ctx: RequestContext,
    relation_id: str,
    name: str,
    entry_date: date,
    booking: SettlementBooking,
) -> str:
    """The settling entry, the items taken off, the due item; the entry's id."""
    assert ctx.tenant
    entry_id = await book(
        session,
        ctx.tenant,
        entry_date=entry_date,
        description=booking.description,
        source="settlement",
        postings=booking.postings,
        created_by=ctx.username,
    )
    await take_off(session, booking.taken)
    if booking.due_item_id:
        due = NewOpenItem(
            item_id=booking.due_item_id,
            ledger="creditors",
            relation_id=relation_id,
            relation_name=name,
            reference=booking.due_reference,
            description=booking.due_description,
            item_date=entry_date,
            due_date=entry_date,
            amount=booking.amount_due,
            entry_id=entry_id,
        )
        await add_open_items(session, ctx.tenant, [due])
    return entry_id


async def settle(
    session: AsyncSession,
    ctx: RequestContext,
    relation_id: str,
    body: SettleIn,
    idempotency_key: str | None = None,
) -> Statement:
    """Book the entry that settles the period (see the module's docstring)."""
    assert ctx.tenant
    date_from, date_to = body.date_from, body.date_to
    with answering_refusals():
        check_period(relation_id, date_from, date_to)
    await _lock_insurer(session, ctx.tenant, relation_id)
    digest = request_hash({"relation_id": relation_id, "from": date_from, "to": date_to})
    earlier = await earlier_answer(session, settlements, ctx.username, idempotency_key, digest)
    if earlier is not None:
        return await statement(session, relation_id, earlier.period_from, earlier.period_to)
    name = await _name(session, relation_id)
    with answering_refusals():
        check_not_settled(name, await _overlapping(session, relation_id, date_from, date_to))
        entry_date = await first_open_day(session, date.today())
        check_period_ended(date_to, entry_date)
        items = await _open_now(session, relation_id, date_from, date_to)
        booking = settlement_booking(
            relation_id, name, date_from, date_to, items, due_item_id=str(uuid.uuid4())
        )
    entry_id = await _book_settlement(session, ctx, relation_id, name, entry_date, booking)
    await session.execute(
        insert(settlements).values(
            tenant_id=ctx.tenant,
            id=str(uuid.uuid4()),
            relation_id=relation_id,
            period_from=date_from,
            period_to=date_to,
            allocations=[{"item_id": i, "amount": str(a)} for i, a in booking.taken.items()],
            amount_due=booking.amount_due,
            entry_id=entry_id,
            item_id=booking.due_item_id,
            created_by=ctx.username,
            idempotency_key=idempotency_key,
            request_hash=digest,
        )
    )
    return await statement(session, relation_id, date_from, date_to)


@router.get("/{relation_id}/settlement", response_model=Statement)
async def settlement_statement(
    relation_id: str,
    session: TenantSession,
    date_from: Annotated[date, Query(alias="from")],
    date_to: Annotated[date, Query(alias="to")],
) -> Statement:
    return await statement(session, relation_id, date_from, date_to)


@router.post(
    "/{relation_id}/settlement",
    status_code=201,
    response_model=Statement,
    openapi_extra={"x-permission": {"module": "creditors", "action": "change"}},
)
async def settle_period(
    relation_id: str,
    body: SettleIn,
    ctx: Context,
    session: TenantSession,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Statement:
    return await settle(session, ctx, relation_id, body, idempotency_key)
