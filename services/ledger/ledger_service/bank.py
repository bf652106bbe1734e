"""Importing bank statements: each line becomes a receipt (bank debited, unallocated receipts
credited) or a payment (suspense debited, bank credited) until it is matched. The same file twice
is refused (409); a transaction already imported from another file is skipped, however that file
lays it out (see `statements.transaction_keys`), and the answer counts what was skipped; a file
that cannot be read, or whose balances disagree with its lines, is refused whole (422).

A transaction is booked once even when two imports of it run at the same moment: its key and
occurrence are unique in the database, so the second import waits for the first and, once that
has committed, is refused whole (409) and books nothing; imported again, it skips them.

Which lines are booked, and how, is `statement_booking` (pure); this module reads the file
(`statements`), asks it, and stores and books the outcome."""

import hashlib
import uuid
from dataclasses import asdict
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Text, any_, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.bank_lines import BankLine, bank_line_out
from ledger_service.collection_credits import credit_collections
from ledger_service.collection_returns import book_returns, check_returns
from ledger_service.journal import book, first_open_day
from ledger_service.statement_booking import (
    BankEntry,
    EarlierImport,
    NewLine,
    bank_entries,
    check_importable,
    counts,
    not_booked_yet,
)
from ledger_service.statements import (
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
from servicekit.problems import Problem, answering_refusals

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
    collections_credited: int = Field(
        description="Batch credits of direct-debit runs matched to their run as a whole"
    )
    returns: int = Field(description="Direct debits returned by the bank, their items reopened")
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
    with answering_refusals():
        check_importable(statement, await _earlier_import(session, digest), balance_check)
    keys = transaction_keys(statement)
    new = not_booked_yet(statement.lines, keys, await _booked(session, keys))
    await check_returns(session, [x.line for x in new])
    import_id = str(uuid.uuid4())
    line_ids = await _store(session, ctx, import_id, digest, fmt, statement, new)
    await _book(session, ctx, bank_entries(statement.statement_id, [x.line for x in new]))
    receipts_ = [i for i, x in zip(line_ids, new, strict=True) if x.line.amount > 0]
    credited = await credit_collections(session, ctx, receipts_)
    returned = await book_returns(
        session, ctx, [i for i, x in zip(line_ids, new, strict=True) if x.line.amount < 0]
    )
    auto_matched = 0
    if (await settings_of(session)).auto_match:
        auto_matched = await auto_match(session, ctx, [i for i in receipts_ if i not in credited])
    difference = statement.balance_difference
    return Imported(
        id=import_id,
        statement_id=statement.statement_id,
        format=fmt,
        **asdict(counts(statement, new)),
        auto_matched=auto_matched,
        collections_credited=len(credited),
        returns=returned,
        balance_difference=str(difference) if difference is not None else None,
    )


async def _earlier_import(session: AsyncSession, digest: str) -> EarlierImport | None:
    earlier = (
        await session.execute(select(bank_statements).where(bank_statements.c.file_hash == digest))
    ).first()
    return None if earlier is None else EarlierImport(str(earlier.id), earlier.imported_at)


async def _booked(session: AsyncSession, keys: list[tuple[str, int]]) -> dict[str, int]:
    """Of these transaction keys, how many occurrences the books hold."""
    wanted = bindparam("keys", sorted({k for k, _ in keys}), type_=ARRAY(Text))  # any number
    found = await session.execute(
        select(bank_lines.c.transaction_key, func.max(bank_lines.c.occurrence))
        .where(bank_lines.c.transaction_key == any_(wanted))
        .group_by(bank_lines.c.transaction_key)
    )
    return {key: n for key, n in found}


def _line_rows(
    tenant: str, import_id: str, new: list[NewLine], line_ids: list[str]
) -> list[dict[str, Any]]:
    """The new lines as rows of `bank_lines`, in key order, so that two imports sharing
    transactions wait for each other at the first one they share, never each for the other (no
    deadlock)."""
    rows = [
        {
            "tenant_id": tenant,
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
            "payment_info_id": x.payment_info_id,
            "return_reason": x.return_reason,
            "unallocated": x.amount,
            "transaction_key": key,
            "occurrence": occurrence,
        }
        for line_id, (x, key, occurrence) in zip(line_ids, new, strict=True)
    ]
    rows.sort(key=lambda r: (r["transaction_key"], r["occurrence"]))
    return rows


def _unique_violation(exc: IntegrityError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == "23505" or "UniqueViolation" in repr(exc.orig)


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
    assert ctx.tenant
    line_ids = [str(uuid.uuid4()) for _ in new]
    rows = _line_rows(ctx.tenant, import_id, new, line_ids)
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
        if not _unique_violation(exc):
            raise
        raise Problem(
            409,
            "Another import of this file or of some of its transactions was stored at the same"
            " moment; nothing of this file was booked. Import it again: what is booked already"
            " is skipped",
        ) from exc
    return line_ids


async def _book(session: AsyncSession, ctx: RequestContext, entries: list[BankEntry]) -> None:
    """The statement's entries, each dated on the first open day from its booking day."""
    assert ctx.tenant
    for entry in entries:
        await book(
            session,
            ctx.tenant,
            entry_date=await first_open_day(session, entry.day),
            description=entry.description,
            source="bank",
            postings=entry.postings,
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
