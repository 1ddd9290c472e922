"""Search: invalid queries and parameters raise BadInput with a clear message, checked once.

The entry points (``glossary.search.find``) validate the query and the filters with
``check_query`` / ``check_filters``; the index itself only refuses a kind or a language
it cannot route, and finds nothing for a query that normalises to nothing.
"""

from __future__ import annotations

import pytest

from glossary.errors import BadInput
from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex
from glossary.search import check_filters
from glossary.search import check_query


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build([Concept(id="a", terms=[Term("Digital Week", "en"), Term("數位週", "zh-Hant")])])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "the query is empty"),
        ("  \u3000 ", "the query is empty"),
        ("x" * 501, "the query is 501 characters long; the limit is 500"),
        ("digital\x00week", "control character"),
        ("dig\x1b", "control character"),
    ],
)
def test_bad_queries(query, message):
    with pytest.raises(BadInput, match=message):
        check_query(query)


def test_a_tab_inside_a_query_reads_as_a_space():
    assert check_query("tab\tinside") == "tab inside"


@pytest.mark.parametrize("limit", [0, -1, 101, "10", 2.5, True, None])
def test_bad_limit(limit):
    with pytest.raises(BadInput, match="limit must be between 1 and 100"):
        check_filters(limit)


def test_bad_kind_and_lang(index):
    with pytest.raises(BadInput, match="kind 'animal' is not one of"):
        index.search("digital", kind="animal")
    with pytest.raises(BadInput, match="lang 'fr' is not supported"):
        index.search("digital", lang="fr")
    with pytest.raises(BadInput, match="unknown kind 'animal'"):
        check_filters(kind="animal")
    with pytest.raises(BadInput, match="must be zh-Hant or en"):
        check_filters(lang="fr")


def test_an_empty_prefix_suggests_nothing(index):
    assert index.suggest("") == []


def test_a_query_that_normalises_to_nothing_finds_nothing(index):
    assert index.search("\u200b") == []
