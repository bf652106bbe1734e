"""The rating and acceptance engine: a pure function from a definition and answers to a quote.

It follows docs/rating.md to the letter, including where it rounds, because a
premium that is a cent off the insurer's own calculation is a complaint. Every step goes into a
trace a person can check by hand.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from product_service.definition import (
    FREQUENCIES,
    Answer,
    Condition,
    Coverage,
    Factor,
    InputError,
    ProductDefinition,
)

CENT = Decimal("0.01")
SEVERITY = {"accept": 0, "refer": 1, "decline": 2}
X = "\N{MULTIPLICATION SIGN}"  # in the trace, as a person writes it


class QuoteError(InputError):
    """The quote request cannot be rated (unknown coverage or frequency, unrated answer)."""


@dataclass(frozen=True)
class CoverageLine:
    code: str
    yearly: Decimal
    instalment_net: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Premium:
    """Per instalment: `net` includes `commission`; `total` is `net` + `tax`."""

    net: Decimal
    commission: Decimal
    tax: Decimal
    total: Decimal
    frequency: str
    coverages: list[CoverageLine]
    currency: str = "EUR"

    def to_dict(self) -> dict[str, Any]:
        """The API's `premium` (amounts as strings, so no float ever touches them)."""
        money = {k: str(getattr(self, k)) for k in ("net", "commission", "tax", "total")}
        lines = [{k: str(v) for k, v in asdict(c).items()} for c in self.coverages]
        return money | {"currency": self.currency, "frequency": self.frequency, "coverages": lines}


@dataclass(frozen=True)
class QuoteResult:
    decision: str
    reasons: list[str]
    premium: Premium | None
    trace: list[str]

    def to_dict(self) -> dict[str, Any]:
        premium = self.premium.to_dict() if self.premium else None
        return {"decision": self.decision, "reasons": self.reasons, "premium": premium}


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def age_on(birth: date, on: date) -> int:
    """Completed years on `on`; a 29 February birthday is 28 February in common years."""
    month, day = birth.month, birth.day
    if (month, day) == (2, 29) and not _leap(on.year):
        day = 28
    return on.year - birth.year - ((on.month, on.day) < (month, day))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def postcode_area(postcode: str) -> int:
    """The first two digits of a Dutch postcode ("1012 LG" → 10)."""
    head = postcode.strip()[:2]
    if len(head) != 2 or not head.isdigit():
        raise ValueError(f"{postcode!r} is not a Dutch postcode")
    return int(head)


def quote(
    defn: ProductDefinition,
    answers: Mapping[str, Answer],
    coverages: list[str] | None,
    start_date: date,
    frequency: str,
) -> QuoteResult:
    """Decision, reasons and (unless declined) premium for answers from `validate_answers`.

    Required coverages are always quoted, optional ones when `coverages` lists them.
    Raises QuoteError for an unknown coverage (`coverages.N`) or frequency (`frequency`).
    """
    selected = _select(defn, coverages, frequency)
    engine = _Engine(defn, answers, start_date)
    with localcontext() as ctx:
        ctx.prec = 60  # far beyond any product of factors, so only the README's roundings round
        decision, reasons = engine.acceptance()
        if decision == "decline":
            return QuoteResult(decision, reasons, None, engine.trace)
        lines = [engine.rate(cov, frequency) for cov in selected]
        return QuoteResult(decision, reasons, engine.totals(lines, frequency), engine.trace)


def _select(defn: ProductDefinition, codes: list[str] | None, frequency: str) -> list[Coverage]:
    errors: list[dict[str, str]] = []
    wanted: set[str] = set()
    for i, code in enumerate(codes or []):
        if not isinstance(code, str) or defn.coverage(code) is None:
            known = ", ".join(c.code for c in defn.coverages)
            errors.append({"field": f"coverages.{i}", "message": f"unknown coverage; use {known}"})
        else:
            wanted.add(code)
    if frequency not in defn.frequencies:
        offered = ", ".join(defn.frequencies)
        errors.append({"field": "frequency", "message": f"unknown frequency; use {offered}"})
    chosen = [c for c in defn.coverages if c.required or c.code in wanted]
    if not chosen and not errors:
        errors.append({"field": "coverages", "message": "choose at least one coverage"})
    if errors:
        raise QuoteError(errors)
    return chosen


