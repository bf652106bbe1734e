"""Who may pay what on a claim, without a database (claims_service.payment_rules): the open
reserve a payment may take, authority limits and four eyes, and how the edge answers each
refusal (the status, detail and fields the e2e tests see)."""

from decimal import Decimal

import pytest

from backoffice_domain.refusals import Conflict, Invalid, NotPermitted
from claims_service.payment_rules import (
    DEFAULT_LIMIT,
    authority_limit,
    check_approver,
    check_awaiting,
    check_limit_for_other,
    check_sets_limits,
    check_within_reserve,
    payee_iban,
    refusal_note,
    released_at_once,
)
from servicekit.problems import problem_for

D = Decimal


def test_a_handlers_limit_is_their_own_else_the_tenants_else_the_default() -> None:
    assert authority_limit(D("250.00"), D("5000.00")) == D("250.00")
    assert authority_limit(D("0.00"), D("5000.00")) == D("0.00")  # a limit of nothing is one
    assert authority_limit(None, D("5000.00")) == D("5000.00")
    assert authority_limit(None, None) == DEFAULT_LIMIT == D("1000.00")


@pytest.mark.parametrize(
    ("amount", "limit", "at_once"),
    [("999.99", "1000.00", True), ("1000.00", "1000.00", True), ("1000.01", "1000.00", False)],
)
def test_within_the_limit_a_payment_needs_no_second_person(
    amount: str, limit: str, at_once: bool
) -> None:
    assert released_at_once(D(amount), D(limit)) is at_once


def test_a_payment_takes_at_most_the_reserve_not_held_by_payments_awaiting_approval() -> None:
    check_within_reserve(D("600.00"), D("1000.00"), D("400.00"))
    with pytest.raises(Invalid) as caught:
        check_within_reserve(D("600.01"), D("1000.00"), D("400.00"))
    answer = problem_for(caught.value)
    assert answer.status == 422
    assert answer.detail == "The payment exceeds the open reserve (600.00); raise the reserve first"
    assert answer.errors == [{"field": "amount", "message": "at most 600.00"}]


def test_four_eyes_another_person_approves() -> None:
    check_approver("awaiting_approval", "clerk", "manager")
    with pytest.raises(NotPermitted) as caught:
        check_approver("awaiting_approval", "clerk", "clerk")
    answer = problem_for(caught.value)
    assert (answer.status, answer.errors) == (403, None)
    assert answer.detail == "You entered this payment; a second person must approve it"


@pytest.mark.parametrize("status", ["released", "refused"])
def test_a_decided_payment_is_decided_once(status: str) -> None:
    for decide in (
        lambda: check_approver(status, "clerk", "manager"),
        lambda: check_awaiting(status),
    ):
        with pytest.raises(Conflict) as caught:
            decide()
        assert problem_for(caught.value).status == 409
        assert caught.value.detail == f"This payment is {status} already"


def test_a_decided_payment_is_conflict_before_four_eyes() -> None:
    """The person who entered a released payment hears that it is released, not that they may
    not approve it."""
    with pytest.raises(Conflict):
        check_approver("released", "clerk", "clerk")


@pytest.mark.parametrize(
    ("administers", "acting_as", "allowed"),
    [
        (True, "employee", True),
        (False, "operator", True),
        (False, "support", True),
        (False, "employee", False),
        (False, "client", False),
    ],
)
def test_who_sets_authority_limits(administers: bool, acting_as: str, allowed: bool) -> None:
    if allowed:
        check_sets_limits(administers_own_tenant=administers, acting_as=acting_as)
        return
    with pytest.raises(NotPermitted) as caught:
        check_sets_limits(administers_own_tenant=administers, acting_as=acting_as)
    assert caught.value.detail == "Only the tenant's administrator sets authority limits"


def test_nobody_sets_their_own_limit() -> None:
    check_limit_for_other("clerk", "admin")
    with pytest.raises(NotPermitted, match="Nobody sets their own authority limit"):
        check_limit_for_other("admin", "admin")


def test_the_iban_paid_to() -> None:
    assert payee_iban(None, "NL91 ABNA 0417 1643 00", "Garage") == "NL91ABNA0417164300"
    assert payee_iban("nl91abna0417164300", None, "Garage") == "NL91ABNA0417164300"
    with pytest.raises(Invalid) as caught:
        payee_iban(None, None, "Garage")
    assert caught.value.detail == "Garage has no IBAN on record; give one"
    assert caught.value.errors == [{"field": "iban", "message": "required"}]
    with pytest.raises(Invalid) as caught:
        payee_iban("NL00ABNA0417164300", "NL91ABNA0417164300", "Garage")
    assert caught.value.detail == "NL00ABNA0417164300 is not a valid IBAN"
    assert problem_for(caught.value).errors == [{"field": "iban", "message": caught.value.message}]


def test_a_refusal_keeps_the_note() -> None:
    assert refusal_note(None, "double") == "double"
    assert refusal_note("garage invoice", "double") == "garage invoice; refused: double"
