"""People using the portal in Debian's Chromium: a logged-in page per person, and the checks
every screen must pass (no raw JSON or stack trace; axe-core WCAG 2.1 AA)."""

import base64
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.support.tenants import Phone

REPO = Path(__file__).resolve().parents[2]
AXE = (REPO / "portal" / "node_modules" / "axe-core" / "axe.min.js").read_text()
SCREENSHOTS = REPO / "docs" / "screenshots"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Quiet three checks in a row: a dialog's fade may not have begun at the first check (its
# transition starts a frame after it mounts), and halfway its colours are judged too light.
SETTLED = """() => new Promise(done => {
  let quiet = 0;
  const check = () => {
    quiet = document.getAnimations().some(a => a.playState === "running") ? 0 : quiet + 1;
    quiet >= 3 ? done(true) : setTimeout(check, 50);
  };
  check();
})"""
RAW = re.compile(r'\{"|"(status|detail|title|type)"\s*:|Traceback|at [\w.]+ \(.*:\d+:\d+\)')


@dataclass
class Portal:
    browser: Browser
    url: str

    def login(self, username: str, password: str, language: str = "nl") -> Page:
        """A fresh browser profile that logs in through Keycloak's login page."""
        context = self.browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_init_script(f"localStorage.setItem('portal.language', '{language}')")
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(self.url + "/")
        keycloak_login(page, username, password)
        # A screen's heading shows once the rights are known: the menu is complete by then.
        expect(page.locator("nav")).to_be_visible()
        expect(page.locator("h1")).to_be_visible()
        return page


# The authenticator apps of the people who sign in here, by the login they type: Keycloak asks
# operators and administrators (and a tenant's staff, if it asks that of everyone) for a one-time
# code, and has them set up an app the first time.
PHONES: dict[str, Phone] = {}
_SIGNING_IN: dict[int, str] = {}


def keycloak_login(page: Page, username: str, password: str) -> None:
    """Keycloak asks for the password on a second page for members of an organization, then a
    one-time code of those who must give one."""
    page.locator("#username").fill(username)
    if not page.locator("#password").is_visible():
        page.locator("#kc-login").click()
    page.locator("#password").fill(password)
    page.locator("#kc-login").click()
    _SIGNING_IN[id(page)] = username
    second_factor(page)


def choose_new_password(page: Page, password: str) -> None:
    """Keycloak's page for replacing a temporary password."""
    page.locator("#password-new").fill(password)
    page.locator("#password-confirm").fill(password)
    page.locator("input[type=submit], button[type=submit]").first.click()
    second_factor(page)


def second_factor(page: Page, seconds: float = 20) -> None:
    """Once the page after the last one is there: an authenticator set up with the secret
    Keycloak shows (its first code), or a fresh code of it; nothing where none is asked."""
    username = _SIGNING_IN.get(id(page), "")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if "/realms/" not in page.url or page.locator("#password-new").is_visible():
            return  # back in the portal, or another of Keycloak's questions first
        secret = page.locator("input[name=totpSecret]")
        if secret.count():
            phone = PHONES[username] = Phone(
                base64.b32encode(secret.input_value().encode()).decode()
            )
            page.locator("#totp").fill(phone.code())
            page.locator("#userLabel").fill("phone")
            page.locator("#saveTOTPBtn, input[type=submit], button[type=submit]").first.click()
            return
        if page.locator("#otp").is_visible():
            page.locator("#otp").fill(PHONES[username].code())
            page.locator("#kc-login").click()
            return
        page.wait_for_timeout(100)


def go(page: Page, name: str) -> None:
    """Open a screen from the menu by its name."""
    page.locator("nav").get_by_role("link", name=name, exact=True).click()
    expect(page.locator("h1")).to_be_visible()


def menu(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("nav a").all_inner_texts()]


def assert_clean(page: Page) -> None:
    """No person ever sees raw JSON or a stack trace."""
    text = page.locator("body").inner_text()
    assert not RAW.search(text), f"raw data on {page.url}: {RAW.search(text)}"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.wait_for_load_state("networkidle")
    # Colours are judged once a dialog has faded in, not halfway.
    # (A promise by evaluate, as wait_for_function would need the 'unsafe-eval' the CSP forbids.)
    page.evaluate(SETTLED)
    page.evaluate(AXE)  # by the debugging protocol: the page's own CSP stays in force
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_accessible(page: Page, screen: str) -> None:
    assert_clean(page)
    violations = axe_violations(page)
    assert not violations, f"{screen} ({page.url}): {violations}"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
