"""Bank statements as banks write them (../shared/samples/bank-statements, unchanged) and a
simple CSV: every transaction read, signs and references right, wrong files refused whole with
a message that says where."""

from decimal import Decimal
from pathlib import Path

import pytest

from ledger_service.statements import StatementError, parse_camt053, parse_csv

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "bank-statements"
D = Decimal


def sample(name: str) -> bytes:
    path = SAMPLES / name
    assert path.is_file(), path
    return path.read_bytes()


def test_dutch_statement_with_direct_debits_and_a_reversal() -> None:
    statement = parse_camt053(sample("test-camt053.xml"))
    assert statement.statement_id == "1234Test/1"
    assert statement.account_iban == "NL77ABNA0574908765"
    assert (statement.opening, statement.closing) == (D("15568.27"), D("15121.12"))
    first = statement.lines[0]
    assert (first.amount, first.counterparty_name, first.counterparty_iban) == (
        D("-754.25"),
        "INSURANCE COMPANY TESTX",
        "NL46ABNA0499998748",
    )
    assert first.end_to_end_id == "435005714488-ABNO33052620"
    assert first.remittance and first.remittance.startswith("Insurance policy 857239")
    reversed_ = [line for line in statement.lines if line.reversal]
    assert [line.amount for line in reversed_] == [D("-564.05"), D("-100.00")]
    assert reversed_[0].return_reason == "AC06"
    assert reversed_[0].position == "entry 2, transaction 1"
    # The sample's balances do not agree with its entries: reported, not hidden.
    assert statement.balance_difference == D("15121.12") - (
        D("15568.27") + sum((line.amount for line in statement.lines), D(0))
    )
    assert statement.balance_difference != 0
    assert len({line.bank_reference for line in statement.lines}) == len(statement.lines)


def test_batched_entry_gives_one_line_per_transaction() -> None:
    statement = parse_camt053(sample("test-camt053-txdtls.xml"))
    assert statement.currency == "CHF"
    assert [line.amount for line in statement.lines] == [D("2187.00"), D("1296.00")]
    assert [line.structured_reference for line in statement.lines] == [
        "302388292000011111111111111",
        "302388292000022222222222222",
    ]
    assert [line.counterparty_iban for line in statement.lines] == [
        "CH2222000000123456789",
        "CH3333000000123456789",
    ]
    assert statement.balance_difference == 0


def test_statement_without_entries() -> None:
    statement = parse_camt053(sample("test-camt053-no-ntry.xml"))
    assert statement.lines == [] and statement.balance_difference == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (sample("test-camt054.xml"), "camt.054 debit/credit notification"),
        (b"<Document><BkToCstmrStmt>", "line 1"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DTD"),
        (
            sample("test-camt053.xml").replace(b'<Amt Ccy="EUR">754.25', b'<Amt Ccy="EUR">7x', 1),
            "entry 1: the amount '7x' is not a number",
        ),
        (
            sample("test-camt053.xml").replace(
                b"<CdtDbtInd>DBIT</CdtDbtInd>\n                <RvslInd>",
                b"<CdtDbtInd>UP</CdtDbtInd>\n                <RvslInd>",
                1,
            ),
            "entry 2: CdtDbtInd",
        ),
    ],
)
def test_wrong_files_are_refused_saying_where(data: bytes, message: str) -> None:
    with pytest.raises(StatementError, match=message):
        parse_camt053(data)


def test_csv_statement() -> None:
    text = (
        "date,amount,name,iban,reference,description\n"
        "2026-12-01,218.20,J. de Vries,NL91 ABNA 0417 1643 00,,INV0000001 INV0000002\n"
        "2026-12-02,-59.63,Voorbeeld Verzekeringen,,,settlement\n"
    )
    statement = parse_csv(text, "csv-1")
    assert [(x.amount, x.counterparty_iban) for x in statement.lines] == [
        (D("218.20"), "NL91ABNA0417164300"),
        (D("-59.63"), None),
    ]
    with pytest.raises(StatementError, match="line 3: '12,00' is not an amount"):
        parse_csv(text.replace("-59.63", '"12,00"'), "csv-2")
    with pytest.raises(StatementError, match="line 1: the header"):
        parse_csv("when,what\n", "csv-3")
