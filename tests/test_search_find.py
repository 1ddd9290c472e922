"""``glossary.search.find``: the entry point turns hits into the result objects of CONTRACTS.md."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from glossary.errors import BadInput
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.search import find
from glossary.search import find_page
from glossary.service import Glossary
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
FORUMS = [
    ITF,
    *(
        Concept(id=f"forum-{n}", kind="org", terms=[Term(f"Transport Forum {word}", "en")])
        for n, word in enumerate(["North", "South", "East", "West", "Centre"])
    ),
]


@pytest.fixture
def small(make_glossary: Callable[[list[Concept]], Glossary]) -> Glossary:
    return make_glossary(FORUMS)


def test_find_builds_contract_objects(small: Glossary) -> None:
    [result] = find(small, "ite", limit=1)
    assert tuple(result) == RESULT_FIELDS
    assert (result["zh"], result["en"], result["abbr"], result["kind"]) == (
        "國際交通論壇",
        "International Transport Forum",
        "ITF",
        "org",
    )
    assert result["matched"] == {"text": "ITE", "lang": "en", "type": "acronym", "how": "acronym"}
    # no citation writes ITE, and the note is the curator's: the status alone is said
    assert result["notice"] == "ITE is a deprecated form of ITF"
    assert result["score"] == 95.0
    assert result["citations"] == [{"doc": "000_a.txt", "line": 279, "section": "", "quote": ""}]


def test_find_nothing_is_an_empty_list(small: Glossary) -> None:
    assert find(small, "zzzz qqqq") == []


def test_find_passes_filters(small: Glossary) -> None:
    assert find(small, "itf", kind="term") == []
    assert len(find(small, "itf", kind="org", limit=1)) == 1
    with pytest.raises(BadInput, match="unknown kind 'planet'"):
        find(small, "itf", kind="planet")


def test_a_page_counts_every_result_but_renders_only_the_page(small: Glossary) -> None:
    everything = find(small, "transport forum", limit=100)
    assert len(everything) >= 6
    total, page = find_page(small, "transport forum", offset=2, limit=2)
    assert total == len(everything)
    assert [r["id"] for r in page] == [r["id"] for r in everything[2:4]]
    assert find_page(small, "transport forum", offset=50, limit=10) == (total, [])
