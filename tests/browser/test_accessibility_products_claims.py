"""The product and claim screens pass an axe-core WCAG 2.1 AA scan, in Dutch and in English,
with data on them: a live product with a draft version in the designer, the quote panel's form
from JSON Schema, a claim with a payment waiting for approval, the reports' charts. An employee
with only `relations:view` finds no control on them, even by their address."""

import time

import httpx
from playwright.sync_api import Page, expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login

EVERYTHING = {
    "protocols": ["product-developer", "product-approver", "claims-handler", "claims-approver"],
    "rights": [{"module": "creditors", "action": "view"}],
}
APPROVE = {"nl": "Accorderen", "en": "Approve"}
CONTROLS = [
    "Nieuw product",
    "Nieuwe versie",
    "Concept opslaan",
    "Indienen ter goedkeuring",
    "Goedkeuren",
    "In test zetten",
    "Publiceren",
    "Schade registreren",
    "Reserve wijzigen",
    "Betaling invoeren",
    "Accorderen",
]
HEADINGS = {
    "nl": ["Producten", "Inboedelverzekering (HOME)", "Schades", "Schade melden"],
    "en": ["Products", "Inboedelverzekering (HOME)", "Claims", "Register a claim"],
}


def open_screen(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()


def test_product_and_claim_screens_pass_wcag_21_aa_in_both_languages(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    person = create_login(gateway, keycloak, by, tenant, EVERYTHING)
    assert gateway.post("/api/products/HOME/versions", headers=person.headers()).status_code == 201
    # Another handler enters the payment, so the person scanning sees the approve buttons.
    handler = create_login(gateway, keycloak, by, tenant, {"protocols": ["claims-handler"]})
    h = handler.headers()
    claim = {
        "policy_id": policy.policy_id,
        "loss_date": "2026-10-10",
        "cause": "storm",
        "description": "Storm damage",
        "estimate": "2500.00",
    }
    for _ in range(60):  # the claims service learns of the policy from events
        made = gateway.post("/api/claims", json=claim, headers=h)
        if made.status_code == 201:
            break
        time.sleep(0.3)
    assert made.status_code == 201, made.text
    claim_id = made.json()["id"]
    for to in ("in_treatment", "accepted"):
        moved = gateway.post(
            f"/api/claims/{claim_id}/transitions", json={"to": to, "note": to}, headers=h
        )
        assert moved.status_code == 200, moved.text
    holder = made.json()["policyholder"]["id"]
    paid = gateway.post(
        f"/api/claims/{claim_id}/payments",
        json={"payee_relation_id": holder, "amount": "1500.00"},
        headers=h,
    )
    assert paid.status_code == 201 and paid.json()["status"] == "awaiting_approval", paid.text

    for language, (products, home, claims, register) in HEADINGS.items():
        page = portal.login(person.login.username, person.login.password, language)
        url = portal.url
        open_screen(page, f"{url}/products", products)
        assert_accessible(page, f"products ({language})")
        open_screen(page, f"{url}/products/HOME?version=2", home)
        expect(page.get_by_role("region").first).to_be_visible()
        assert_accessible(page, f"product designer ({language})")
        open_screen(page, f"{url}/products/HOME?version=1", home)
        expect(page.locator("form.rjsf, form").first).to_be_visible()
        assert_accessible(page, f"product quote panel ({language})")
        open_screen(page, f"{url}/claims", claims)
        assert_accessible(page, f"claims ({language})")
        open_screen(page, f"{url}/claims/new", register)
        assert_accessible(page, f"register a claim ({language})")
        page.goto(f"{url}/claims/{claim_id}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(made.json()["number"])
        assert_accessible(page, f"claim file ({language})")
        page.goto(f"{url}/claims/approvals")
        approve = APPROVE[language]
        page.get_by_role("row").nth(1).get_by_role("button", name=approve).click()
        expect(page.get_by_role("dialog")).to_be_visible()
        assert_accessible(page, f"approving a payment ({language})")
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_have_count(0)
        assert_accessible(page, f"approvals ({language})")
        page.goto(f"{url}/claims/reports?from=2026-01-01&to=2026-12-31")
        expect(page.locator(".recharts-surface").first).to_be_visible()
        assert_accessible(page, f"claims reports ({language})")
        page.context.close()

    reader = create_login(
        gateway,
        keycloak,
        by,
        tenant,
        {"protocols": [], "rights": [{"module": "relations", "action": "view"}]},
    )
    page = portal.login(reader.login.username, reader.login.password)
    for path in ("/products", "/products/HOME?version=2", "/claims", "/claims/new"):
        page.goto(f"{portal.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.wait_for_load_state("networkidle")
        for control in CONTROLS:
            expect(page.get_by_role("button", name=control)).to_have_count(0)
        expect(page.get_by_role("link", name="Schade melden")).to_have_count(0)
        assert_accessible(page, f"{path} without rights")
