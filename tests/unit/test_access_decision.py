"""Who may act for which tenant with which rights (the identity service's pure rule)."""

from identity_service.access import Caller, TenantFacts, decide
from servicekit.catalogue import load_catalogue

OPERATOR = ("platform-operator",)
MANAGED = TenantFacts("operator-managed", [], [])


def test_operator_must_name_the_tenant() -> None:
    decision = decide(Caller("op", OPERATOR, None, None), None)
    assert not decision.allowed and decision.status == 400


def test_operator_on_unknown_tenant() -> None:
    decision = decide(Caller("op", OPERATOR, None, "ghost"), None)
    assert not decision.allowed and decision.status == 404


def test_operator_acts_for_operator_managed_tenant_with_every_right() -> None:
    decision = decide(Caller("op", OPERATOR, None, "acme"), MANAGED)
    assert decision.allowed
    assert decision.tenant == "acme" and decision.acting_as == "operator"
    assert set(decision.rights) == load_catalogue().all_rights


def test_operator_is_locked_out_of_self_managed_tenant() -> None:
    facts = TenantFacts("self-managed", [], [])
    decision = decide(Caller("op", OPERATOR, None, "acme"), facts)
    assert not decision.allowed and decision.status == 403
    assert decision.rights == []


def test_employee_gets_union_of_protocols_and_rights() -> None:
    facts = TenantFacts("self-managed", ["product-developer"], ["ledger:view", "bogus:view"])
    decision = decide(Caller("u1", (), "acme", None), facts)
    assert decision.allowed and decision.tenant == "acme" and decision.acting_as == "employee"
    assert set(decision.rights) == {
        "products:view",
        "products:change",
        "products:create",
        "ledger:view",
    }


def test_employee_cannot_choose_another_tenant() -> None:
    decision = decide(Caller("u1", (), "acme", "other"), MANAGED)
    assert not decision.allowed and decision.status == 403


def test_login_without_tenant_is_refused() -> None:
    decision = decide(Caller("u1", ("tenant-admin",), None, None), None)
    assert not decision.allowed and decision.status == 403
