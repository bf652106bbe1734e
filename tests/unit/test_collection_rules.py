"""The rules of a direct-debit run: what is collected and what is left out with which reason,
sequence types, lapsed mandates, the creditor identifier's check, and a pain.008 file that
validates against the scheme's XSD and holds exactly the chosen transactions."""

import datetime as dt
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from ledger_service.collection_rules import (
    NS,
    Creditor,
    DueItem,
    Mandate,
    choose,
    claims_to_be_ours,
    lapsed,
    pain008,
    valid_creditor_id,
)

ON = dt.date(2027, 1, 15)
CREDITOR = Creditor(
    "Verzekeringen Noord BV", "NL91ABNA0417164300", "ABNANL2A", "NL69ZZZ123456780000"
)


def item(n: int, relation: str, amount: str = "100.00") -> DueItem:
    return DueItem(
        f"00000000-0000-0000-0000-{n:012d}",
        relation,
        f"Relation {relation}",
        f"F{n:07d}",
        f"P{n:07d}",
        dt.date(2027, 1, 1),
        Decimal(amount),
    )


def mandate(
    ref: str,
    relation: str,
    *,
    kind: str = "recurring",
    status: str = "active",
    collections: int = 0,
    signed: dt.date = dt.date(2026, 1, 1),
    last: dt.date | None = None,
) -> Mandate:
    return Mandate(
        f"m-{ref}",
        ref,
        relation,
        signed,
        "NL44RABO0123456789",
        f"Debtor {relation}",
        kind,
        status,
        last,
        collections,
    )


def test_the_creditor_identifier_is_checked_by_its_check_digits() -> None:
    assert valid_creditor_id("NL69 ZZZ 123456780000") == "NL69ZZZ123456780000"
    with pytest.raises(ValueError, match="creditor identifier"):
        valid_creditor_id("NL68ZZZ123456780000")


def test_each_item_is_collected_on_its_relations_newest_active_mandate() -> None:
    mandates = {
        "a": [mandate("OLD", "a", signed=dt.date(2025, 3, 1)), mandate("NEW", "a", collections=2)],
        "b": [mandate("B1", "b")],
    }
    chosen, skipped, gone = choose([item(1, "a"), item(2, "b")], mandates, ON)
    assert [(t.item.reference, t.mandate.reference, t.sequence_type) for t in chosen] == [
        ("F0000001", "NEW", "RCUR"),
        ("F0000002", "B1", "FRST"),
    ]
    assert skipped == [] and gone == set()


def test_items_that_cannot_be_collected_are_named_with_the_reason() -> None:
    mandates = {
        "revoked": [mandate("R", "revoked", status="revoked")],
        "old": [mandate("O", "old", signed=dt.date(2023, 1, 14))],
        "once": [mandate("X", "once", kind="one_off", collections=1)],
    }
    items = [
        item(1, "nobody"),
        item(2, "revoked"),
        item(3, "old"),
        item(4, "once"),
        item(5, "revoked", "0.00"),
        item(6, "revoked", "-20.00"),
    ]
    chosen, skipped, gone = choose(items, mandates, ON)
    assert chosen == []
    assert [(s.item.reference, s.reason) for s in skipped] == [
        ("F0000001", "no mandate"),
        ("F0000002", "mandate revoked"),
        ("F0000003", "mandate expired (36 months unused)"),
        ("F0000004", "one-off mandate already used"),
        ("F0000005", "nothing to collect (amount zero or a credit)"),
        ("F0000006", "nothing to collect (amount zero or a credit)"),
    ]
    assert gone == {"m-O"}


def test_a_blocked_relation_is_not_collected_though_its_mandate_is_active() -> None:
    mandates = {"a": [mandate("A", "a")], "b": [mandate("B", "b")]}
    chosen, skipped, _ = choose([item(1, "a"), item(2, "b")], mandates, ON, blocked=frozenset("b"))
    assert [t.item.reference for t in chosen] == ["F0000001"]
    assert [(s.item.reference, s.reason) for s in skipped] == [
        ("F0000002", "relation blocked for direct debit")
    ]


def test_a_mandate_lapses_36_months_after_its_last_use() -> None:
    used = mandate("U", "a", signed=dt.date(2020, 1, 1), last=dt.date(2024, 1, 16))
    assert not lapsed(used, ON)
    assert lapsed(used, dt.date(2027, 1, 16))
    never = mandate("N", "a", signed=dt.date(2024, 1, 15))
    assert lapsed(never, ON)


def test_a_one_off_mandate_collects_one_item_once() -> None:
    mandates = {"a": [mandate("ONE", "a", kind="one_off")]}
    chosen, skipped, _ = choose([item(1, "a"), item(2, "a")], mandates, ON)
    assert [(t.item.reference, t.sequence_type) for t in chosen] == [("F0000001", "OOFF")]
    assert [(s.item.reference, s.reason) for s in skipped] == [
        ("F0000002", "one-off mandate already used")
    ]


def test_the_pain008_file_validates_and_holds_the_chosen_transactions_per_sequence_type() -> None:
    mandates = {"a": [mandate("MA", "a")], "b": [mandate("MB", "b", collections=3)]}
    chosen, _, _ = choose(
        [item(1, "a", "123.45"), item(2, "b", "10.00"), item(3, "b", "0.01")], mandates, ON
    )
    made = dt.datetime(2027, 1, 10, 9, 30, tzinfo=dt.UTC)
    file, groups = pain008(CREDITOR, "INC0000001", ON, chosen, made)
    assert [(g.sequence_type, g.payment_info_id, g.transactions, g.total) for g in groups] == [
        ("FRST", "INC0000001-FRST", 1, Decimal("123.45")),
        ("RCUR", "INC0000001-RCUR", 2, Decimal("10.01")),
    ]
    root = ElementTree.fromstring(file)
    header = root.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    assert header is not None
    assert header.findtext("p:MsgId", namespaces=NS) == "INC0000001"
    assert header.findtext("p:CreDtTm", namespaces=NS) == "2027-01-10T09:30:00"
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "3"
    assert header.findtext("p:CtrlSum", namespaces=NS) == "133.46"
    transactions = {
        tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS): (
            tx.findtext("p:InstdAmt", namespaces=NS),
            tx.findtext("p:DrctDbtTx/p:MndtRltdInf/p:MndtId", namespaces=NS),
        )
        for tx in root.iterfind(".//p:DrctDbtTxInf", NS)
    }
    assert transactions == {
        "INC0000001-000001": ("123.45", "MA"),
        "INC0000001-000002": ("10.00", "MB"),
        "INC0000001-000003": ("0.01", "MB"),
    }
    collected_on = {d.text for d in root.iterfind(".//p:ReqdColltnDt", NS)}
    assert collected_on == {"2027-01-15"}
    scheme = root.findtext(".//p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id", namespaces=NS)
    assert scheme == "NL69ZZZ123456780000"


def test_only_a_return_in_the_shape_of_a_runs_transaction_claims_to_be_ours() -> None:
    assert claims_to_be_ours("INC0000012-000345")
    assert not claims_to_be_ours("GEVEL-INC-2026-10-0017")  # another system's collection
    assert not claims_to_be_ours("INC0000012-000345 ")
