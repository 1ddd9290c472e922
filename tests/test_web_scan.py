"""The page's "Scan" tab in a real browser (Debian's chromium driven by Playwright, as in
test_web_page.py): recognised terms highlighted with their official translation beside them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web_helpers import chromium
from tests.web_helpers import opened_page
from tests.web_helpers import served_glossary

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the shipped glossary, served on a loopback port in a thread."""
    with served_glossary(tmp_path_factory.mktemp("web-scan")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    with opened_page(browser, server) as opened:
        yield opened


TEXT = "𠀀 第一行：数位经济指导小组（DESG）\n發展人工智能與 privacy enhancing technologies"


def test_the_scan_tab_highlights_each_term_with_its_official_translation(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#tab-scan").click()
    assert page.locator("#panel-scan").is_visible()
    assert not page.locator("#panel-search").is_visible() and not page.locator("#panel-check").is_visible()
    page.locator("#scan-source").fill(TEXT)
    page.locator("#scan-source").press("Control+Enter")
    page.locator("#scan-status").filter(has_text="4 terms").wait_for()
    marks = page.locator("#scan-text mark.term")
    assert marks.all_inner_texts() == [
        "数位经济指导小组",
        "DESG",
        "人工智能",
        "privacy enhancing technologies",
    ]
    glosses = page.locator("#scan-text .gloss").all_inner_texts()
    assert glosses == [
        "Digital Economy Steering Group · DESG",
        "數位經濟指導小組",
        "Artificial intelligence · AI",
        "隱私強化技術",
    ]
    assert "deprecated" in (marks.nth(2).get_attribute("class") or "")
    assert "人工智慧" in (marks.nth(2).get_attribute("title") or "")
    # the text itself is unchanged around the marks (astral characters counted as Python does)
    text = page.locator("#scan-text").inner_text()
    for gloss in glosses:
        text = text.replace(gloss, "", 1)
    assert text == TEXT


def test_nothing_found_and_switching_tabs_back(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#tab-scan").click()
    page.locator("#scan-source").fill("nothing to see here")
    page.locator("#scan-button").click()
    page.locator("#scan-status").filter(has_text="no glossary terms").wait_for()
    assert page.locator("#scan-text mark").count() == 0
    page.locator("#tab-search").click()
    assert page.locator("#panel-search").is_visible() and not page.locator("#panel-scan").is_visible()
    assert page.locator("#tab-scan").get_attribute("aria-selected") == "false"
    page.locator("#tab-check").click()
    assert page.locator("#panel-check").is_visible() and not page.locator("#panel-scan").is_visible()
