"""What settling with an insurer books and when a period may be settled, without a database
(ledger_service.settlement_rules), and how the edge answers each refusal."""

from datetime import date
from decimal import Decimal

import pytest

from backoffice_domain.refusals import Conflict, Invalid, NotFound
from ledger_service.journal import Posting, balance_errors
from ledger_service.settlement_rules import (
    EarlierSettlement,
    OpenItemNow,
    PeriodItem,
    check_not_settled,
    check_period,
    check_period_ended,
    settlement_booking,
    totals,
)
from servicekit.problems import problem_for

D = Decimal
INS = "insurer:INS"
JAN, END = date(2026, 1, 1), date(2026, 1, 31)


def test_a_period_of_an_insurer_of_at_most_a_year() -> None:
    check_period(INS, JAN, END)
    check_period(INS, JAN, date(2027, 1, 1))
    with pytest.raises(NotFound) as caught:
        check_period("relation:7", JAN, END)
    assert problem_for(caught.value).status == 404
    assert caught.value.detail == "No insurer relation:7; insurers are insurer:<code>"
    with pytest.raises(NotFound):
        check_period("insurer:", JAN, END)
    with pytest.raises(Invalid) as caught:
        check_period(INS, END, JAN)
    answer = problem_for(caught.value)
    assert (answer.status, answer.detail) == (422, "The period ends before it begins")
    assert answer.errors == [{"field": "to", "message": "before from"}]
    with pytest.raises(Invalid) as caught:
        check_period(INS, JAN, date(2027, 1, 2))
    assert caught.value.errors == [{"field": "to", "message": "more than a year after from"}]


def test_a_period_is_settled_once_and_once_it_has_ended() -> None:
    check_not_settled("Insurer N.V.", None)
    earlier = EarlierSettlement(date(2026, 1, 15), date(2026, 2, 14), date(2026, 3, 2))
    with pytest.raises(Conflict) as caught:
        check_not_settled("Insurer N.V.", earlier)
    assert problem_for(caught.value).status == 409
    assert caught.value.detail == (
        "Insurer N.V. was settled already for 2026-01-15 to 2026-02-14 (on 2026-03-02)"
    )
    check_period_ended(END, date(2026, 2, 1))
    with pytest.raises(Conflict, match="documents can still be booked in it"):
        check_period_ended(END, END)


def test_settling_takes_off_what_is_open_and_puts_the_sum_on_one_item() -> None:
    items = [
        OpenItemNow("p1", "INV-1", D("85.00")),  # a premium: the insurer's share, open
        OpenItemNow("p2", "INV-2", D("0.00")),  # paid to the insurer already: left alone
        OpenItemNow("p3", "CN-1", D("-17.00")),  # a credit note
        OpenItemNow("c1", "C0000001", D("-30.00")),  # a claim paid on the insurer's behalf
    ]
    booking = settlement_booking(INS, "Insurer N.V.", JAN, END, items, due_item_id="due")
    assert booking.taken == {"p1": D("85.00"), "p3": D("-17.00"), "c1": D("-30.00")}
    assert booking.amount_due == D("38.00")
    assert booking.due_item_id == "due"
    assert booking.description == "Settlement with Insurer N.V. of 2026-01-01 to 2026-01-31"
    assert booking.due_reference == "settlement 2026-01-01/2026-01-31"
    # Creditors control (1600): an item owed to the insurer is taken off by a debit; the sum due
    # is a credit on the new item; nothing else moves, so the entry balances by itself.
    assert booking.postings == [
        Posting("1600", debit=D("85.00"), relation_id=INS, item_id="p1", description="INV-1"),
        Posting("1600", credit=D("17.00"), relation_id=INS, item_id="p3", description="CN-1"),
        Posting("1600", credit=D("30.00"), relation_id=INS, item_id="c1", description="C0000001"),
        Posting(
            "1600",
            credit=D("38.00"),
            relation_id=INS,
            item_id="due",
            description="settlement 2026-01-01/2026-01-31",
        ),
    ]
    assert balance_errors(booking.postings) == []


def test_an_insurer_owing_more_in_claims_gets_a_negative_item() -> None:
    items = [OpenItemNow("p1", "INV-1", D("20.00")), OpenItemNow("c1", "C1", D("-50.00"))]
    booking = settlement_booking(INS, "Insurer N.V.", JAN, END, items, due_item_id="due")
    assert booking.amount_due == D("-30.00")
    assert booking.postings[-1].debit == D("30.00")
    assert balance_errors(booking.postings) == []


def test_a_period_that_nets_to_zero_makes_no_item() -> None:
    items = [OpenItemNow("p1", "INV-1", D("50.00")), OpenItemNow("c1", "C1", D("-50.00"))]
    booking = settlement_booking(INS, "Insurer N.V.", JAN, END, items, due_item_id="due")
    assert (booking.amount_due, booking.due_item_id) == (D("0.00"), None)
    assert len(booking.postings) == 2
    assert balance_errors(booking.postings) == []


def test_nothing_open_is_nothing_to_settle() -> None:
    with pytest.raises(Conflict) as caught:
        settlement_booking(
            INS, "Insurer N.V.", JAN, END, [OpenItemNow("p1", "INV-1", D("0.00"))], "due"
        )
    assert caught.value.detail == (
        "Nothing is open for Insurer N.V. from 2026-01-01 to 2026-01-31: nothing to settle"
    )


def test_the_statements_sums() -> None:
    items = [
        PeriodItem(claim=False, amount=D("85.00"), remaining=D("85.00"), commission=D("15.00")),
        PeriodItem(claim=False, amount=D("-17.00"), remaining=D("0.00"), commission=D("-3.00")),
        PeriodItem(claim=True, amount=D("-30.00"), remaining=D("-30.00")),
    ]
    open_now = totals(items, None)
    assert (open_now.premium, open_now.commission, open_now.insurer_share) == (
        D("80.00"),
        D("12.00"),
        D("68.00"),
    )
    assert open_now.claims_paid == D("30.00")
    assert open_now.amount_due == D("55.00")  # 85 - 30 open; the credit note was paid off
    assert open_now.already_paid == D("-17.00")
    settled = totals(items, D("40.00"))
    assert (settled.amount_due, settled.already_paid) == (D("40.00"), D("-2.00"))
