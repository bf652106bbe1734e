"""What settling with an insurer books, and when a period may be settled (pure; the endpoints and
their queries are `settlements.py`, whose docstring says what a settlement is).

Settling takes what is still open off every premium and claim item of the period on the
creditors control account and puts the sum, the amount due, on one new open item of the
insurer; balances do not move. A period is settled once, only when it can take no more
documents, and only when something is open on it. Refusals are domain errors
(`backoffice_domain.refusals`) that the edge answers as problems."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from backoffice_domain.refusals import Conflict, Invalid, NotFound
from ledger_service.journal import Posting
from ledger_service.matching import item_posting
from servicekit.money import money

INSURER = "insurer:"
ZERO = Decimal("0.00")
LONGEST = timedelta(days=366)


@dataclass(frozen=True)
class OpenItemNow:
    """One of the period's items of the insurer, with what is open on it now."""

    item_id: str
    reference: str
    remaining: Decimal


@dataclass(frozen=True)
class EarlierSettlement:
    period_from: date
    period_to: date
    settled_on: date


@dataclass(frozen=True)
class SettlementBooking:
    """The settling entry's lines, what it takes off each item (in the items' order), the amount
    due and, unless it is zero, the open item that carries it."""

    description: str
    postings: list[Posting]
    taken: dict[str, Decimal]
    amount_due: Decimal
    due_item_id: str | None
    due_reference: str
    due_description: str


@dataclass(frozen=True)
class PeriodItem:
    """A premium or claim item of the period as the statement shows it: `amount` in the item's
    own sign (a claim's is negative), `commission` what its premium entry withheld."""

    claim: bool
    amount: Decimal
    remaining: Decimal
    commission: Decimal = ZERO


@dataclass(frozen=True)
class Totals:
    premium: Decimal
    commission: Decimal
    insurer_share: Decimal
    claims_paid: Decimal
    already_paid: Decimal
    amount_due: Decimal


def check_period(relation_id: str, date_from: date, date_to: date) -> None:
    """An insurer (`insurer:<code>`) and a period of at most a year that ends after it begins."""
    if not relation_id.startswith(INSURER) or relation_id == INSURER:
        raise NotFound(f"No insurer {relation_id}; insurers are insurer:<code>")
    if date_to < date_from:
        raise Invalid("The period ends before it begins", field="to", message="before from")
    if date_to - date_from >= LONGEST:
        raise Invalid(
            "A settlement covers a year at the most",
            field="to",
            message="more than a year after from",
        )


def check_not_settled(name: str, overlapping: EarlierSettlement | None) -> None:
    """A period is settled once: Conflict when a settlement of the insurer overlaps it."""
    if overlapping is not None:
        raise Conflict(
            f"{name} was settled already for {overlapping.period_from} to"
            f" {overlapping.period_to} (on {overlapping.settled_on:%Y-%m-%d})"
        )


def check_period_ended(date_to: date, first_open_day: date) -> None:
    """Conflict while documents can still be booked in the period (it ends on or after the
    first day the books are open)."""
    if date_to >= first_open_day:
        raise Conflict(
            f"The period runs until {date_to} and documents can still be booked in it; settle it"
            " once it has ended, or once its months are closed"
        )


def settlement_booking(
    relation_id: str,
    name: str,
    date_from: date,
    date_to: date,
    items: Sequence[OpenItemNow],
    due_item_id: str,
) -> SettlementBooking:
    """What settling the period books: each item with something open taken off, the sum put on
    a new item `due_item_id` (none when the sum is zero). Conflict when nothing is open."""
    taken = {i.item_id: i.remaining for i in items if i.remaining != 0}
    if not taken:
        raise Conflict(
            f"Nothing is open for {name} from {date_from} to {date_to}: nothing to settle"
        )
    due = sum(taken.values(), ZERO)
    postings = [
        item_posting("creditors", -i.remaining, relation_id, i.item_id, i.reference)
        for i in items
        if i.item_id in taken
    ]
    reference = f"settlement {date_from}/{date_to}"
    if due:
        postings.append(item_posting("creditors", due, relation_id, due_item_id, reference))
    return SettlementBooking(
        description=f"Settlement with {name} of {date_from} to {date_to}",
        postings=postings,
        taken=taken,
        amount_due=due,
        due_item_id=due_item_id if due else None,
        due_reference=reference,
        due_description=f"amount due on the settlement of {date_from} to {date_to}",
    )


def shown(amount: Decimal, claim: bool) -> str:
    """Claims are shown as what was paid: the opposite of their (negative) items."""
    return money(-amount if claim else amount)


def totals(items: Sequence[PeriodItem], settled_due: Decimal | None) -> Totals:
    """The statement's sums: premium (net of tax, commission included), commission, the
    insurer's share, claims paid, what was paid to the insurer on these items already, and the
    amount due (as settled, or else what is open on the items now)."""
    premiums = [i for i in items if not i.claim]
    share = sum((i.amount for i in premiums), ZERO)
    claims_paid = sum((Decimal(shown(i.amount, True)) for i in items if i.claim), ZERO)
    due = settled_due if settled_due is not None else sum((i.remaining for i in items), ZERO)
    return Totals(
        premium=sum((i.amount + i.commission for i in premiums), ZERO),
        commission=sum((i.commission for i in premiums), ZERO),
        insurer_share=share,
        claims_paid=claims_paid,
        already_paid=share - claims_paid - due,
        amount_due=due,
    )
