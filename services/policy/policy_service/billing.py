"""Premium billing, pure: which period is invoiced next, and what a period should have cost given
the policy's rating over time. Invoices and credit notes are the difference between what a
period should cost now and what was invoiced for it before, so a mutation (also a back-dated
one, across earlier ones), a cancellation or a change of frequency all come out the same way.

The rule, to the cent: a day costs the instalment of the rating in force that day divided by the
number of days of the instalment period it falls in (periods of 12, 3 or 1 months anchored at
the start of the term, the day of month held where the month allows). Per invoiced period and
coverage the net premium is the exact sum over its days, rounded half up; the tax is that net
times the coverage's tax rate, rounded; the period's commission is its net times the commission
rate, rounded, shared over the coverages by largest remainder.
"""

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
TERM_MONTHS = 12
PERIOD_MONTHS = {"annual": 12, "quarterly": 3, "monthly": 1}


@dataclass(frozen=True)
class Line:
    """One coverage's premium per instalment in a rating."""

    coverage: str
    net: Decimal
    tax_rate: Decimal


@dataclass(frozen=True)
class Rating:
    frequency: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Cover:
    """A policy's rating over time: `changes` ascending by date, the first on `start`; no cover
    from `ends` on (a cancellation), if set."""

    start: date
    changes: tuple[tuple[date, Rating], ...]
    commission_rate: Decimal
    ends: date | None = None

    def rating_on(self, day: date) -> Rating | None:
        if day < self.start or (self.ends is not None and day >= self.ends):
            return None
        current = None
        for since, rating in self.changes:
            if since > day:
                break
            current = rating
        return current


@dataclass(frozen=True)
class Amounts:
    net: Decimal
    commission: Decimal
    tax: Decimal

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(
            self.net + other.net, self.commission + other.commission, self.tax + other.tax
        )

    def __sub__(self, other: "Amounts") -> "Amounts":
        return Amounts(
            self.net - other.net, self.commission - other.commission, self.tax - other.tax
        )

    @property
    def total(self) -> Decimal:
        return self.net + self.tax

    def is_zero(self) -> bool:
        return self.net == self.commission == self.tax == ZERO


