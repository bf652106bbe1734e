"""The pure rules of claims cover: what a policy covered on a date, and under which coverage a
loss falls. The status machine is tested in test_claim_status.py."""

from datetime import date

import pytest

from claims_service.cover import choose_coverage, state_on

CAUSES = {
    "BASIC": ["fire", "storm", "burglary"],
    "ALLRISK": ["water", "theft", "glass", "fire"],
    "LEGAL": ["legal"],
}
TIMELINE = [
    {
        "from": "2026-03-01",
        "coverages": ["BASIC", "LEGAL"],
        "causes": CAUSES,
        "risk": {"sum_insured": 40000},
    },
    {
        "from": "2026-09-01",
        "coverages": ["BASIC", "ALLRISK", "LEGAL"],
        "causes": CAUSES,
        "risk": {"sum_insured": 60000},
    },
]
START = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("on", "ends", "sum_insured"),
    [
        (date(2026, 3, 1), None, 40000),  # the start date is covered
        (date(2026, 8, 31), None, 40000),
        (date(2026, 9, 1), None, 60000),  # a mutation counts from its effective date
        (date(2028, 1, 1), None, 60000),  # terms renew tacitly
        (date(2026, 11, 30), date(2026, 12, 1), 60000),
    ],
)
def test_state_in_force_on_a_date(on: date, ends: date | None, sum_insured: int) -> None:
    assert state_on(START, ends, TIMELINE, on)["risk"]["sum_insured"] == sum_insured


@pytest.mark.parametrize("on", [date(2026, 2, 28), date(2026, 12, 1), date(2027, 5, 1)])
def test_no_cover_before_the_start_or_from_the_cancellation(on: date) -> None:
    assert state_on(START, date(2026, 12, 1), TIMELINE, on) is None
    choice = choose_coverage(START, date(2026, 12, 1), TIMELINE, on, "fire", "BASIC")
    assert choice.gap is not None and choice.gap.field == "loss_date"
    assert "outside the policy period" in choice.gap.reason


def test_a_required_coverage_takes_the_causes_it_pays_for() -> None:
    """A fire on a policy holding BASIC and LEGAL falls under BASIC, never under LEGAL."""
    choice = choose_coverage(START, None, TIMELINE, date(2026, 5, 1), "fire", None)
    assert choice == ("BASIC", None, ["BASIC"])
    assert choose_coverage(START, None, TIMELINE, date(2026, 5, 1), "legal", None).coverage == (
        "LEGAL"
    )


def test_where_several_coverages_pay_the_handler_chooses() -> None:
    choice = choose_coverage(START, None, TIMELINE, date(2026, 9, 1), "fire", None)
    assert choice.coverage is None and choice.gap is None
    assert choice.options == ["BASIC", "ALLRISK"]
    named = choose_coverage(START, None, TIMELINE, date(2026, 9, 1), "fire", "ALLRISK")
    assert named == ("ALLRISK", None, ["BASIC", "ALLRISK", "LEGAL"])


def test_a_cause_no_coverage_pays_for_is_not_covered() -> None:
    choice = choose_coverage(START, None, TIMELINE, date(2026, 5, 1), "water", None)
    assert choice.coverage is None and choice.gap is not None
    assert choice.gap == (
        "cause",
        "no coverage in force on 2026-05-01 pays for water (it covered BASIC, LEGAL)",
    )
    named = choose_coverage(START, None, TIMELINE, date(2026, 5, 1), "fire", "LEGAL")
    assert named.gap == ("cause", "LEGAL does not pay for fire (it pays for legal)")


def test_coverage_must_be_held_on_the_loss_date() -> None:
    assert choose_coverage(START, None, TIMELINE, date(2026, 9, 1), "water", "ALLRISK").gap is None
    why = choose_coverage(START, None, TIMELINE, date(2026, 8, 31), "water", "ALLRISK").gap
    assert why == (
        "coverage",
        "the policy did not cover ALLRISK on 2026-08-31 (it covered BASIC, LEGAL)",
    )


def test_where_the_product_names_no_causes_the_handler_names_the_coverage() -> None:
    """Policies of products that do not link causes: one coverage is taken, of several none."""
    plain = [{"from": "2026-03-01", "coverages": ["BASIC"], "risk": {}}]
    assert choose_coverage(START, None, plain, date(2026, 5, 1), "fire", None).coverage == "BASIC"
    two = [{"from": "2026-03-01", "coverages": ["BASIC", "LEGAL"], "risk": {}}]
    choice = choose_coverage(START, None, two, date(2026, 5, 1), "fire", None)
    assert choice == (None, None, ["BASIC", "LEGAL"])
