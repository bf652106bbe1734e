"""The gateway's route table: declared operations only, each with its (module, action)."""

from pathlib import Path

import pytest

from backoffice_gateway.routes import RouteTable, route_for

OPENAPI = Path(__file__).parents[2] / "contracts" / "openapi"


@pytest.fixture(scope="module")
def table() -> RouteTable:
    return RouteTable.from_contracts(OPENAPI)


@pytest.mark.parametrize(
    ("method", "path", "service", "module", "action"),
    [
        ("GET", "/api/products", "product", "products", "view"),
        ("GET", "/api/relations", "policy", "relations", "view"),
        ("GET", "/api/claims", "claims", "claims", "view"),
        ("GET", "/api/ledger/accounts", "ledger", "ledger", "view"),
    ],
)
def test_module_and_action_from_path_and_method(
    table: RouteTable, method: str, path: str, service: str, module: str, action: str
) -> None:
    route = table.match(method, path).route
    assert route is not None
    assert (route.service, route.access, route.module, route.action) == (
        service,
        "module",
        module,
        action,
    )


def test_administration_routes_need_only_a_login(table: RouteTable) -> None:
    route = table.match("POST", "/api/identity/tenants").route
    assert route is not None
    assert (route.service, route.access, route.module) == ("identity", "authenticated", None)


def test_undeclared_routes_are_refused(table: RouteTable) -> None:
    unknown = table.match("GET", "/api/ledger/secret-export")
    assert unknown.route is None and not unknown.path_known
    wrong_method = table.match("DELETE", "/api/products")
    assert wrong_method.route is None and wrong_method.path_known
    assert table.match("GET", "/internal/anything").route is None


def test_declared_permission_overrides_the_method() -> None:
    operation = {"x-permission": {"module": "products", "action": "approve"}}
    route = route_for("product", "/api/products/{code}/versions/{n}/approve", "post", operation)
    assert (route.module, route.action) == ("products", "approve")
    table = RouteTable([route])
    matched = table.match("POST", "/api/products/HOME/versions/2/approve").route
    assert matched is route
    assert table.match("POST", "/api/products/HOME/versions/2/approve/extra").route is None


def test_literal_segment_wins_over_template() -> None:
    by_id = route_for("identity", "/api/identity/tenants/{slug}", "get", {})
    literal = route_for("identity", "/api/identity/tenants/mine", "get", {})
    table = RouteTable([by_id, literal])
    assert table.match("GET", "/api/identity/tenants/mine").route is literal
    assert table.match("GET", "/api/identity/tenants/acme").route is by_id


def test_every_module_route_names_a_catalogue_module(table: RouteTable) -> None:
    from servicekit.catalogue import load_catalogue

    catalogue = load_catalogue()
    for route in table.routes:
        if route.access == "module":
            assert route.module and route.action
            assert catalogue.is_right(route.module, route.action), route
