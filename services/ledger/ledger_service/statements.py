"""Reading bank statements: ISO 20022 CAMT.053 (versions .001.02 to .001.08 read alike) and a
simple CSV. Every transaction of every entry becomes a line (a batched entry has several), signed
(+ received, - paid), with what matching needs: the counterparty's name and IBAN, the end-to-end
id, the structured reference and the remittance text. A file that is not a statement, or that
cannot be read, is refused whole with a message that names the entry or line.

A transaction is known by what it is, not by where a file puts it: `transaction_keys` gives each
line the key of its fields (account, booking date, amount, counterparty, references, the bank's
own reference where the format has one) and which occurrence of that key in the file it is, so
the same transactions in another layout (other line endings, column order, indentation, entry
order) have the same keys, and two equal payments in one file stay two."""

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

MAX_BYTES = 10 * 2**20


class StatementError(ValueError):
    """The file is refused whole; the message says where and why."""


@dataclass(frozen=True)
class Line:
    position: str  # where in the file, for people: "entry 2, transaction 1" or "line 7"
    booking_date: date
    amount: Decimal  # + received, - paid
    currency: str
    bank_reference: str | None = None  # the bank's own id of it, where the format has one
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    end_to_end_id: str | None = None
    structured_reference: str | None = None
    remittance: str | None = None
    reversal: bool = False
    return_reason: str | None = None
    # The batch a bank booked as one line (a direct-debit run's credit names its block).
    payment_info_id: str | None = None


@dataclass(frozen=True)
class Statement:
    statement_id: str
    account_iban: str | None
    currency: str
    opening: Decimal | None
    closing: Decimal | None
    lines: list[Line] = field(default_factory=list)

    @property
    def balance_difference(self) -> Decimal | None:
        """Closing minus (opening plus the lines); 0 for a consistent statement."""
        if self.opening is None or self.closing is None:
            return None
        return self.closing - (self.opening + sum((x.amount for x in self.lines), Decimal(0)))


