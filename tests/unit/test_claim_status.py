"""The claim's status machine with its money guards (claims_service.claim_status), without a
database: which status may follow which, when money holds a transition back, the reserve."""

from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise

import pytest

from backoffice_domain.refusals import Conflict, Invalid, Refusal
from claims_service.claim_status import (
    NEXT,
    STATUSES,
    check_payable,
    check_reserve,
    check_transition,
    next_statuses,
    releases_reserve,
)
from servicekit.problems import problem_for

NONE = Decimal("0.00")
PAID = Decimal("250.00")


def refused(
    kind: type[Refusal], call: Callable[..., object], *args: object, **kwargs: object
) -> Refusal:
    with pytest.raises(kind) as caught:
        call(*args, **kwargs)
    return caught.value


def test_the_handling_path_and_reopening() -> None:
    path = [
        "reported",
        "in_treatment",
        "awaiting_information",
        "in_treatment",
        "accepted",
        "paid",
        "closed",
        "in_treatment",
    ]
    for current, to in pairwise(path):
        check_transition(current, to, awaiting_approval=NONE, paid=PAID)
    check_transition("in_treatment", "rejected", awaiting_approval=NONE, paid=NONE)
    check_transition("rejected", "closed", awaiting_approval=NONE, paid=NONE)


@pytest.mark.parametrize(
    ("current", "to"),
    [
        ("reported", "rejected"),  # rejected at once
        ("accepted", "in_treatment"),  # reconsidered before payment
        ("rejected", "in_treatment"),  # reconsidered after rejection
    ],
)
def test_the_shortcuts_and_second_thoughts(current: str, to: str) -> None:
    check_transition(current, to, awaiting_approval=NONE, paid=NONE)


@pytest.mark.parametrize(
    ("current", "to"),
    [
        ("reported", "paid"),
        ("reported", "accepted"),
        ("awaiting_information", "accepted"),
        ("paid", "in_treatment"),
        ("closed", "paid"),
        ("accepted", "closed"),
        ("reported", "reported"),
    ],
)
def test_out_of_order_transitions_are_refused(current: str, to: str) -> None:
    problem = refused(Conflict, check_transition, current, to, awaiting_approval=NONE, paid=PAID)
    assert f"cannot become {to}" in problem.detail


def test_an_out_of_order_transition_names_the_ways_on() -> None:
    problem = refused(
        Conflict, check_transition, "accepted", "closed", awaiting_approval=NONE, paid=NONE
    )
    assert problem.detail.endswith("it can become: in_treatment, paid")


def test_every_status_has_a_way_on_in_the_handling_order() -> None:
    assert set(NEXT) == set(STATUSES)
    assert next_statuses("in_treatment") == ["awaiting_information", "accepted", "rejected"]
    assert next_statuses("unknown") == []


@pytest.mark.parametrize(
    ("current", "to"), [("accepted", "paid"), ("paid", "closed"), ("in_treatment", "rejected")]
)
def test_payments_awaiting_approval_hold_back_paid_closed_and_rejected(
    current: str, to: str
) -> None:
    problem = refused(
        Conflict, check_transition, current, to, awaiting_approval=Decimal("100.00"), paid=PAID
    )
    assert problem.detail.startswith("Payments of 100.00 wait for approval")


def test_payments_awaiting_approval_do_not_hold_back_treatment() -> None:
    check_transition("accepted", "in_treatment", awaiting_approval=Decimal("100.00"), paid=NONE)


def test_nothing_paid_is_not_paid() -> None:
    problem = refused(
        Conflict, check_transition, "accepted", "paid", awaiting_approval=NONE, paid=NONE
    )
    assert problem.detail == "Nothing has been paid on this claim yet"


def test_rejecting_and_closing_release_the_reserve() -> None:
    assert {s for s in STATUSES if releases_reserve(s)} == {"rejected", "closed"}


def test_the_reserve_floor() -> None:
    check_reserve("in_treatment", Decimal("100.00"), Decimal("100.00"))
    problem = refused(Invalid, check_reserve, "accepted", Decimal("99.99"), Decimal("100.00"))
    assert problem.errors == [{"field": "amount", "message": "at least 100.00"}]
    answer = problem_for(problem)  # as the endpoint answers it
    assert (answer.status, answer.errors) == (422, problem.errors)
    assert answer.detail == "Payments of 100.00 wait for approval; the reserve cannot go below them"
    for status in ("rejected", "closed"):
        problem = refused(Conflict, check_reserve, status, Decimal("10.00"), NONE)
        assert problem.detail == f"A claim that is {status} holds no reserve"


def test_only_accepted_or_paid_claims_take_payments() -> None:
    for status in STATUSES:
        if status in ("accepted", "paid"):
            check_payable(status)
        else:
            refused(Conflict, check_payable, status)
