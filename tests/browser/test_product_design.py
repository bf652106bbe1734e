"""A product developer designs a new version in the portal and submits it; the same person may
not approve it; an approver approves it and puts it in test; a quote in the quote panel shows the
rating trace."""

import httpx
from playwright.sync_api import Locator, Page, expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import published_home
from tests.support.tenants import create_login

# Developers and approvers alike may design and approve; four eyes still hold per version.
BOTH = {"protocols": ["product-developer", "product-approver"]}


def postcode_range(page: Page, n: int) -> Locator:
    """Range n of the postcode factor (the second factor) of coverage BASIC."""
    factor = page.get_by_role("region", name="Dekking BASIC").get_by_role("group", name="Factor 2")
    return factor.get_by_role("group", name=f"Staffelregel {n}")


def test_a_new_version_is_designed_approved_by_another_and_quoted_in_test(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    by = operator.headers(tenant)
    published_home(stack, gateway, keycloak, by, tenant)
    developer = create_login(gateway, keycloak, by, tenant, BOTH)
    approver = create_login(gateway, keycloak, by, tenant, BOTH)

    dev = portal.login(developer.login.username, developer.login.password)
    go(dev, "Producten")
    # A new product under a code in use is refused on the code field.
    dev.get_by_role("button", name="Nieuw product").click()
    dialog = dev.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Code", exact=True).fill("HOME")
    dialog.get_by_role("textbox", name="Naam", exact=True).fill("Tweede inboedel")
    dialog.get_by_role("textbox", name="Code verzekeraar").fill("VVNV")
    dialog.get_by_role("textbox", name="Naam verzekeraar").fill("Voorbeeld Verzekeringen N.V.")
    dialog.get_by_role("button", name="Aanmaken").click()
    expect(dialog.get_by_text("Er bestaat al een product met deze code.")).to_be_visible()
    dev.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    dev.get_by_role("link", name="HOME").click()
    dev.get_by_role("button", name="Nieuwe versie").click()
    expect(dev.get_by_role("heading", name="Versie 2")).to_be_visible()
    expect(dev.get_by_role("heading", name="Ontwerp van het concept")).to_be_visible()

    # Postcode area 10-19 up to 25 overlaps 20-39: the service's 422 lands on that range.
    postcode_range(dev, 1).get_by_label("Tot en met").fill("25")
    dev.get_by_role("button", name="Concept opslaan").click()
    expect(dev.get_by_text("1 veld klopt niet; het is hieronder gemarkeerd.")).to_be_visible()
    expect(postcode_range(dev, 2).get_by_role("alert")).to_contain_text("overlapt een andere regel")
    expect(postcode_range(dev, 1).get_by_role("alert")).to_have_count(0)
    assert_clean(dev)

    postcode_range(dev, 1).get_by_label("Tot en met").fill("19")
    postcode_range(dev, 1).get_by_label("Factor").fill("1.30")
    dev.get_by_role("button", name="Concept opslaan").click()
    expect(dev.get_by_text("Versie 2 is opgeslagen.")).to_be_visible()
    dev.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(dev.get_by_text("Versie 2 is ingediend ter goedkeuring.")).to_be_visible()

    # The author has the approve right, but not for a version of their own.
    approve = dev.get_by_role("button", name="Goedkeuren")
    expect(approve).to_be_disabled()
    expect(dev.get_by_text("U hebt aan deze versie meegeschreven")).to_be_visible()

    boss = portal.login(approver.login.username, approver.login.password)
    go(boss, "Producten")
    boss.get_by_role("link", name="HOME").click()
    expect(boss.get_by_role("heading", name="Versie 2")).to_be_visible()
    boss.get_by_role("button", name="Goedkeuren").click()
    expect(boss.get_by_text("Versie 2 is goedgekeurd.")).to_be_visible()
    boss.get_by_role("button", name="In test zetten").click()
    expect(boss.get_by_text("Versie 2 staat in test.")).to_be_visible()

    panel = boss.get_by_role("region", name="Offerte proberen")
    panel.get_by_label("Geboortedatum verzekeringnemer").fill("1990-05-17")
    panel.get_by_label("Postcode").fill("1012 LG")
    panel.get_by_label("Verzekerd bedrag").fill("40000")
    panel.get_by_role("combobox", name="Gezinssamenstelling").click()
    boss.get_by_role("option", name="couple").click()
    panel.get_by_role("checkbox", name="Inbraakalarm").check()
    panel.get_by_role("button", name="Premie berekenen").click()

    result = panel.get_by_test_id("quote-result")
    expect(result).to_contain_text("Offerte op versie 2")
    expect(result).to_contain_text("Accepteren")
    trace = result.get_by_role("list", name="Berekening (rating trace)")
    times = "\N{MULTIPLICATION SIGN}"
    expect(trace).to_contain_text(f"BASIC: base 40000 {times} 0.0012 = 48")
    expect(trace).to_contain_text(f"{times} 1.30 = 62.40")  # the postcode factor as designed
    expect(result.get_by_role("row", name="Totaal per termijn")).to_contain_text("€")
    assert_clean(boss)
