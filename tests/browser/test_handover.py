"""An operator sets a tenant up in the portal and appoints its administrator; the administrator
takes it over by enrolling an authenticator, and the operator is locked out from then on."""

import uuid
from urllib.parse import parse_qs, urlparse

import pyotp
from playwright.sync_api import expect

from tests.support.browser import (
    Portal,
    assert_clean,
    choose_new_password,
    go,
    keycloak_login,
    screenshot,
)
from tests.support.keycloak import Login


def test_operator_sets_up_a_tenant_and_the_administrator_takes_it_over(
    portal: Portal, operator_login: Login
) -> None:
    slug = f"b-{uuid.uuid4().hex[:10]}"
    operator = portal.login(operator_login.username, operator_login.password)
    go(operator, "Tenants")
    operator.get_by_role("button", name="Nieuwe tenant").click()
    dialog = operator.get_by_role("dialog")
    dialog.get_by_label("Code").fill(slug)
    dialog.get_by_label("Naam").fill(f"Verzekeraar {slug}")
    dialog.get_by_role("button", name="Aanmaken").click()
    row = operator.locator(f"tr[data-slug='{slug}']")
    expect(row).to_contain_text("Beheerd door het rekencentrum")

    row.get_by_role("button", name="Beheerder aanstellen").click()
    admin_name = f"adm{uuid.uuid4().hex[:8]}"
    temporary = uuid.uuid4().hex
    dialog = operator.get_by_role("dialog")
    dialog.get_by_label("Loginnaam").fill(admin_name)
    dialog.get_by_label("E-mailadres").fill(f"{admin_name}@example.test")
    dialog.get_by_label("Voornaam").fill("Anna")
    dialog.get_by_label("Achternaam").fill("Beheer")
    dialog.get_by_label("Tijdelijk wachtwoord").fill(temporary)
    dialog.get_by_role("button", name="Beheerder aanstellen").click()
    expect(dialog).to_be_hidden()

    # The operator works on the tenant while it is operator-managed: its employees.
    row.get_by_role("button", name=f"Werken aan {slug}").click()
    go(operator, "Medewerkers")
    # Logins are unique within a tenant: the administrator signs in as <login>@<tenant>.
    sign_in = f"{admin_name}@{slug}"
    expect(operator.locator(f"tr[data-username='{sign_in}']")).to_contain_text("Beheerder")
    screenshot(operator, "operator-employees")

    # The administrator logs in through Keycloak's page and replaces the temporary password.
    context = portal.browser.new_context(viewport={"width": 1400, "height": 900})
    admin = context.new_page()
    admin.set_default_timeout(20_000)
    admin.goto(portal.url + "/")
    keycloak_login(admin, sign_in, temporary)
    choose_new_password(admin, uuid.uuid4().hex)
    expect(admin.locator("nav")).to_contain_text("Authenticator")
    go(admin, "Authenticator")
    admin.get_by_role("button", name="Authenticator koppelen").click()
    qr = admin.get_by_role("img", name="QR-code voor de authenticator-app")
    expect(qr).to_be_visible()
    assert (qr.get_attribute("src") or "").startswith("data:image/svg+xml;base64,")
    uri = admin.get_by_test_id("otpauth-uri").inner_text().strip()
    secret = parse_qs(urlparse(uri).query)["secret"][0]
    admin.get_by_label("Code uit de app (6 cijfers)").fill(pyotp.TOTP(secret).now())
    admin.get_by_role("button", name="Bevestigen").click()
    expect(admin.get_by_test_id("locked-out")).to_contain_text(
        "het rekencentrum heeft geen toegang"
    )
    screenshot(admin, "administrator-authenticator")

    # The operator's next screen of the tenant's data is refused, in words.
    operator.reload()
    expect(operator.get_by_role("alert").filter(has_text="U mag dit niet").first).to_be_visible()
    expect(operator.locator(f"tr[data-username='{sign_in}']")).to_have_count(0)
    assert_clean(operator)
    expect(operator.locator("nav")).not_to_contain_text("Medewerkers")
