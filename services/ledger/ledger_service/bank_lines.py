"""A bank statement's line as the receipts and payments lists show it."""

from datetime import date
from typing import Any

from pydantic import BaseModel


class BankLine(BaseModel):
    id: str
    booking_date: date
    amount: str
    unallocated: str
    counterparty_name: str | None
    counterparty_iban: str | None
    end_to_end_id: str | None
    structured_reference: str | None
    remittance: str | None


def bank_line_out(r: Any) -> BankLine:
    return BankLine(
        id=str(r.id),
        booking_date=r.booking_date,
        amount=str(r.amount),
        unallocated=str(r.unallocated),
        counterparty_name=r.counterparty_name,
        counterparty_iban=r.counterparty_iban,
        end_to_end_id=r.end_to_end_id,
        structured_reference=r.structured_reference,
        remittance=r.remittance,
    )
