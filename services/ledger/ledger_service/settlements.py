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
its months are closed; the entry is dated on the first open day after it."""

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.journal import NewOpenItem, add_open_items, book, first_open_day
from ledger_service.matching import item_posting, locked_items, take_off, taking_off
from ledger_service.premiums import COMMISSION
from ledger_service.tables import journal_entries, journal_lines, open_items, settlements
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.idempotency import earlier_answer, request_hash
from servicekit.money import money
from servicekit.problems import Problem

router = APIRouter(prefix="/api/creditors", tags=["creditors"])
INSURER = "insurer:"
ZERO = Decimal("0.00")
LONGEST = timedelta(days=366)


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


def _check(relation_id: str, date_from: date, date_to: date) -> None:
    if not relation_id.startswith(INSURER) or relation_id == INSURER:
        raise Problem(404, f"No insurer {relation_id}; insurers are insurer:<code>")
    if date_to < date_from:
        raise Problem(
            422,
            "The period ends before it begins",
            errors=[{"field": "to", "message": "before from"}],
        )
    if date_to - date_from >= LONGEST:
        raise Problem(
            422,
            "A settlement covers a year at the most",
            errors=[{"field": "to", "message": "more than a year after from"}],
        )


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


def _shown(amount: Decimal, claim: bool) -> str:
    """Claims are shown as what was paid: the opposite of their (negative) items."""
    return money(-amount if claim else amount)


async def statement(
    session: AsyncSession, relation_id: str, date_from: date, date_to: date
) -> Statement:
    _check(relation_id, date_from, date_to)
    name = await _name(session, relation_id)
    rows = await _items(session, relation_id, date_from, date_to)
    done = (
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
    taken = {a["item_id"]: Decimal(a["amount"]) for a in (done.allocations if done else [])}
    commission = await _commission(
        session, [str(r.entry_id) for r in rows if r.source == "premium"]
    )
    premiums, claims = [], []
    for r in rows:
        claim = r.source == "claim"
        settled = taken.get(str(r.id), ZERO) if done else None
        item = {
            "item_id": str(r.id),
            "reference": r.reference,
            "policy_number": r.policy_number,
            "date": r.item_date,
            "open": _shown(r.remaining, claim),
            "settled": None if settled is None else _shown(settled, claim),
        }
        if not claim:
            withheld = commission.get(str(r.entry_id), ZERO)
            premiums.append(
                PremiumLine(
                    **item,
                    premium=str(r.amount + withheld),
                    commission=str(withheld),
                    insurer_share=str(r.amount),
                )
            )
        else:
            claims.append(
                ClaimLine(**item, description=r.description, paid=_shown(r.amount, claim))
            )
    share = sum((Decimal(p.insurer_share) for p in premiums), ZERO)
    claims_paid = sum((Decimal(c.paid) for c in claims), ZERO)
    due = done.amount_due if done else sum((r.remaining for r in rows), ZERO)
    return Statement(
        relation_id=relation_id,
        name=name,
        date_from=date_from,
        date_to=date_to,
        premiums=premiums,
        claims=claims,
        premium=str(sum((Decimal(p.premium) for p in premiums), ZERO)),
        commission=str(sum((Decimal(p.commission) for p in premiums), ZERO)),
        insurer_share=str(share),
        claims_paid=str(claims_paid),
        already_paid=str(share - claims_paid - due),
        amount_due=str(due),
        settlement=Settled(
            id=str(done.id),
            entry_id=str(done.entry_id),
            entry_number=done.number,
            entry_date=done.entry_date,
            item_id=str(done.item_id) if done.item_id else None,
            settled_at=done.created_at,
            settled_by=done.created_by,
        )
        if done
        else None,
    )


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
    _check(relation_id, date_from, date_to)
    # One settlement of an insurer at a time, so two requests cannot both find a period free.
    await session.execute(
        text("select pg_advisory_xact_lock(hashtext('ledger settlements'), hashtext(:key))"),
        {"key": f"{ctx.tenant} {relation_id}"},
    )
    digest = request_hash({"relation_id": relation_id, "from": date_from, "to": date_to})
    earlier = await earlier_answer(session, settlements, ctx.username, idempotency_key, digest)
    if earlier is not None:
        return await statement(session, relation_id, earlier.period_from, earlier.period_to)
    name = await _name(session, relation_id)
    overlapping = (
        await session.execute(
            select(settlements).where(
                settlements.c.relation_id == relation_id,
                settlements.c.period_from <= date_to,
                settlements.c.period_to >= date_from,
            )
        )
    ).first()
    if overlapping is not None:
        raise Problem(
            409,
            f"{name} was settled already for {overlapping.period_from} to"
            f" {overlapping.period_to} (on {overlapping.created_at:%Y-%m-%d})",
        )
    entry_date = await first_open_day(session, date.today())
    if date_to >= entry_date:
        raise Problem(
            409,
            f"The period runs until {date_to} and documents can still be booked in it; settle it"
            " once it has ended, or once its months are closed",
        )
    rows = await _items(session, relation_id, date_from, date_to)
    items = await locked_items(session, [str(r.id) for r in rows], "creditors")
    still_open = [r for r in rows if items[str(r.id)].remaining != 0]
    if not still_open:
        raise Problem(
            409, f"Nothing is open for {name} from {date_from} to {date_to}: nothing to settle"
        )
    remaining = {str(r.id): items[str(r.id)].remaining for r in still_open}
    due = sum(remaining.values(), ZERO)
    postings = [taking_off("creditors", items[i], amount) for i, amount in remaining.items()]
    due_item = str(uuid.uuid4()) if due else None
    reference = f"settlement {date_from}/{date_to}"
    if due_item:
        postings.append(item_posting("creditors", due, relation_id, due_item, reference))
    entry_id = await book(
        session,
        ctx.tenant,
        entry_date=entry_date,
        description=f"Settlement with {name} of {date_from} to {date_to}",
        source="settlement",
        postings=postings,
        created_by=ctx.username,
    )
    await take_off(session, remaining)
    if due_item:
        await add_open_items(
            session,
            ctx.tenant,
            [
                NewOpenItem(
                    item_id=due_item,
                    ledger="creditors",
                    relation_id=relation_id,
                    relation_name=name,
                    reference=reference,
                    description=f"amount due on the settlement of {date_from} to {date_to}",
                    item_date=entry_date,
                    due_date=entry_date,
                    amount=due,
                    entry_id=entry_id,
                )
            ],
        )
    await session.execute(
        insert(settlements).values(
            tenant_id=ctx.tenant,
            id=str(uuid.uuid4()),
            relation_id=relation_id,
            period_from=date_from,
            period_to=date_to,
            allocations=[{"item_id": i, "amount": str(a)} for i, a in remaining.items()],
            amount_due=due,
            entry_id=entry_id,
            item_id=due_item,
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
