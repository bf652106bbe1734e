"""Pro-rata billing, table-driven: leap years, month ends, a mutation on the start date, a
back-dated mutation across an earlier one, cancellation on the renewal date, monthly against
annual."""

from datetime import date
from decimal import Decimal

import pytest

from policy_service.billing import (
    Amounts,
    Cover,
    Line,
    Rating,
    add_months,
    allocate,
    corrections,
    difference,
    due_periods,
    expected,
    grid_period,
    term_of,
)

D = Decimal


def rating(frequency: str = "annual", **nets: str) -> Rating:
    lines = nets or {"BASIC": "120.00"}
    return Rating(frequency, tuple(Line(c, D(n), D("0.21")) for c, n in sorted(lines.items())))


def cover(start: date, *changes: tuple[date, Rating], ends: date | None = None) -> Cover:
    return Cover(start, tuple(changes), D("0.20"), ends)


def net(amounts: dict[str, Amounts]) -> dict[str, str]:
    return {code: str(a.net) for code, a in amounts.items()}


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 31), 2, date(2026, 3, 31)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_month_arithmetic_keeps_the_day_where_the_month_allows(
    day: date, months: int, result: date
) -> None:
    assert add_months(day, months) == result


def test_periods_are_anchored_at_the_term_start() -> None:
    start = date(2026, 1, 31)
    assert grid_period(start, "monthly", date(2026, 2, 28)) == (
        date(2026, 2, 28),
        date(2026, 3, 31),
    )
    assert grid_period(start, "monthly", date(2026, 2, 27)) == (
        date(2026, 1, 31),
        date(2026, 2, 28),
    )
    assert grid_period(start, "quarterly", date(2026, 6, 15)) == (
        date(2026, 4, 30),
        date(2026, 7, 31),
    )
    assert term_of(start, date(2027, 1, 31)) == (date(2027, 1, 31), date(2028, 1, 31))
    assert term_of(start, date(2027, 1, 30)) == (date(2026, 1, 31), date(2027, 1, 31))


def test_a_whole_period_costs_the_instalment() -> None:
    c = cover(date(2026, 3, 1), (date(2026, 3, 1), rating("annual", BASIC="54.00", LEGAL="36.00")))
    [period] = due_periods(c, date(2026, 3, 1), date(2026, 3, 1))
    assert period == (date(2026, 3, 1), date(2027, 3, 1))
    amounts = expected(c, *period)
    assert amounts["BASIC"] == Amounts(D("54.00"), D("10.80"), D("11.34"))
    assert amounts["LEGAL"] == Amounts(D("36.00"), D("7.20"), D("7.56"))


@pytest.mark.parametrize(
    ("start", "mutation", "first_part", "second_part"),
    [
        # Leap year: February 2028 has 29 days; 14 at 29.00, 15 at 58.00.
        (date(2028, 1, 1), date(2028, 2, 15), "14.00", "30.00"),
        # Common year: 14 of 28 days each.
        (date(2026, 1, 1), date(2026, 2, 15), "14.50", "29.00"),
    ],
)
def test_monthly_mid_period_mutation_by_days(
    start: date, mutation: date, first_part: str, second_part: str
) -> None:
    c = cover(
        start,
        (start, rating("monthly", BASIC="29.00")),
        (mutation, rating("monthly", BASIC="58.00")),
    )
    period = (date(start.year, 2, 1), date(start.year, 3, 1))
    total = D(first_part) + D(second_part)
    assert net(expected(c, *period)) == {"BASIC": str(total)}


def test_month_end_start_runs_through_short_months() -> None:
    c = cover(date(2026, 1, 31), (date(2026, 1, 31), rating("monthly", BASIC="10.00")))
    periods = due_periods(c, date(2026, 1, 31), date(2026, 4, 30))
    assert periods == [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 2, 28), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 4, 30), date(2026, 5, 31)),
    ]
    assert {net(expected(c, *p))["BASIC"] for p in periods} == {"10.00"}


def test_mutation_on_the_start_date_replaces_the_whole_period() -> None:
    start = date(2026, 3, 1)
    before = cover(start, (start, rating(BASIC="100.00")))
    invoiced = {(start, date(2027, 3, 1)): expected(before, start, date(2027, 3, 1))}
    after = cover(start, (start, rating(BASIC="130.00")))
    [delta] = corrections(after, invoiced).values()
    assert delta["BASIC"] == Amounts(D("30.00"), D("6.00"), D("6.30"))


