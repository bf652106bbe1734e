"""The debtors, creditors and ledger screens pass an axe-core WCAG 2.1 AA scan, in Dutch and in
English, with data on them: open items with their ageing chart, a receipt with its suggestions and
a manual allocation under way, a refused upload, matches, a payment to the insurer, the insurer's
settlement, the chart of accounts, journal entries, the entry form, periods, the trial balance
and an account card; and the dialogs that confirm a change of money."""

from datetime import date
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from devstack.stack import Stack
from tests.support.accounts import books_with_a_policy, statement_file
from tests.support.api import Api
from tests.support.browser import Portal, assert_accessible
from tests.support.keycloak import KeycloakTestAdmin

WORDS = {
    "nl": {
        "receipt": "J. de Vries € 18,48 afletteren",
        "add": "{} toevoegen",
        "match": "Afletteren",
        "upload": "Inlezen",
        "cancel": "Annuleren",
        "new_account": "Nieuwe rekening",
        "add_line": "Regel toevoegen",
    },
    "en": {
        "receipt": "Match J. de Vries €18.48",
        "add": "Add {}",
        "match": "Match",
        "upload": "Upload",
        "cancel": "Cancel",
        "new_account": "New account",
        "add_line": "Add a line",
    },
}


def settled(page: Page) -> None:
    """Wait until no transition runs (a dialog fading in is scanned once it is opaque)."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.effect?.getTiming().iterations === Infinity)"
    )


def screen(page: Page, url: str, name: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, name)


def test_accounts_screens_pass_wcag_21_aa_in_both_languages(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
    tmp_path: Path,
) -> None:
    books = books_with_a_policy(stack, gateway, keycloak, operator.headers(tenant), tenant)
    first = books.items[0]
    holder = first["relation_id"]
    statement = statement_file(
        tmp_path, "a.xml", [("9.44", f"Premie {first['reference']}"), ("18.48", "Premie")], "A-1"
    )
    xml = {**books.headers, "content-type": "application/xml"}
    url = "/api/ledger/bank-statements"
    assert gateway.post(url, content=statement.read_bytes(), headers=xml).status_code == 201
    insurer_item = gateway.get("/api/creditors/open-items", headers=books.headers).json()["items"][
        0
    ]
    insurer = insurer_item["relation_id"]
    payment = (
        "date,amount,name,iban,reference,description\n"
        f"{date.today()},-5.00,{insurer_item['name']},NL02RABO0123456789,,Afdracht\n"
    )
    csv = {**books.headers, "content-type": "text/csv"}
    assert gateway.post(url, content=payment.encode(), headers=csv).status_code == 201
    receipts = gateway.get(
        "/api/debtors/receipts", params={"unmatched": "true"}, headers=books.headers
    ).json()["items"]
    named = next(r for r in receipts if r["amount"] == "9.44")
    accepted = gateway.post(
        f"/api/debtors/receipts/{named['id']}/suggestions/1/accept", headers=books.headers
    )
    assert accepted.status_code == 201, accepted.text
    bad = tmp_path / "bad.csv"
    bad.write_text("date,amount,name,iban,reference,description\nmorgen,1.00,X,,,\n")
    today = date.today().isoformat()

    for language, words in WORDS.items():
        page = portal.login(
            books.accountant.login.username, books.accountant.login.password, language
        )
        base = portal.url
        screen(page, f"{base}/debtors", f"debtors ({language})")
        screen(page, f"{base}/debtors/{holder}", f"debtor account ({language})")
        expect(page.locator("div[role=img][aria-label]")).to_be_visible()

        page.goto(f"{base}/debtors/matching")
        page.get_by_role("button", name=words["receipt"]).click()
        expect(page.get_by_role("article").first).to_be_visible()
        page.get_by_role("button", name=words["add"].format(books.items[1]["reference"])).click()
        page.locator("input[type=file]").set_input_files(bad)
        page.get_by_role("button", name=words["upload"], exact=True).click()
        page.get_by_role("dialog").get_by_role("button").last.click()
        expect(page.get_by_role("alert")).to_be_visible()
        settled(page)
        assert_accessible(page, f"matching workbench ({language})")
        page.get_by_role("button", name=words["match"], exact=True).last.click()
        expect(page.get_by_role("dialog")).to_be_visible()
        settled(page)
        assert_accessible(page, f"match confirmation ({language})")
        page.get_by_role("dialog").get_by_role("button", name=words["cancel"]).click()
        screen(page, f"{base}/debtors/matching?tab=matches", f"matches ({language})")

        screen(page, f"{base}/creditors", f"creditors ({language})")
        screen(page, f"{base}/creditors/{insurer}", f"creditor account ({language})")
        screen(
            page,
            f"{base}/creditors/{insurer}/settlement?from={today[:8]}01&to={today}",
            f"insurer settlement ({language})",
        )
        page.goto(f"{base}/creditors/matching")
        page.locator("tr[data-line]").first.get_by_role("button").click()
        expect(page.get_by_role("region").last).to_be_visible()
        assert_accessible(page, f"payments workbench ({language})")

        screen(page, f"{base}/ledger", f"chart of accounts ({language})")
        page.get_by_role("button", name=words["new_account"]).click()
        expect(page.get_by_role("dialog")).to_be_visible()
        settled(page)
        assert_accessible(page, f"new account ({language})")
        page.keyboard.press("Escape")
        screen(page, f"{base}/ledger/entries", f"journal entries ({language})")
        screen(page, f"{base}/ledger/entries/new", f"journal entry form ({language})")
        page.get_by_role("button", name=words["add_line"]).click()
        assert_accessible(page, f"journal entry form with lines ({language})")
        screen(page, f"{base}/ledger/periods", f"periods ({language})")
        screen(page, f"{base}/ledger/trial-balance", f"trial balance ({language})")
        screen(page, f"{base}/ledger/accounts/1100", f"account card ({language})")
        page.context.close()
