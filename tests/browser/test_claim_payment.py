"""A claims handler registers a claim in the portal and enters a payment above the handler's
authority; the handler is offered no approve button for it; an approver approves it in the inbox;
the payment appears on the payee's creditor account. A loss the policy does not cover is registered
only with a reason. The claim file's screenshot is kept in docs/screenshots/claim-file.png."""

import time

import httpx
from playwright.sync_api import Page, expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go, screenshot
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login
from tests.support.waiting import eventually

ANNUAL = {**HOME_QUOTE, "frequency": "annual"}  # from 2026-03-01: BASIC and LEGAL


def wait_until_claims_knows(gateway: httpx.Client, headers: dict[str, str], policy: str) -> None:
    """The claims service learns of policies from events. A loss date in the future is refused
    on that field only once the policy is known, and registers nothing."""
    body = {
        "policy_id": policy,
        "loss_date": "2999-01-01",
        "cause": "storm",
        "description": "probe",
        "estimate": "0",
    }
    answer = eventually(
        lambda: gateway.post("/api/claims", json=body, headers=headers).json(),
        lambda found: found["errors"][0]["field"] == "loss_date",
        seconds=20,
    )
    assert answer["errors"][0]["field"] == "loss_date", answer


def confirm(page: Page) -> None:
    page.get_by_role("dialog").get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_a_payment_above_authority_is_approved_by_another_and_reaches_the_creditor(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, ANNUAL)
    number = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()["number"]
    # The handler may approve others' payments, so the missing button is about four eyes.
    handler = create_login(
        gateway, keycloak, by, tenant, {"protocols": ["claims-handler", "claims-approver"]}
    )
    approver = create_login(
        gateway,
        keycloak,
        by,
        tenant,
        {"protocols": ["claims-approver"], "rights": [{"module": "creditors", "action": "view"}]},
    )
    wait_until_claims_knows(gateway, handler.headers(), policy.policy_id)

    desk = portal.login(handler.login.username, handler.login.password)
    go(desk, "Schade")
    desk.get_by_role("navigation", name="Schadeadministratie").get_by_role(
        "link", name="Schade melden"
    ).click()
    desk.get_by_label("Polisnummer").fill(number)
    desk.get_by_role("button", name="Polis zoeken").click()
    desk.get_by_role("radio", name=number, exact=False).check()
    desk.get_by_label("Schadedatum").fill("2026-10-10")
    desk.get_by_role("combobox", name="Oorzaak").click()
    desk.get_by_role("option", name="Storm", exact=True).click()
    desk.get_by_label("Geschat schadebedrag (€)").fill("2.500,00")
    desk.get_by_label("Omschrijving").fill("Storm blies het keukenraam in; vloer en kasten nat.")
    desk.get_by_role("button", name="Schade registreren").click()

    expect(desk.get_by_role("heading", name="Schadedossier C")).to_be_visible()
    expect(desk.get_by_text("De open reserve is € 2.500,00.")).to_be_visible()
    steps = (("In behandeling nemen", "In behandeling"), ("Accepteren", "Geaccepteerd"))
    for step, status in steps:
        desk.get_by_role("button", name=step).click()
        desk.get_by_role("dialog").get_by_label("Notitie").fill(f"{status}: foto's gezien")
        confirm(desk)
        expect(desk.get_by_text(f"De schade is nu: {status}.")).to_be_visible()

    payments = desk.get_by_role("region", name="Betalingen")
    payments.get_by_label("Bedrag").fill("1.500,00")
    payments.get_by_role("button", name="Betaling invoeren").click()
    expect(desk.get_by_role("dialog")).to_contain_text("€ 1.500,00 betalen aan J. de Vries")
    confirm(desk)
    expect(payments.get_by_role("status")).to_contain_text(
        "€ 1.500,00 aan J. de Vries ligt boven uw bevoegdheid"
    )
    row = payments.get_by_role("row", name="J. de Vries")
    expect(row).to_contain_text("Wacht op accordering")
    expect(row.get_by_role("button", name="Accorderen")).to_have_count(0)
    expect(row).to_contain_text("Door u ingevoerd")
    assert_clean(desk)
    expect(desk.locator(".mantine-Notification-root")).to_have_count(0, timeout=15_000)
    desk.evaluate("window.scrollTo(0, 0)")  # the fixed top bar stays on top of the picture
    screenshot(desk, "claim-file")
    claim_url = desk.url

    desk.get_by_role("link", name="Te accorderen betalingen").click()
    mine = desk.get_by_role("row", name="J. de Vries")
    expect(mine).to_contain_text("€ 1.500,00")
    expect(mine.get_by_role("button", name="Accorderen")).to_have_count(0)

    boss = portal.login(approver.login.username, approver.login.password)
    go(boss, "Schade")
    boss.get_by_role("link", name="Te accorderen betalingen").click()
    waiting = boss.get_by_role("row", name="J. de Vries")
    expect(waiting).to_contain_text(handler.login.username)
    waiting.get_by_role("button", name="Accorderen").click()
    expect(boss.get_by_role("dialog")).to_contain_text("€ 1.500,00 aan J. de Vries")
    confirm(boss)
    expect(boss.get_by_role("status")).to_contain_text("€ 1.500,00 aan J. de Vries op schade C")
    expect(boss.get_by_text("Er wachten geen betalingen.")).to_be_visible()

    # The ledger books the released payment from its event: an open item of the payee (within
    # a second or two; a busy build machine took twenty).
    boss.goto(claim_url)
    creditor = boss.get_by_role("region", name="Crediteurenzijde")
    deadline = time.monotonic() + 60
    while "1.500,00" not in creditor.inner_text():
        assert time.monotonic() < deadline, creditor.inner_text()
        time.sleep(1)
        boss.reload()
    expect(creditor).to_contain_text("J. de Vries: saldo € 1.500,00")
    expect(creditor.get_by_role("row", name="claim payment due")).to_contain_text("€ 1.500,00")
    expect(boss.get_by_role("region", name="Betalingen")).to_contain_text("Vrijgegeven")
    assert_clean(boss)

    # Water damage: the policy holds no coverage that pays for it. Registered only with a
    # reason, under the coverage the handler chooses from those the service names, and marked.
    desk.get_by_role("link", name="Schade melden").click()
    desk.get_by_label("Polisnummer").fill(number)
    desk.get_by_role("button", name="Polis zoeken").click()
    desk.get_by_role("radio", name=number, exact=False).check()
    desk.get_by_label("Schadedatum").fill("2026-10-12")
    desk.get_by_role("combobox", name="Oorzaak").click()
    desk.get_by_role("option", name="Waterschade", exact=True).click()
    desk.get_by_label("Geschat schadebedrag (€)").fill("800")
    desk.get_by_label("Omschrijving").fill("Lekkage wasmachine")
    desk.get_by_role("button", name="Schade registreren").click()
    expect(desk.get_by_text("Volgens de controle is dit niet gedekt.")).to_be_visible()
    desk.get_by_label("Reden om buiten dekking te registreren").fill("Coulance: vaste klant")
    desk.get_by_role("button", name="Buiten dekking registreren").click()
    desk.get_by_role("combobox", name="Dekking").click()
    expect(desk.get_by_role("option")).to_have_text(["BASIC", "LEGAL"])
    desk.get_by_role("option", name="BASIC").click()
    desk.get_by_role("button", name="Buiten dekking registreren").click()
    expect(desk.get_by_role("heading", name="Schadedossier C")).to_be_visible()
    expect(desk.get_by_text("Buiten dekking", exact=True)).to_be_visible()
    expect(desk.get_by_text("Buiten dekking geregistreerd:")).to_contain_text("vaste klant")
    assert_clean(desk)
