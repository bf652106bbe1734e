"""Which overdue debtor items get which reminder today (pure): the first reminder once the item
is `first_after` days past due, the second `second_after` days after the first, the final
notice (aanmaning) `final_after` days after the second, nothing after that. Not for an item
being collected by direct debit (in a run, or of a policy paying so with an active mandate),
nor for one under a payment arrangement that has not ended."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from backoffice_domain.letters import euro

LEVELS = {1: "first reminder", 2: "second reminder", 3: "final notice"}
# What a tenant's reminder text may name; filled in for each item.
PLACEHOLDERS = {"{reference}", "{amount}"}


def fill(text: str, reference: str, amount: Decimal) -> str:
    """The text with the item's reference and amount (as `€ 1.234,56`) in it."""
    return text.replace("{reference}", reference).replace("{amount}", euro(amount))


@dataclass(frozen=True)
class Intervals:
    first_after: int = 14
    second_after: int = 14
    final_after: int = 14

    def wait_before(self, level: int) -> int:
        return (self.first_after, self.second_after, self.final_after)[level - 1]


@dataclass(frozen=True)
class OverdueItem:
    id: str
    reference: str
    relation_id: str
    relation_name: str
    due_date: dt.date
    remaining: Decimal
    arrangement_until: dt.date | None
    by_direct_debit: bool  # in a collection, or to be collected on an active mandate
    last_level: int  # 0 before any reminder
    last_sent_on: dt.date | None


@dataclass(frozen=True)
class Reminder:
    item: OverdueItem
    level: int


def next_reminder(item: OverdueItem, today: dt.date, intervals: Intervals) -> int | None:
    """The reminder level the item gets today, or None."""
    if item.remaining <= 0 or item.last_level >= len(LEVELS):
        return None
    level = item.last_level + 1
    since = item.due_date if level == 1 else item.last_sent_on
    if since is None or today < since + dt.timedelta(days=intervals.wait_before(level)):
        return None
    return level


def reminders_due(
    items: list[OverdueItem], today: dt.date, intervals: Intervals
) -> tuple[list[Reminder], dict[str, int]]:
    """Today's reminders, and how many items were held back, by reason."""
    chosen: list[Reminder] = []
    held = {"direct debit": 0, "payment arrangement": 0}
    for item in items:
        level = next_reminder(item, today, intervals)
        if level is None:
            continue
        if item.by_direct_debit:
            held["direct debit"] += 1
        elif item.arrangement_until is not None and item.arrangement_until >= today:
            held["payment arrangement"] += 1
        else:
            chosen.append(Reminder(item, level))
    return chosen, held