def _text(element: ElementTree.Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def _amount(text: str | None, where: str) -> Decimal:
    try:
        value = Decimal(text or "")
    except InvalidOperation as exc:
        raise StatementError(f"{where}: the amount {text!r} is not a number") from exc
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise StatementError(f"{where}: the amount {text!r} is not a positive amount in cents")
    return value


def _date(element: ElementTree.Element | None, where: str) -> date:
    text = _text(element, "{*}Dt") or (_text(element, "{*}DtTm") or "")[:10]
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise StatementError(f"{where}: no valid booking date") from exc


def _balance(stmt: ElementTree.Element, codes: tuple[str, ...]) -> Decimal | None:
    for bal in stmt.findall("{*}Bal"):
        if _text(bal, "{*}Tp/{*}CdOrPrtry/{*}Cd") in codes:
            value = _amount(_text(bal, "{*}Amt"), "balance")
            return -value if _text(bal, "{*}CdtDbtInd") == "DBIT" else value
    return None


def _entry_lines(entry: ElementTree.Element, where: str, currency: str) -> list[Line]:
    entry_amount = _amount(_text(entry, "{*}Amt"), where)
    direction = _text(entry, "{*}CdtDbtInd")
    if direction not in ("CRDT", "DBIT"):
        raise StatementError(f"{where}: CdtDbtInd must be CRDT or DBIT")
    booked = _date(entry.find("{*}BookgDt"), where)
    reversal = (_text(entry, "{*}RvslInd") or "").lower() == "true"
    entry_ref = _text(entry, "{*}AcctSvcrRef") or _text(entry, "{*}NtryRef")
    batch = _text(entry, "{*}NtryDtls/{*}Btch/{*}PmtInfId")
    details: list[ElementTree.Element | None] = list(entry.findall("{*}NtryDtls/{*}TxDtls"))
    details = details or [None]
    lines = []
    for n, tx in enumerate(details, start=1):
        at = f"{where}, transaction {n}" if len(details) > 1 else where
        tx_amount = _text(tx, "{*}AmtDtls/{*}TxAmt/{*}Amt") or _text(tx, "{*}Amt")
        amount = _amount(tx_amount, at) if len(details) > 1 and tx_amount else entry_amount
        tx_direction = _text(tx, "{*}CdtDbtInd") or direction
        received = tx_direction == "CRDT"
        party = "Dbtr" if received else "Cdtr"
        ref = _text(tx, "{*}Refs/{*}AcctSvcrRef") or entry_ref
        lines.append(
            Line(
                position=at,
                booking_date=booked,
                amount=amount if received else -amount,
                currency=currency,
                bank_reference=ref,
                counterparty_name=_text(tx, f"{{*}}RltdPties/{{*}}{party}/{{*}}Nm")
                or _text(tx, f"{{*}}RltdPties/{{*}}{party}/{{*}}Pty/{{*}}Nm"),
                counterparty_iban=_text(tx, f"{{*}}RltdPties/{{*}}{party}Acct/{{*}}Id/{{*}}IBAN"),
                end_to_end_id=_text(tx, "{*}Refs/{*}EndToEndId"),
                structured_reference=_text(tx, "{*}RmtInf/{*}Strd/{*}CdtrRefInf/{*}Ref"),
                remittance=" ".join(
                    u.text.strip()
                    for u in (tx.findall("{*}RmtInf/{*}Ustrd") if tx else [])
                    if u.text
                )
                or None,
                reversal=reversal,
                return_reason=_text(tx, "{*}RtrInf/{*}Rsn/{*}Cd"),
                payment_info_id=batch,
            )
        )
    if len(details) > 1 and sum(abs(x.amount) for x in lines) != entry_amount:
        raise StatementError(f"{where}: its transactions do not add up to the entry's amount")
    return lines


def parse_camt053(data: bytes) -> Statement:
    if len(data) > MAX_BYTES:
        raise StatementError("The file is larger than 10 MiB")
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise StatementError(
            "The file declares a DTD or entities, which statements never do"
        ) from exc
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise StatementError(f"line {line}, column {column}: not well-formed XML") from exc
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if not namespace.startswith("urn:iso:std:iso:20022:tech:xsd:camt.053"):
        kind = "a camt.054 debit/credit notification" if "camt.054" in namespace else "not camt.053"
        raise StatementError(f"This is not a bank statement (camt.053): {kind}")
    statements = root.findall("{*}BkToCstmrStmt/{*}Stmt")
    if len(statements) != 1:
        raise StatementError(f"Expected one statement in the file, found {len(statements)}")
    stmt = statements[0]
    balance_amount = stmt.find("{*}Bal/{*}Amt")
    currency = (
        (balance_amount.get("Ccy") if balance_amount is not None else None)
        or _text(stmt, "{*}Acct/{*}Ccy")
        or "EUR"
    )
    lines: list[Line] = []
    for n, entry in enumerate(stmt.findall("{*}Ntry"), start=1):
        lines.extend(_entry_lines(entry, f"entry {n}", currency))
    return Statement(
        statement_id=_text(stmt, "{*}Id")
        or _text(root, "{*}BkToCstmrStmt/{*}GrpHdr/{*}MsgId")
        or "",
        account_iban=_text(stmt, "{*}Acct/{*}Id/{*}IBAN"),
        currency=currency,
        opening=_balance(stmt, ("OPBD", "PRCD")),
        closing=_balance(stmt, ("CLBD",)),
        lines=lines,
    )


CSV_COLUMNS = ("date", "amount", "name", "iban", "reference", "description")


def parse_csv(text: str, statement_id: str) -> Statement:
    """A header row naming the columns `date,amount,name,iban,reference,description` in any order
    (other columns are left out), then a transaction a row; amounts signed, with a decimal point;
    line ends and quoting as any program writes them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise StatementError(f"line 1: the header names {twice[0]!r} twice")
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise StatementError(
            f"line 1: the header must name the columns {','.join(CSV_COLUMNS)} (in any order);"
            f" {','.join(missing)} missing"
        )
    columns = [header.index(c) for c in CSV_COLUMNS]
    lines = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if not max(columns) < len(row) <= len(header):
            # A decimal comma or a name with a comma, unquoted, makes a row longer.
            found = f"expected {len(header)} columns, found {len(row)}"
            raise StatementError(f"line {number}: {found}")
        day, amount, name, iban, reference, description = (row[i].strip() for i in columns)
        try:
            booked = date.fromisoformat(day)
        except ValueError as exc:
            raise StatementError(f"line {number}: {day!r} is not a date (YYYY-MM-DD)") from exc
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]{1,2})?", amount) or Decimal(amount) == 0:
            raise StatementError(f"line {number}: {amount!r} is not an amount like -12.34")
        lines.append(
            Line(
                position=f"line {number}",
                booking_date=booked,
                amount=Decimal(amount).quantize(Decimal("0.01")),
                currency="EUR",
                counterparty_name=name or None,
                counterparty_iban=iban.replace(" ", "").upper() or None,
                structured_reference=reference or None,
                remittance=description or None,
            )
        )
    return Statement(statement_id, None, "EUR", None, None, lines)


def _same(text: str | None) -> str:
    """Text as it compares: runs of white space as one space, none at the ends."""
    return " ".join((text or "").split())


def transaction_key(account_iban: str | None, line: Line) -> str:
    """What makes a transaction the same one in every file that holds it: the statement's
    account, booking date, amount, currency, the counterparty's name and IBAN, the end-to-end id,
    the structured reference, the remittance text, the bank's own reference and whether it is a
    reversal. Not where the file puts it: neither its position nor the file's bytes count."""
    fields = [
        (account_iban or "").replace(" ", "").upper(),
        line.booking_date.isoformat(),
        f"{line.amount:.2f}",
        line.currency.upper(),
        _same(line.counterparty_name),
        (line.counterparty_iban or "").replace(" ", "").upper(),
        _same(line.end_to_end_id),
        _same(line.structured_reference),
        _same(line.remittance),
        _same(line.bank_reference),
        line.reversal,
    ]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


def transaction_keys(statement: Statement) -> list[tuple[str, int]]:
    """Each line's key and which occurrence of that key in the file it is (1, 2, ...): two equal
    transactions (the same customer paying the same amount with the same reference twice on one
    day) are two, the second one being occurrence 2."""
    seen: Counter[str] = Counter()
    keys = []
    for line in statement.lines:
        key = transaction_key(statement.account_iban, line)
        seen[key] += 1
        keys.append((key, seen[key]))
    return keys
