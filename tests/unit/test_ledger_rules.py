"""The ledger's rules without a database: what makes lines an entry, how a premium document is
booked, ageing buckets."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Literal

import pytest

from ledger_service.current_accounts import ageing
from ledger_service.journal import Posting, balance_errors
from ledger_service.matching import item_posting
from ledger_service.premiums import premium_postings

D = Decimal


@pytest.mark.parametrize(
    ("postings", "fields"),
    [
        ([Posting("4000", debit=D("10.00")), Posting("1100", credit=D("10.00"))], []),
        ([Posting("4000", debit=D("10.00"))], ["lines", "lines"]),
        ([Posting("4000", debit=D("10.00")), Posting("1100", credit=D("9.99"))], ["lines"]),
        (
            [Posting("4000", debit=D("10.001")), Posting("1100", credit=D("10.001"))],
            ["lines.0.debit", "lines.1.credit"],
        ),
        (
            [Posting("4000", debit=D("-5.00")), Posting("1100", debit=D("5.00"))],
            ["lines.0.debit"],
        ),
        (
            [Posting("4000", debit=D("5.00"), credit=D("5.00")), Posting("1100")],
            ["lines.0", "lines.1"],
        ),
    ],
)
def test_what_makes_an_entry(postings: list[Posting], fields: list[str]) -> None:
    assert [e["field"] for e in balance_errors(postings)] == fields


DOCUMENT = {
    "kind": "invoice",
    "number": "INV0000001",
    "policy_number": "P0000001",
    "holder_id": "h-1",
    "insurer": {"code": "VVNV", "name": "Voorbeeld"},
    "net": "90.00",
    "commission": "18.00",
    "tax": "18.90",
    "total": "108.90",
}


def test_an_invoice_charges_the_holder_and_credits_the_rest() -> None:
    lines = premium_postings(DOCUMENT, "item-d", "item-c")
    assert [(p.account, p.debit, p.credit) for p in lines] == [
        ("1300", D("108.90"), D("0.00")),
        ("1600", D("0.00"), D("72.00")),
        ("8000", D("0.00"), D("18.00")),
        ("1700", D("0.00"), D("18.90")),
    ]
    assert (lines[0].relation_id, lines[0].item_id) == ("h-1", "item-d")
    assert (lines[1].relation_id, lines[1].item_id) == ("insurer:VVNV", "item-c")
    assert balance_errors(lines) == []


def test_a_credit_note_books_the_other_way_and_skips_zero_lines() -> None:
    credit = {**DOCUMENT, "kind": "credit_note", "tax": "0.00", "total": "90.00"}
    lines = premium_postings(credit, "d", "c")
    assert [(p.account, p.debit, p.credit) for p in lines] == [
        ("1300", D("0.00"), D("90.00")),
        ("1600", D("72.00"), D("0.00")),
        ("8000", D("18.00"), D("0.00")),
    ]
    assert balance_errors(lines) == []


def test_ageing_by_days_past_due() -> None:
    on = date(2026, 12, 31)
    items = [
        SimpleNamespace(due_date=date(2027, 1, 15), remaining=D("10.00")),  # not due yet
        SimpleNamespace(due_date=date(2026, 12, 1), remaining=D("20.00")),  # 30 days
        SimpleNamespace(due_date=date(2026, 11, 30), remaining=D("30.00")),  # 31 days
        SimpleNamespace(due_date=date(2026, 10, 2), remaining=D("40.00")),  # 90 days
        SimpleNamespace(due_date=date(2026, 10, 1), remaining=D("-5.00")),  # 91 days
    ]
    assert ageing(items, on) == {
        "0-30": "30.00",
        "31-60": "30.00",
        "61-90": "40.00",
        "90+": "-5.00",
    }


@pytest.mark.parametrize(
    ("ledger", "change", "account", "debit", "credit"),
    [
        ("debtors", D("9.44"), "1300", D("9.44"), D("0.00")),  # an invoice charged
        ("debtors", D("-9.44"), "1300", D("0.00"), D("9.44")),  # a receipt taken off it
        ("creditors", D("72.00"), "1600", D("0.00"), D("72.00")),  # owed to the insurer
        ("creditors", D("-72.00"), "1600", D("72.00"), D("0.00")),  # paid or settled
        ("creditors", D("-30.00"), "1600", D("30.00"), D("0.00")),  # a claim charged to it
    ],
)
def test_open_items_move_on_their_control_account(
    ledger: Literal["debtors", "creditors"],
    change: Decimal,
    account: str,
    debit: Decimal,
    credit: Decimal,
) -> None:
    line = item_posting(ledger, change, "insurer:VVNV", "item-1", "INV0000001")
    assert (line.account, line.debit, line.credit) == (account, debit, credit)
    assert (line.relation_id, line.item_id) == ("insurer:VVNV", "item-1")
