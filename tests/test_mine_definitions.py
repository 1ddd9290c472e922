"""Definitions given by a copula sentence next to the pair."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.mine.definitions import sentence_definition
from glossary.reader import Document


def mine_text(text: str, name: str = "sample.txt"):
    return mine_documents([Document.from_text(name, text)])


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_text(text)}


def test_copula_after_the_pair_gives_a_definition():
    text = "數位雙生 (Digital Twin, DT)係指在虛擬空間重建實體系統的技術。其後另述。"
    rec = next(r for r in mine_text(text) if r.abbr == "DT")
    assert rec.definition.startswith("數位雙生") and rec.definition.endswith("技術。")
    assert rec.definition_line == 1


def test_its_copula_after_a_comma():
    text = "循環經濟（Circular Economy），其係以資源循環為核心的經濟模式。"
    rec = next(r for r in mine_text(text) if r.en == "Circular Economy")
    assert "資源循環" in rec.definition


def test_no_definition_without_a_copula():
    text = "他們討論循環經濟（Circular Economy）的推動。"
    rec = next(r for r in mine_text(text) if r.en == "Circular Economy")
    assert rec.definition == "" and rec.definition_line is None


def test_sentence_definition_stops_at_the_full_stop():
    text = "甲（A）是乙。丙。"
    assert sentence_definition(text, 0, 4) == "甲（A）是乙。"
