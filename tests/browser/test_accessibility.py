"""Every screen passes an axe-core WCAG 2.1 AA scan, in Dutch and in English."""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible, go
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.tenants import create_login

LANGUAGES = {
    "nl": {
        "operator": ["Wie ben ik", "Tenants", "Ondersteuningsverzoeken"],
        "admin": [
            "Wie ben ik",
            "Medewerkers",
            "Rechten",
            "Authenticator",
            "Toegang rekencentrum",
            "Audittrail",
            "API-clients",
            "Schadebevoegdheid",
        ],
        "enroll": "Authenticator koppelen",
        "details": "Rechten per module",
        "new": ["Nieuwe medewerker", "Nieuwe API-client"],
        "logout": "Uitloggen",
        "tenant": "Kies een tenant",
        "name": "Naam",
        "create": "Aanmaken",
        "close": "Sluiten",
    },
    "en": {
        "operator": ["Who am I", "Tenants", "Support requests"],
        "admin": [
            "Who am I",
            "Employees",
            "Rights",
            "Authenticator",
            "Computing center access",
            "Audit trail",
            "API clients",
            "Claims authority",
        ],
        "enroll": "Link an authenticator",
        "details": "Rights per module",
        "new": ["New employee", "New API client"],
        "logout": "Log out",
        "tenant": "Choose a tenant",
        "name": "Name",
        "create": "Create",
        "close": "Close",
    },
}


def scan_menu(page: Page, names: list[str], language: str) -> None:
    for name in names:
        go(page, name)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page, name)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_screen_passes_wcag_21_aa(
    language: str,
    portal: Portal,
    operator_login: Login,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    words = LANGUAGES[language]
    admin = create_login(gateway, keycloak, operator.headers(), tenant)
    appointed = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": admin.user_id},
        headers=operator.headers(),
    )
    assert appointed.status_code == 201, appointed.text
    create_login(gateway, keycloak, operator.headers(), tenant)

    desk = portal.login(operator_login.username, operator_login.password, language)
    desk.get_by_role("combobox", name=words["tenant"]).fill(tenant)
    desk.get_by_role("option", name=re.compile(tenant)).click()
    scan_menu(desk, words["operator"], language)

    owner = portal.login(admin.login.username, admin.login.password, language)
    scan_menu(owner, words["admin"], language)
    go(owner, words["admin"][2])
    owner.get_by_role("button", name=words["details"]).first.click()
    assert_accessible(owner, "rights matrix")
    go(owner, words["admin"][1])
    owner.get_by_role("button", name=words["new"][0]).click()
    assert_accessible(owner, "new employee")
    owner.keyboard.press("Escape")
    # An API client's secret is shown once, with a copy button.
    go(owner, words["admin"][6])
    owner.get_by_role("button", name=words["new"][1]).click()
    owner.get_by_role("dialog").get_by_label(words["name"]).fill("Website")
    owner.get_by_role("dialog").get_by_role("button", name=words["create"]).click()
    expect(owner.get_by_test_id("client-secret")).to_have_text(re.compile(r"\S{16,}"))
    assert_accessible(owner, "API client secret")
    owner.get_by_role("dialog").get_by_role("button", name=words["close"], exact=True).last.click()
    go(owner, words["admin"][3])
    owner.get_by_role("button", name=words["enroll"]).click()
    expect(owner.locator("img[src^='data:image/svg+xml']")).to_be_visible()
    assert_accessible(owner, "authenticator enrolment")
    owner.get_by_role("button", name=words["logout"]).click()
    expect(owner.locator("h1")).to_be_visible()
    assert_accessible(owner, "logged out")