NOTHING = Amounts(ZERO, ZERO, ZERO)


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# The calendar's answers are pure and a portfolio's policies share their start dates and the
# days billed to: a renewal run asks the same few thousand questions for every policy.
@lru_cache(maxsize=16_384)
def term_of(start: date, day: date) -> tuple[date, date]:
    """The term (from the policy's start, every TERM_MONTHS) that contains `day`."""
    k = max((day.year - start.year) * 12 // TERM_MONTHS - 1, 0)
    while add_months(start, (k + 1) * TERM_MONTHS) <= day:
        k += 1
    return add_months(start, k * TERM_MONTHS), add_months(start, (k + 1) * TERM_MONTHS)


@lru_cache(maxsize=16_384)
def grid_period(start: date, frequency: str, day: date) -> tuple[date, date]:
    """The instalment period of `frequency` containing `day`, anchored at its term's start."""
    term_start, _ = term_of(start, day)
    step = PERIOD_MONTHS[frequency]
    k = 0
    while add_months(term_start, (k + 1) * step) <= day:
        k += 1
    return add_months(term_start, k * step), add_months(term_start, (k + 1) * step)


def next_period(cover: Cover, billed_until: date) -> tuple[date, date] | None:
    """The period to invoice from `billed_until`: up to the end of the instalment period (of the
    frequency then in force) that contains it. None once the cover has ended."""
    rating = cover.rating_on(billed_until)
    if rating is None:
        return None
    _, end = grid_period(cover.start, rating.frequency, billed_until)
    if cover.ends is not None:
        end = min(end, cover.ends)
    return billed_until, end


Period = tuple[date, date]


def due_periods(cover: Cover, billed_until: date, up_to: date) -> list[Period]:
    """The periods to invoice now: every one starting on or before `up_to`."""
    periods = []
    while billed_until <= up_to:
        period = next_period(cover, billed_until)
        if period is None:
            break
        periods.append(period)
        billed_until = period[1]
    return periods


def corrections(
    cover: Cover, invoiced: Mapping[Period, Mapping[str, Amounts]]
) -> dict[Period, dict[str, Amounts]]:
    """For each invoiced period whose cost changed: what to invoice or credit now."""
    found = {}
    for period in sorted(invoiced):
        delta = difference(expected(cover, *period), invoiced[period])
        if delta:
            found[period] = delta
    return found


def _pieces(cover: Cover, start: date, end: date) -> Iterable[tuple[int, int, Rating]]:
    """(days, days of its instalment period, rating) for stretches of [start, end) with one
    rating and one instalment period."""
    day = start
    while day < end:
        rating = cover.rating_on(day)
        boundaries = [end]
        if cover.ends is not None and cover.ends > day:
            boundaries.append(cover.ends)
        boundaries += [since for since, _ in cover.changes if since > day]
        if rating is None:
            if cover.ends is not None and day >= cover.ends:
                return
            stop = min(boundaries)  # before the start: nothing covered
            day = stop
            continue
        p_start, p_end = grid_period(cover.start, rating.frequency, day)
        stop = min([*boundaries, p_end])
        yield (stop - day).days, (p_end - p_start).days, rating
        day = stop


def _plus(total: Fraction | Decimal | None, part: Fraction | Decimal) -> Fraction | Decimal:
    """The exact sum (Decimals stay Decimal: amounts of a few cents' digits add exactly)."""
    if total is None:
        return part
    if isinstance(total, Decimal) and isinstance(part, Decimal):
        return total + part
    return Fraction(total) + Fraction(part)


def round_cents(value: Fraction | Decimal) -> Decimal:
    """Half a cent and more rounds away from zero, as in the product's rating."""
    if isinstance(value, Decimal):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    cents = math.floor(abs(value) * 100 + Fraction(1, 2))
    return (Decimal(cents if value >= 0 else -cents) / 100).quantize(CENT)


def expected(cover: Cover, start: date, end: date) -> dict[str, Amounts]:
    """What [start, end) should cost per coverage, by the rule in this module's docstring."""
    exact: dict[str, Fraction | Decimal] = {}
    tax_rates: dict[str, Decimal] = {}
    for days, period_days, rating in _pieces(cover, start, end):
        for line in rating.lines:
            # A whole instalment period costs its instalment, exactly: Decimal's sum. A part of
            # one is a fraction of it (exact, as Fraction).
            whole = days == period_days
            part = line.net if whole else Fraction(days, period_days) * Fraction(line.net)
            exact[line.coverage] = _plus(exact.get(line.coverage), part)
            tax_rates[line.coverage] = line.tax_rate
    nets = {code: round_cents(value) for code, value in exact.items()}
    commissions = allocate(
        round_cents(sum(nets.values(), ZERO) * cover.commission_rate),
        {code: net * cover.commission_rate for code, net in nets.items()},
    )
    return {
        code: Amounts(net, commissions[code], round_cents(net * tax_rates[code]))
        for code, net in nets.items()
    }


def allocate(total: Decimal, shares: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """`total` in cents over the keys, near their `shares`: each gets its share rounded down,
    the cents left over go to the largest remainders (ties by key)."""
    floors = {k: v.quantize(CENT, rounding=ROUND_DOWN) for k, v in shares.items()}
    left = int((total - sum(floors.values(), ZERO)) / CENT)
    order = sorted(shares, key=lambda k: (-(shares[k] - floors[k]), k))
    for k in order[: max(left, 0)]:
        floors[k] += CENT
    return floors


def difference(
    should: Mapping[str, Amounts], invoiced: Mapping[str, Amounts]
) -> dict[str, Amounts]:
    """Per coverage what is still to invoice (positive) or to credit (negative); zeros left out.

    A coverage whose net and tax did not change gets no line: the cent of commission that the
    re-shared period commission moves onto or off it goes to the coverage whose net changed most
    (the period's commission stays right; a line of net 0.00 and commission -0.01 would only
    puzzle the customer)."""
    found = {}
    moved = ZERO
    for code in sorted(set(should) | set(invoiced)):
        delta = should.get(code, NOTHING) - invoiced.get(code, NOTHING)
        if delta.net == ZERO and delta.tax == ZERO:
            moved += delta.commission
        elif not delta.is_zero():
            found[code] = delta
    if moved and found:
        code = max(sorted(found), key=lambda c: abs(found[c].net))
        found[code] = found[code] + Amounts(ZERO, moved, ZERO)
    elif moved:  # cannot happen (the period's commission follows its nets); lose no cent
        every = {c: should.get(c, NOTHING) - invoiced.get(c, NOTHING) for c in should}
        found = {c: d for c, d in every.items() if not d.is_zero()}
    return found
