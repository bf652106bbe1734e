"""Settling with insurers against the real ledger database, with claims paid on an insurer's
behalf published as the claims service publishes them and booked by the ledger's own consumer
(an entry with source "claim" that charges the insurer's creditor account with an open item of
minus the amount, and credits the payee): the statement of a period, a payment to the insurer
matched before settling, the entry that settles it, an insurer owing more in claims than its
premiums, and the refusals."""

import asyncio
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from sqlalchemy import func, select

from devstack.stack import Stack
from ledger_service.bank import import_file
from ledger_service.claim_payments import book_claim_payment
from ledger_service.journal import next_month
from ledger_service.matching import Allocation, MatchIn, match
from ledger_service.premiums import CREDITORS, book_premium_document
from ledger_service.settlements import SettleIn, Statement, settle, statement
from ledger_service.tables import bank_lines, journal_entries, journal_lines, open_items
from servicekit.events import Event
from servicekit.problems import Problem
from tests.support.events import SCHEMAS
from tests.support.ledger import Books, ledger_books, premium_document

D = Decimal
INS, OTH = ("INS", "Insurer N.V."), ("OTH", "Other Insurer N.V.")
PAYEE = str(uuid.uuid4())


async def _claim_payment(books: Books, n: int, amount: str, day: date, insurer: Any) -> None:
    """`claim.payment.released` as the claims service publishes it, booked by the ledger."""
    event = Event.new(
        "claims",
        "claim.payment.released",
        books.tenant,
        {
            "payment_id": str(uuid.uuid4()),
            "claim_id": str(uuid.uuid4()),
            "claim_number": f"C{n:07d}",
            "policy_id": str(uuid.uuid4()),
            "policy_number": f"P{n:07d}",
            "product": "HOME",
            "insurer": {"code": insurer[0], "name": insurer[1]},
            "payee_relation_id": PAYEE,
            "payee_name": "J. de Vries",
            "iban": "NL91ABNA0417164300",
            "amount": amount,
            "currency": "EUR",
            "released_on": day.isoformat(),
            "requested_by": "handler",
            "released_by": "handler",
            "test": False,
        },
    )
    jsonschema.validate(event.to_json(), SCHEMAS["claim.payment.released"])
    async with books.db.tenant_transaction(books.tenant) as session:
        await book_claim_payment(session, event)


async def _premium(books: Books, n: int, total: str, day: date, **kwargs: Any) -> None:
    event = premium_document(books.tenant, n, D(total), issued=day.isoformat(), **kwargs)
    async with books.db.tenant_transaction(books.tenant) as session:
        await book_premium_document(session, event)


async def _books_agree(books: Books) -> dict[str, Decimal]:
    """Balanced, and creditors control equal to the creditors' open items; the balances."""
    async with books.db.tenant_transaction(books.tenant) as session:
        sums = {
            r.account_code: r.balance
            for r in await session.execute(
                select(
                    journal_lines.c.account_code,
                    func.sum(journal_lines.c.debit - journal_lines.c.credit).label("balance"),
                ).group_by(journal_lines.c.account_code)
            )
        }
        creditors = (
            await session.execute(
                select(func.sum(open_items.c.remaining)).where(open_items.c.ledger == "creditors")
            )
        ).scalar_one()
    assert sum(sums.values(), D(0)) == 0
    assert -sums[CREDITORS] == creditors
    return sums


async def _statement(books: Books, insurer: str, start: date, end: date) -> Statement:
    async with books.db.tenant_transaction(books.tenant) as session:
        return await statement(session, insurer, start, end)


async def _settle(books: Books, insurer: str, start: date, end: date) -> Statement:
    body = SettleIn.model_validate({"from": start.isoformat(), "to": end.isoformat()})
    async with books.db.tenant_transaction(books.tenant) as session:
        return await settle(session, books.ctx, insurer, body)


async def _open_items(books: Books, relation: str) -> list[tuple[str, Decimal]]:
    async with books.db.tenant_transaction(books.tenant) as session:
        rows = await session.execute(
            select(open_items.c.reference, open_items.c.remaining)
            .where(open_items.c.relation_id == relation, open_items.c.remaining != 0)
            .order_by(open_items.c.reference)
        )
        return [(r.reference, r.remaining) for r in rows]


async def _entries(books: Books) -> int:
    async with books.db.tenant_transaction(books.tenant) as session:
        return int(
            (await session.execute(select(func.count()).select_from(journal_entries))).one()[0]
        )


