"""An accountant collects premiums by direct debit in the portal: the tenant's creditor details
(a wrong identifier said plainly at its field), a trial run that says what would be collected,
the run itself after confirming, its pain.008 file downloaded, and a mandate revoked with a
reason. The policy clerk switches the policy to direct debit on its page."""

import re
from datetime import date, timedelta
from pathlib import Path

import httpx
from playwright.sync_api import expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible, go, screenshot
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login
from tests.support.waiting import eventually


def test_an_accountant_collects_premiums_by_direct_debit(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
    tmp_path: Path,
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]})
    accountant = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    details = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()
    reference = f"MND-{details['number']}"
    eventually(  # the ledger knows the holder once it has the relation's event
        lambda: gateway.get(f"/api/debtors/{details['holder_id']}", headers=accountant.headers()),
        lambda answer: answer.status_code == 200,
    )

    # The clerk: the policy pays by direct debit from now on.
    page = portal.login(clerk.login.username, clerk.login.password)
    page.goto(f"{portal.url}/policies/{policy.policy_id}")
    payment = page.get_by_label("Betaalwijze")
    expect(payment).to_have_value("transfer")
    payment.select_option("direct_debit")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("button", name="Opslaan")).to_be_hidden()
    page.reload()
    expect(page.get_by_label("Betaalwijze")).to_have_value("direct_debit")
    page.context.close()

    page = portal.login(accountant.login.username, accountant.login.password)
    go(page, "Debiteuren")

    # The holder's signed mandate, added on the relation's account: a wrong IBAN said plainly.
    page.get_by_role("link", name="J. de Vries").click()
    form = page.get_by_role("form", name="Machtiging toevoegen")
    form.get_by_label("Kenmerk").fill(reference)
    form.get_by_label("Getekend").fill("2026-02-20")
    form.get_by_label("IBAN").fill("NL44RABO0123456788")
    form.get_by_role("button", name="Machtiging toevoegen").click()
    expect(form.get_by_text("Dit is geen geldig IBAN")).to_be_visible()
    form.get_by_label("IBAN").fill("NL44RABO0123456789")
    form.get_by_role("button", name="Machtiging toevoegen").click()
    expect(page.get_by_role("row", name=re.compile(reference))).to_contain_text("Actief")

    # Blocked for direct debit for a while (a dispute), said on the account; then lifted.
    page.get_by_label("Reden om incasso te blokkeren").fill("geschil over de premie")
    page.get_by_role("button", name="Blokkeren voor incasso").click()
    blocked = page.get_by_role("status").filter(has_text="Geblokkeerd voor automatische incasso")
    expect(blocked).to_contain_text("geschil over de premie")
    assert_accessible(page, "debtor account with mandates")
    page.get_by_role("button", name="Blokkade opheffen").click()
    expect(blocked).to_be_hidden()
    expect(page.get_by_label("Reden om incasso te blokkeren")).to_be_visible()

    go(page, "Debiteuren")
    page.get_by_role("navigation", name="Schermen van Debiteuren").get_by_role(
        "link", name="Automatische incasso"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Automatische incasso")

    # The creditor details: a wrong identifier is said at its field, nothing saved.
    page.get_by_label("Incassant-ID").fill("NL68ZZZ123456780000")
    page.get_by_label("Naam incassant").fill("Verzekeringen Noord BV")
    page.get_by_label("IBAN (geïncasseerd op)").fill("NL91ABNA0417164300")
    page.get_by_label("BIC").fill("ABNANL2A")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit is geen geldig incassant-ID")).to_be_visible()
    page.get_by_label("Incassant-ID").fill("NL69ZZZ123456780000")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_be_visible()

    # The mandate is listed as active.
    row = page.get_by_role("row", name=re.compile(reference))
    expect(row).to_contain_text("Actief")

    # A trial first: what would be collected, nothing booked; then the run, confirmed.
    day = (date.today() + timedelta(days=20)).isoformat()
    page.get_by_label("Incassodatum").fill(day)
    expect(page.get_by_role("button", name="Incasseren", exact=True)).to_be_disabled()
    page.get_by_role("button", name="Proefrun", exact=True).click()
    trial = page.locator("[data-run]").first
    expect(trial).to_contain_text("9 transacties, samen € 84,96", timeout=60_000)
    expect(trial).to_contain_text("Eerste (FRST)")
    page.get_by_role("button", name="Incasseren", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("9 transacties")
    assert_accessible(page, "direct debit: confirm the run")
    dialog.get_by_role("button", name="Incasseren").click()
    expect(dialog).to_be_hidden()
    run = page.locator("[data-run]").first
    expect(run).to_contain_text("INC0000001-FRST", timeout=60_000)
    with page.expect_download() as download:
        run.get_by_role("button", name="Bestand INC0000001 downloaden").click()
    file = tmp_path / "incasso.xml"
    download.value.save_as(file)
    content = file.read_text()
    assert "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02" in content
    assert content.count("<DrctDbtTxInf>") == 9
    expect(page.get_by_role("row", name=re.compile("(incasso)"))).to_contain_text("€ 84,96")
    cells = page.get_by_role("row", name=re.compile(reference)).get_by_role("cell")
    expect(cells.nth(5)).to_have_text("9")  # the collections made on it, the last on the date
    expect(cells.nth(6)).not_to_have_text("—")
    screenshot(page, "direct-debit")
    assert_accessible(page, "direct debit")

    # The mandate revoked with a reason.
    page.get_by_role("row", name=re.compile(reference)).get_by_role(
        "button", name="Intrekken"
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Reden").fill("Klant betaalt voortaan zelf")
    dialog.get_by_role("button", name="Intrekken").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("row", name=re.compile(reference))).to_contain_text("Ingetrokken")
    [made] = gateway.get(
        "/api/debtors/mandates",
        params={"relation_id": details["holder_id"]},
        headers=accountant.headers(),
    ).json()["items"]
    history = gateway.get(
        f"/api/debtors/mandates/{made['id']}", headers=accountant.headers()
    ).json()["history"]
    assert [h["change"] for h in history] == ["added", "first collection", "revoked"]
    assert history[-1]["detail"] == "Klant betaalt voortaan zelf"

    # Reminders: the tenant's texts are checked, a trial counts today's reminders.
    page.get_by_role("navigation", name="Schermen van Debiteuren").get_by_role(
        "link", name="Herinneringen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herinneringen")
    text = page.get_by_label("Tekst van de eerste herinnering")
    text.fill("Betaal {bedrag}")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Alleen {reference} en {amount} worden ingevuld.")).to_be_visible()
    text.fill("Wij missen uw betaling van {amount} voor {reference}.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_be_visible()
    page.get_by_role("button", name="Proefrun").click()
    expect(page.locator("[data-run]")).to_contain_text("0 herinneringen", timeout=60_000)
    assert_accessible(page, "reminders")
    saved = gateway.get("/api/debtors/reminder-settings", headers=accountant.headers()).json()
    assert saved["first_text"] == "Wij missen uw betaling van {amount} voor {reference}."
