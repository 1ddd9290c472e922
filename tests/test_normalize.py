"""The normaliser, script folding, script detection and validation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from glossary.errors import BadInput
from glossary.normalize import detect_script
from glossary.normalize import fold_script
from glossary.normalize import normalize
from glossary.normalize import t2s_table
from glossary.normalize import to_taiwan
from glossary.search.find import MAX_QUERY
from glossary.search.find import check_query


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_normalize_never_raises_and_is_idempotent(text):
    once = normalize(text)
    assert isinstance(once, str)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_script_is_idempotent(text):
    folded = fold_script(normalize(text))
    assert fold_script(folded) == folded


@pytest.mark.parametrize("value", [None, 12, 3.5, b"bytes", ["list"]])
def test_normalize_accepts_non_strings(value):
    assert isinstance(normalize(value), str)


def test_normalize_lone_surrogate_is_dropped():
    assert normalize("a\ud800b") == "ab"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＤＥＳＧ", "desg"),  # full width
        ("  Cross\u2014Border   Privacy\tRule ", "cross-border privacy rule"),  # dash, spaces
        ("\u201cPETs\u201d", '"pets"'),  # quotes
        ("Nature\u2011based", "nature-based"),  # non-breaking hyphen
        ("zero\u200bwidth", "zerowidth"),
        ("隱私\u3000強化", "隱私 強化"),  # ideographic space
        ("STRASSE", "strasse"),
    ],
)
def test_normalize_examples(raw, expected):
    assert normalize(raw) == expected


def test_fold_script_folds_traditional_and_keeps_simplified():
    assert fold_script("隱私強化技術") == "隐私强化技术"
    assert fold_script("隐私强化技术") == "隐私强化技术"
    assert fold_script("數位週") == fold_script("数位周")


def test_t2s_table_is_closed_under_repetition():
    table = t2s_table()
    assert all(ord(v) not in table or table[ord(v)] == v for v in table.values())


def test_to_taiwan_converts_mainland_phrasing():
    assert to_taiwan("信息安全") == "資訊安全"


@pytest.mark.parametrize(
    ("text", "script"),
    [("隱私強化技術", "zh"), ("privacy", "en"), ("GGSD 論壇", "mixed"), ("2024", "en"), ("Marché", "en")],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("x" * (MAX_QUERY + 1), "limit is 500"),
        ("ab\x07c", "control character (U+0007) at position 3"),
        ("line\nbreak", "control character"),
        ("lone \ud800 surrogate", "U+D800"),
        (None, "must be text"),
        (42, "must be text"),
    ],
)
def test_the_one_query_validator_rejects_bad_input(query, message):
    with pytest.raises(BadInput, match=re.escape(message)):
        check_query(query)


def test_the_one_query_validator_accepts_the_limit_length():
    q = "x" * MAX_QUERY
    assert check_query(q) == q
    assert check_query(" a\tb ") == "a b"
