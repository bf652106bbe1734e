"""Support access through the portal: the operator asks, the administrator approves with a code
from the phone, the operator works under the grant with the red banner, the administrator
revokes it; the audit trail shows it all and its chain is valid."""

import re

import httpx
from playwright.sync_api import Page, expect

from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go, menu, screenshot
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.tenants import hand_over

MODULES = ["Relaties", "Polissen", "Schade", "Producten", "Debiteuren", "Crediteuren", "Grootboek"]


def modules_in_menu(page: Page) -> list[str]:
    return [m for m in menu(page) if m in MODULES]


def test_support_access_is_asked_approved_used_and_revoked(
    portal: Portal,
    operator_login: Login,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    admin, phone = hand_over(gateway, keycloak, operator.headers(), tenant)

    desk = portal.login(operator_login.username, operator_login.password)
    desk.get_by_role("combobox", name="Kies een tenant").fill(tenant)
    desk.get_by_role("option", name=re.compile(tenant)).click()
    assert modules_in_menu(desk) == []
    go(desk, "Ondersteuningsverzoeken")
    desk.get_by_label("Reden").fill("Controle van een adreswijziging")
    desk.get_by_role("checkbox", name="Relaties: Inzien").check()
    desk.get_by_label("Duur in minuten").fill("30")
    desk.get_by_role("button", name="Toegang aanvragen").click()
    expect(desk.locator("tr[data-status='requested']")).to_contain_text("Relaties (Inzien)")

    owner = portal.login(admin.login.username, admin.login.password)
    go(owner, "Toegang rekencentrum")
    owner.locator("tr[data-status='requested']").get_by_role("button", name="Goedkeuren").click()
    owner.get_by_label("Code uit uw authenticator-app").fill(phone.code())
    owner.get_by_role("dialog").get_by_role("button", name="Goedkeuren").click()
    expect(owner.locator("tr[data-status='active']")).to_be_visible()

    desk.reload()
    expect(desk.locator("nav").get_by_role("link", name="Relaties")).to_be_visible()
    expect(desk.get_by_test_id("support-banner")).to_contain_text(tenant)
    expect(desk.get_by_test_id("support-banner")).to_contain_text("Relaties (Inzien)")
    expect(desk.get_by_test_id("support-banner")).to_contain_text("Verloopt over")
    assert modules_in_menu(desk) == ["Relaties"]
    go(desk, "Relaties")
    expect(desk.get_by_role("button", name="Nieuwe relatie")).to_have_count(0)
    expect(desk.get_by_role("alert")).to_have_count(0)
    screenshot(desk, "operator-support-banner")

    owner.locator("tr[data-status='active']").get_by_role("button", name="Intrekken").click()
    expect(owner.locator("tr[data-status='revoked']")).to_be_visible()

    desk.reload()  # the operator's next action
    expect(desk.get_by_role("alert").filter(has_text="U mag dit niet").first).to_be_visible()
    assert_clean(desk)

    # The trail has the operator's allowed and refused requests under the grant.
    go(owner, "Audittrail")
    owner.get_by_role("combobox", name="Uitkomst").click()
    owner.get_by_role("option", name="Geweigerd").click()
    owner.get_by_role("button", name="Filteren").click()
    refused = owner.locator("tr[data-outcome='refused'][data-module='relations']")
    expect(refused.first).to_contain_text("GET /api/relations")
    assert "outcome=refused" in owner.url
    owner.get_by_role("button", name="Wissen").click()
    expect(
        owner.locator("tr[data-outcome='allowed'][data-module='relations']").first
    ).to_contain_text("ondersteuning")
    owner.get_by_role("button", name="Keten controleren").click()
    expect(owner.get_by_test_id("chain-report")).to_contain_text("De keten is geldig")
    screenshot(owner, "administrator-audit")
    assert_clean(owner)
