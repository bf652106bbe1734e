"""Product definitions, risk answers and rating, against the brief's examples to the cent."""

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from product_service.definition import DefinitionError, ProductDefinition, parse_definition
from product_service.rating import QuoteError, QuoteResult, age_on, quote
from product_service.risk_schema import AnswerError, risk_json_schema, validate_answers

# The brief's example product, with the causes of loss each coverage pays for added.
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "products" / "home-contents.json"
START = date(2026, 3, 1)
X = "\N{MULTIPLICATION SIGN}"  # the trace writes it as a person does


def home_json() -> dict[str, Any]:
    assert EXAMPLE.is_file(), EXAMPLE
    data: dict[str, Any] = json.loads(EXAMPLE.read_text())
    return data


@pytest.fixture(scope="module")
def home() -> ProductDefinition:
    return parse_definition(home_json())


def risk(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "birth_date": "1990-05-17",
        "postcode": "1012 LG",
        "sum_insured": 40000,
        "household": "couple",
        "burglary_alarm": True,
    }
    return {k: v for k, v in (answers | changes).items() if v is not None}


def quote_on(
    defn: ProductDefinition,
    answers: dict[str, Any],
    coverages: list[str] | None = None,
    frequency: str = "annual",
    start: date = START,
) -> QuoteResult:
    return quote(defn, validate_answers(defn, answers), coverages, start, frequency)


def money(result: QuoteResult) -> tuple[str, str, str, str]:
    assert result.premium is not None
    p = result.premium
    return str(p.net), str(p.commission), str(p.tax), str(p.total)


def fields(error: pytest.ExceptionInfo[Any]) -> list[str]:
    return [e["field"] for e in error.value.errors]


# Worked examples


def test_first_worked_example(home: ProductDefinition) -> None:
    result = quote_on(home, risk(), ["LEGAL"], "monthly")
    assert result.decision == "accept" and result.reasons == []
    assert money(result) == ("7.80", "1.56", "1.64", "9.44")
    assert result.premium is not None
    assert result.premium.currency == "EUR" and result.premium.frequency == "monthly"
    lines = {c.code: (c.yearly, c.instalment_net, c.tax) for c in result.premium.coverages}
    assert lines == {
        "BASIC": (Decimal("54.00"), Decimal("4.68"), Decimal("0.98")),
        "LEGAL": (Decimal("36.00"), Decimal("3.12"), Decimal("0.66")),
    }
    assert result.to_dict()["premium"] | {"coverages": None} == {
        "net": "7.80",
        "commission": "1.56",
        "tax": "1.64",
        "total": "9.44",
        "currency": "EUR",
        "frequency": "monthly",
        "coverages": None,
    }


def test_second_worked_example(home: ProductDefinition) -> None:
    answers = risk(
        birth_date="1958-03-02",
        postcode="2511 CV",
        sum_insured="120000",
        household="family",
        burglary_alarm=False,
    )
    result = quote_on(home, answers, ["ALLRISK", "ACCIDENT", "LEGAL"], "quarterly")
    assert result.decision == "accept"
    assert money(result) == ("84.52", "16.90", "15.83", "100.35")
    assert result.premium is not None
    codes = [c.code for c in result.premium.coverages]
    assert codes == ["BASIC", "ALLRISK", "LEGAL", "ACCIDENT"]  # in the product's order


def test_trace_shows_every_step(home: ProductDefinition) -> None:
    trace = [line.replace(X, "x") for line in quote_on(home, risk(), ["LEGAL"], "monthly").trace]
    assert "BASIC: base 40000 x 0.0012 = 48.0000" in trace
    assert "BASIC: household = couple → x 1.00 = 48.00" in trace
    assert "BASIC: postcode_area(postcode) = 10 in 10 to 19 → x 1.25 = 60.00" in trace
    assert "BASIC: age(birth_date) = 35 in 25 to 64 → x 1.00 = 60.00" in trace
    assert "BASIC: burglary_alarm = true, equals true: holds" in trace
    assert "BASIC: → x 0.90 = 54.00" in trace
    assert "BASIC: 54.00 is at least the minimum 45.00" in trace
    assert "BASIC: yearly 54.00 (rounded half up)" in trace
    assert "BASIC: monthly 54.00 x 1.04 ÷ 12 = 4.68 (rounded half up)" in trace
    assert "BASIC: tax 4.68 x 0.21 = 0.98 (rounded half up)" in trace
    assert "LEGAL: base 36.00 a year" in trace
    assert "commission 7.80 x 0.20 = 1.56 (rounded half up)" in trace
    assert trace[-1] == "total 7.80 + 1.64 = 9.44"