def test_back_dated_mutation_across_an_earlier_one() -> None:
    start = date(2026, 1, 1)  # 365 days
    year = (start, date(2027, 1, 1))
    first = cover(
        start, (start, rating(BASIC="365.00")), (date(2026, 7, 1), rating(BASIC="730.00"))
    )
    invoiced = {year: expected(first, *year)}
    assert net(invoiced[year]) == {"BASIC": str(D(181) + D(184) * 2) + ".00"}
    # Entered later, effective 1 April: from then on 1095.00 a year, which the July change
    # (that set 730.00) overrides again from July.
    both = cover(
        start,
        (start, rating(BASIC="365.00")),
        (date(2026, 4, 1), rating(BASIC="1095.00")),
        (date(2026, 7, 1), rating(BASIC="730.00")),
    )
    delta = corrections(both, invoiced)[year]["BASIC"]
    assert delta.net == D(91) * 2  # April to June: 91 days at 3.00 instead of 1.00


def test_cancellation_credits_the_unused_days() -> None:
    start = date(2026, 1, 1)
    year = (start, date(2027, 1, 1))
    full = cover(start, (start, rating(BASIC="365.00")))
    invoiced = {year: expected(full, *year)}
    cancelled = cover(start, (start, rating(BASIC="365.00")), ends=date(2026, 10, 1))
    delta = corrections(cancelled, invoiced)[year]["BASIC"]
    assert delta.net == D("-92.00") and delta.tax == D("-19.32") and delta.commission == D("-18.40")
    assert due_periods(cancelled, date(2027, 1, 1), date(2027, 6, 1)) == []


def test_cancellation_on_the_renewal_date() -> None:
    start = date(2026, 1, 1)
    renewal = date(2027, 1, 1)
    c = cover(start, (start, rating(BASIC="365.00")))
    billed = {p: expected(c, *p) for p in due_periods(c, start, renewal)}
    assert sorted(billed) == [(start, renewal), (renewal, date(2028, 1, 1))]
    cancelled = cover(start, (start, rating(BASIC="365.00")), ends=renewal)
    assert corrections(cancelled, billed) == {
        (renewal, date(2028, 1, 1)): {"BASIC": Amounts(D("-365.00"), D("-73.00"), D("-76.65"))}
    }


def test_monthly_against_annual_over_a_year() -> None:
    start = date(2026, 1, 1)
    monthly = cover(start, (start, rating("monthly", BASIC="10.40")))
    annual = cover(start, (start, rating("annual", BASIC="120.00")))
    m = due_periods(monthly, start, date(2026, 12, 31))
    a = due_periods(annual, start, date(2026, 12, 31))
    assert len(m) == 12 and len(a) == 1
    assert sum(expected(monthly, *p)["BASIC"].net for p in m) == D("124.80")
    assert expected(annual, *a[0])["BASIC"].net == D("120.00")


def test_frequency_change_mid_term() -> None:
    start = date(2026, 1, 1)
    c = cover(start, (start, rating("annual", BASIC="365.00")))
    [year] = due_periods(c, start, start)
    invoiced = {year: expected(c, *year)}
    # Monthly from 1 July at 31.00 a month: the year's invoice keeps January to June (181
    # days at 1.00) and takes July to December at 31.00 a month.
    switched = cover(
        start,
        (start, rating("annual", BASIC="365.00")),
        (date(2026, 7, 1), rating("monthly", BASIC="31.00")),
    )
    delta = corrections(switched, invoiced)[year]["BASIC"]
    assert delta.net == D("181.00") + 6 * D("31.00") - D("365.00")
    assert due_periods(switched, date(2027, 1, 1), date(2027, 1, 1)) == [
        (date(2027, 1, 1), date(2027, 2, 1))
    ]


@pytest.mark.parametrize(
    ("total", "shares", "result"),
    [
        ("1.56", {"A": "0.936", "B": "0.624"}, {"A": "0.94", "B": "0.62"}),
        ("0.01", {"A": "0.005", "B": "0.005"}, {"A": "0.01", "B": "0.00"}),
        (
            "1.00",
            {"A": "0.333", "B": "0.333", "C": "0.334"},
            {"A": "0.33", "B": "0.33", "C": "0.34"},
        ),
    ],
)
def test_commission_is_shared_by_largest_remainder(
    total: str, shares: dict[str, str], result: dict[str, str]
) -> None:
    got = allocate(D(total), {k: D(v) for k, v in shares.items()})
    assert {k: str(v) for k, v in got.items()} == result
    assert sum(got.values()) == D(total)


def test_a_coverage_whose_premium_did_not_change_gets_no_line() -> None:
    """Re-sharing the period's commission moves a cent between coverages; the unchanged one
    keeps its line off the document and the cent goes to the coverage that changed."""
    invoiced = {
        "BASIC": Amounts(D("10.00"), D("2.00"), D("2.10")),
        "LEGAL": Amounts(D("0.03"), D("0.01"), D("0.01")),
    }
    should = {
        "BASIC": Amounts(D("10.02"), D("2.01"), D("2.10")),
        "LEGAL": Amounts(D("0.03"), D("0.00"), D("0.01")),
    }
    assert difference(should, invoiced) == {"BASIC": Amounts(D("0.02"), D("0.00"), D("0.00"))}
    assert difference(invoiced, invoiced) == {}
