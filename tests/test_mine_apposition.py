"""Bare acronyms next to a Chinese name (no brackets), kept only on evidence from other pairs."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.reader import Document


def pairs(*texts: str) -> set[tuple[str, str, str]]:
    docs = [Document.from_text(f"d{i}.txt", t) for i, t in enumerate(texts)]
    return {(r.zh, r.en, r.abbr) for r in mine_documents(docs)}


def test_chinese_then_acronym_backed_by_a_bracketed_pair_elsewhere():
    got = pairs("會議由亞洲開發銀行（ADB）主辦。", "與亞洲開發銀行 ADB 代表交換意見。")
    assert ("亞洲開發銀行", "", "ADB") in got
    assert not any(zh.startswith("與") for zh, _, _ in got)


def test_chinese_then_acronym_backed_by_an_english_name_elsewhere():
    got = pairs("世界衛生組織（World Health Organization）發布報告。\n另與世界衛生組織 WHO 討論。")
    assert ("世界衛生組織", "", "WHO") in got


def test_acronym_before_chinese_backed_by_evidence():
    got = pairs(
        "參考網頁無障礙指引（Web Content Accessibility Guidelines）。\n→WCAG網頁無障礙指引、其他工具。"
    )
    assert ("網頁無障礙指引", "", "WCAG") in got


def test_prefix_evidence_from_longer_names():
    text = (
        "參與歐洲經濟區（EEA）與歐洲聯盟理事會（EUC）會議、歐洲聯盟執行委員會（EUEC）會議。\n"
        "與歐洲聯盟 EU 代表會談。"
    )
    assert ("歐洲聯盟", "", "EU") in pairs(text)


def test_no_evidence_no_pair():
    got = pairs("與國際能源署 IEA 代表會談。")
    assert not any(abbr == "IEA" for _, _, abbr in got)


def test_acronym_opening_an_english_phrase_is_not_paired():
    docs = [
        Document.from_text("a.txt", "會議由亞洲開發銀行（ADB）主辦。"),
        Document.from_text("b.txt", "亞洲開發銀行 ADB Institute 發表研究。"),
    ]
    assert not [r for r in mine_documents(docs) if r.doc == "b.txt" and r.abbr == "ADB"]


def test_dash_acronym_of_another_language():
    text = "Introductory Words: Ana Ruiz, Secretariat of Digital Government and Innovation – SGID"
    got = pairs(text)
    assert ("", "Secretariat of Digital Government and Innovation", "SGID") in got


def test_dash_acronym_that_does_not_fit_is_not_paired():
    text = "Opening: Ana Ruiz, Director of Digital Government and Innovation – XYZ"
    assert not any(abbr == "XYZ" for _, _, abbr in pairs(text))