def test_unmet_condition_and_unanswered_question_are_traced(home: ProductDefinition) -> None:
    trace = quote_on(home, risk(burglary_alarm=False)).trace
    assert "BASIC: burglary_alarm = false, equals true: does not hold" in trace
    assert "BASIC: factor 0.90 skipped" in trace

    defn = parse_definition(_with_optional_household())
    result = quote_on(defn, risk(household=None))
    assert "BASIC: household not answered → factor skipped" in result.trace
    assert result.premium is not None and result.premium.coverages[0].yearly == Decimal("54.00")


def _with_optional_household() -> dict[str, Any]:
    data = home_json()
    data["questions"][3]["required"] = False
    return data


# Rules


def test_required_coverages_only_unless_listed(home: ProductDefinition) -> None:
    result = quote_on(home, risk())
    assert result.premium is not None
    assert [c.code for c in result.premium.coverages] == ["BASIC"]
    assert money(result) == ("54.00", "10.80", "11.34", "65.34")


def test_minimum_premium(home: ProductDefinition) -> None:
    result = quote_on(home, risk(sum_insured=5000, household="single"), ["ALLRISK"])
    assert result.premium is not None
    yearly = {c.code: c.yearly for c in result.premium.coverages}
    # BASIC 5000 * 0.0012 * 0.90 * 1.25 * 1.00 * 0.90 = 6.075; ALLRISK 5000 * 0.0006 * 0.90 = 2.70
    assert yearly == {"BASIC": Decimal("45.00"), "ALLRISK": Decimal("15.00")}
    assert "BASIC: 6.075 is below the minimum 45.00" in result.trace


def test_29_february_birthday_is_28_february_in_common_years(home: ProductDefinition) -> None:
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 18
    assert age_on(date(2008, 2, 29), date(2026, 2, 27)) == 17
    assert age_on(date(2000, 2, 29), date(2028, 2, 28)) == 27  # leap year: not yet
    assert age_on(date(2000, 2, 29), date(2028, 2, 29)) == 28
    assert age_on(date(1990, 5, 17), date(2026, 5, 16)) == 35
    adult = quote_on(home, risk(birth_date="2008-02-29"), start=date(2026, 2, 28))
    assert adult.decision == "accept"
    minor = quote_on(home, risk(birth_date="2008-02-29"), start=date(2026, 2, 27))
    assert minor.decision == "decline"


def test_decline_has_no_premium_and_says_why(home: ProductDefinition) -> None:
    result = quote_on(home, risk(birth_date="2010-01-01", sum_insured=200000), ["LEGAL"])
    assert result.decision == "decline"
    assert result.premium is None and result.to_dict()["premium"] is None
    assert result.reasons == [  # both rules hold, in rule order; decline is the most severe
        "De verzekeringnemer moet ten minste 18 jaar oud zijn.",
        "Een verzekerd bedrag boven EUR 150.000 wordt door een acceptant beoordeeld.",
    ]


def test_refer_keeps_the_premium(home: ProductDefinition) -> None:
    result = quote_on(home, risk(sum_insured=200000))
    assert result.decision == "refer"
    assert result.reasons == [
        "Een verzekerd bedrag boven EUR 150.000 wordt door een acceptant beoordeeld."
    ]
    # 200000 * 0.0012 * 1.25 * 0.90 = 270.00
    assert money(result) == ("270.00", "54.00", "56.70", "326.70")


def test_rounds_half_up_at_half_a_cent() -> None:
    data = home_json()
    data["commission"] = "0.5"
    data["coverages"] = [
        {
            "code": "HALF",
            "name": "Half a cent",
            "required": True,
            "tax_rate": "0.5",
            "rating": {"base": {"amount": "10.005"}, "factors": []},
        }
    ]
    result = quote_on(parse_definition(data), risk())
    assert result.premium is not None
    assert result.premium.coverages[0].yearly == Decimal("10.01")  # half-even would give 10.00
    assert money(result) == ("10.01", "5.01", "5.01", "15.02")  # 5.005 → 5.01 twice


