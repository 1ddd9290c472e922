"""``find``: hits turned into the result objects of CONTRACTS.md."""

from __future__ import annotations

from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex
from glossary.search import find
from tests.contract import RESULT_FIELDS

ITF = Concept(
    id="itf",
    kind="org",
    terms=[
        Term("國際交通論壇", "zh-Hant"),
        Term("International Transport Forum", "en"),
        Term("ITF", "en", type="acronym"),
        Term("ITE", "en", type="acronym", status="deprecated", note="OCR error"),
    ],
    citations=[Citation(doc="000_a.txt", line=279)],
)


def test_find_builds_contract_objects():
    index = SearchIndex.build([ITF])
    asked = []

    def lookup(ids):
        asked.append(ids)
        return {"itf": ITF}

    [result] = find(lookup, index, "ite")
    assert asked == [["itf"]]
    assert tuple(result) == RESULT_FIELDS
    assert (result["zh"], result["en"], result["abbr"], result["kind"]) == (
        "國際交通論壇",
        "International Transport Forum",
        "ITF",
        "org",
    )
    assert result["matched"] == {"text": "ITE", "lang": "en", "type": "acronym", "how": "acronym"}
    assert result["notice"] == "ITE is a deprecated form of ITF (OCR error)"
    assert result["score"] == 95.0
    assert result["citations"] == [{"doc": "000_a.txt", "line": 279, "section": "", "quote": ""}]


def test_find_nothing_and_deleted_concepts():
    index = SearchIndex.build([ITF])
    assert find(lambda ids: {}, index, "itf") == []  # concept gone from the store meanwhile
    called = []
    assert find(lambda ids: called.append(ids) or {}, index, "zzzz") == []
    assert called == []  # no lookup when nothing was found


def test_find_passes_filters():
    index = SearchIndex.build([ITF])
    assert find(lambda ids: {"itf": ITF}, index, "itf", kind="term") == []
    assert len(find(lambda ids: {"itf": ITF}, index, "itf", kind="org", limit=1)) == 1
