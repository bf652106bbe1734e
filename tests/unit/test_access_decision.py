"""Who may act for which tenant with which rights (the identity service's pure rule)."""

from identity_service.access import TenantFacts, decide
from servicekit.access import AccessQuery
from servicekit.catalogue import load_catalogue

OPERATOR = ("platform-operator",)
MANAGED = TenantFacts("operator-managed", [], [])


def test_operator_must_name_the_tenant() -> None:
    decision = decide(AccessQuery("op", OPERATOR, None, None), None)
    assert not decision.allowed and decision.status == 400


def test_operator_on_unknown_tenant() -> None:
    decision = decide(AccessQuery("op", OPERATOR, None, "ghost"), None)
    assert not decision.allowed and decision.status == 404


def test_operator_acts_for_operator_managed_tenant_with_every_right() -> None:
    decision = decide(AccessQuery("op", OPERATOR, None, "acme"), MANAGED)
    assert decision.allowed
    assert decision.tenant == "acme" and decision.acting_as == "operator"
    assert set(decision.rights) == load_catalogue().all_rights


def test_operator_is_locked_out_of_self_managed_tenant() -> None:
    facts = TenantFacts("self-managed", [], [])
    decision = decide(AccessQuery("op", OPERATOR, None, "acme"), facts)
    assert not decision.allowed and decision.status == 403
    assert decision.rights == frozenset()


def test_employee_gets_union_of_protocols_and_rights() -> None:
    facts = TenantFacts("self-managed", ["product-developer"], ["ledger:view", "bogus:view"])
    decision = decide(AccessQuery("u1", (), "acme", None), facts)
    assert decision.allowed and decision.tenant == "acme" and decision.acting_as == "employee"
    assert set(decision.rights) == {
        "products:view",
        "products:change",
        "products:create",
        "ledger:view",
    }


def test_employee_cannot_choose_another_tenant() -> None:
    decision = decide(AccessQuery("u1", (), "acme", "other"), MANAGED)
    assert not decision.allowed and decision.status == 403


def test_login_without_tenant_is_refused() -> None:
    decision = decide(AccessQuery("u1", ("tenant-admin",), None, None), None)
    assert not decision.allowed and decision.status == 403


def test_every_single_right_grants_only_itself() -> None:
    catalogue = load_catalogue()
    for right in catalogue.all_rights:
        facts = TenantFacts("self-managed", [], [right])
        decision = decide(AccessQuery("u1", (), "acme", None), facts)
        assert decision.rights == {right}


def test_operator_under_support_grant_gets_exactly_its_scope() -> None:
    from datetime import UTC, datetime, timedelta

    from identity_service.access import Grant

    expires = datetime.now(UTC) + timedelta(minutes=5)
    grant = Grant("g1", frozenset({"ledger:view", "debtors:view"}), expires)
    facts = TenantFacts("self-managed", [], [], grants=[grant])
    decision = decide(AccessQuery("op", OPERATOR, None, "acme"), facts)
    assert decision.allowed and decision.acting_as == "support"
    assert decision.rights == {"debtors:view", "ledger:view"}
    assert decision.grants == {"ledger:view": "g1", "debtors:view": "g1"}
    assert decision.valid_until == expires.timestamp()


def test_disabled_login_is_refused() -> None:
    facts = TenantFacts("self-managed", ["view-only"], [], login_enabled=False)
    decision = decide(AccessQuery("u1", (), "acme", None), facts)
    assert not decision.allowed and decision.status == 403


def test_revoked_client_is_refused() -> None:
    facts = TenantFacts("self-managed", [], [], client_active=False)
    decision = decide(AccessQuery("c", (), "acme", None, client_id="acme-web-1"), facts)
    assert not decision.allowed
    active = TenantFacts("self-managed", [], [], client_active=True)
    allowed = decide(AccessQuery("c", (), "acme", None, client_id="acme-web-1"), active)
    assert allowed.allowed and allowed.acting_as == "client" and allowed.rights == frozenset()