def test_unknown_coverage_and_frequency(home: ProductDefinition) -> None:
    answers = validate_answers(home, risk())
    with pytest.raises(QuoteError) as error:
        quote(home, answers, ["LEGAL", "FLOOD"], START, "weekly")
    assert fields(error) == ["coverages.1", "frequency"]


def test_answer_outside_every_range_is_an_error_naming_it(home: ProductDefinition) -> None:
    data = home_json()
    data["coverages"][0]["rating"]["factors"][1]["ranges"].pop()  # no rating for 40-99
    with pytest.raises(QuoteError) as error:
        quote_on(parse_definition(data), risk(postcode="9711 AB"))
    assert fields(error) == ["risk.postcode"]


# Answers


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": None}, "risk.birth_date", "is required"),
        ({"birth_date": "17-05-1990"}, "risk.birth_date", "YYYY-MM-DD"),
        ({"birth_date": "2026-02-30"}, "risk.birth_date", "not a valid date"),
        ({"postcode": "0123 AB"}, "risk.postcode", "does not match"),
        ({"postcode": 1012}, "risk.postcode", "must be a string"),
        ({"sum_insured": True}, "risk.sum_insured", "must be a number"),
        ({"sum_insured": "veel"}, "risk.sum_insured", "not a number"),
        ({"sum_insured": 4999}, "risk.sum_insured", "at least 5000"),
        ({"sum_insured": "250000.01"}, "risk.sum_insured", "at most 250000"),
        ({"household": "commune"}, "risk.household", "one of single, couple, family"),
        ({"burglary_alarm": "yes"}, "risk.burglary_alarm", "true or false"),
        ({"pets": 2}, "risk.pets", "unknown question"),
    ],
)
def test_invalid_answers_name_the_field(
    home: ProductDefinition, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(AnswerError) as error:
        validate_answers(home, risk(**changes))
    assert fields(error) == [field]
    assert message in error.value.errors[0]["message"]


def test_answers_are_normalised_with_defaults(home: ProductDefinition) -> None:
    answers = validate_answers(home, risk(sum_insured="40000.50", burglary_alarm=None))
    assert answers == {
        "birth_date": date(1990, 5, 17),
        "postcode": "1012 LG",
        "sum_insured": Decimal("40000.50"),
        "household": "couple",
        "burglary_alarm": False,
    }
    with pytest.raises(AnswerError) as error:
        validate_answers(home, {"extra": 1})
    assert fields(error) == [
        "risk.birth_date",
        "risk.postcode",
        "risk.sum_insured",
        "risk.household",
        "risk.extra",
    ]


def test_risk_json_schema(home: ProductDefinition) -> None:
    schema = risk_json_schema(home)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["birth_date", "postcode", "sum_insured", "household"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["birth_date"] == {
        "title": "Geboortedatum verzekeringnemer",
        "type": "string",
        "format": "date",
    }
    assert schema["properties"]["sum_insured"] == {
        "title": "Verzekerd bedrag",
        "type": "number",
        "minimum": 5000,
        "maximum": 250000,
    }
    assert schema["properties"]["household"]["enum"] == ["single", "couple", "family"]
    assert schema["properties"]["burglary_alarm"]["default"] is False
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(risk()))
    assert list(validator.iter_errors(risk(postcode="12345", pets=1)))


# Definitions


def test_example_is_accepted_as_is_and_round_trips(home: ProductDefinition) -> None:
    assert home.code == "HOME" and home.commission == Decimal("0.20")
    assert [c.code for c in home.coverages] == ["BASIC", "ALLRISK", "LEGAL", "ACCIDENT"]
    assert parse_definition(json.loads(json.dumps(home.to_json()))) == home


def test_json_numbers_become_decimals_through_their_text() -> None:
    data = home_json()
    data["commission"] = 0.1
    data["coverages"][0]["tax_rate"] = 0.21
    defn = parse_definition(data)
    assert defn.commission == Decimal("0.1") and defn.coverages[0].tax_rate == Decimal("0.21")


def _broken(change: Any) -> list[dict[str, str]]:
    data = home_json()
    change(data)
    with pytest.raises(DefinitionError) as error:
        parse_definition(data)
    return error.value.errors


def _factors(data: dict[str, Any]) -> list[dict[str, Any]]:
    factors: list[dict[str, Any]] = data["coverages"][0]["rating"]["factors"]
    return factors


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            lambda d: _factors(d)[0].update(question="housing"),
            "coverages.0.rating.factors.0.question",
            "unknown question 'housing'",
        ),
        (
            lambda d: _factors(d)[1]["ranges"][1].update({"from": 19}),
            "coverages.0.rating.factors.1.ranges.1",
            "overlaps range 0",
        ),
        (
            lambda d: _factors(d)[2]["ranges"][0].update({"from": 24, "to": 18}),
            "coverages.0.rating.factors.2.ranges.0",
            "`from` 24 is greater than `to` 18",
        ),
        (
            lambda d: _factors(d)[2].update(by="years"),
            "coverages.0.rating.factors.2.by",
            "use age or postcode_area",
        ),
        (
            lambda d: _factors(d)[1].update(by="age"),
            "coverages.0.rating.factors.1.by",
            "needs a date question; 'postcode' is a text question",
        ),
        (
            lambda d: _factors(d)[0]["table"].update(commune="1.5"),
            "coverages.0.rating.factors.0.table.commune",
            "not an answer to 'household'",
        ),
        (
            lambda d: _factors(d)[3]["when"].update(question="alarm"),
            "coverages.0.rating.factors.3.when.question",
            "unknown question 'alarm'",
        ),
        (
            lambda d: d["coverages"][0]["rating"]["base"].update(per="insured"),
            "coverages.0.rating.base.per",
            "unknown question 'insured'",
        ),
        (
            lambda d: d["acceptance"][1]["when"].update(question="household"),
            "acceptance.1.when.question",
            "needs a number question",
        ),
        (
            lambda d: d["acceptance"][0].update(decision="maybe"),
            "acceptance.0.decision",
            "'accept', 'refer' or 'decline'",
        ),
        (lambda d: d["questions"].append(d["questions"][1]), "questions.5.key", "duplicate"),
        (lambda d: d["coverages"][3].update(code="BASIC"), "coverages.3.code", "duplicate"),
        (lambda d: d.update(coverages=[]), "coverages", "at least 1"),
        (lambda d: d["frequencies"].update(weekly="1.1"), "frequencies.weekly", "unknown"),
        (lambda d: d["frequencies"].pop("annual"), "frequencies", "`annual` is required"),
        (lambda d: d.update(commission="1.5"), "commission", "less than or equal to 1"),
        (lambda d: d["coverages"][1].update(tax_rate="-0.1"), "coverages.1.tax_rate", "greater"),
        (
            lambda d: d["coverages"][2]["rating"].update(minimun="5"),
            "coverages.2.rating.minimun",
            "Extra inputs",
        ),
        (lambda d: d.pop("insurer"), "insurer", "Field required"),
        (lambda d: d["coverages"][0]["causes"].append("fire"), "coverages.0.causes.3", "duplicate"),
        (
            lambda d: d["coverages"][1]["causes"].append("Water Damage"),
            "coverages.1.causes.4",
            "should match pattern",
        ),
        (
            lambda d: d["coverages"][0].update(tax_rate="abc"),
            "coverages.0.tax_rate",
            "not a number",
        ),
    ],
)
def test_invalid_definitions_name_the_field(change: Any, field: str, message: str) -> None:
    errors = _broken(change)
    assert [e["field"] for e in errors] == [field], errors
    assert message in errors[0]["message"]


def test_definition_reports_every_problem_at_once() -> None:
    def change(d: dict[str, Any]) -> None:
        _factors(d)[0]["question"] = "housing"
        _factors(d)[1]["by"] = "area"

    assert [e["field"] for e in _broken(change)] == [
        "coverages.0.rating.factors.0.question",
        "coverages.0.rating.factors.1.by",
    ]


def test_definition_cannot_be_changed_by_its_source() -> None:
    data = home_json()
    original = copy.deepcopy(data)
    parse_definition(data)
    assert data == original
