"""The web page's test rig, shared by every browser test: the app served on a loopback port
in a thread, Debian's chromium driven by Playwright (the test skips, saying why, without
chromium; Playwright itself is in ``.[dev]``, so without it the test fails), and a page that
fails its test on any unexpected console or page error."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from tests.api_helpers import CHROMIUM
from tests.api_helpers import CHROMIUM_ARGS
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.api_helpers import serving


@contextmanager
def served_glossary(
    home: Path, terms: Path | None = None, patch: Callable[[pytest.MonkeyPatch], None] | None = None
) -> Iterator[str]:
    """The app on a fresh SQLite database in ``home`` (filled from ``terms``, default the
    shipped glossary), served in a thread; yields its URL. ``patch`` may stub parts of the app."""
    patcher = pytest.MonkeyPatch()
    patcher.setenv("GLOSSARY_HOME", str(home))  # module-scoped: the per-test isolation is not set up yet
    if terms is not None:
        patcher.setenv("GLOSSARY_TERMS", str(terms))
    if patch is not None:
        patch(patcher)
    app = make_app(f"sqlite:///{home / 'web.sqlite3'}")
    try:
        with serving(app) as url:
            yield url
    finally:
        close_app(app)
        patcher.undo()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium (Playwright's Browser); skips the test when either is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); the page is not tested")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def opened_page(
    browser: Any, server: str, expected_errors: Iterable[str] = (), clipboard: bool = False
) -> Iterator[Any]:
    """The page at ``/`` in a new browser context; afterwards, asserts that no console or page
    error occurred except those containing one of ``expected_errors``."""
    context = browser.new_context(base_url=server, viewport={"width": 1000, "height": 800})
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    opened.goto("/")
    yield opened
    context.close()
    expected = list(expected_errors)
    unexpected = [e for e in errors if not any(part in e for part in expected)]
    assert not unexpected, unexpected
