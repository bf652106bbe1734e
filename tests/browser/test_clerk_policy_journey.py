"""A policy clerk's day in the portal: an application that arrived through the public API is
accepted, the new policy found, changed mid-term through the wizard (the amount it shows before
confirming is the invoice that results), and the invoice is on the holder's debtor statement."""

import re
import time

import httpx
from playwright.sync_api import Page, expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go, screenshot
from tests.support.clerk import applied_publicly, days_from_today, dutch_euros
from tests.support.keycloak import KeycloakTestAdmin


def statement_line(page: Page, text: str, seconds: float = 20) -> None:
    """The ledger books the invoice from its event: the statement shows it within seconds."""
    deadline = time.monotonic() + seconds
    row = page.locator("tr", has_text=text)
    while not row.count() and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
        expect(page.get_by_role("tab", name="Debiteurenkaart")).to_be_visible()
    expect(row).to_be_visible()


def test_clerk_accepts_changes_and_sees_the_invoice_on_the_debtor_statement(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    queue = applied_publicly(stack, gateway, keycloak, operator.headers(tenant), tenant)
    clerk = portal.login(queue.clerk.login.username, queue.clerk.login.password)

    go(clerk, "Aanvragen")
    row = clerk.locator(f"tr[data-application='{queue.application_id}']")
    expect(row).to_contain_text("J. de Vries")
    row.get_by_role("button", name="J. de Vries").click()
    drawer = clerk.get_by_role("dialog", name="Aanvraag van J. de Vries")
    expect(drawer.get_by_text("Inboedelverzekering (HOME v1)")).to_be_visible()
    drawer.get_by_role("button", name="Accepteren", exact=True).click()
    confirm = clerk.get_by_role("dialog", name="Aanvraag accepteren")
    expect(confirm).to_contain_text("J. de Vries als verzekeringnemer")
    confirm.get_by_role("button", name="Accepteren en polis maken").click()
    accepted = drawer.get_by_text(re.compile(r"Geaccepteerd: polis P\d+ is gemaakt"))
    expect(accepted).to_be_visible()
    number = re.search(r"P\d+", accepted.inner_text()).group(0)  # type: ignore[union-attr]
    expect(drawer.get_by_text("Factuur INV")).to_be_visible()
    assert_clean(clerk)
    clerk.keyboard.press("Escape")

    go(clerk, "Polissen")
    clerk.get_by_label("Polisnummer").fill(number)
    clerk.get_by_role("button", name="Zoeken").click()
    expect(clerk).to_have_url(re.compile(f"number={number}"))
    clerk.get_by_role("link", name=number).click()
    expect(clerk.get_by_role("heading", name=f"Polis {number}")).to_be_visible()
    expect(clerk.get_by_text("Verzekerd bedrag")).to_be_visible()

    clerk.get_by_role("button", name="Wijzigen").click()
    wizard = clerk.get_by_role("dialog", name=f"Polis {number} wijzigen")
    effective = wizard.get_by_label("Ingangsdatum van de wijziging")
    effective.fill(days_from_today(-1))
    wizard.get_by_role("checkbox", name="Risicogegevens").check()
    wizard.get_by_role("button", name="Bekijk het gevolg").click()
    expect(effective).to_have_accessible_description(
        re.compile("Deze datum valt buiten de lopende termijn van de polis.")
    )
    effective.fill(days_from_today(30))
    sum_insured = wizard.get_by_role("textbox", name=re.compile("Verzekerd bedrag"))
    sum_insured.fill("60000")
    wizard.get_by_role("button", name="Bekijk het gevolg").click()
    preview = wizard.locator("[data-document='preview']")
    expect(preview).to_contain_text("Factuur (nog zonder nummer)")
    shown = preview.locator("[data-total]").inner_text()
    assert re.fullmatch(r"€\s[\d.]+,\d\d", shown), shown
    screenshot(clerk, "clerk-mutation-preview")
    wizard.get_by_role("button", name="Wijziging bevestigen").click()
    expect(wizard.get_by_text("De wijziging is verwerkt; er is 1 stuk gemaakt.")).to_be_visible()
    made = wizard.locator("[data-document^='INV']")
    invoice_number = made.get_attribute("data-document")
    assert made.locator("[data-total]").inner_text() == shown

    invoices = gateway.get(f"/api/policies?number={number}", headers=queue.clerk.headers()).json()[
        "items"
    ]
    documents = gateway.get(
        f"/api/policies/{invoices[0]['id']}/invoices", headers=queue.clerk.headers()
    ).json()["items"]
    mutation = [d for d in documents if d["number"] == invoice_number]
    assert [(d["kind"], d["reason"]) for d in mutation] == [("invoice", "mutation")]
    assert dutch_euros(mutation[0]["total"]) == shown
    wizard.locator(".mantine-Modal-body").get_by_role("button", name="Sluiten").click()

    clerk.get_by_role("tab", name="Facturen en creditnota's").click()
    expect(clerk.locator(f"[data-document='{invoice_number}'] [data-total]")).to_have_text(shown)
    clerk.get_by_role("tab", name="Tijdlijn").click()
    expect(clerk.locator("[data-entry='mutation']")).to_contain_text("Verzekerd bedrag: 60000")

    clerk.get_by_role("tab", name="Overzicht").click()
    clerk.get_by_role("link", name="J. de Vries").click()
    expect(clerk.get_by_role("heading", name="J. de Vries")).to_be_visible()
    clerk.get_by_role("tab", name="Debiteurenkaart").click()
    statement_line(clerk, f"Factuur {invoice_number}")
    line = clerk.locator("tr", has_text=f"Factuur {invoice_number}")
    expect(line.locator("td").nth(3)).to_have_text(shown)
    screenshot(clerk, "clerk-debtor-statement")
    assert_clean(clerk)
