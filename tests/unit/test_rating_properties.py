"""Property-based tests of the rating engine (hypothesis): over any answers, coverages,
frequencies and any product a developer could define, net + tax is the total, every amount is
whole cents, and a quote is reproducible from its stored version and answers (the JSON kept in
the database)."""

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from product_service.definition import parse_definition
from product_service.rating import QuoteResult, quote, round_cents
from product_service.risk_schema import validate_answers
from tests.unit.test_rating import home_json

CENT = Decimal("0.01")
FREQUENCIES = ("annual", "quarterly", "monthly")
HOME = home_json()


def amounts(low: str, high: str) -> st.SearchStrategy[str]:
    return st.decimals(Decimal(low), Decimal(high), places=4).map(str)


@st.composite
def home_requests(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(date(2026, 1, 1), date(2030, 12, 31)))
    birth = draw(st.dates(start - timedelta(days=365 * 100), start - timedelta(days=365 * 19)))
    answers: dict[str, Any] = {
        "birth_date": birth.isoformat(),
        "postcode": f"{draw(st.integers(1000, 9999))} {draw(st.sampled_from(['AB', 'lg', 'CV']))}",
        "sum_insured": draw(
            st.one_of(st.integers(5000, 250000), st.decimals(5000, 250000, places=2).map(float))
        ),
        "household": draw(st.sampled_from(["single", "couple", "family"])),
    }
    if draw(st.booleans()):
        answers["burglary_alarm"] = draw(st.booleans())
    optional = draw(st.lists(st.sampled_from(["ALLRISK", "LEGAL", "ACCIDENT"]), unique=True))
    return {
        "definition": HOME,
        "answers": answers,
        "coverages": optional,
        "start": start,
        "frequency": draw(st.sampled_from(FREQUENCIES)),
    }


@st.composite
def coverages(draw: st.DrawFn, code: str) -> dict[str, Any]:
    if draw(st.booleans()):
        base: dict[str, str] = {"amount": draw(amounts("0", "5000"))}
    else:
        base = {"per": "value", "rate": draw(amounts("0", "0.05"))}
    factors: list[dict[str, Any]] = []
    if draw(st.booleans()):
        cut = draw(st.integers(1, 999_999))
        factors.append(
            {
                "question": "value",
                "ranges": [
                    {"from": 0, "to": cut, "factor": draw(amounts("0.5", "2"))},
                    {"from": cut + 1, "to": 1_000_000, "factor": draw(amounts("0.5", "2"))},
                ],
            }
        )
    if draw(st.booleans()):
        factors.append(
            {"when": {"question": "flag", "equals": True}, "factor": draw(amounts("0.5", "1.5"))}
        )
    rating: dict[str, Any] = {"base": base, "factors": factors}
    if draw(st.booleans()):
        rating["minimum"] = draw(amounts("0", "100"))[:-2]
    return {
        "code": code,
        "name": f"Coverage {code}",
        "required": code == "C0",
        "tax_rate": draw(st.sampled_from(["0.21", "0.00", "0.09"])),
        "rating": rating,
    }


@st.composite
def generated_requests(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 4))
    definition = {
        "code": "GEN",
        "name": "Generated product",
        "insurer": {"code": "INS", "name": "Insurer"},
        "effective_from": "2026-01-01",
        "commission": draw(amounts("0", "0.35"))[:-2],
        "frequencies": {
            "annual": "1.00",
            "quarterly": draw(amounts("1", "1.1")),
            "monthly": draw(amounts("1", "1.1")),
        },
        "questions": [
            {
                "key": "value",
                "type": "number",
                "label": "Value",
                "required": True,
                "minimum": 0,
                "maximum": 1_000_000,
            },
            {"key": "flag", "type": "boolean", "label": "Flag", "required": False},
        ],
        "coverages": [draw(coverages(f"C{i}")) for i in range(count)],
        "acceptance": [],
    }
    answers: dict[str, Any] = {"value": draw(st.integers(0, 1_000_000))}
    if draw(st.booleans()):
        answers["flag"] = draw(st.booleans())
    return {
        "definition": definition,
        "answers": answers,
        "coverages": [f"C{i}" for i in range(1, count) if draw(st.booleans())],
        "start": date(2026, 6, 1),
        "frequency": draw(st.sampled_from(FREQUENCIES)),
    }


def rate(request: dict[str, Any]) -> QuoteResult:
    defn = parse_definition(request["definition"])
    answers = validate_answers(defn, request["answers"])
    return quote(defn, answers, request["coverages"], request["start"], request["frequency"])


def stored_and_read_back(request: dict[str, Any]) -> dict[str, Any]:
    """The definition and answers as the product and quote tables keep them (JSONB)."""
    return {
        **request,
        "definition": json.loads(json.dumps(request["definition"])),
        "answers": json.loads(json.dumps(request["answers"])),
    }


def check(request: dict[str, Any]) -> None:
    result = rate(request)
    if result.premium is None:
        assert result.decision == "decline" and result.reasons
        return
    p = result.premium
    defn = parse_definition(request["definition"])
    assert p.net + p.tax == p.total
    for amount in (p.net, p.commission, p.tax, p.total):
        assert amount == amount.quantize(CENT) and amount >= 0
    assert p.net == sum(line.instalment_net for line in p.coverages)
    assert p.tax == sum(line.tax for line in p.coverages)
    assert p.commission == round_cents(p.net * defn.commission) <= p.net
    for line in p.coverages:
        coverage = next(c for c in defn.coverages if c.code == line.code)
        assert line.tax == round_cents(line.instalment_net * coverage.tax_rate)
        if coverage.rating.minimum is not None:
            assert line.yearly >= coverage.rating.minimum
        if request["frequency"] == "annual":
            assert line.instalment_net == line.yearly
    again = rate(stored_and_read_back(request))
    assert (again.premium, again.trace, again.decision) == (p, result.trace, result.decision)


@settings(max_examples=300, deadline=None)
@given(home_requests())
def test_home_quotes_add_up_and_reproduce(request: dict[str, Any]) -> None:
    check(request)


@settings(max_examples=300, deadline=None)
@given(generated_requests())
def test_any_product_quotes_add_up_and_reproduce(request: dict[str, Any]) -> None:
    check(request)
