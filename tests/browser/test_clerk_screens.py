"""The clerk's screens (relations, applications, policies) pass an axe-core WCAG 2.1 AA scan in
Dutch and English, with their dialogs open; and an employee who may only view relations meets
no control that would create, change or approve anything on them."""

import re
from datetime import date

import httpx
import pytest
from playwright.sync_api import Page, expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible, assert_clean, go, menu, screenshot
from tests.support.clerk import Queue, applied_publicly, days_from_today, quote_from
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, auth
from tests.support.tenants import create_login

WORDS = {
    "nl": {
        "relations": "Relaties",
        "policies": "Polissen",
        "applications": "Aanvragen",
        "renewals": "Prolongatie",
        "new_relation": "Nieuwe relatie",
        "change": "Wijzigen",
        "risk": "Risicogegevens",
        "preview": "Bekijk het gevolg",
        "effective": "Ingangsdatum van de wijziging",
        "cancel_policy": "Beëindigen",
        "accept": "Accepteren",
        "new_application": "Nieuwe aanvraag invoeren",
        "product": "Product",
        "trial": "Proefrun starten",
        "up_to": "Tot en met",
        "postcode": "Postcode",
        "postcode_wrong": "Dit is geen Nederlandse postcode (1234 AB).",
        "calculation": "Berekening",
        "close": "Sluiten",
        "cancel": "Annuleren",
        "name": "Naam",
        "street": "Straat",
        "house_number": "Huisnummer",
        "city": "Plaats",
        "create": "Aanmaken",
        "duplicate": "Mogelijk dubbele relatie",
        "same_iban": "zelfde IBAN",
        "keep_new": "Verder met de nieuwe",
        "edit": "Gegevens wijzigen",
        "phone": "Telefoon",
        "save": "Opslaan",
    },
    "en": {
        "relations": "Relations",
        "policies": "Policies",
        "applications": "Applications",
        "renewals": "Renewal run",
        "new_relation": "New relation",
        "change": "Change",
        "risk": "Risk details",
        "preview": "See the effect",
        "effective": "Effective date of the change",
        "cancel_policy": "Cancel",
        "accept": "Accept",
        "new_application": "Enter a new application",
        "product": "Product",
        "trial": "Start a trial run",
        "up_to": "Up to and including",
        "postcode": "Postcode",
        "postcode_wrong": "This is not a Dutch postcode (1234 AB).",
        "calculation": "Calculation",
        "close": "Close",
        "cancel": "Cancel",
        "name": "Name",
        "street": "Street",
        "house_number": "House number",
        "city": "City",
        "create": "Create",
        "duplicate": "Possible duplicate relation",
        "same_iban": "same IBAN",
        "keep_new": "Go on with the new one",
        "edit": "Change details",
        "phone": "Phone",
        "save": "Save",
    },
}

TABS = {
    "nl": ["Gegevens", "Polissen", "Debiteurenkaart", "Historie"],
    "en": ["Details", "Policies", "Debtor statement", "History"],
}
POLICY_TABS = {
    "nl": ["Overzicht", "Tijdlijn", "Facturen en creditnota's"],
    "en": ["Overview", "Timeline", "Invoices and credit notes"],
}

# What would create, change or approve on the clerk's screens, in Dutch.
CONTROLS = [
    "Nieuwe relatie",
    "Gegevens wijzigen",
    "Wijzigen",
    "Beëindigen",
    "Accepteren",
    "Afwijzen",
    "Nieuwe aanvraag invoeren",
    "Aanvraag opslaan",
    "Proefrun starten",
    "Prolongatie uitvoeren",
]


