"""Footnote markers and bodies become definitions."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.mine.text import Flat
from glossary.mine.text import clean_line
from glossary.reader import Document


def mine_text(text: str, name: str = "sample.txt"):
    return mine_documents([Document.from_text(name, text)])


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_text(text)}


def test_unicode_superscript_marker_is_removed_and_remembered():
    cl = clean_line("推動零信任架構³（Zero Trust Architecture）")
    assert "³" not in cl.text and cl.marks and cl.marks[0][1] == "3"


def test_sup_tag_marker_is_removed_and_remembered():
    cl = clean_line("採用開放標準<sup>12</sup>（Open Standards）")
    assert "<sup>" not in cl.text and cl.marks[0][1] == "12"


def test_footnote_body_line_is_recognised():
    assert clean_line("⁵ 零信任架構是一種資安模型。").footnote == "5"
    assert clean_line("<sup>7</sup> 說明文字").footnote == "7"


def test_marker_links_the_pair_to_the_footnote_body():
    text = "推動零信任架構⁴（Zero Trust Architecture）。\n\n⁴ 零信任架構係指不預設信任任何連線的資安模型。\n"
    rec = next(r for r in mine_text(text) if r.en == "Zero Trust Architecture")
    assert rec.definition_line == 3 and "不預設信任" in rec.definition


def test_bare_digit_marker_after_a_term():
    text = "成立資料保護小組2 (Data Protection Group, DPG) 負責審查。"
    assert any(r.zh == "資料保護小組" and r.abbr == "DPG" for r in mine_text(text))


def test_pair_inside_a_footnote_body_is_defined_by_it():
    text = "正文。\n\n⁹ 海洋塑膠公約（Ocean Plastics Treaty）：旨在減少海洋塑膠。\n"
    rec = next(r for r in mine_text(text) if r.en == "Ocean Plastics Treaty")
    assert rec.definition_line == 3


def test_footnote_body_goes_only_to_the_term_carrying_its_marker():
    text = (
        "推動跨境資料規則<sup>3</sup>（Cross-Border Data Rules, CBDR）。\n\n"
        "<sup>3</sup> 該規則藉由認證機構（Certification Body, CB）審查企業，"
        "並參考數位信任框架（Digital Trust Framework）。\n"
    )
    records = mine_text(text)
    marked = next(r for r in records if r.abbr == "CBDR")
    assert marked.definition_line == 3 and "審查企業" in marked.definition
    inside = [r for r in records if r.abbr == "CB" or r.en == "Digital Trust Framework"]
    assert len(inside) == 2
    assert all(not r.definition and r.definition_line is None for r in inside)


def test_pair_inside_a_footnote_body_keeps_its_own_marker():
    text = (
        "採用開放標準⁵（Open Standards）。\n\n"
        "⁵ 開放標準常由標準組織⁶（Standards Body, SB）制定。\n"
        "⁶ 標準組織指負責制定與維護技術標準的機構。\n"
    )
    body = next(r for r in mine_text(text) if r.abbr == "SB")
    assert body.definition_line == 4 and "維護技術標準" in body.definition


def test_bare_digit_marker_links_to_a_following_footnote_body():
    text = "成立資料保護小組2 (Data Protection Group, DPG)。\n\n<sup>2</sup> 本小組審查個資保護措施。\n"
    rec = next(r for r in mine_text(text) if r.abbr == "DPG")
    assert rec.definition_line == 3 and "個資保護措施" in rec.definition
    alone = "成立資料保護小組2 (Data Protection Group, DPG) 負責審查。\n"
    assert not next(r for r in mine_text(alone) if r.abbr == "DPG").definition


def test_flat_maps_offsets_back_to_lines():
    flat = Flat(["第一行", "第二行¹", "第三行"])
    assert flat.line_of(flat.text.index("第三")) == 3
