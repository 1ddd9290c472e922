"""Citation quotes carry the report's words, not its Markdown/HTML furniture."""

from __future__ import annotations

import re

import pytest

from glossary.harvest.lines import ReportLines
from glossary.mine import mine_documents
from glossary.mine.text import unfurnished
from glossary.reader import Document

FURNITURE = re.compile(r"^\s*(?:#|>|[-*+]\s|•)|\*\*|</?[a-z]+[^>]*>|&nbsp;")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("# 出席 2024 年數位經濟指導小組（DESG）會議", "出席 2024 年數位經濟指導小組（DESG）會議"),
        ("- (4) 酸性礦山排水（acid mine drainage, AMD）", "(4) 酸性礦山排水（acid mine drainage, AMD）"),
        ("<li>• 數位週 Digital Week</li>", "數位週 Digital Week"),
        ("## **路徑圖**<sup>4</sup>（Roadmap）", "路徑圖（Roadmap）"),
        ("<td>開放銀行&nbsp;(Open Banking)</td>", "開放銀行 (Open Banking)"),
        ("C# 語言與 -5 度", "C# 語言與 -5 度"),
    ],
)
def test_unfurnished_keeps_the_words_and_drops_the_markup(raw: str, expected: str) -> None:
    assert unfurnished(raw) == expected


def test_mined_quotes_of_headings_lists_and_tables_have_no_furniture() -> None:
    text = (
        "# 出席數位經濟指導小組（Digital Economy Steering Group, DESG）會議\n"
        "- 推動**開放銀行**（Open Banking, OB）政策\n"
        "<ul><li>• 資料隱私次級小組（Data Privacy Subgroup, DPS）大會</li></ul>\n"
        "> 引述：隱私強化技術（Privacy Enhancing Technologies, PETs）\n"
    )
    records = mine_documents([Document.from_text("q.txt", text)])
    assert {r.abbr for r in records} >= {"DESG", "OB", "DPS", "PETs"}
    for record in records:
        assert not FURNITURE.search(record.quote), record.quote


def test_citation_clause_of_a_heading_line_has_no_furniture() -> None:
    lines = ReportLines.from_texts({"q.txt": "正文\n## **(四) 數位經濟指導小組**（DESG）\n"})
    assert lines.clause("q.txt", 2, "DESG") == "(四) 數位經濟指導小組（DESG）"
