"""How a bank statement that was read is booked (pure; reading the file is `statements.py`, the
endpoint and its queries `bank.py`). A file is taken once, only when its balances agree with its
lines (or the importer accepts the difference) and only in euros; of its transactions only those
not booked yet are booked, each receipt on the bank against unallocated receipts and each
payment on suspense (unallocated payments) against the bank, one entry a booking day. Refusals
are domain errors (`backoffice_domain.refusals`) that the edge answers as problems."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from backoffice_domain.refusals import Conflict, Invalid
from ledger_service.journal import BANK, UNALLOCATED_PAYMENTS, UNALLOCATED_RECEIPTS, Posting
from ledger_service.statements import Line, Statement


class NewLine(NamedTuple):
    """A line of the file to book, with its transaction's key and occurrence in the file."""

    line: Line
    transaction_key: str
    occurrence: int


@dataclass(frozen=True)
class EarlierImport:
    """The import of the same file, earlier."""

    id: str
    imported_at: datetime


@dataclass(frozen=True)
class BankEntry:
    """One journal entry of the statement: its booking day's lines."""

    day: date
    description: str
    postings: list[Posting]


def check_importable(
    statement: Statement, earlier: EarlierImport | None, balance_check: str
) -> None:
    """Conflict for the same file again; Invalid when its balances disagree with its lines and
    `balance_check` is "refuse", or when a line is not in euros."""
    if earlier is not None:
        raise Conflict(
            f"This file was imported on {earlier.imported_at:%Y-%m-%d} ({earlier.id}); nothing"
            f" was booked again (its {len(statement.lines)} transactions are known)"
        )
    difference = statement.balance_difference
    if difference and balance_check == "refuse":
        raise Invalid(
            f"The closing balance differs by {difference} from the opening balance plus the"
            " lines; import with balance_check=warn to take it anyway",
            field="file",
            message=f"balance difference {difference}",
        )
    foreign = [x.position for x in statement.lines if x.currency != "EUR"]
    if foreign:
        raise Invalid(f"Only EUR statements are booked; {foreign[0]} is not in EUR")


def not_booked_yet(
    lines: Sequence[Line], keys: Sequence[tuple[str, int]], booked: Mapping[str, int]
) -> list[NewLine]:
    """The lines whose transactions are not booked yet, given each line's key and occurrence in
    the file (`statements.transaction_keys`): of a key that occurs n times in the file and
    `booked[key]` = m times in the books, the occurrences after the m-th."""
    return [
        NewLine(line, key, occurrence)
        for line, (key, occurrence) in zip(lines, keys, strict=True)
        if occurrence > booked.get(key, 0)
    ]


def _text(line: Line) -> str | None:
    return f"{line.counterparty_name or ''} {line.remittance or ''}".strip()[:200] or None


def line_postings(line: Line) -> list[Posting]:
    """A receipt debits the bank and credits unallocated receipts; a payment debits unallocated
    payments (suspense) and credits the bank; both until they are matched."""
    text, amount = _text(line), abs(line.amount)
    if line.amount > 0:
        return [
            Posting(BANK, debit=amount, description=text),
            Posting(UNALLOCATED_RECEIPTS, credit=amount, description=text),
        ]
    return [
        Posting(UNALLOCATED_PAYMENTS, debit=amount, description=text),
        Posting(BANK, credit=amount, description=text),
    ]


def bank_entries(statement_id: str, lines: Sequence[Line]) -> list[BankEntry]:
    """One entry a booking day, the days in order, each day's lines in the file's order."""
    by_day: dict[date, list[Posting]] = defaultdict(list)
    for line in lines:
        by_day[line.booking_date] += line_postings(line)
    return [
        BankEntry(day, f"Bank statement {statement_id} of {day}", postings)
        for day, postings in sorted(by_day.items())
    ]


@dataclass(frozen=True)
class Counts:
    receipts: int
    payments: int
    skipped: int


def counts(statement: Statement, new: Sequence[NewLine]) -> Counts:
    """What the import answers: receipts and payments booked, transactions skipped as known."""
    return Counts(
        receipts=sum(x.line.amount > 0 for x in new),
        payments=sum(x.line.amount < 0 for x in new),
        skipped=len(statement.lines) - len(new),
    )
