"""The ledger's lines for a batch of open items taken over (no servers): each item on its control
account, naming relation and item, on the side its sign says; the batch balanced on the clearing
account."""

from decimal import Decimal

from ledger_service.imported import item_postings
from ledger_service.journal import balance_errors


def item(ref: str, amount: str) -> dict[str, str]:
    return {"id": f"id-{ref}", "ref": ref, "relation_id": f"rel-{ref}", "amount": amount}


def test_debtor_items_are_debits_on_debtors_control_and_a_credit_note_a_credit() -> None:
    postings, total = item_postings(
        [item("D1", "9.44"), item("D2", "31.99"), item("D3", "-5.00")], "debtors", "debtor_items"
    )
    assert total == Decimal("36.43")
    lines = [(p.account, p.debit, p.credit, p.item_id) for p in postings]
    assert lines == [
        ("1300", Decimal("9.44"), Decimal("0.00"), "id-D1"),
        ("1300", Decimal("31.99"), Decimal("0.00"), "id-D2"),
        ("1300", Decimal("0.00"), Decimal("5.00"), "id-D3"),
        ("0999", Decimal("0.00"), Decimal("36.43"), None),
    ]
    assert balance_errors(postings) == []


def test_creditor_items_are_credits_on_creditors_control() -> None:
    postings, total = item_postings([item("C1", "310.00")], "creditors", "creditor_items")
    assert total == Decimal("310.00")
    assert [(p.account, p.debit, p.credit) for p in postings] == [
        ("1600", Decimal("0.00"), Decimal("310.00")),
        ("0999", Decimal("310.00"), Decimal("0.00")),
    ]
    assert postings[0].relation_id == "rel-C1"
    assert balance_errors(postings) == []
