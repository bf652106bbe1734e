"""Importing bank statements: each line becomes a receipt (bank debited, unallocated receipts
credited) or a payment (suspense debited, bank credited) until it is matched. The same file twice
is refused (409); a transaction already imported from another file is skipped, however that file
lays it out (see `statements.transaction_keys`), and the answer counts what was skipped; a file
that cannot be read, or whose balances disagree with its lines, is refused whole (422).

A transaction is booked once even when two imports of it run at the same moment: its key and
occurrence are unique in the database, so the second import waits for the first and, once that
has committed, is refused whole (409) and books nothing; imported again, it skips them."""

import hashlib
import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, NamedTuple

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from sqlalchemy import Text, any_, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.bank_lines import BankLine, bank_line_out
from ledger_service.journal import (
    BANK,
    UNALLOCATED_PAYMENTS,
    UNALLOCATED_RECEIPTS,
    Posting,
    book,
    first_open_day,
)
from ledger_service.statements import (
    Line,
    Statement,
    StatementError,
    parse_camt053,
    parse_csv,
    transaction_keys,
)
from ledger_service.suggesting import auto_match
from ledger_service.tables import bank_lines, bank_statements
from ledger_service.tenant_settings import settings_of
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.paging import Page, PageParams, Paging, keyset_page
from servicekit.problems import Problem

router = APIRouter(prefix="/api/ledger/bank-statements", tags=["ledger"])
receipts = APIRouter(prefix="/api/debtors/receipts", tags=["debtors"])
payments = APIRouter(prefix="/api/creditors/payments", tags=["creditors"])

FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/xml": {"schema": {"type": "string", "format": "binary"}},
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}


class Imported(BaseModel):
    id: str
    statement_id: str
    format: str
    receipts: int
    payments: int
    skipped: int
    auto_matched: int
    balance_difference: str | None