def a_policy_and_a_waiting_application(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> tuple[Queue, str]:
    """One application accepted into a policy (its id returned), a second one waiting."""
    queue = applied_publicly(stack, gateway, keycloak, operator.headers(tenant), tenant)
    clerk = queue.clerk.headers()
    accepted = gateway.post(
        f"/api/policies/applications/{queue.application_id}/accept", headers=clerk
    )
    assert accepted.status_code == 200, accepted.text
    quoted = gateway.post(
        "/public/v1/quotes", json=quote_from(date.today()), headers=auth(queue.broker)
    ).json()
    second = {**APPLICANT, "name": "J. de Vries-Bakker", "email": "jdv@example.nl"}
    applied = gateway.post(
        "/public/v1/applications",
        json={"quote_id": quoted["id"], "applicant": second},
        headers=auth(queue.broker),
    )
    assert applied.status_code == 201, applied.text
    return queue, str(accepted.json()["policy_id"])


def scan(page: Page, what: str) -> None:
    assert_accessible(page, what)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_clerk_screens_pass_wcag_21_aa(
    language: str,
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    w = WORDS[language]
    queue, policy_id = a_policy_and_a_waiting_application(
        stack, gateway, keycloak, operator, tenant
    )
    page = portal.login(queue.clerk.login.username, queue.clerk.login.password, language)
    expect(page.locator("html")).to_have_attribute("lang", language)

    go(page, w["relations"])
    expect(page.get_by_role("link", name="J. de Vries", exact=True)).to_be_visible()
    scan(page, "relations")
    page.get_by_role("button", name=w["new_relation"]).click()
    page.get_by_role("dialog").get_by_role("textbox", name=w["postcode"]).fill("0123 XY")
    expect(page.get_by_role("dialog").get_by_text(w["postcode_wrong"])).to_be_visible()
    scan(page, "new relation with a wrong postcode")
    form = page.get_by_role("dialog")
    form.get_by_role("textbox", name=w["name"]).fill("Jan de Vries")
    form.get_by_role("textbox", name=w["street"]).fill("Damrak")
    form.get_by_role("textbox", name=w["house_number"]).fill("1")
    form.get_by_role("textbox", name=w["postcode"]).fill("1012lg")
    form.get_by_role("textbox", name=w["city"]).fill("Amsterdam")
    form.get_by_role("textbox", name="IBAN").fill("NL91 ABNA 0417 1643 00")
    form.get_by_role("button", name=w["create"]).click()
    compare = page.get_by_role("dialog", name=w["duplicate"])
    expect(compare.get_by_text(w["same_iban"])).to_be_visible()
    scan(page, "possible duplicates compared")
    compare.get_by_role("button", name=w["keep_new"]).click()
    expect(page.get_by_role("heading", name="Jan de Vries")).to_be_visible()
    go(page, w["relations"])
    page.get_by_role("link", name="J. de Vries", exact=True).click()
    for tab in TABS[language]:
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        scan(page, f"relation: {tab}")
    page.get_by_role("tab", name=TABS[language][0]).click()
    page.get_by_role("button", name=w["edit"]).click()
    page.get_by_role("dialog").get_by_role("textbox", name=w["phone"]).fill("020 123 4567")
    scan(page, "changing a relation")
    page.get_by_role("dialog").get_by_role("button", name=w["save"]).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_role("tab", name=TABS[language][3]).click()
    expect(page.get_by_role("row").nth(1)).to_contain_text("020 123 4567")

    go(page, w["policies"])
    expect(page.locator("tbody tr")).to_have_count(1)
    scan(page, "policies")
    page.goto(f"{portal.url}/policies/{policy_id}")
    for tab in POLICY_TABS[language]:
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        scan(page, f"policy: {tab}")
    page.get_by_role("button", name=w["change"], exact=True).click()
    wizard = page.get_by_role("dialog")
    wizard.get_by_label(w["effective"]).fill(days_from_today(10))
    wizard.get_by_role("checkbox", name=w["risk"]).check()
    expect(wizard.get_by_role("textbox", name=re.compile("Verzekerd bedrag"))).to_be_visible()
    scan(page, "mutation wizard")
    wizard.get_by_role("textbox", name=re.compile("Verzekerd bedrag")).fill("45000")
    wizard.get_by_role("button", name=w["preview"], exact=True).click()
    expect(wizard.locator("[data-document='preview']")).to_be_visible()
    scan(page, "mutation preview")
    page.keyboard.press("Escape")
    page.get_by_role("button", name=w["cancel_policy"], exact=True).click()
    expect(page.get_by_role("dialog")).to_be_visible()
    scan(page, "cancellation")
    page.keyboard.press("Escape")

    go(page, w["applications"])
    page.get_by_role("button", name="J. de Vries-Bakker").click()
    drawer = page.get_by_role("dialog")
    expect(drawer.get_by_text("J. de Vries", exact=True).first).to_be_visible()
    scan(page, "application with a possible duplicate")
    drawer.get_by_role("button", name=w["accept"], exact=True).click()
    expect(page.get_by_role("dialog")).to_have_count(2)
    scan(page, "accepting")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    page.get_by_role("link", name=w["new_application"]).click()
    page.get_by_role("combobox", name=w["product"], exact=True).click()
    page.get_by_role("option", name=re.compile("HOME")).click()
    page.get_by_label(re.compile("Geboortedatum verzekeringnemer")).fill("1980-04-02")
    page.get_by_role("textbox", name=re.compile("^Postcode")).first.fill("3511 AB")
    page.get_by_role("textbox", name=re.compile("Verzekerd bedrag")).fill("30000")
    page.get_by_role("combobox", name=re.compile("Gezinssamenstelling")).click()
    page.get_by_role("option", name="single").click()
    expect(page.locator("[data-trace]")).to_contain_text("BASIC")
    expect(page.locator("[data-quote-total]")).to_have_text(re.compile(r"€"))
    scan(page, "manual application with its quote")
    screenshot(page, f"clerk-manual-application-{language}")

    go(page, w["renewals"])
    page.get_by_label(w["up_to"]).fill(days_from_today(40))
    page.get_by_role("button", name=w["trial"]).click()
    expect(page.locator("[data-run] [role='progressbar']")).to_have_attribute(
        "aria-valuenow", "100"
    )
    scan(page, "renewal run")


def test_a_relations_viewer_meets_no_create_change_or_approve_control(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    queue, policy_id = a_policy_and_a_waiting_application(
        stack, gateway, keycloak, operator, tenant
    )
    holder = gateway.get(f"/api/policies/{policy_id}", headers=queue.clerk.headers()).json()
    viewer = create_login(
        gateway,
        keycloak,
        operator.headers(tenant),
        tenant,
        {"rights": [{"module": "relations", "action": "view"}]},
    )
    page = portal.login(viewer.login.username, viewer.login.password)
    expect(page.locator("nav").get_by_role("link", name="Relaties")).to_be_visible()
    assert menu(page) == ["Wie ben ik", "Relaties"]
    go(page, "Relaties")
    expect(page.get_by_role("link", name="J. de Vries", exact=True)).to_be_visible()
    paths = [
        "/relations",
        f"/relations/{holder['holder_id']}",
        f"/relations/{holder['holder_id']}?tab=history",
        "/policies",
        f"/policies/{policy_id}",
        "/applications",
        "/applications/new",
        "/policies/renewals",
    ]
    for path in paths:
        page.goto(portal.url + path)
        expect(page.locator("h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        buttons = [b.strip() for b in page.get_by_role("button").all_inner_texts()]
        offered = [b for b in buttons if b in CONTROLS]
        assert not offered, f"{path} offers {offered}"
        assert_clean(page)
    page.goto(f"{portal.url}/relations/{holder['holder_id']}")
    expect(page.get_by_role("tab")).to_have_text(["Gegevens", "Historie"])