async def _scenario(stack: Stack) -> None:
    month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    end = next_month(month) - timedelta(days=1)
    before = (month - timedelta(days=1)).replace(day=1)
    async with ledger_books(stack, "s") as books:
        # The period: two invoices and a credit note, one claim paid; around it, what is not
        # the period's or not this insurer's.
        await _premium(books, 1, "121.00", month + timedelta(days=2), insurer=INS)
        await _premium(books, 2, "60.50", month + timedelta(days=9), insurer=INS)
        await _premium(books, 3, "24.20", end, insurer=INS, credit=True)
        await _claim_payment(books, 1, "30.00", month + timedelta(days=14), INS)
        await _premium(books, 4, "121.00", before + timedelta(days=3), insurer=INS)
        await _claim_payment(books, 2, "5.00", next_month(month), INS)
        await _premium(books, 5, "12.10", month + timedelta(days=5), insurer=OTH)
        await _claim_payment(books, 3, "50.00", month + timedelta(days=6), OTH)

        # 25.00 paid to the insurer on the first invoice already.
        csv = f"date,amount,name,iban,reference,description\n{end},-25.00,Insurer N.V.,,,INV1\n"
        async with books.db.tenant_transaction(books.tenant) as session:
            await import_file(session, books.ctx, csv.encode(), "text/csv")
        first = await _statement(books, "insurer:INS", month, end)
        payment = first.premiums[0]
        async with books.db.tenant_transaction(books.tenant) as session:
            [line] = (await session.execute(select(bank_lines.c.id))).all()
            allocation = Allocation(item_id=payment.item_id, amount=D("25.00"))
            body = MatchIn(bank_line_id=str(line.id), allocations=[allocation])
            await match(session, books.ctx, "creditors", body)

        shown = await _statement(books, "insurer:INS", month, end)
        assert shown.name == "Insurer N.V."
        assert [
            (p.reference, p.premium, p.commission, p.insurer_share, p.open, p.settled)
            for p in shown.premiums
        ] == [
            ("INV0000001", "100.00", "20.00", "80.00", "55.00", None),
            ("INV0000002", "50.00", "10.00", "40.00", "40.00", None),
            ("CN0000003", "-20.00", "-4.00", "-16.00", "-16.00", None),
        ]
        assert [(c.reference, c.paid, c.open) for c in shown.claims] == [
            ("C0000001", "30.00", "30.00")
        ]
        assert (
            shown.premium,
            shown.commission,
            shown.insurer_share,
            shown.claims_paid,
            shown.already_paid,
            shown.amount_due,
            shown.settlement,
        ) == ("130.00", "26.00", "104.00", "30.00", "25.00", "49.00", None)
        balances = await _books_agree(books)

        settled = await _settle(books, "insurer:INS", month, end)
        assert [(p.open, p.settled) for p in settled.premiums] == [
            ("0.00", "55.00"),
            ("0.00", "40.00"),
            ("0.00", "-16.00"),
        ]
        assert [(c.open, c.settled) for c in settled.claims] == [("0.00", "30.00")]
        assert (settled.insurer_share, settled.claims_paid, settled.already_paid) == (
            "104.00",
            "30.00",
            "25.00",
        )
        assert settled.amount_due == "49.00" and settled.settlement is not None
        assert settled.settlement.entry_date == date.today()
        assert settled.model_dump(by_alias=True)["from"] == month
        # Balances unchanged; the insurer's account holds the amount due as one item, beside
        # what lies outside the period.
        assert await _books_agree(books) == balances
        assert await _open_items(books, "insurer:INS") == [
            ("C0000002", D("-5.00")),
            ("INV0000004", D("80.00")),
            (f"settlement {month}/{end}", D("49.00")),
        ]
        assert await _statement(books, "insurer:INS", month, end) == settled

        # Claims beyond the premiums: the insurer owes the amount, on the same item.
        other = await _settle(books, "insurer:OTH", month, end)
        assert (other.insurer_share, other.claims_paid, other.amount_due) == (
            "8.00",
            "50.00",
            "-42.00",
        )
        assert await _open_items(books, "insurer:OTH") == [
            (f"settlement {month}/{end}", D("-42.00"))
        ]
        await _books_agree(books)

        # Refused, and nothing changes.
        entries = await _entries(books)
        this_month = date.today().replace(day=1)
        for insurer, start, stop, status, words in [
            ("insurer:INS", month, end, 409, "settled already"),
            ("insurer:INS", month + timedelta(days=20), end + timedelta(days=5), 409, "settled"),
            ("insurer:INS", this_month, next_month(this_month) - timedelta(days=1), 409, "ended"),
            (
                "insurer:INS",
                before - timedelta(days=40),
                before - timedelta(days=1),
                409,
                "Nothing",
            ),
            ("insurer:INS", end, month, 422, "ends before it begins"),
            ("insurer:INS", month, month + timedelta(days=400), 422, "a year"),
            ("holder-1", month, end, 404, "insurer:<code>"),
            ("insurer:NOPE", month, end, 404, "No insurer"),
        ]:
            with pytest.raises(Problem) as refused:
                await _settle(books, insurer, start, stop)
            assert refused.value.status == status and words in refused.value.detail, words
        assert await _entries(books) == entries


def test_insurer_settlement_with_claims_and_part_payments(stack: Stack) -> None:
    asyncio.run(_scenario(stack))
