"""Property-based (hypothesis): over any sequence of mutations (back-dated or not, changing
premium, coverages and frequency), billing runs and a cancellation, what was invoiced for every
period equals, to the cent, the premium actually covered day by day, counted independently."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_service.billing import (
    Amounts,
    Cover,
    Line,
    Period,
    Rating,
    add_months,
    corrections,
    due_periods,
    expected,
    round_cents,
)

START = date(2027, 12, 31)  # month ends and the leap day of 2028 fall within reach
RATE = Decimal("0.20")

ratings = st.builds(
    lambda frequency, nets: Rating(
        frequency,
        tuple(
            Line(code, Decimal(n) / 100, Decimal(tax)) for code, (n, tax) in sorted(nets.items())
        ),
    ),
    st.sampled_from(["annual", "quarterly", "monthly"]),
    st.dictionaries(
        st.sampled_from(["BASIC", "LEGAL", "ACCIDENT"]),
        st.tuples(st.integers(0, 500_000), st.sampled_from(["0.21", "0.00"])),
        min_size=1,
    ),
)
days = st.integers(0, 3 * 366)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("mutate"), days, ratings),
        st.tuples(st.just("bill"), days, st.none()),
        st.tuples(st.just("cancel"), days, st.none()),
    ),
    max_size=12,
)


def daily_truth(
    changes: list[tuple[date, Rating]], ends: date | None, day: date
) -> dict[str, Fraction]:
    """What `day` costs per coverage, counted without the billing module's own stretches."""
    if ends is not None and day >= ends:
        return {}
    in_force = [r for since, r in sorted(changes, key=lambda c: c[0]) if since <= day]
    rating = in_force[-1]
    term = 0
    while add_months(START, (term + 1) * 12) <= day:
        term += 1
    anchor = add_months(START, term * 12)
    step = {"annual": 12, "quarterly": 3, "monthly": 1}[rating.frequency]
    k = 0
    while add_months(anchor, (k + 1) * step) <= day:
        k += 1
    length = (add_months(anchor, (k + 1) * step) - add_months(anchor, k * step)).days
    return {line.coverage: Fraction(line.net) / length for line in rating.lines}


@settings(max_examples=150, deadline=None)
@given(ratings, operations)
def test_invoiced_equals_premium_covered_day_by_day(first: Rating, ops: list) -> None:  # type: ignore[type-arg]
    changes = [(START, first)]
    ends: date | None = None
    billed_until = START
    invoiced: dict[Period, dict[str, Amounts]] = {}

    def cover() -> Cover:
        ordered = tuple(sorted(changes, key=lambda c: c[0]))  # stable: later entries win ties
        merged: dict[date, Rating] = dict(ordered)
        return Cover(START, tuple(sorted(merged.items())), RATE, ends)

    def book(period: Period, lines: dict[str, Amounts]) -> None:
        kept = invoiced.setdefault(period, {})
        for code, amounts in lines.items():
            kept[code] = (
                kept.get(code, Amounts(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))) + amounts
            )

    for kind, offset, rating in ops:
        day = START + timedelta(days=offset)
        if kind == "bill":
            for period in due_periods(cover(), billed_until, day):
                book(period, expected(cover(), *period))
                billed_until = period[1]
            continue
        if ends is not None:
            continue  # a cancelled policy takes no more changes
        if kind == "mutate":
            changes.append((day, rating))
        else:
            ends = day
        for period, delta in corrections(cover(), invoiced).items():
            assert not [a for a in delta.values() if a.net == a.tax == Decimal("0.00")]
            book(period, delta)

    final = cover()
    assert corrections(final, invoiced) == {}  # settling again changes nothing
    truth_changes = list(final.changes)
    for (start, end), lines in invoiced.items():
        exact: dict[str, Fraction] = {}
        day = start
        while day < end:
            for code, cost in daily_truth(truth_changes, ends, day).items():
                exact[code] = exact.get(code, Fraction(0)) + cost
            day += timedelta(days=1)
        for code in set(exact) | set(lines):
            should = round_cents(exact.get(code, Fraction(0)))
            got = lines.get(code)
            assert (got.net if got else Decimal("0.00")) == should, (start, end, code)
        assert sum((a.commission for a in lines.values()), Decimal(0)) == round_cents(
            sum((a.net for a in lines.values()), Decimal(0)) * RATE
        )
        for amounts in lines.values():
            assert amounts.net + amounts.tax == amounts.total
