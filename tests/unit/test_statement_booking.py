"""How a bank statement's lines are booked, without a database
(ledger_service.statement_booking): which files are taken, which lines are new, the entries
they make, and how the edge answers each refusal."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from backoffice_domain.refusals import Conflict, Invalid
from ledger_service.journal import Posting, balance_errors
from ledger_service.statement_booking import (
    Counts,
    EarlierImport,
    bank_entries,
    check_importable,
    counts,
    not_booked_yet,
)
from ledger_service.statements import Line, Statement, transaction_keys
from servicekit.problems import problem_for

D = Decimal
MAY1, MAY2 = date(2026, 5, 1), date(2026, 5, 2)
RENT = Line("line 2", MAY1, D("-750.00"), "EUR", counterparty_name="Verhuur B.V.")
PREMIUM = Line("line 3", MAY1, D("120.50"), "EUR", counterparty_name="J. Jansen", remittance="P7")


def _statement(
    *lines: Line, opening: str | None = "1000.00", closing: str | None = None
) -> Statement:
    total = sum((x.amount for x in lines), D(0))
    closing = closing if closing is not None else str(D(opening or 0) + total)
    return Statement(
        statement_id="ST-1",
        account_iban="NL91ABNA0417164300",
        currency="EUR",
        opening=None if opening is None else D(opening),
        closing=None if opening is None else D(closing),
        lines=list(lines),
    )


def test_a_consistent_new_euro_file_is_taken() -> None:
    check_importable(_statement(RENT, PREMIUM), None, "refuse")
    check_importable(_statement(RENT, opening=None), None, "refuse")  # no balances to compare


def test_the_same_file_twice_is_a_conflict() -> None:
    earlier = EarlierImport("imp-1", datetime(2026, 5, 3, 9, 30, tzinfo=UTC))
    with pytest.raises(Conflict) as caught:
        check_importable(_statement(RENT, PREMIUM), earlier, "warn")
    answer = problem_for(caught.value)
    assert (answer.status, answer.errors) == (409, None)
    assert answer.detail == (
        "This file was imported on 2026-05-03 (imp-1); nothing was booked again"
        " (its 2 transactions are known)"
    )


def test_balances_that_disagree_are_refused_unless_warned() -> None:
    off = _statement(RENT, closing="300.00")
    check_importable(off, None, "warn")
    with pytest.raises(Invalid) as caught:
        check_importable(off, None, "refuse")
    answer = problem_for(caught.value)
    assert answer.status == 422
    assert answer.detail.startswith("The closing balance differs by 50.00 from the opening")
    assert answer.errors == [{"field": "file", "message": "balance difference 50.00"}]


def test_only_euros_are_booked() -> None:
    dollars = Line("line 4", MAY1, D("10.00"), "USD")
    with pytest.raises(Invalid) as caught:
        check_importable(_statement(RENT, dollars), None, "refuse")
    answer = problem_for(caught.value)
    assert (answer.status, answer.errors) == (422, None)
    assert answer.detail == "Only EUR statements are booked; line 4 is not in EUR"


def test_only_the_occurrences_beyond_those_booked_are_new() -> None:
    twice = _statement(PREMIUM, RENT, PREMIUM)
    keys = transaction_keys(twice)
    assert [n for _, n in keys] == [1, 1, 2]
    assert not_booked_yet(twice.lines, keys, {}) == [
        (PREMIUM, keys[0][0], 1),
        (RENT, keys[1][0], 1),
        (PREMIUM, keys[2][0], 2),
    ]
    # A file before held the premium once and the rent: only the second premium is new.
    new = not_booked_yet(twice.lines, keys, {keys[0][0]: 1, keys[1][0]: 1})
    assert new == [(PREMIUM, keys[0][0], 2)]
    assert counts(twice, new) == Counts(receipts=1, payments=0, skipped=2)


def test_receipts_and_payments_are_booked_one_entry_a_day() -> None:
    late = Line("line 5", MAY2, D("80.00"), "EUR", remittance="  P8  ")
    entries = bank_entries("ST-1", [late, RENT, PREMIUM])
    assert [(e.day, e.description) for e in entries] == [
        (MAY1, "Bank statement ST-1 of 2026-05-01"),
        (MAY2, "Bank statement ST-1 of 2026-05-02"),
    ]
    assert entries[0].postings == [
        # a payment: suspense (unallocated payments) against the bank, until it is matched
        Posting("1390", debit=D("750.00"), description="Verhuur B.V."),
        Posting("1100", credit=D("750.00"), description="Verhuur B.V."),
        # a receipt: the bank against unallocated receipts
        Posting("1100", debit=D("120.50"), description="J. Jansen P7"),
        Posting("1800", credit=D("120.50"), description="J. Jansen P7"),
    ]
    assert entries[1].postings[0] == Posting("1100", debit=D("80.00"), description="P8")
    assert all(balance_errors(e.postings) == [] for e in entries)


def test_nothing_new_books_nothing() -> None:
    assert bank_entries("ST-1", []) == []
