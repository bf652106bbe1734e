"""Amounts as text: to the cent, and never "-0.00" (a credit note reverses its lines, and a
coverage with 0 % tax would otherwise show a tax of minus nothing)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_service.billing import Amounts
from policy_service.invoicing import Document
from servicekit.money import money
from tests.support.policies import POLICY_ROW as POLICY

D = Decimal


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (D("-0.00"), "0.00"),
        (D("0.00") * -1, "0.00"),
        (-D("0"), "0.00"),
        (D("-0.004"), "0.00"),
        (D("-0.005"), "-0.01"),  # half up, away from zero
        (D("1234.5"), "1234.50"),
        (D("-34.90"), "-34.90"),
    ],
)
def test_money_is_to_the_cent_without_negative_zero(amount: Decimal, text: str) -> None:
    assert money(amount) == text


cents = st.integers(-50_000, 50_000).map(lambda c: D(c) / 100)
charges = st.dictionaries(
    st.sampled_from(["BASIC", "ALLRISK", "LEGAL", "ACCIDENT"]),
    st.tuples(cents, cents, st.sampled_from([D("0.21"), D("0.00")])).map(
        lambda t: Amounts(t[0], t[1], (t[0] * t[2]).quantize(D("0.01")))
    ),
    min_size=1,
)


@given(charges)
def test_no_document_writes_negative_zero(lines: dict[str, Amounts]) -> None:
    """Any invoice or credit note, in its `invoice.issued` data: amounts in the document's own
    direction, every one a plain amount to the cent, none "-0.00"."""
    document = Document(
        POLICY, (date(2026, 3, 1), date(2027, 3, 1)), lines, "mutation", date(2026, 11, 28)
    )
    data = document.event_data(document.row("F0000001"))
    sign = 1 if data["kind"] == "invoice" else -1
    texts = [data[k] for k in ("net", "commission", "tax", "total")]
    for line in data["lines"]:
        charge = lines[line["coverage"]]
        assert D(line["tax"]) == charge.tax * sign and D(line["net"]) == charge.net * sign
        texts += [line["net"], line["commission"], line["tax"]]
    assert not [t for t in texts if t.startswith("-0.00") or t != money(D(t))]
