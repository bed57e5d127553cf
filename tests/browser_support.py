"""Real headless Chromium for the tests that look at a page as the user would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

CHROMIUM = "/usr/bin/chromium"  # Debian's package (Makefile APT_TEST), not a download
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # tests run as root in CI containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # nothing may reach the network: a report is self-contained
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",  # the report's audio plays unclicked
]
VIEWPORT = {"width": 1100, "height": 900}


@dataclass
class BrowserPage:
    """An open page, with what went wrong in it and every URL it asked for."""

    page: Any  # playwright.sync_api.Page
    problems: list[str] = field(default_factory=list)  # console errors and page errors
    requests: list[str] = field(default_factory=list)  # first 40 characters of each URL


@contextmanager
def chromium_page() -> Iterator[BrowserPage]:
    """A page in headless Chromium; the browser is closed on leaving, pass or fail."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            opened = BrowserPage(browser.new_page(viewport=VIEWPORT))
            problems, requests = opened.problems, opened.requests
            opened.page.on(
                "console", lambda m: problems.append(m.text) if m.type == "error" else None
            )
            opened.page.on("pageerror", lambda e: problems.append(str(e)))
            opened.page.on("request", lambda r: requests.append(r.url[:40]))
            yield opened
        finally:
            browser.close()
