"""The browser tests' Chromium (Debian's, never a downloaded one) against the session's stack,
which serves the portal with the gateway on one origin."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from devstack.chromium import LAUNCH_ARGS, ensure_chromium
from devstack.stack import Stack
from tests.support.browser import Portal


# Package scope: Playwright's sync API keeps an event loop running in this thread while it is
# open, which would break asyncio.run() in the tests that come after the browser tests.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(ensure_chromium()), headless=True, args=list(LAUNCH_ARGS)
        )
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def portal(stack: Stack, chromium: Browser) -> Portal:
    return Portal(chromium, stack.portal_url)
