"""The shared Chromium page reports what the report tests check: errors and requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import BrowserPage


@pytest.mark.browser
def test_the_page_records_script_errors_and_every_request(
    browser_page: BrowserPage, tmp_path: Path
) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!doctype html><p id=ok>rendered</p>"
        '<img src="http://report.invalid/leak.png">'
        "<script>console.error('told off'); undefinedCall();</script>"
    )
    browser_page.page.goto(page_file.as_uri())
    assert browser_page.page.inner_text("#ok") == "rendered"  # a real browser drew it
    assert "told off" in browser_page.problems
    assert any("undefinedCall" in p for p in browser_page.problems), browser_page.problems
    assert browser_page.requests[0] == page_file.as_uri()[:40]
    assert "http://report.invalid/leak.png" in browser_page.requests
