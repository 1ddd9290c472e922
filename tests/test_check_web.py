"""The check panel with the real checker, in a real browser (skips without /usr/bin/chromium)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web_helpers import chromium
from tests.web_helpers import opened_page
from tests.web_helpers import served_glossary

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.check_helpers import write_glossary

    home = tmp_path_factory.mktemp("checkweb")
    with served_glossary(home, terms=write_glossary(home / "terms.csv")) as url:
        yield url


def test_pasted_draft_gets_the_real_findings_highlighted(server: str) -> None:
    with chromium() as browser, opened_page(browser, server, expected_errors=()) as page:
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
