"""Optional toneless pinyin queries (needs pypinyin)."""

from __future__ import annotations

import pytest

from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex

pytest.importorskip("pypinyin")


def test_pinyin_query_finds_the_chinese_term():
    index = SearchIndex.build(
        [
            Concept(
                id="pets",
                terms=[Term("隱私強化技術", "zh-Hant"), Term("Privacy Enhancing Technologies", "en")],
            ),
            Concept(id="ai", terms=[Term("人工智慧", "zh-Hant")]),
        ]
    )
    for query in ("yinsi qianghua jishu", "yinsiqianghuajishu", "Yin Si Qiang Hua Ji Shu"):
        hit = index.search(query)[0]
        assert (hit.concept_id, hit.how, hit.matched_text) == ("pets", "pinyin", "隱私強化技術")
    assert index.search("rengong")[0].concept_id == "ai"  # a prefix
    assert index.search("rengong")[0].score < index.search("rengong zhihui")[0].score


def test_index_without_pinyin():
    index = SearchIndex.build([Concept(id="ai", terms=[Term("人工智慧", "zh-Hant")])], with_pinyin=False)
    assert index.search("rengong zhihui") == []
