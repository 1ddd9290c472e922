"""The translators' page in a real browser: Debian's chromium driven by Playwright.

``playwright install`` cannot download a browser here, so the test launches
/usr/bin/chromium and skips, saying why, where it is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import api.check
from tests.api_helpers import CHROMIUM
from tests.api_helpers import CHROMIUM_ARGS as ARGS
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.api_helpers import serving

pytestmark = pytest.mark.browser


def acronym_checker(store: object, document: object, options: object = None) -> dict:
    """A stand-in for glossary check: flags every "XYZ", suggesting DESG (the page is under test)."""
    findings = []
    for n, line in enumerate(document.lines, 1):  # type: ignore[attr-defined]
        at = line.find("XYZ")
        while at >= 0:
            column = len(line[:at]) + 1  # code points, as Python counts
            suggestion = {"text": "DESG", "concept_id": "x", "citation": None}
            findings.append(
                {"line": n, "column": column, "acronym": "XYZ", "text": "XYZ", "type": "undefined",
                 "message": "XYZ is not defined", "suggestion": suggestion}
            )  # fmt: skip
            at = line.find("XYZ", at + 1)
    return {"file": None, "findings": findings}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served on a loopback port, in a thread, on a fresh database."""
    home = tmp_path_factory.mktemp("web")
    patch = pytest.MonkeyPatch()
    patch.setenv("GLOSSARY_HOME", str(home))  # module-scoped: the per-test isolation is not set up yet
    app = make_app(f"sqlite:///{home / 'web.sqlite3'}")
    patch.setattr(api.check, "check_document", acronym_checker)
    try:
        with serving(app) as url:
            yield url
    finally:
        close_app(app)
        patch.undo()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); the page is not tested")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 1000, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    opened.goto("/")
    yield opened
    context.close()
    assert not errors, errors


def test_typing_an_acronym_shows_the_pair_side_by_side_with_its_citation(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#q").press_sequentially("DESG", delay=30)
    first = page.locator(".result").first
    first.locator(".form.zh .text").filter(has_text="數位經濟指導小組").wait_for()
    assert first.locator(".form.en .text").inner_text() == "Digital Economy Steering Group"
    assert first.locator(".abbr").inner_text() == "DESG"
    assert "組織" in first.locator(".kind").inner_text()
    first.locator(".citations summary").click()
    citation = first.locator(".citations li").first
    assert citation.locator("q").inner_text()  # the quoted sentence
    assert "003_8e85de5ac7b80fbc.txt" in citation.inner_text()  # and the report
    assert page.url.endswith("?q=DESG")


def test_keyboard_only_arrow_keys_select_and_enter_copies_the_translation(page) -> None:  # type: ignore[no-untyped-def]
    search = page.locator("#q")
    search.press_sequentially("Digital Economy Steering Group", delay=10)
    page.locator(".result").first.wait_for()
    search.press("ArrowDown")
    search.press("ArrowUp")
    assert page.locator(".result").first.get_attribute("aria-selected") == "true"
    search.press("Enter")
    page.locator("#status").filter(has_text="已複製").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "數位經濟指導小組"


def test_a_copy_button_copies_its_term(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#q").fill("DESG")
    first = page.locator(".result").first
    first.wait_for()
    first.locator(".form.en .copy").click()
    page.locator("#status").filter(has_text="已複製").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "Digital Economy Steering Group"


def test_nothing_found_is_said_in_both_languages(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#q").fill("zzqqxxnothing")
    page.locator("#status").filter(has_text="nothing found").wait_for()
    assert page.locator(".result").count() == 0


def test_the_page_fits_a_narrow_window(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 360, "height": 740})
    page.locator("#q").fill("DESG")
    page.locator(".result").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    zh = page.locator(".result .form.zh").first.bounding_box()
    en = page.locator(".result .form.en").first.bounding_box()
    assert zh and en and en["y"] > zh["y"]  # stacked, not squeezed side by side


def test_the_api_docs_load_without_a_cdn(page, server: str) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert requested and all(url.startswith(server) for url in requested), requested


def test_the_check_panel_highlights_findings_where_they_are(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#tab-check").click()
    page.locator("#draft").fill("第一行沒有問題\n𠀀 數位 XYZ 會議，XYZ 再次")
    page.locator("#draft").press("Control+Enter")
    page.locator("#check-status").filter(has_text="2 findings").wait_for()
    marks = page.locator("#check-text mark.finding")
    assert marks.count() == 2
    assert marks.first.inner_text() == "XYZ"
    assert page.locator("#check-text").inner_text() == "第一行沒有問題\n𠀀 數位 XYZ 會議，XYZ 再次"
    first = page.locator("#findings li").first
    assert "line 2, col 6" in first.inner_text() and "DESG" in first.inner_text()


def test_the_tabs_work_from_the_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#tab-search").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#panel-check").is_visible() and not page.locator("#panel-search").is_visible()
    assert page.evaluate("document.activeElement.id") == "draft"


def test_swagger_ui_starts_under_the_content_security_policy(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    """/api/docs renders its operations with no inline script (a CSP violation is a console error)."""
    context = browser.new_context(base_url=server)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        response = opened.goto("/api/docs")
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        opened.wait_for_selector(".opblock", timeout=15000)
        assert opened.locator(".opblock").count() > 5
    finally:
        context.close()
    assert not errors, errors
