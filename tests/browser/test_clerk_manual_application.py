"""A clerk enters a paper application by hand: the risk form from the product's JSON Schema, the
premium and its trace live (a sum insured above the limit is referred), the IBAN checked as
typed; the application lands in the queue for review and is rejected with a reason (a missing
reason named on its field). Then the renewal run: a trial first, then the run, confirmed."""

import re

import httpx
from playwright.sync_api import expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go
from tests.support.clerk import applied_publicly, days_from_today
from tests.support.keycloak import KeycloakTestAdmin


def test_a_clerk_enters_an_application_rejects_it_and_runs_the_renewals(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    queue = applied_publicly(stack, gateway, keycloak, operator.headers(tenant), tenant)
    page = portal.login(queue.clerk.login.username, queue.clerk.login.password)

    go(page, "Aanvragen")
    page.get_by_role("link", name="Nieuwe aanvraag invoeren").click()
    page.get_by_role("combobox", name="Product", exact=True).click()
    page.get_by_role("option", name=re.compile("HOME")).click()
    page.get_by_label(re.compile("Geboortedatum verzekeringnemer")).fill("1975-06-01")
    page.get_by_role("textbox", name=re.compile("^Postcode")).first.fill("9711 AB")
    page.get_by_role("textbox", name=re.compile("Verzekerd bedrag")).fill("200000")
    page.get_by_role("combobox", name=re.compile("Gezinssamenstelling")).click()
    page.get_by_role("option", name="couple").click()
    expect(page.get_by_text("Ter beoordeling")).to_be_visible()
    expect(page.get_by_text(re.compile("^Een verzekerd bedrag boven EUR 150.000"))).to_be_visible()
    expect(page.locator("[data-trace]")).to_contain_text("besluit: beoordelen")
    expect(page.locator("[data-quote-total]")).to_have_text(re.compile(r"^€\s[\d.]+,\d\d$"))

    page.get_by_role("textbox", name="Naam", exact=True).fill("P. Bakker")
    page.get_by_role("textbox", name="Geboortedatum", exact=True).fill("1975-06-01")
    page.get_by_role("textbox", name="E-mailadres").fill("p.bakker@example.nl")
    iban = page.get_by_role("textbox", name="IBAN")
    iban.fill("NL21 INGB 0001 2345 67")
    expect(page.get_by_text("Dit is geen geldig IBAN")).to_be_visible()
    iban.fill("nl20ingb0001234567")
    expect(page.get_by_text("Dit is geen geldig IBAN")).to_have_count(0)
    page.get_by_role("textbox", name="Straat").fill("Grote Markt")
    page.get_by_role("textbox", name="Huisnummer").fill("12")
    page.get_by_role("textbox", name=re.compile("^Postcode")).nth(1).fill("9711lv")
    page.get_by_role("textbox", name="Plaats").fill("Groningen")
    page.get_by_role("button", name="Aanvraag opslaan").click()

    expect(page).to_have_url(re.compile(r"/applications\?review=yes"))
    row = page.locator("tr", has_text="P. Bakker")
    expect(row).to_contain_text("Beoordelen")
    row.get_by_role("button", name="P. Bakker").click()
    drawer = page.get_by_role("dialog", name="Aanvraag van P. Bakker")
    expect(drawer.get_by_text("Een verzekerd bedrag boven EUR 150.000")).to_be_visible()
    drawer.get_by_role("button", name="Afwijzen", exact=True).click()
    confirm = page.get_by_role("dialog", name="Aanvraag afwijzen")
    confirm.get_by_role("button", name="Afwijzen", exact=True).click()
    reason = confirm.get_by_role("textbox", name="Reden van afwijzing")
    expect(reason).to_have_accessible_description(re.compile("Vul een reden in."))
    reason.fill("Het verzekerd bedrag past niet bij de inboedel.")
    confirm.get_by_role("button", name="Afwijzen", exact=True).click()
    expect(drawer.get_by_text("De aanvraag is afgewezen.")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("combobox", name="Status").click()
    page.get_by_role("option", name="Afgewezen").click()
    expect(page).to_have_url(re.compile("status=rejected"))
    expect(page.locator("tr", has_text="P. Bakker")).to_contain_text("Afgewezen")
    assert_clean(page)

    go(page, "Prolongatie")
    run_real = page.get_by_role("button", name="Prolongatie uitvoeren")
    page.get_by_label("Tot en met").fill(days_from_today(40))
    expect(run_real).to_be_disabled()
    page.get_by_role("button", name="Proefrun starten").click()
    trial = page.locator("[data-run]")
    expect(trial.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(trial).to_contain_text("Proefrun")
    expect(trial).to_contain_text("0 polissen, 0 facturen, 0 verlengingen")
    run_real.click()
    dialog = page.get_by_role("dialog", name="Prolongatie uitvoeren")
    expect(dialog).to_contain_text("0 polissen, 0 facturen")
    dialog.get_by_role("button", name="Prolongatie uitvoeren").click()
    expect(page.locator("[data-run]")).to_contain_text("Prolongatierun")
    expect(page.locator("[data-run]").get_by_role("progressbar")).to_have_attribute(
        "aria-valuenow", "100"
    )
    runs = page.get_by_role("table", name="Runs, nieuwste eerst")
    expect(runs.locator("tbody tr")).to_have_count(2)
    assert_clean(page)
