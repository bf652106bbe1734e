"""An accountant's day in the portal: a bank statement uploaded (a duplicate and a bad line shown
plainly), a suggestion accepted, another receipt allocated by hand over two items with a
write-off, one match undone, and the trial balance still balancing on screen; then the ledger:
an account added and blocked, a journal entry that cannot be saved until it balances, its
reversal, a month closed, the account card."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
from playwright.sync_api import Locator, Page, expect

from devstack.stack import Stack
from tests.support.accounts import books_with_a_policy, statement_file
from tests.support.api import Api
from tests.support.browser import Portal, assert_clean, go, screenshot
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login


def euros(text: str) -> Decimal:
    """An amount as the Dutch screens show it ("€ 1.234,56")."""
    bare = re.sub(r"[^\d,-]", "", text)
    return Decimal(bare.replace(",", "."))


def figure(region: Locator, label: str) -> Locator:
    """The amount shown under a label of the live summary."""
    return region.get_by_text(label, exact=True).locator("xpath=following-sibling::*[1]")


def confirm(page: Page, button: str) -> None:
    """Click a button that changes money, then Confirm in the dialog it opens."""
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert_clean(page)
    dialog.get_by_role("button", name="Bevestigen").click()
    expect(dialog).to_be_hidden()


def test_an_accountant_matches_receipts_and_the_trial_balance_still_balances(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
    tmp_path: Path,
) -> None:
    books = books_with_a_policy(stack, gateway, keycloak, operator.headers(tenant), tenant)
    first, second, third = books.items[0], books.items[1], books.items[2]
    statement = statement_file(
        tmp_path,
        "afschrift.xml",
        [("9.44", f"Premie {first['reference']}"), ("18.48", "Premie")],
        "STMT-PORTAL-1",
    )
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "date,amount,name,iban,reference,description\n"
        "2026-11-02,12.50,J. de Vries,NL91ABNA0417164300,,Premie\n"
        "2026-13-01,12.50,J. de Vries,NL91ABNA0417164300,,Premie\n"
    )

    page = portal.login(books.accountant.login.username, books.accountant.login.password)
    go(page, "Debiteuren")
    row = page.get_by_role("row", name=re.compile("J. de Vries"))
    expect(row).to_contain_text("€ 84,96")
    page.get_by_role("navigation", name="Schermen van Debiteuren").get_by_role(
        "link", name="Afletteren"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ontvangsten afletteren")

    # Upload: booked once; the same file again and a bad line are said plainly.
    upload = page.locator("input[type=file]")
    upload.set_input_files(statement)
    confirm(page, "Inlezen")
    expect(page.get_by_role("status")).to_contain_text(
        "Afschrift STMT-PORTAL-1 is ingelezen: 2 ontvangsten en 0 betalingen geboekt."
    )
    upload.set_input_files(statement)
    confirm(page, "Inlezen")
    expect(page.get_by_role("alert")).to_contain_text(
        "Dit bestand is al eerder ingelezen; er is niets opnieuw geboekt."
    )
    upload.set_input_files(bad)
    confirm(page, "Inlezen")
    expect(page.get_by_role("alert")).to_contain_text(
        "Regel 3: de datum is ongeldig (verwacht JJJJ-MM-DD)"
    )
    assert_clean(page)

    # A suggestion accepted in one click (and one confirmation).
    page.get_by_role("button", name="J. de Vries € 9,44 afletteren").click()
    suggestion = page.get_by_role("article", name="Voorstel 1: J. de Vries")
    expect(suggestion).to_contain_text(first["reference"])
    expect(suggestion).to_contain_text("Factuur- of polisnummers in de omschrijving")
    expect(suggestion).to_contain_text("Het IBAN van de betaler is bekend bij deze relatie")
    confirm(page, "Voorstel 1 accepteren")
    expect(page.get_by_role("status")).to_contain_text("Afgeletterd: € 9,44 op 1 open post.")

    # Another receipt by hand over two items; the 0.40 short is written off within tolerance.
    page.get_by_role("button", name="J. de Vries € 18,48 afletteren").click()
    manual = page.get_by_role("region", name="Met de hand verdelen")
    expect(manual.get_by_label("Open posten zoeken")).to_have_value("J. de Vries")
    manual.get_by_role("button", name=f"{second['reference']} toevoegen").click()
    manual.get_by_role("button", name=f"{third['reference']} toevoegen").click()
    expect(manual.get_by_label(f"Bedrag voor {second['reference']}")).to_have_value("9,44")
    expect(manual.get_by_label(f"Bedrag voor {third['reference']}")).to_have_value("9,04")
    expect(figure(manual, "Blijft onverdeeld")).to_have_text("€ 0,00")
    manual.get_by_label(f"Bedrag voor {third['reference']}").fill("9,44")
    expect(figure(manual, "Tekort")).to_have_text("€ 0,40")
    expect(figure(manual, "Verdeeld")).to_have_text("€ 18,88")
    afletteren = manual.get_by_role("button", name="Afletteren", exact=True)
    expect(afletteren).to_be_disabled()  # the shortfall is not written off yet
    manual.get_by_label(
        "Tekort van € 0,40 afboeken als betalingsverschil (tolerantie € 1,00)"
    ).check()
    expect(afletteren).to_be_enabled()
    page.evaluate("window.scrollTo(0, 0)")  # the fixed top bar stays at the top of the image
    screenshot(page, "matching-workbench")
    confirm(page, "Afletteren")
    expect(page.get_by_role("status")).to_contain_text(
        "Afgeletterd: € 18,88 over 2 open posten. € 0,40 is afgeboekt als betalingsverschil."
    )
    expect(page.get_by_text("Alle ontvangsten zijn afgeletterd.")).to_be_visible()

    # One match undone: its items are open again.
    page.get_by_role("tab", name="Afletteringen").click()
    expect(page).to_have_url(re.compile(r"/debtors/matching\?tab=matches"))
    accepted = page.locator("tr[data-match]", has_text=first["reference"])
    expect(accepted).to_contain_text("Van kracht")
    accepted.get_by_role("button", name="Ongedaan maken").click()
    page.get_by_role("dialog").get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De aflettering is ongedaan gemaakt: € 9,44 staat weer open."
    )
    expect(accepted).to_contain_text("Ongedaan gemaakt door")
    expect(accepted.get_by_role("button", name="Ongedaan maken")).to_have_count(0)
    assert_clean(page)

    # The debtor's account: two items taken off, the rest open, the ageing as a chart.
    page.get_by_role("navigation", name="Schermen van Debiteuren").get_by_role(
        "link", name="Saldi"
    ).click()
    page.get_by_role("link", name="J. de Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rekening-courant J. de Vries")
    expect(page.get_by_text("7 open posten")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Staafdiagram"))).to_be_visible()
    expect(page.get_by_text("€ 66,08").first).to_be_visible()

    # The trial balance still balances, on screen as in the books.
    go(page, "Grootboek")
    page.get_by_role("link", name="Proefbalans").click()
    expect(page.get_by_text("In balans", exact=True)).to_be_visible()
    totals = page.get_by_test_id("trial-totals").locator("td")
    debit, credit = euros(totals.nth(0).inner_text()), euros(totals.nth(1).inner_text())
    assert debit == credit > 0
    trial = gateway.get("/api/ledger/trial-balance", headers=books.headers).json()
    assert trial["balanced"] and Decimal(trial["total_debit"]) == debit
    write_off = next(a for a in trial["accounts"] if a["code"] == "4900")
    assert write_off["balance"] == "0.40"
    assert_clean(page)

    # The creditor side: a payment to the insurer matched by hand, then the insurer's statement.
    insurer = gateway.get("/api/creditors/open-items", headers=books.headers).json()["items"][0]
    payment = tmp_path / "betalingen.csv"
    payment.write_text(
        "date,amount,name,iban,reference,description\n"
        f"{date.today()},-5.00,{insurer['name']},NL02RABO0123456789,,Afdracht\n"
    )
    go(page, "Crediteuren")
    page.get_by_role("navigation", name="Schermen van Crediteuren").get_by_role(
        "link", name="Afletteren"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalingen afletteren")
    page.locator("input[type=file]").set_input_files(payment)
    confirm(page, "Inlezen")
    expect(page.get_by_role("status")).to_contain_text("0 ontvangsten en 1 betalingen geboekt")
    page.locator("tr[data-line]").get_by_role("button", name="Afletteren").click()
    manual = page.get_by_role("region", name="Met de hand verdelen")
    manual.get_by_role("button", name=f"{insurer['reference']} toevoegen").click()
    expect(manual.get_by_label(f"Bedrag voor {insurer['reference']}")).to_have_value("5,00")
    confirm(page, "Afletteren")
    expect(page.get_by_role("status")).to_contain_text("Afgeletterd: € 5,00 op 1 open post.")
    expect(page.get_by_text("Alle betalingen zijn afgeletterd.")).to_be_visible()

    page.get_by_role("link", name="Saldi").click()
    page.get_by_role("link", name=insurer["name"]).click()
    page.get_by_role("button", name="Afrekening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Afrekening met {insurer['name']}")
    page.get_by_role("textbox", name="Van").fill(date.today().replace(day=1).isoformat())
    page.get_by_role("textbox", name="Tot en met").fill(date.today().isoformat())
    page.get_by_role("button", name="Afrekening tonen").click()
    paid = page.get_by_text("Al betaald", exact=True).locator("xpath=following-sibling::*[1]")
    expect(paid).to_have_text("€ 5,00")
    page.get_by_role("button", name="Afrekening boeken").click()
    page.get_by_role("dialog").get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("dialog")).to_contain_text("De periode is nog niet voorbij")
    assert_clean(page)


def test_an_accountant_keeps_the_ledger(
    stack: Stack,
    portal: Portal,
    operator: Api,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    tenant: str,
) -> None:
    by = operator.headers(tenant)
    accountant = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    viewer = create_login(
        gateway,
        keycloak,
        by,
        tenant,
        {"rights": [{"module": m, "action": "view"} for m in ("debtors", "creditors", "ledger")]},
    )
    page = portal.login(accountant.login.username, accountant.login.password)
    go(page, "Grootboek")

    # An account added (a taken code said on its field), then blocked.
    page.get_by_role("button", name="Nieuwe rekening").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Rekening").fill("1100")
    dialog.get_by_label("Naam").fill("Tweede bank")
    dialog.get_by_role("combobox", name="Soort").click()
    page.get_by_role("option", name="Activa").click()
    dialog.get_by_role("button", name="Aanmaken").click()
    expect(dialog.get_by_label("Rekening")).to_have_attribute("aria-invalid", "true")
    expect(dialog).to_contain_text("Deze rekening bestaat al.")
    dialog.get_by_label("Rekening").fill("1150")
    dialog.get_by_role("button", name="Aanmaken").click()
    expect(page.get_by_role("status")).to_contain_text("Rekening 1150 Tweede bank is toegevoegd.")
    page.get_by_role("button", name="Rekening 1150 blokkeren").click()
    expect(page.get_by_role("status")).to_contain_text("Rekening 1150 is geblokkeerd")
    expect(page.get_by_role("row", name=re.compile("1150"))).to_contain_text("Geblokkeerd")

    # A journal entry: Save stays disabled until debits equal credits.
    page.get_by_role("link", name="Journaalposten").click()
    page.get_by_role("button", name="Nieuwe journaalpost").click()
    page.get_by_label("Omschrijving").fill("Kasverschil november")
    save = page.get_by_role("button", name="Opslaan")
    for n, (account, side, amount) in enumerate(
        [("1100", "Debet", "1.234,56"), ("4900", "Credit", "1.234,50")], start=1
    ):
        page.get_by_role("combobox", name=f"Rekening van regel {n}").click()
        page.get_by_role("option", name=re.compile(f"^{account} ")).click()
        page.get_by_label(f"{side} van regel {n}").fill(amount)
    expect(page.get_by_text("Verschil € 0,06")).to_be_visible()
    expect(save).to_be_disabled()
    page.get_by_label("Credit van regel 2").fill("1.234,56")
    expect(page.get_by_text("In balans")).to_be_visible()
    expect(save).to_be_enabled()
    save.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("debet € 1.234,56")
    dialog.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("is geboekt (€ 1.234,56).")
    number = re.search(r"Journaalpost (\d+)", page.get_by_role("status").inner_text())
    assert number

    # Filtered in the address; reversed with a confirmation.
    page.get_by_role("link", name="Naar de journaalposten").click()
    page.get_by_role("combobox", name="Bron").click()
    page.get_by_role("option", name="Memoriaal").click()
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/ledger/entries\?source=manual"))
    entry = page.locator(f"tbody[data-entry='{number.group(1)}']")
    expect(entry).to_contain_text("Kasverschil november")
    entry.get_by_role("button", name="Tegenboeken").click()
    page.get_by_role("dialog").get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Journaalpost {number.group(1)} is tegengeboekt met journaalpost"
    )
    page.goto(f"{portal.url}/ledger/entries?source=reversal")
    expect(page.locator("tbody[data-entry]")).to_have_count(1)
    expect(page.locator("tbody[data-entry]")).to_contain_text("Kasverschil november")
    expect(page.locator("tbody[data-entry]").get_by_role("button")).to_have_count(0)

    # The account card: the entry and its reversal, back to nothing.
    page.goto(f"{portal.url}/ledger/accounts/4900")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grootboekkaart 4900")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_text("Eindsaldo")).to_be_visible()

    # Last month closed, in order; a second close of it is refused plainly.
    page.get_by_role("link", name="Perioden").click()
    close = page.get_by_role("button", name=re.compile(" afsluiten$"))
    month = close.inner_text().removesuffix(" afsluiten")
    confirm(page, close.inner_text())
    expect(page.get_by_role("status")).to_contain_text(f"{month} is afgesloten")
    expect(page.get_by_role("row", name=re.compile(month))).to_be_visible()
    expect(page.get_by_text("Als volgende af te sluiten")).to_be_visible()
    assert_clean(page)

    # Viewing only: the same screens without a control that changes anything.
    look = portal.login(viewer.login.username, viewer.login.password)
    for url in ("/ledger", "/ledger/entries", "/ledger/periods", "/debtors/matching"):
        look.goto(portal.url + url)
        expect(look.get_by_role("heading", level=1)).to_be_visible()
        look.wait_for_load_state("networkidle")
        for name in ("Nieuwe rekening", "Nieuwe journaalpost", "Tegenboeken", "Inlezen"):
            expect(look.get_by_role("button", name=name)).to_have_count(0)
        expect(look.get_by_role("button", name=re.compile("blokkeren|afsluiten"))).to_have_count(0)
    look.goto(portal.url + "/ledger/entries/new")
    expect(look.get_by_text("U mag geen journaalposten invoeren.")).to_be_visible()
