"""The administrator's rights grid decides an employee's menu and buttons, from the next request."""

import httpx
from playwright.sync_api import Page, expect

from tests.support.api import Api
from tests.support.browser import Portal, go
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login, hand_over


def _saved(page: Page, name: str) -> None:
    """The grid confirms the save; the confirmation is then closed, so that the next save's is
    the only one on the page (it stays a few seconds by itself)."""
    note = page.get_by_role("alert").filter(has_text=f"Rechten van {name} opgeslagen.")
    expect(note).to_be_visible()
    note.get_by_role("button", name="Sluiten").click()
    expect(note).to_have_count(0)


def test_rights_given_in_the_grid_shape_the_employees_portal(
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    admin, _ = hand_over(gateway, keycloak, operator.headers(), tenant)
    employee = create_login(gateway, keycloak, admin.headers(), tenant)
    name = employee.login.username

    owner = portal.login(admin.login.username, admin.login.password)
    go(owner, "Rechten")
    row = owner.locator(f"tr[data-username='{name}']")
    row.get_by_role("button", name="Rechten per module").click()
    owner.get_by_role("checkbox", name=f"Relaties: Inzien voor {name}").check()
    row.get_by_role("button", name="Opslaan").click()
    _saved(owner, name)

    staff = portal.login(name, employee.login.password)
    expect(staff.locator("nav a")).to_have_text(["Wie ben ik", "Relaties"])
    go(staff, "Relaties")
    expect(staff.get_by_role("heading", name="Relaties")).to_be_visible()
    expect(staff.get_by_role("button", name="Nieuwe relatie")).to_have_count(0)

    row = owner.locator(f"tr[data-username='{name}']")
    row.get_by_role("button", name="Rechten per module").click()
    owner.get_by_role("checkbox", name=f"Relaties: Invoeren voor {name}").check()
    row.get_by_role("button", name="Opslaan").click()
    _saved(owner, name)

    staff.reload()
    expect(staff.get_by_role("button", name="Nieuwe relatie")).to_be_visible()
    expect(staff.locator("nav a")).to_have_text(["Wie ben ik", "Relaties"])
