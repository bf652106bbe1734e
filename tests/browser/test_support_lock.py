"""Five wrong codes lock the approval of support access, and the portal says for how long."""

import time

import httpx
from playwright.sync_api import expect

from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import hand_over


def test_wrong_codes_lock_the_approval(
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    admin, phone = hand_over(gateway, keycloak, operator.headers(), tenant)
    asked = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests",
        json={
            "reason": "Controle",
            "scope": [{"module": "ledger", "action": "view"}],
            "minutes": 15,
        },
        headers=operator.headers(),
    )
    assert asked.status_code == 201, asked.text

    owner = portal.login(admin.login.username, admin.login.password)
    go(owner, "Toegang rekencentrum")
    owner.locator("tr[data-status='requested']").get_by_role("button", name="Goedkeuren").click()
    dialog = owner.get_by_role("dialog")
    phone.last_step = int(time.time() // 30)
    for attempt in range(1, 6):
        dialog.get_by_label("Code uit uw authenticator-app").fill(phone.wrong_code())
        dialog.get_by_role("button", name="Goedkeuren").click()
        if attempt < 5:
            expect(dialog).to_contain_text("Deze code klopt niet")
    expect(dialog.get_by_test_id("approval-locked")).to_contain_text(
        "goedkeuren is 15 minuten geblokkeerd"
    )
    assert_clean(owner)
