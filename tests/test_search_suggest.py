"""Autocomplete: forms starting with what was typed first, shortest first."""

from __future__ import annotations

from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex


def test_suggest_prefix_first():
    index = SearchIndex.build(
        [
            Concept(id="dw", terms=[Term("Digital Week", "en"), Term("數位週", "zh-Hant")]),
            Concept(
                id="dpp", terms=[Term("Digital Product Passport", "en"), Term("數位產品護照", "zh-Hant")]
            ),
            Concept(id="gd", terms=[Term("Global Digital Compact", "en"), Term("全球數位契約", "zh-Hant")]),
            Concept(id="desg", terms=[Term("DESG", "en", type="acronym")]),
        ]
    )
    hits = index.suggest("dig")
    assert [h.concept_id for h in hits[:2]] == ["dw", "dpp"]
    assert all(h.how == "prefix" for h in hits[:2])
    assert "gd" in [h.concept_id for h in hits]  # filled in by search (a later word)
    assert index.suggest("數位", limit=1)[0].concept_id == "dw"
    assert index.suggest("de")[0].concept_id == "desg"
    assert len(index.suggest("d", limit=2)) == 2
