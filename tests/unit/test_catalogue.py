"""The catalogue of modules, actions and protocols in contracts/ is complete and consistent."""

from servicekit.catalogue import load_catalogue

MODULES = {
    "relations",
    "policies",
    "claims",
    "products",
    "debtors",
    "creditors",
    "ledger",
    "imports",
}
PROTOCOLS = {
    "view-only",
    "policy-clerk",
    "claims-handler",
    "claims-approver",
    "accountant",
    "product-developer",
    "product-approver",
}


def test_modules_and_actions() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.modules) == MODULES
    for module, actions in catalogue.modules.items():
        # An import is handed in (create) and read (view); nothing in it is changed by hand.
        expected = {"view", "create"} if module == "imports" else {"view", "change", "create"}
        assert expected <= set(actions)
        assert ("approve" in actions) == (module in {"products", "claims"})


def test_protocols_use_only_catalogue_rights() -> None:
    catalogue = load_catalogue()
    assert PROTOCOLS <= set(catalogue.protocols)
    for name, rights in catalogue.protocols.items():
        assert rights <= catalogue.all_rights, name


def test_view_only_sees_every_module_and_changes_nothing() -> None:
    rights = load_catalogue().protocols["view-only"]
    assert rights == {f"{m}:view" for m in MODULES}


def test_approvers_and_developers_are_different_protocols() -> None:
    protocols = load_catalogue().protocols
    assert "products:approve" not in protocols["product-developer"]
    assert "products:approve" in protocols["product-approver"]
    assert "claims:approve" in protocols["claims-approver"]
    assert "claims:approve" not in protocols["claims-handler"]