def _read(data: bytes, content_type: str, name: str) -> tuple[str, Statement]:
    try:
        if "xml" in content_type:
            return "camt.053", parse_camt053(data)
        if "csv" in content_type:
            return "csv", parse_csv(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError as exc:
        raise Problem(422, "The CSV file is not UTF-8") from exc
    except StatementError as exc:
        raise Problem(
            422, f"The statement is refused: {exc}", errors=[{"field": "file", "message": str(exc)}]
        ) from exc
    raise Problem(415, "Send a CAMT.053 file as application/xml or a CSV file as text/csv")


@router.post("", status_code=201, response_model=Imported, openapi_extra=FILE_BODY)
async def import_statement(
    request: Request,
    ctx: Context,
    session: TenantSession,
    balance_check: Annotated[
        Literal["refuse", "warn"],
        Query(description="A file whose balances disagree with its lines: refuse it or warn"),
    ] = "refuse",
) -> Imported:
    content_type = request.headers.get("content-type", "")
    return await import_file(session, ctx, await request.body(), content_type, balance_check)


async def import_file(
    session: AsyncSession,
    ctx: RequestContext,
    data: bytes,
    content_type: str,
    balance_check: str = "refuse",
) -> Imported:
    """Read, check, book and keep one statement file (see the module's docstring)."""
    assert ctx.tenant
    digest = hashlib.sha256(data).hexdigest()
    fmt, statement = _read(data, content_type, digest[:12])
    earlier = (
        await session.execute(select(bank_statements).where(bank_statements.c.file_hash == digest))
    ).first()
    if earlier is not None:
        raise Problem(
            409,
            f"This file was imported on {earlier.imported_at:%Y-%m-%d} ({earlier.id}); nothing"
            f" was booked again (its {len(statement.lines)} transactions are known)",
        )
    difference = statement.balance_difference
    if difference and balance_check == "refuse":
        raise Problem(
            422,
            f"The closing balance differs by {difference} from the opening balance plus the"
            " lines; import with balance_check=warn to take it anyway",
            errors=[{"field": "file", "message": f"balance difference {difference}"}],
        )
    foreign = [x.position for x in statement.lines if x.currency != "EUR"]
    if foreign:
        raise Problem(422, f"Only EUR statements are booked; {foreign[0]} is not in EUR")
    new = await _not_booked_yet(session, statement)
    import_id = str(uuid.uuid4())
    line_ids = await _store(session, ctx, import_id, digest, fmt, statement, new)
    await _book(session, ctx, statement.statement_id, [x.line for x in new])
    auto_matched = 0
    if (await settings_of(session)).auto_match:
        receipts_ = [i for i, x in zip(line_ids, new, strict=True) if x.line.amount > 0]
        auto_matched = await auto_match(session, ctx, receipts_)
    return Imported(
        id=import_id,
        statement_id=statement.statement_id,
        format=fmt,
        receipts=sum(x.line.amount > 0 for x in new),
        payments=sum(x.line.amount < 0 for x in new),
        skipped=len(statement.lines) - len(new),
        auto_matched=auto_matched,
        balance_difference=str(difference) if difference is not None else None,
    )


class NewLine(NamedTuple):
    line: Line
    transaction_key: str
    occurrence: int


async def _not_booked_yet(session: AsyncSession, statement: Statement) -> list[NewLine]:
    """The statement's lines whose transactions are not booked yet: of a key that occurs n times
    in the file and m times in the books, the occurrences after the m-th."""
    keys = transaction_keys(statement)
    wanted = bindparam("keys", sorted({k for k, _ in keys}), type_=ARRAY(Text))  # any number
    found = await session.execute(
        select(bank_lines.c.transaction_key, func.max(bank_lines.c.occurrence))
        .where(bank_lines.c.transaction_key == any_(wanted))
        .group_by(bank_lines.c.transaction_key)
    )
    booked: dict[str, int] = {key: n for key, n in found}
    return [
        NewLine(line, key, occurrence)
        for line, (key, occurrence) in zip(statement.lines, keys, strict=True)
        if occurrence > booked.get(key, 0)
    ]


async def _store(
    session: AsyncSession,
    ctx: RequestContext,
    import_id: str,
    digest: str,
    fmt: str,
    statement: Statement,
    new: list[NewLine],
) -> list[str]:
    """Keeps the import and its new lines; the ids of the lines, in the order of `new`. A
    transaction that a concurrent import stored first refuses this import whole (409)."""
    line_ids = [str(uuid.uuid4()) for _ in new]
    rows = [
        {
            "tenant_id": ctx.tenant,
            "id": line_id,
            "statement_id": import_id,
            "position": x.position,
            "booking_date": x.booking_date,
            "amount": x.amount,
            "currency": x.currency,
            "bank_reference": x.bank_reference,
            "counterparty_name": x.counterparty_name,
            "counterparty_iban": x.counterparty_iban,
            "end_to_end_id": x.end_to_end_id,
            "structured_reference": x.structured_reference,
            "remittance": x.remittance,
            "reversal": x.reversal,
            "unallocated": x.amount,
            "transaction_key": key,
            "occurrence": occurrence,
        }
        for line_id, (x, key, occurrence) in zip(line_ids, new, strict=True)
    ]
    # In key order, so that two imports sharing transactions wait for each other at the first
    # one they share, never each for the other (no deadlock).
    rows.sort(key=lambda r: (r["transaction_key"], r["occurrence"]))
    try:
        await session.execute(
            insert(bank_statements).values(
                tenant_id=ctx.tenant,
                id=import_id,
                statement_id=statement.statement_id,
                account_iban=statement.account_iban,
                file_hash=digest,
                format=fmt,
                lines=len(new),
                balance_difference=statement.balance_difference,
                imported_by=ctx.username,
            )
        )
        if rows:
            await session.execute(insert(bank_lines), rows)
    except IntegrityError as exc:
        if getattr(exc.orig, "sqlstate", None) != "23505" and "UniqueViolation" not in repr(
            exc.orig
        ):
            raise
        raise Problem(
            409,
            "Another import of this file or of some of its transactions was stored at the same"
            " moment; nothing of this file was booked. Import it again: what is booked already"
            " is skipped",
        ) from exc
    return line_ids


async def _book(
    session: AsyncSession, ctx: RequestContext, statement_id: str, lines: list[Line]
) -> None:
    """One journal entry a booking day: receipts on the bank against unallocated receipts,
    payments on suspense against the bank."""
    assert ctx.tenant
    by_day: dict[date, list[Posting]] = defaultdict(list)
    for line in lines:
        text = f"{line.counterparty_name or ''} {line.remittance or ''}".strip()[:200] or None
        amount = abs(line.amount)
        if line.amount > 0:
            by_day[line.booking_date] += [
                Posting(BANK, debit=amount, description=text),
                Posting(UNALLOCATED_RECEIPTS, credit=amount, description=text),
            ]
        else:
            by_day[line.booking_date] += [
                Posting(UNALLOCATED_PAYMENTS, debit=amount, description=text),
                Posting(BANK, credit=amount, description=text),
            ]
    for day, postings in sorted(by_day.items()):
        await book(
            session,
            ctx.tenant,
            entry_date=await first_open_day(session, day),
            description=f"Bank statement {statement_id} of {day}",
            source="bank",
            postings=postings,
            created_by=ctx.username,
        )


async def _bank_lines(
    session: AsyncSession, paging: PageParams, received: bool, unmatched: bool
) -> Page[BankLine]:
    query = select(bank_lines).where(
        bank_lines.c.amount > 0 if received else bank_lines.c.amount < 0
    )
    if unmatched:
        query = query.where(bank_lines.c.unallocated != Decimal(0))
    return await keyset_page(session, query, bank_lines.c.id, paging, bank_line_out)


Unmatched = Annotated[bool, Query(description="Only those with an unallocated amount")]


@receipts.get("", response_model=Page[BankLine])
async def list_receipts(
    session: TenantSession, paging: Paging, unmatched: Unmatched = False
) -> Page[BankLine]:
    return await _bank_lines(session, paging, True, unmatched)


@payments.get("", response_model=Page[BankLine])
async def list_payments(
    session: TenantSession, paging: Paging, unmatched: Unmatched = False
) -> Page[BankLine]:
    """Payments (amounts negative), to be matched to creditors' open items."""
    return await _bank_lines(session, paging, False, unmatched)
