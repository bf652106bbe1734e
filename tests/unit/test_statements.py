"""Bank statements as banks write them (the project's own files in tests/data/bank-statements)
and a simple CSV: every transaction read, signs and references right, wrong files refused whole
with a message that says where; each transaction known by its fields, whatever the layout."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ledger_service.statements import (
    Statement,
    StatementError,
    parse_camt053,
    parse_csv,
    transaction_key,
    transaction_keys,
)
from tests.support.camt import camt053, relaid_out
from tests.support.csv_statements import spreadsheet_copy

DATA = Path(__file__).resolve().parents[1] / "data" / "bank-statements"
D = Decimal


def data(name: str) -> bytes:
    path = DATA / name
    assert path.is_file(), path
    return path.read_bytes()


def test_direct_debits_a_reversed_batch_and_a_structured_reference() -> None:
    statement = parse_camt053(data("camt053-direct-debits.xml"))
    assert statement.statement_id == "NL52RABO-20261102-1"
    assert statement.account_iban == "NL52RABO0312456780"
    assert (statement.opening, statement.closing) == (D("8240.50"), D("6973.55"))
    debit = statement.lines[0]
    assert (debit.amount, debit.counterparty_name, debit.counterparty_iban) == (
        D("-1212.40"),
        "Zeeland Schade N.V.",
        "NL43INGB0006104232",
    )
    assert debit.end_to_end_id == "ZS448120-202611"
    assert debit.remittance == "Premie november 2026 polis ZS-448120"
    reversed_ = [line for line in statement.lines if line.reversal]
    assert [(x.amount, x.return_reason, x.position) for x in reversed_] == [
        (D("-112.35"), "MD06", "entry 2, transaction 1"),
        (D("-75.00"), "AM04", "entry 2, transaction 2"),
    ]
    assert [x.counterparty_name for x in reversed_] == ["M. Bakker", "K. Visser"]
    receipt = statement.lines[-1]
    assert (receipt.amount, receipt.structured_reference, receipt.remittance) == (
        D("96.80"),
        "7016542300128893",
        None,
    )
    # This bank writes none of its own references.
    assert [x.bank_reference for x in statement.lines] == [None] * 4
    # Its balances do not agree with its entries: reported, not hidden.
    assert statement.balance_difference == D("36.00")


def test_batched_entry_gives_one_line_per_transaction() -> None:
    statement = parse_camt053(data("camt053-batch.xml"))
    assert (statement.currency, statement.opening, statement.closing) == (
        "EUR",
        D("1000.00"),
        D("1457.50"),
    )
    assert [line.amount for line in statement.lines] == [
        D("310.00"),
        D("145.50"),
        D("62.25"),
        D("-60.25"),
    ]
    assert [line.structured_reference for line in statement.lines] == [
        "RF54INV0001207",
        "RF43INV0001211",
        "RF32INV0001215",
        None,
    ]
    assert [line.bank_reference for line in statement.lines] == [
        "ASN20261105TX051901",
        "ASN20261105TX051902",
        "ASN20261105TX051903",
        "ASN-0519-0002",  # no reference of its own: the entry's
    ]
    assert statement.lines[3].counterparty_iban == "NL43INGB0006104232"
    assert statement.balance_difference == 0


def test_statement_without_entries() -> None:
    statement = parse_camt053(data("camt053-no-entries.xml"))
    assert statement.statement_id == "NL52RABO-20261108-1"
    assert statement.lines == [] and statement.balance_difference == 0


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (data("camt054-notification.xml"), "camt.054 debit/credit notification"),
        (b"<Document><BkToCstmrStmt>", "line 1"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DTD"),
        (
            data("camt053-direct-debits.xml").replace(
                b'<Amt Ccy="EUR">1212.40</Amt>', b'<Amt Ccy="EUR">12x</Amt>', 1
            ),
            "entry 1: the amount '12x' is not a number",
        ),
        (
            data("camt053-direct-debits.xml").replace(
                b"<CdtDbtInd>DBIT</CdtDbtInd>\n        <RvslInd>",
                b"<CdtDbtInd>UP</CdtDbtInd>\n        <RvslInd>",
                1,
            ),
            "entry 2: CdtDbtInd",
        ),
        (
            data("camt053-batch.xml").replace(b">62.25<", b">62.52<", 1),
            "entry 1: its transactions do not add up",
        ),
    ],
)
def test_wrong_files_are_refused_saying_where(wrong: bytes, message: str) -> None:
    with pytest.raises(StatementError, match=message):
        parse_camt053(wrong)


def csv_text() -> str:
    return data("statement.csv").decode()


def test_csv_statement() -> None:
    statement = parse_csv(csv_text(), "csv-1")
    assert [(x.amount, x.counterparty_name, x.counterparty_iban) for x in statement.lines] == [
        (D("45.10"), "P. Jansen", "NL63ABNA0582219034"),
        (D("45.10"), "P. Jansen", "NL63ABNA0582219034"),
        (D("-230.00"), "Zeeland Schade N.V.", "NL43INGB0006104232"),
        (D("18.90"), "Bakker, M.", "NL65TRIO0391274655"),
    ]
    assert statement.lines[0].structured_reference == "7016542300128907"
    assert statement.lines[3].remittance == "INV0001211 INV0001212"
    assert [x.bank_reference for x in statement.lines] == [None] * 4
    with pytest.raises(StatementError, match="line 4: '12,00' is not an amount"):
        parse_csv(csv_text().replace("-230.00", '"12,00"'), "csv-2")
    with pytest.raises(StatementError, match="line 2: '06-11-2026' is not a date"):
        parse_csv(csv_text().replace("2026-11-06", "06-11-2026", 1), "csv-3")


def test_csv_columns_in_any_order_and_named_once() -> None:
    copy = spreadsheet_copy(csv_text())
    assert copy.startswith('"description","Amount","Date","booked by"')
    assert '"-230","2026-11-06"' in copy
    assert parse_csv(copy, "copy").lines == parse_csv(csv_text(), "csv").lines
    with pytest.raises(StatementError, match=r"line 1: the header must name .* reference missing"):
        parse_csv("date,amount,name,iban,ref,description\n", "x")
    with pytest.raises(StatementError, match="line 1: the header names 'amount' twice"):
        parse_csv("date,amount,name,iban,reference,description,amount\n", "x")
    with pytest.raises(StatementError, match="line 2: expected 6 columns, found 3"):
        parse_csv("description,date,amount,name,iban,reference\nx,2026-11-06,1.00\n", "x")
    with pytest.raises(StatementError, match="line 4: expected 6 columns, found 7"):
        parse_csv(csv_text().replace("-230.00", "-230,00"), "x")


def keys_of(statement: Statement) -> list[tuple[str, int]]:
    return sorted(transaction_keys(statement))


def test_the_same_transactions_laid_out_again_have_the_same_keys() -> None:
    text = csv_text()
    keys = keys_of(parse_csv(text, "csv"))
    windows = text.replace("\n", "\r\n")
    assert keys_of(parse_csv(windows, "windows")) == keys
    assert keys_of(parse_csv(spreadsheet_copy(text), "spreadsheet")) == keys
    header, *rows = text.splitlines(keepends=True)
    assert keys_of(parse_csv(header + "".join(reversed(rows)) + "\n\n", "reversed")) == keys

    for name in ("camt053-direct-debits.xml", "camt053-batch.xml"):
        xml = data(name)
        assert keys_of(parse_camt053(relaid_out(xml))) == keys_of(parse_camt053(xml))


def test_equal_transactions_in_one_file_are_counted() -> None:
    keys = transaction_keys(parse_csv(csv_text(), "csv"))
    assert keys[0][0] == keys[1][0]  # the same customer paying the same twice that day
    assert [n for _, n in keys] == [1, 2, 1, 1]
    assert len({k for k, _ in keys}) == 3


@pytest.mark.parametrize(
    "change",
    [
        {"booking_date": date(2026, 11, 7)},
        {"amount": D("45.11")},
        {"amount": D("-45.10")},
        {"currency": "CHF"},
        {"counterparty_name": "P. Janssen"},
        {"counterparty_iban": "NL40RABO0157732490"},
        {"end_to_end_id": "E2E-1"},
        {"structured_reference": "7016542300128915"},
        {"remittance": "Premie december"},
        {"bank_reference": "RABO-1"},
        {"reversal": True},
    ],
)
def test_each_field_of_a_transaction_tells_it_apart(change: dict[str, Any]) -> None:
    line = parse_csv(csv_text(), "csv").lines[0]
    other = replace(line, **change)
    assert transaction_key(None, other) != transaction_key(None, line)
    assert transaction_key("NL52RABO0312456780", line) != transaction_key(None, line)
    # Where it stands in the file, and white space around and within text, do not.
    moved = replace(line, position="line 9", remittance="  Premie   november ")
    assert transaction_key(None, moved) == transaction_key(None, line)


def test_statements_without_the_banks_references_are_told_apart() -> None:
    """Two statements whose entries carry no reference of the bank: their first entries are
    different transactions (before, both were known as the first entry of a statement)."""
    day, iban = "2026-11-09", "NL65TRIO0391274655"
    first = camt053(
        "A", day, D(0), [(D("20.00"), "M. Bakker", iban, "INV1")], bank_references=False
    )
    second = camt053(
        "B", day, D(0), [(D("21.00"), "M. Bakker", iban, "INV2")], bank_references=False
    )
    assert transaction_keys(parse_camt053(first)) != transaction_keys(parse_camt053(second))
