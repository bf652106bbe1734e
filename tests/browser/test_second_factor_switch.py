"""The administrator asks a code at sign-in of all the tenant's staff on the employees screen,
confirmed after the screen says what it means, and takes it back the same way."""

import httpx
from playwright.sync_api import expect

from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible, go
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import hand_over

SWITCH = "Code bij inloggen verplicht voor alle medewerkers"


def test_the_administrator_switches_the_code_for_everyone_on_and_off(
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    admin, _ = hand_over(gateway, keycloak, operator.headers(), tenant)
    url = f"/api/identity/tenants/{tenant}/second-factor"

    def required_for() -> str:
        answer = gateway.get(url, headers=admin.headers())
        assert answer.status_code == 200, answer.text
        return str(answer.json()["required_for"])

    owner = portal.login(admin.login.username, admin.login.password)
    go(owner, "Medewerkers")
    setting = owner.get_by_test_id("second-factor")
    switch = setting.get_by_role("switch", name=SWITCH)
    state = setting.get_by_test_id("second-factor-state")
    expect(state).to_have_text("Alleen beheerders")
    expect(switch).not_to_be_checked()

    # Cancelled: nothing changes.
    switch.click()
    dialog = owner.get_by_role("dialog", name="Code verplichten voor alle medewerkers?")
    expect(dialog).to_contain_text("volgende keer inloggen")
    expect(dialog).to_contain_text("authenticator-app")
    assert_accessible(owner, "second factor, switching on")
    dialog.get_by_role("button", name="Annuleren").click()
    expect(dialog).to_be_hidden()
    expect(switch).not_to_be_checked()
    assert required_for() == "administrators"

    switch.click()
    dialog.get_by_role("button", name="Aanzetten").click()
    expect(dialog).to_be_hidden()
    expect(owner.get_by_text("Alle medewerkers geven voortaan een code")).to_be_visible()
    expect(state).to_have_text("Aan voor iedereen")
    expect(switch).to_be_checked()
    assert required_for() == "everyone"
    owner.reload()  # read back from the identity service, not what the screen remembers
    expect(state).to_have_text("Aan voor iedereen")
    expect(switch).to_be_checked()

    switch.click()
    dialog = owner.get_by_role("dialog", name="Code alleen nog voor beheerders?")
    expect(dialog).to_contain_text("alleen hun wachtwoord")
    dialog.get_by_role("button", name="Uitzetten").click()
    expect(dialog).to_be_hidden()
    expect(state).to_have_text("Alleen beheerders")
    expect(switch).not_to_be_checked()
    assert required_for() == "administrators"
    owner.reload()
    expect(state).to_have_text("Alleen beheerders")
    expect(switch).not_to_be_checked()
