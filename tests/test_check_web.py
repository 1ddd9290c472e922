"""The check panel with the real checker, in a real browser (skips without /usr/bin/chromium)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api_helpers import CHROMIUM
from tests.api_helpers import CHROMIUM_ARGS as ARGS
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.api_helpers import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("checkweb")
    patch = pytest.MonkeyPatch()
    patch.setenv("GLOSSARY_HOME", str(home))
    from tests.check_helpers import write_glossary

    patch.setenv("GLOSSARY_TERMS", str(write_glossary(home / "terms.csv")))
    app = make_app(f"sqlite:///{home / 'web.sqlite3'}")
    try:
        with serving(app) as url:
            yield url
    finally:
        close_app(app)
        patch.undo()


def test_pasted_draft_gets_the_real_findings_highlighted(server: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); the page is not tested")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(base_url=server)
            page.goto("/")
            page.locator("#tab-check").click()
            page.locator("#draft").fill(
                "數位經濟指導小組（DESG）開會。\n國際交通論壇（ITE）與資料隱私次級小組（DESG）"
            )
            page.locator("#check-button").click()
            page.locator("#check-status").filter(has_text="2 findings").wait_for()
            marks = page.locator("#check-text mark.finding")
            assert marks.all_inner_texts() == ["ITE", "DESG"]
            assert marks.first.get_attribute("class") == "finding deprecated_form"
            assert "ITF" in page.locator("#findings").inner_text()
        finally:
            browser.close()
