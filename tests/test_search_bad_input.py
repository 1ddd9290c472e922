"""Search: invalid queries and parameters raise BadInput with a clear message."""

from __future__ import annotations

import pytest

from glossary.errors import BadInput
from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build([Concept(id="a", terms=[Term("Digital Week", "en"), Term("數位週", "zh-Hant")])])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "query is empty"),
        ("  \u3000 ", "query is only whitespace"),
        ("x" * 501, "query is 501 characters long; the limit is 500"),
        ("digital\x00week", "control character"),
        ("tab\tinside", "control character"),
    ],
)
def test_bad_queries(index, query, message):
    with pytest.raises(BadInput, match=message):
        index.search(query)


@pytest.mark.parametrize("limit", [0, -1, 1001, "10", 2.5, True, None])
def test_bad_limit(index, limit):
    with pytest.raises(BadInput, match="limit must be a whole number from 1 to 1000"):
        index.search("digital", limit=limit)


def test_bad_kind_and_lang(index):
    with pytest.raises(BadInput, match="kind 'animal' is not one of"):
        index.search("digital", kind="animal")
    with pytest.raises(BadInput, match="lang 'fr' is not supported"):
        index.search("digital", lang="fr")


def test_suggest_validates_but_allows_empty(index):
    assert index.suggest("") == []
    with pytest.raises(BadInput, match="control character"):
        index.suggest("dig\x1b")
    with pytest.raises(BadInput, match="limit"):
        index.suggest("dig", limit=0)


def test_a_query_that_normalises_to_nothing_finds_nothing(index):
    assert index.search("\u200b") == []