def _show(value: Decimal) -> str:
    """A full-precision amount without its trailing zeros, but at least to the cent."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return str(normal.quantize(CENT) if isinstance(exponent, int) and exponent > -2 else normal)


def _text(value: Answer) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


class _Engine:
    """One quote's rating; collects the trace as it goes."""

    def __init__(
        self, defn: ProductDefinition, answers: Mapping[str, Answer], start_date: date
    ) -> None:
        self.defn = defn
        self.answers = answers
        self.start_date = start_date
        self.trace: list[str] = []

    def value(self, key: str, by: str | None) -> tuple[str, Answer | None]:
        """The (derived) answer and how to name it in the trace; None when unanswered."""
        name = f"{by}({key})" if by else key
        answer = self.answers.get(key)
        if answer is None or by is None:
            return name, answer
        try:
            if by == "age" and isinstance(answer, date):
                return name, Decimal(age_on(answer, self.start_date))
            if by == "postcode_area" and isinstance(answer, str):
                return name, Decimal(postcode_area(answer))
        except ValueError as e:
            raise QuoteError([{"field": f"risk.{key}", "message": str(e)}]) from None
        raise QuoteError([{"field": f"risk.{key}", "message": f"cannot derive {by}"}])

    def holds(self, c: Condition, where: str) -> bool:
        name, value = self.value(c.question, c.by)
        if value is None:
            self.trace.append(f"{where}: {name} not answered → condition does not hold")
            return False
        if c.equals is not None:
            test, result = f"equals {_text(c.equals)}", value == c.equals
        elif c.less_than is not None:
            test = f"less than {c.less_than}"
            result = isinstance(value, Decimal) and value < c.less_than
        else:
            assert c.greater_than is not None
            test = f"greater than {c.greater_than}"
            result = isinstance(value, Decimal) and value > c.greater_than
        verdict = "holds" if result else "does not hold"
        self.trace.append(f"{where}: {name} = {_text(value)}, {test}: {verdict}")
        return result

    def acceptance(self) -> tuple[str, list[str]]:
        decision, reasons = "accept", []
        for i, rule in enumerate(self.defn.acceptance):
            if self.holds(rule.when, f"acceptance {i}"):
                self.trace.append(f"acceptance {i}: {rule.decision}: {rule.reason}")
                reasons.append(rule.reason)
                if SEVERITY[rule.decision] > SEVERITY[decision]:
                    decision = rule.decision
        self.trace.append(f"decision: {decision}")
        return decision, reasons

    def rate(self, cov: Coverage, frequency: str) -> CoverageLine:
        code, rating = cov.code, cov.rating
        if rating.base.per is not None and rating.base.rate is not None:
            answer = self.answers.get(rating.base.per)
            if not isinstance(answer, Decimal):
                message = f"is needed to rate coverage {code}"
                raise QuoteError([{"field": f"risk.{rating.base.per}", "message": message}])
            premium = answer * rating.base.rate
            self.trace.append(f"{code}: base {answer} {X} {rating.base.rate} = {premium}")
        else:
            assert rating.base.amount is not None
            premium = rating.base.amount
            self.trace.append(f"{code}: base {premium} a year")
        for factor in rating.factors:
            premium *= self.factor(code, factor, premium)
        if rating.minimum is not None and premium < rating.minimum:
            self.trace.append(f"{code}: {_show(premium)} is below the minimum {rating.minimum}")
            premium = rating.minimum
        elif rating.minimum is not None:
            self.trace.append(f"{code}: {_show(premium)} is at least the minimum {rating.minimum}")
        yearly = round_cents(premium)
        self.trace.append(f"{code}: yearly {yearly} (rounded half up)")
        surcharge, instalments = self.defn.frequencies[frequency], FREQUENCIES[frequency]
        net = round_cents(yearly * surcharge / instalments)
        step = f"{frequency} {yearly} {X} {surcharge} ÷ {instalments}"
        self.trace.append(f"{code}: {step} = {net} (rounded half up)")
        tax = round_cents(net * cov.tax_rate)
        self.trace.append(f"{code}: tax {net} {X} {cov.tax_rate} = {tax} (rounded half up)")
        return CoverageLine(code, yearly, net, tax)

    def factor(self, code: str, f: Factor, premium: Decimal) -> Decimal:
        """The multiplier for `f` (1 when it does not apply), traced with the running premium."""
        if f.when is not None:
            assert f.factor is not None
            if not self.holds(f.when, code):
                self.trace.append(f"{code}: factor {f.factor} skipped")
                return Decimal(1)
            self.trace.append(f"{code}: → {X} {f.factor} = {_show(premium * f.factor)}")
            return f.factor
        assert f.question is not None
        name, value = self.value(f.question, f.by)
        if value is None:
            self.trace.append(f"{code}: {name} not answered → factor skipped")
            return Decimal(1)
        found = self.lookup(f, value)
        if found is None:
            message = f"coverage {code} has no factor for {name} = {_text(value)}"
            raise QuoteError([{"field": f"risk.{f.question}", "message": message}])
        where, multiplier = found
        shown = f"{code}: {name} = {_text(value)}{where} → {X} {multiplier}"
        self.trace.append(f"{shown} = {_show(premium * multiplier)}")
        return multiplier

    @staticmethod
    def lookup(f: Factor, value: Answer) -> tuple[str, Decimal] | None:
        if f.table is not None:
            multiplier = f.table.get(_text(value))
            return None if multiplier is None else ("", multiplier)
        for r in f.ranges or []:
            if isinstance(value, Decimal) and r.from_ <= value <= r.to:
                return f" in {r.from_} to {r.to}", r.factor
        return None

    def totals(self, lines: list[CoverageLine], frequency: str) -> Premium:
        net = sum((line.instalment_net for line in lines), Decimal("0.00"))
        tax = sum((line.tax for line in lines), Decimal("0.00"))
        commission = round_cents(net * self.defn.commission)
        total = net + tax
        parts = " + ".join(str(line.instalment_net) for line in lines)
        self.trace.append(f"net {parts} = {net}")
        self.trace.append(
            f"commission {net} {X} {self.defn.commission} = {commission} (rounded half up)"
        )
        self.trace.append(f"tax {' + '.join(str(line.tax) for line in lines)} = {tax}")
        self.trace.append(f"total {net} + {tax} = {total}")
        return Premium(net, commission, tax, total, frequency, lines)
