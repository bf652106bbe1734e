"""A policy clerk sets the tenant's letterhead on its screen (a file that is not a PNG refused
at the logo, a PNG logo previewed and saved), finds the policy's schedule and invoices among its
documents and opens the schedule: a new tab with the PDF, which carries the letterhead. The
tenant's administrator finds the letterhead under Beheer, in English too."""

import io
import re
from pathlib import Path

import httpx
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible, go
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login

NAME = "Verzekeringen Noord BV"
PREVIEW = "Het logo zoals het op het briefpapier staat"


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def opened_pdf(page: Page, button: Locator) -> str:
    """The address of the new tab the button opens (the PDF fetched with the person's token)."""
    with page.expect_popup() as popup:
        button.click()
    tab = popup.value
    tab.wait_for_load_state()
    return tab.url


def test_a_clerk_sets_the_letterhead_and_opens_a_policy_schedule(
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
    number = gateway.get(f"/api/policies/{policy.policy_id}", headers=policy.clerk).json()["number"]
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (10, 60, 120)).save(logo, format="PNG")
    not_png = tmp_path / "logo-really-a-gif.png"
    Image.new("RGB", (120, 40), (10, 60, 120)).save(not_png, format="GIF")

    # The letterhead, set on its screen: none yet, a GIF refused at the logo, then a PNG.
    page = portal.login(clerk.login.username, clerk.login.password)
    go(page, "Briefpapier")
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefpapier")
    expect(page.get_by_text("Er is nog geen briefpapier ingesteld")).to_be_visible()
    expect(
        page.get_by_text("Een wijziging geldt voor de documenten van vandaag af")
    ).to_be_visible()
    page.get_by_label("Naam op het briefpapier").fill(NAME)
    page.get_by_label("Adres", exact=True).fill("Grote Markt 1")
    file_input = page.locator("input[type=file][name=logo_png]")
    file_input.set_input_files(not_png)
    expect(page.get_by_text("Dit is geen PNG-bestand.")).to_be_visible()
    file_input.set_input_files(logo)
    expect(page.get_by_text("Dit is geen PNG-bestand.")).to_be_hidden()
    preview = page.get_by_role("img", name=PREVIEW)
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("src", re.compile(r"^data:image/png;base64,iVBORw0KGgo"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_be_visible()
    expect(page.get_by_text("Er is nog geen briefpapier ingesteld")).to_be_hidden()
    assert_accessible(page, "letterhead")
    page.reload()
    expect(page.get_by_label("Naam op het briefpapier")).to_have_value(NAME)
    expect(page.get_by_label("Adres", exact=True)).to_have_value("Grote Markt 1")
    expect(page.get_by_role("img", name=PREVIEW)).to_be_visible()

    # The policy's documents: its schedule and its invoices, none sent yet.
    page.goto(f"{portal.url}/policies/{policy.policy_id}")
    page.get_by_role("tab", name="Documenten").click()
    table = page.get_by_role("table", name=f"Documenten van polis {number}, nieuwste eerst")
    schedule = table.get_by_role("row").filter(has_text="Polisblad")
    expect(schedule).to_have_count(1)
    expect(schedule).to_contain_text("schedule-")
    expect(schedule).to_contain_text("Nog niet verstuurd")
    expect(schedule).not_to_contain_text("TEST")
    expect(table.get_by_role("row").filter(has_text="Premienota")).to_have_count(9)
    assert_accessible(page, "policy documents")

    # The schedule opened as PDF: a new tab with the file, and the list says it is made now.
    url = opened_pdf(page, schedule.get_by_role("button", name="PDF openen"))
    assert url.startswith(f"blob:{portal.url}/"), url
    expect(schedule).to_contain_text("Gemaakt op")
    expect(page.get_by_role("alert")).to_have_count(0)

    # The same document through the gateway carries the letterhead.
    [listed] = [
        d
        for d in gateway.get(
            f"/api/policies/{policy.policy_id}/documents", headers=clerk.headers()
        ).json()["items"]
        if d["kind"] == "policy_schedule"
    ]
    assert listed["made_at"] is not None
    answer = gateway.get(listed["href"], headers=clerk.headers())
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert NAME in text and "Grote Markt 1" in text and number in text
    page.context.close()

    # The tenant's own administrator (no policy rights) keeps it under Beheer, in English too.
    admin = create_login(gateway, keycloak, operator.headers(), tenant)
    appointed = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": admin.user_id},
        headers=operator.headers(),
    )
    assert appointed.status_code == 201, appointed.text
    page = portal.login(admin.login.username, admin.login.password, "en")
    go(page, "Letterhead")
    expect(page.get_by_label("Name on the letterhead")).to_have_value(NAME)
    expect(page.get_by_role("img", name="The logo as it appears on the letterhead")).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_be_enabled()
    assert_accessible(page, "letterhead (en)")
    page.context.close()
