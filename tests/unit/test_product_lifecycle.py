"""A product version's lifecycle: only the listed steps, in order; four eyes on approval."""

import pytest

from product_service.lifecycle import STEPS, check_four_eyes, next_status
from servicekit.problems import Problem

HAPPY = [
    ("submit", "submitted"),
    ("approve", "approved"),
    ("test", "test"),
    ("publish", "live"),
    ("withdraw", "withdrawn"),
]


def test_the_happy_path() -> None:
    status = "draft"
    for step, expected in HAPPY:
        status = next_status(step, status)
        assert status == expected


def test_reject_sends_back_to_draft() -> None:
    assert next_status("reject", "submitted") == "draft"


@pytest.mark.parametrize("step", sorted(STEPS))
def test_every_step_out_of_order_is_a_conflict(step: str) -> None:
    allowed, _ = STEPS[step]
    for status in {"draft", "submitted", "approved", "test", "live", "withdrawn"} - allowed:
        with pytest.raises(Problem) as raised:
            next_status(step, status)
        assert raised.value.status == 409


def test_an_author_cannot_approve() -> None:
    with pytest.raises(Problem) as raised:
        check_four_eyes("approve", "dev-1", ["dev-1", "dev-2"])
    assert raised.value.status == 403
    check_four_eyes("approve", "approver", ["dev-1"])
    check_four_eyes("submit", "dev-1", ["dev-1"])
