"""The review tests' browser: one real headless Chromium page, launched the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import BrowserPage, chromium_page


@pytest.fixture
def browser_page() -> Iterator[BrowserPage]:
    with chromium_page() as opened:
        yield opened
