"""Amounts as the API and the events write them: euros to the cent, as text, so no float ever
touches them. The one rounding rule is half up, as the insurers' own calculations round."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(amount: Decimal) -> str:
    """`amount` to the cent as text; never "-0.00", which reversing a zero amount would give
    (a credit note's line of 0 % tax) and no accountant writes."""
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return str(abs(cents) if cents == 0 else cents)
