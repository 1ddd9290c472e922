"""Heading paths."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.mine.sections import section_paths
from glossary.mine.text import Flat
from glossary.reader import Document


def mine_text(text: str, name: str = "sample.txt"):
    return mine_documents([Document.from_text(name, text)])


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_text(text)}


def test_markdown_headings_nest_by_enumerator():
    flat = Flat(["## 貳、會議紀要", "### 一、第一場會議", "內容", "### 二、第二場會議", "內容"])
    paths = section_paths(flat)
    assert paths[2] == "貳、會議紀要 > 一、第一場會議"
    assert paths[4] == "貳、會議紀要 > 二、第二場會議"


def test_plain_enumerated_headings_without_markdown():
    flat = Flat(["一、目的", "(一)背景說明", "正文。", "二、過程", "正文。"])
    paths = section_paths(flat)
    assert paths[2] == "一、目的 > (一)背景說明"
    assert paths[4] == "二、過程"


def test_table_of_contents_lines_are_not_headings():
    flat = Flat(["一、目的.....\t3", "正文"])
    assert section_paths(flat)[1] == ""


def test_records_carry_their_section():
    text = "## 參、觀察\n### 一、趨勢\n推動開放銀行（Open Banking）。\n"
    rec = next(r for r in mine_text(text) if r.en == "Open Banking")
    assert rec.section == "參、觀察 > 一、趨勢"
