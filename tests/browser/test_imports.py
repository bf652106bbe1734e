"""A portfolio import in the portal: an employee with the right hands in the example conversion
package, follows its dry run and reads the report per kind and the (empty) list of errors; the
tenant's own administrator finds it on the imports screen without the module's right (and
without its buttons). The employee then loads it into the books and withdraws it again."""

import zipfile
from pathlib import Path

import httpx
from playwright.sync_api import expect

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible, go
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import published_home
from tests.support.tenants import create_login, hand_over

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conversion"


def test_an_employee_hands_in_a_package_and_reads_its_report(
    portal: Portal,
    stack: Stack,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
    tmp_path: Path,
) -> None:
    by = operator.headers(tenant)
    published_home(stack, gateway, keycloak, by, tenant)
    rights = {"rights": [{"module": "imports", "action": a} for a in ("view", "create")]}
    employee = create_login(gateway, keycloak, by, tenant, rights)
    admin, _ = hand_over(gateway, keycloak, by, tenant)
    package = tmp_path / "pakket.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in EXAMPLE.iterdir():
            zf.write(file, file.name)

    page = portal.login(employee.login.username, employee.login.password)
    go(page, "Portefeuille-import")
    expect(page.get_by_text("Nog geen imports.")).to_be_visible()
    page.locator('input[type="file"]').set_input_files(str(package))
    page.get_by_role("button", name="Pakket aanbieden").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Portefeuille-import I0000001")
    expect(page.get_by_text("Goedgekeurd")).to_be_visible(timeout=60_000)
    policies = page.locator('[data-kind="policies"]')
    expect(policies).to_contain_text("policies.jsonl")
    expect(policies).to_contain_text("annual_premium 305.53")
    expect(page.locator('[data-kind="opening_balances"]')).to_contain_text("debit 5041.43")
    expect(page.get_by_text("Geen fouten gevonden.")).to_be_visible()
    assert_accessible(page, "import report")

    owner = portal.login(admin.login.username, admin.login.password)
    go(owner, "Portefeuille-import")
    row = owner.locator('[data-import="I0000001"]')
    expect(row).to_contain_text("Goedgekeurd")
    expect(row).to_contain_text("Assurantiepakket 7")
    assert_accessible(owner, "imports")
    owner.locator('[data-import="I0000001"]').get_by_role("link").first.click()
    expect(owner.get_by_role("heading", level=1)).to_contain_text("I0000001")
    expect(owner.get_by_role("button", name="Import intrekken")).to_have_count(0)

    page.get_by_role("button", name="In de administratie laden").click()
    expect(page.get_by_text("Geladen", exact=True)).to_be_visible(timeout=90_000)
    expect(policies).to_contain_text("annual_premium 305.53")
    expect(page.get_by_role("columnheader", name="Regels geladen")).to_be_visible()
    page.get_by_role("button", name="Import intrekken").click()
    expect(page.get_by_text("het grootboek boekt zijn boekingen terug")).to_be_visible()
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_text("Ingetrokken", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("withdrawal-undone")).to_contain_text("policies 3")
    assert_accessible(page, "import withdrawn")
