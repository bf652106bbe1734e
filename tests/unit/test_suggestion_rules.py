"""Suggestions for a receipt, best first, with their reasons."""

import time
from decimal import Decimal

from ledger_service.suggestion_rules import Item, Receipt, subset_summing_to, suggest

D = Decimal


def item(n: int, relation: str, remaining: str) -> Item:
    return Item(f"i{n}", relation, f"INV{n:07d}", f"invoice policy P{n:07d}", D(remaining))


ITEMS = [
    item(1, "alice", "9.44"),
    item(2, "alice", "9.44"),
    item(3, "alice", "9.44"),
    item(4, "bob", "23.88"),
    item(5, "carol", "12.00"),
    item(6, "carol", "11.88"),
]


def receipt(amount: str, **extra: str) -> Receipt:
    fields = {
        "counterparty_iban": None,
        "end_to_end_id": None,
        "structured_reference": None,
        "remittance": None,
    } | extra
    return Receipt(D(amount), **fields)  # type: ignore[arg-type]


def test_the_reference_naming_an_invoice_comes_first() -> None:
    [best, *_] = suggest(receipt("9.44", structured_reference="INV0000002"), ITEMS, {})
    assert best.allocations == (("i2", D("9.44")),)
    assert best.reasons == ("the payment reference names the invoice",)


def test_numbers_in_the_remittance_text_allocate_in_order() -> None:
    [best, *_] = suggest(
        receipt("23.88", remittance="betaling INV0000001 en inv0000002"), ITEMS, {}
    )
    assert best.allocations == (("i1", D("9.44")), ("i2", D("9.44")))
    assert best.reasons == ("invoice or policy numbers in the remittance text",)


def test_known_iban_with_exact_amount_beats_a_stranger_exact_amount() -> None:
    found = suggest(
        receipt("23.88", counterparty_iban="NL91ABNA0417164300"),
        ITEMS,
        {"NL91ABNA0417164300": "carol"},
    )
    assert [s.relation_id for s in found][:2] == ["carol", "bob"]
    assert found[0].reasons == (
        "the payer's IBAN is known on this relation",
        "2 open items add up to the amount",
    )
    assert found[1].reasons == ("the exact amount of one open item",)


def test_subset_sum_finds_a_combination_and_stays_fast() -> None:
    many = [item(n, "dave", f"{n}.{n % 100:02d}") for n in range(1, 200)]
    started = time.perf_counter()
    found = subset_summing_to(many, D("3.03") + D("7.07") + D("11.11"))
    assert found is not None and sum(i.remaining for i in found) == D("21.21")
    assert subset_summing_to(many, D("0.01")) is None
    assert time.perf_counter() - started < 0.5


def test_nothing_fits_nothing_suggested() -> None:
    assert suggest(receipt("1.23"), ITEMS, {}) == []


def test_text_and_known_iban_together_fill_from_the_payers_other_items() -> None:
    found = suggest(
        receipt("23.88", remittance="INV0000001 INV0000002", counterparty_iban="NL00X"),
        ITEMS,
        {"NL00X": "alice"},
    )
    assert found[0].allocations == (("i1", D("9.44")), ("i2", D("9.44")), ("i3", D("5.00")))
    assert found[0].reasons == (
        "invoice or policy numbers in the remittance text",
        "the payer's IBAN is known on this relation",
    )
