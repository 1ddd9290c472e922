"""Search: typos, missing words, word order, Simplified Chinese, missing/wrong characters,
parts of Chinese terms — each must put the right concept first."""

from __future__ import annotations

import pytest

from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex

GLOSSARY = [
    ("pets", "隱私強化技術", "Privacy Enhancing Technologies"),
    ("cbpr", "跨境隱私規則", "Cross-Border Privacy Rules"),
    ("dpp", "數位產品護照", "Digital Product Passport"),
    ("dp", "數位護照", "Digital Passport"),
    ("ups", "不斷電系統", "Uninterruptible Power Supply"),
    ("oecd", "經濟合作暨發展組織", "Organisation for Economic Co-operation and Development"),
    ("itf", "國際交通論壇", "International Transport Forum"),
    ("iea", "國際能源署", "International Energy Agency"),
    ("moda", "數位發展部", "Ministry of Digital Affairs"),
    ("infosec", "資訊安全", "Information Security"),
    ("week", "數位週", "Digital Week"),
    ("resilience", "韌性", "Resilience"),
    ("iot", "物聯網", "Internet of Things"),
    ("desg", "數位經濟指導小組", "Digital Economy Steering Group"),
]


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build(
        Concept(id=cid, terms=[Term(zh, "zh-Hant"), Term(en, "en")]) for cid, zh, en in GLOSSARY
    )


def top(index, query):
    hits = index.search(query)
    return hits[0].concept_id if hits else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("privacy enhancing technology", "pets"),  # singular
        ("Privacy Enhancng Technologies", "pets"),  # a letter missing
        ("Pirvacy Enhancing Technologies", "pets"),  # transposition
        ("Cross Border Privacy Rule", "cbpr"),  # hyphen/space and plural
        ("Uninterruptible Power Suppyl", "ups"),
        ("Organisation for Economic Cooperation and Development", "oecd"),
        ("Ministry of Digtal Affairs", "moda"),
        ("Resillience", "resilience"),
    ],
)
def test_english_typos_and_variants(index, query, expected):
    assert top(index, query) == expected


def test_typo_hit_is_fuzzy(index):
    hit = index.search("Privacy Enhancng Technologies")[0]
    assert hit.how == "fuzzy" and 80 <= hit.score < 95


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Enhancing Technologies", "pets"),  # first word missing
        ("Digital Product", "dpp"),  # prefix
        ("Transport Forum", "itf"),
        ("Economy Steering Group", "desg"),
        ("Technologies Privacy Enhancing", "pets"),  # other word order
    ],
)
def test_english_missing_words_and_order(index, query, expected):
    assert top(index, query) == expected


def test_prefix_and_token_layers(index):
    assert index.search("Digital Product")[0].how == "prefix"
    assert index.search("Transport Forum")[0].how == "token"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("隐私强化技术", "pets"),  # Simplified
        ("数位周", "week"),  # 週 -> 周
        ("信息安全", "infosec"),  # mainland phrasing, read with s2twp
        ("不斷系統", "ups"),  # a character missing
        ("隱私強化技述", "pets"),  # a character wrong
        ("物連網", "iot"),  # a short term with a character wrong
        ("數位產品照", "dpp"),
        ("合作暨發展", "oecd"),  # a part
        ("交通論壇", "itf"),
        ("ＧＧ數位週", "week"),  # the term inside a longer query (how "contained", weak)
        ("總統府會議", None),  # nothing close
    ],
)
def test_chinese_variants(index, query, expected):
    assert top(index, query) == expected


def test_chinese_layers(index):
    assert index.search("隐私强化技术")[0].how == "normalized"
    assert index.search("信息安全")[0].how == "normalized"
    assert index.search("合作暨發展")[0].how == "token"
    assert index.search("不斷系統")[0].how == "fuzzy"
    assert index.search("數位產品")[0].how == "prefix"


def test_drop_beats_containment_for_short_form(index):
    # 數位護照 with a character missing is 數位照... but 數位產品護照 contains 護照 too
    assert top(index, "數位護") == "dp"
