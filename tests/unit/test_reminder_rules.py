"""When an overdue item gets which reminder: after the tenant's intervals, never a fourth, not
while it is being collected by direct debit or under a payment arrangement."""

import datetime as dt
from decimal import Decimal

from ledger_service.reminder_rules import (
    Intervals,
    OverdueItem,
    fill,
    next_reminder,
    reminders_due,
)

TODAY = dt.date(2027, 3, 1)
INTERVALS = Intervals(first_after=14, second_after=10, final_after=7)


def item(
    due_days_ago: int,
    level: int = 0,
    sent_days_ago: int | None = None,
    *,
    dd: bool = False,
    arranged_until: dt.date | None = None,
    remaining: str = "9.44",
) -> OverdueItem:
    sent = TODAY - dt.timedelta(days=sent_days_ago) if sent_days_ago is not None else None
    return OverdueItem(
        "i", "INV0000001", "r", "J. de Vries", TODAY - dt.timedelta(days=due_days_ago),
        Decimal(remaining), arranged_until, dd, level, sent,
    )  # fmt: skip


def test_the_first_reminder_waits_for_the_interval_after_the_due_date() -> None:
    assert next_reminder(item(13), TODAY, INTERVALS) is None
    assert next_reminder(item(14), TODAY, INTERVALS) == 1


def test_later_reminders_wait_for_their_interval_after_the_one_before() -> None:
    assert next_reminder(item(60, 1, 9), TODAY, INTERVALS) is None
    assert next_reminder(item(60, 1, 10), TODAY, INTERVALS) == 2
    assert next_reminder(item(60, 2, 6), TODAY, INTERVALS) is None
    assert next_reminder(item(60, 2, 7), TODAY, INTERVALS) == 3
    assert next_reminder(item(400, 3, 300), TODAY, INTERVALS) is None  # no fourth


def test_collected_and_arranged_items_are_held_back_and_counted() -> None:
    items = [
        item(30),
        item(30, dd=True),
        item(30, arranged_until=TODAY),
        item(30, arranged_until=TODAY - dt.timedelta(days=1)),
        item(30, remaining="0.00"),
    ]
    chosen, held = reminders_due(items, TODAY, INTERVALS)
    assert [r.level for r in chosen] == [1, 1]
    assert held == {"direct debit": 1, "payment arrangement": 1}


def test_texts_name_the_item_and_its_amount_as_dutch_documents_write_it() -> None:
    assert fill("{reference}: {amount}", "INV1", Decimal("1234567.8")) == "INV1: € 1.234.567,80"
