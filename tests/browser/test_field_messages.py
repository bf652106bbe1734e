"""Refusals show on the field they are about, in words; never as raw JSON or a stack trace."""

import time
import uuid

import httpx
from playwright.sync_api import expect

from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.tenants import Phone, create_login


def test_taken_slug_invalid_email_and_wrong_code_show_on_their_fields(
    portal: Portal,
    operator_login: Login,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    desk = portal.login(operator_login.username, operator_login.password)
    go(desk, "Tenants")
    desk.get_by_role("button", name="Nieuwe tenant").click()
    dialog = desk.get_by_role("dialog")
    dialog.get_by_label("Code").fill(tenant)
    dialog.get_by_label("Naam").fill("Nog een keer")
    dialog.get_by_role("button", name="Aanmaken").click()
    expect(dialog.get_by_label("Code")).to_have_attribute("aria-invalid", "true")
    expect(dialog).to_contain_text("Deze code is al in gebruik.")
    assert_clean(desk)
    dialog.get_by_role("button", name="Annuleren").click()

    desk.locator(f"tr[data-slug='{tenant}']").get_by_role(
        "button", name=f"Werken aan {tenant}"
    ).click()
    go(desk, "Medewerkers")
    desk.get_by_role("button", name="Nieuwe medewerker").click()
    dialog = desk.get_by_role("dialog")
    dialog.get_by_label("Loginnaam").fill(f"u{uuid.uuid4().hex[:8]}")
    dialog.get_by_label("E-mailadres").fill("niet-een-adres")
    dialog.get_by_label("Voornaam").fill("Piet")
    dialog.get_by_label("Achternaam").fill("Fout")
    dialog.get_by_label("Tijdelijk wachtwoord").fill(uuid.uuid4().hex)
    dialog.get_by_role("button", name="Aanmaken").click()
    expect(dialog.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    expect(dialog).to_contain_text("Dit is geen geldig e-mailadres.")
    expect(dialog.get_by_label("Loginnaam")).not_to_have_attribute("aria-invalid", "true")
    assert_clean(desk)

    admin = create_login(gateway, keycloak, operator.headers(), tenant)
    appointed = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": admin.user_id},
        headers=operator.headers(),
    )
    assert appointed.status_code == 201, appointed.text
    owner = portal.login(admin.login.username, admin.login.password)
    go(owner, "Authenticator")
    owner.get_by_role("button", name="Authenticator koppelen").click()
    uri = owner.get_by_test_id("otpauth-uri").inner_text()
    secret = uri.split("secret=")[1].split("&")[0]
    wrong = Phone(secret, last_step=int(time.time() // 30)).wrong_code()
    owner.get_by_label("Code uit de app (6 cijfers)").fill(wrong)
    owner.get_by_role("button", name="Bevestigen").click()
    code = owner.get_by_label("Code uit de app (6 cijfers)")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(owner.locator("form")).to_contain_text("Deze code klopt niet")
    assert_clean(owner)
