"""Search index file: save/load round trip, build straight to a file, bad files."""

from __future__ import annotations

import pytest

from glossary.errors import BadInput
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex

CONCEPTS = [
    Concept(
        id="desg",
        kind="org",
        terms=[
            Term("數位經濟指導小組", "zh-Hant"),
            Term("Digital Economy Steering Group", "en"),
            Term("DESG", "en", type="acronym"),
        ],
        citations=[Citation(doc="003.txt", line=1041)],
    ),
    Concept(
        id="itf",
        kind="org",
        terms=[
            Term("國際交通論壇", "zh-Hant"),
            Term("International Transport Forum", "en"),
            Term("ITF", "en", type="acronym"),
            Term("ITE", "en", type="acronym", status="deprecated", note="OCR error"),
        ],
        citations=[Citation(doc="000.txt", line=773, quote="國際交通論壇(ITE)")],
    ),
]
QUERIES = ["desg", "ite", "数字经济指导小组", "國際交通", "Internatonal Transport Forum", "steering group"]


def test_save_and_load_give_the_same_answers(tmp_path):
    built = SearchIndex.build(CONCEPTS, meta={"revision": 7})
    path = tmp_path / "glossary.idx"
    built.save(path)
    loaded = SearchIndex.load(path)
    assert len(loaded) == 2
    assert loaded.meta == {"revision": 7}
    for q in QUERIES:
        assert loaded.search(q) == built.search(q), q
    assert loaded.search(q, docs={"003.txt"}) == built.search(q, docs={"003.txt"})
    assert SearchIndex.load(path, populate=False).search("desg") == built.search("desg")


def test_build_writes_the_file_directly(tmp_path):
    path = tmp_path / "direct.idx"
    built = SearchIndex.build(iter(CONCEPTS), path=path)
    assert path.is_file()
    assert not list(tmp_path.glob(".*.tmp"))
    assert SearchIndex.load(path).search("ite")[0].notice == (
        "ITE is a deprecated form of ITF (報告 000.txt 第 773 行誤作 ITE"
        " / the report 000.txt has ITE in error at line 773)"
    )
    assert built.search("desg")[0].concept_id == "desg"


def test_empty_glossary(tmp_path):
    index = SearchIndex.build([])
    index.save(tmp_path / "empty.idx")
    assert SearchIndex.load(tmp_path / "empty.idx").search("anything") == []
    assert index.suggest("a") == []


@pytest.mark.parametrize("content", [b"", b"not an index at all", b"GLSIDX04" + b"\0" * 40])
def test_bad_files_raise_bad_input(tmp_path, content):
    path = tmp_path / "bad.idx"
    path.write_bytes(content)
    with pytest.raises(BadInput, match="bad.idx"):
        SearchIndex.load(path)


def test_missing_file(tmp_path):
    with pytest.raises(BadInput, match="cannot read the search index"):
        SearchIndex.load(tmp_path / "missing.idx")
