"""Conformance with bank statements written by others (unchanged files from the OCA
bank-statement-import project): `make conformance`, with the folder of samples in SAMPLES
(by default ../shared/samples/bank-statements beside the checkout). Not part of `make test`,
which reads only the repository's own statements (tests/data/bank-statements); without the
samples this check fails rather than passing without having read them."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from ledger_service.statements import StatementError, parse_camt053, transaction_keys
from tests.support.camt import relaid_out

SAMPLES = Path(
    os.environ.get("SAMPLES")
    or Path(__file__).resolve().parents[2] / "shared" / "samples" / "bank-statements"
)
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


def test_a_notification_is_not_a_statement() -> None:
    with pytest.raises(StatementError, match=r"camt\.054 debit/credit notification"):
        parse_camt053(sample("test-camt054.xml"))


@pytest.mark.parametrize("name", ["test-camt053.xml", "test-camt053-txdtls.xml"])
def test_every_transaction_is_known_by_its_fields(name: str) -> None:
    statement = parse_camt053(sample(name))
    keys = transaction_keys(statement)
    assert len({key for key, _ in keys}) == len(statement.lines)
    assert sorted(transaction_keys(parse_camt053(relaid_out(sample(name))))) == sorted(keys)
