"""The translators' page in a real browser: Debian's chromium driven by Playwright.

``playwright install`` cannot download a browser here, so the test launches
/usr/bin/chromium and skips, saying why, where it is not installed. Playwright and
axe-playwright-python come with ``pip install -e ".[dev]"``: without them the tests fail
(an install step is missing), they do not skip.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

import api.check
from tests.web_helpers import chromium
from tests.web_helpers import opened_page
from tests.web_helpers import served_glossary

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
    """The app served on a loopback port, in a thread, on a fresh database (a stand-in checker)."""

    def stub(patch: pytest.MonkeyPatch) -> None:
        patch.setattr(api.check, "check_document", acronym_checker)

    with served_glossary(tmp_path_factory.mktemp("web"), patch=stub) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def expected_errors() -> list[str]:
    """Parts of console errors a test provokes on purpose (the browser logs every 4xx answer)."""
    return []


@pytest.fixture
def page(browser, server: str, expected_errors: list[str]):  # type: ignore[no-untyped-def]
    with opened_page(browser, server, expected_errors, clipboard=True) as opened:
        yield opened


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


def test_the_tabs_are_aria_tabs_arrow_keys_move_between_tabs_not_into_the_field(page) -> None:  # type: ignore[no-untyped-def]
    search_tab, check_tab = page.locator("#tab-search"), page.locator("#tab-check")
    search_tab.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#panel-check").is_visible() and not page.locator("#panel-search").is_visible()
    assert page.evaluate("document.activeElement.id") == "tab-check"  # focus stays in the tablist
    assert check_tab.get_attribute("aria-selected") == "true" and check_tab.get_attribute("tabindex") == "0"
    assert (
        search_tab.get_attribute("aria-selected") == "false" and search_tab.get_attribute("tabindex") == "-1"
    )
    page.keyboard.press("ArrowLeft")
    assert (
        page.evaluate("document.activeElement.id") == "tab-search"
        and page.locator("#panel-search").is_visible()
    )
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id") == "tab-scan"  # the last tab
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.id") == "tab-search"
    page.keyboard.press("ArrowLeft")  # wraps round to the last tab
    assert page.evaluate("document.activeElement.id") == "tab-scan"
    page.keyboard.press("Tab")  # then Tab enters the panel
    assert page.evaluate("document.activeElement.id") == "scan-source"  # the Scan panel's field


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


def test_arrow_keys_in_the_search_box_do_not_switch_tabs(page) -> None:  # type: ignore[no-untyped-def]
    search = page.locator("#q")
    search.fill("DESG")
    page.locator(".result").first.wait_for()
    search.press("ArrowRight")
    search.press("ArrowLeft")
    assert page.locator("#panel-search").is_visible()
    assert page.evaluate("document.activeElement.id") == "q"


def test_a_click_on_a_tab_puts_the_cursor_in_its_field(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#tab-check").click()
    assert page.evaluate("document.activeElement.id") == "draft"
    page.locator("#tab-search").click()
    assert page.evaluate("document.activeElement.id") == "q"


# ------------------------------------------------------------------ accessibility (axe-core)


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_violation_on_any_tab(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#q").fill("DESG")
    page.locator(".result").first.wait_for()
    page.locator(".result .citations summary").first.click()
    assert serious_violations(page) == []
    page.locator("#q").fill("zzqqxxnothing")  # the empty grid too
    page.locator("#status").filter(has_text="nothing found").wait_for()
    assert serious_violations(page) == []
    for tab in page.locator('[role="tab"]').all():  # a tab added later is checked as well
        tab.click()
        assert serious_violations(page) == [], tab.get_attribute("id")
    page.locator("#tab-check").click()
    page.locator("#draft").fill("XYZ 會議")
    page.locator("#check-button").click()
    page.locator("#check-status").filter(has_text="1 finding").wait_for()
    assert serious_violations(page) == []


def test_the_results_are_a_grid_the_search_box_drives(page) -> None:  # type: ignore[no-untyped-def]
    search = page.locator("#q")
    search.fill("Digital")
    page.locator(".result").nth(1).wait_for()
    assert page.locator("#results").get_attribute("role") == "grid"
    assert search.get_attribute("aria-haspopup") == "grid"
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "result-1-cell"
    assert page.locator("#result-1").get_attribute("aria-selected") == "true"
    assert page.locator('[role="option"]').count() == 0


def test_keyboard_hints_are_hidden_on_touch_screens(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    for touch, shown in ((False, True), (True, False)):
        context = browser.new_context(base_url=server, has_touch=touch, is_mobile=touch)
        opened = context.new_page()
        opened.goto("/")
        assert opened.evaluate("matchMedia('(hover: none)').matches") is touch
        assert opened.locator("#search-help").is_visible() is shown
        opened.locator("#tab-check").click()
        assert opened.locator("#panel-check .kbd-hint").is_visible() is shown
        context.close()


# ------------------------------------------------------------------ filters


def test_the_kind_filter_narrows_the_results_and_is_kept_in_the_address(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#q").fill("Digital")
    page.locator(".result").nth(2).wait_for()
    assert {k.inner_text() for k in page.locator(".result .kind").all()} > {"法規 law / agreement"}
    page.locator("#filter-kind").select_option("law")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.result .kind')].every(k => k.textContent.includes('law'))"
    )
    assert page.locator(".result").count() >= 1
    assert "kind=law" in page.url
    page.reload()
    assert page.locator("#filter-kind").input_value() == "law"


def test_the_source_filter_lists_the_reports_and_keeps_only_their_concepts(page) -> None:  # type: ignore[no-untyped-def]
    sources = page.locator("#filter-source option")
    sources.nth(2).wait_for(state="attached")  # "all" and the two shipped reports
    labels = [o.inner_text() for o in sources.all()]
    assert any("003_8e85de5ac7b80fbc.txt" in label and "DESG" in label for label in labels), labels
    page.locator("#q").fill("DESG")
    page.locator(".result").first.wait_for()
    page.locator("#filter-source").select_option("000_6335a8691290a983.txt")  # a report without DESG
    page.locator("#status").filter(has_text="nothing found").wait_for()
    page.locator("#filter-source").select_option("003_8e85de5ac7b80fbc.txt")
    page.locator(".result").first.wait_for()
    assert "source=003_8e85de5ac7b80fbc.txt" in page.url


# ------------------------------------------------------------------ quality and review badges


def fake_results(page, results: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """The search API answers ``results`` (fields the lookup issue adds, before the API sends them)."""
    body = json.dumps({"query": "x", "total": len(results), "results": results}, ensure_ascii=False)
    page.route(
        "**/api/v1/search?*",
        lambda route: route.fulfill(status=200, content_type="application/json", body=body),
    )


def result(en: str, zh: str, **fields: object) -> dict:
    base = {"id": en.lower(), "zh": zh, "en": en, "abbr": None, "kind": "term", "score": 50.0,
            "matched": {"text": en, "lang": "en", "type": "fullForm", "how": "fuzzy"}, "notice": None,
            "variants": [], "definition": None, "citations": []}  # fmt: skip
    return {**base, **fields}


def test_quality_and_review_badges_show_only_when_the_api_sends_them(page) -> None:  # type: ignore[no-untyped-def]
    fake_results(page, [
        result("Digital Trust", "數位信任", quality="close", review_status="approved"),
        result("Digital Twin", "數位孿生", quality="weak", review_status="proposed"),
        result("Data Trust", "資料信託"),
    ])  # fmt: skip
    page.locator("#q").fill("digital tru")
    page.locator(".result").nth(2).wait_for()
    first, second, third = page.locator(".result").all()
    assert first.locator(".quality").inner_text() == "相近 close"
    assert first.locator(".review").inner_text() == "已審定 approved"
    assert second.locator(".quality").inner_text() == "勉強相符 weak"
    assert second.locator(".review").inner_text() == "待審 proposed"
    assert not third.locator(".quality").is_visible() and not third.locator(".review").is_visible()
    assert serious_violations(page) == []  # the badges' colours have enough contrast


def test_enter_on_a_weak_best_match_asks_for_a_second_enter_before_copying(page) -> None:  # type: ignore[no-untyped-def]
    fake_results(page, [result("Digital Twin", "數位孿生", quality="weak"), result("Data Trust", "資料信託")])
    page.evaluate("navigator.clipboard.writeText('before')")
    search = page.locator("#q")
    search.fill("digital tru")
    page.locator(".result").first.wait_for()
    search.press("Enter")
    page.locator("#status").filter(has_text="press Enter again").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "before"
    search.press("Enter")
    page.locator("#status").filter(has_text="已複製").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "數位孿生"


def test_moving_away_from_a_weak_match_cancels_its_confirmation(page) -> None:  # type: ignore[no-untyped-def]
    fake_results(
        page,
        [
            result("Digital Twin", "數位孿生", quality="weak"),
            result("Data Trust", "資料信託", quality="close"),
        ],
    )
    page.evaluate("navigator.clipboard.writeText('before')")
    search = page.locator("#q")
    search.fill("digital tru")
    page.locator(".result").first.wait_for()
    search.press("Enter")
    page.locator("#status").filter(has_text="press Enter again").wait_for()
    search.press("ArrowDown")
    search.press("ArrowUp")
    search.press("Enter")  # asks again: the selection moved in between
    assert page.evaluate("navigator.clipboard.readText()") == "before"
    search.press("ArrowDown")
    search.press("Enter")  # a close match copies at once
    page.locator("#status").filter(has_text="資料信託").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "資料信託"


# ------------------------------------------------------------------ the check tab takes a document


def test_the_check_tab_checks_an_uploaded_docx(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("第一段沒有問題")
    document.add_paragraph("會議由 XYZ 主辦")
    path = tmp_path / "草稿.docx"
    document.save(str(path))
    page.locator("#tab-check").click()
    page.locator("#check-file").set_input_files(str(path))
    page.locator("#check-status").filter(has_text="1 finding").wait_for()
    assert "草稿.docx" in page.locator("#check-status").inner_text()
    assert "line 2, col 5" in page.locator("#findings li").first.inner_text()
    assert not page.locator("#check-text").is_visible()  # a .docx is listed by line, not re-drawn


def test_an_uploaded_text_file_is_highlighted_like_pasted_text(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "draft.txt"
    path.write_text("XYZ 開頭\n沒有\n", encoding="utf-8")
    page.locator("#tab-check").click()
    page.locator("#check-file").set_input_files(str(path))
    page.locator("#check-status").filter(has_text="1 finding").wait_for()
    assert page.locator("#check-text mark.finding").inner_text() == "XYZ"


def test_an_upload_the_service_refuses_says_why(page, tmp_path, expected_errors) -> None:  # type: ignore[no-untyped-def]
    expected_errors.append("status of 415")
    path = tmp_path / "slides.pdf"
    path.write_bytes(b"%PDF-1.4")
    page.locator("#tab-check").click()
    page.locator("#check-file").set_input_files(str(path))
    page.locator("#check-status").filter(has_text="only .txt, .md and .docx").wait_for()
