"""``glossary.search.find`` through the real engine on a real database: the persisted index, following
writes made through another store or process, filters, and the find fast path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import concepts
from glossary import search as lookup
from glossary.errors import BadInput
from glossary.search.live import index_dir
from glossary.service import Glossary
from glossary.service import open_store
from tests.conftest import ROOT


def test_find_on_both_backends_uses_the_engine(glossary: Glossary) -> None:
    by_simplified = lookup.find(glossary, "隐私强化技术")
    assert by_simplified[0]["abbr"] == "PETs"
    assert by_simplified[0]["matched"]["how"] == "normalized"
    by_typo = lookup.find(glossary, "Digital Economy Steering Grup")
    assert by_typo[0]["abbr"] == "DESG" and by_typo[0]["matched"]["how"] == "fuzzy"
    assert by_typo[0]["score"] < 100
    by_acronym = lookup.find(glossary, "desg")
    assert by_acronym[0]["matched"] == {"text": "DESG", "lang": "en", "type": "acronym", "how": "acronym"}


def test_a_write_through_another_store_is_seen_by_the_next_find(db_url: str) -> None:
    reader = Glossary(db_url)
    writer = open_store(db_url)
    try:
        assert lookup.find(reader, "QZXJ") == []
        builds = reader.index.builds
        concepts.create_concept(
            writer, {"zh": "量子信任框架", "en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t"
        )
        found = lookup.find(reader, "qzxj")
        assert [r["en"] for r in found] == ["Quantum Trust Frame"]
        assert reader.index.builds == builds  # followed, not rebuilt
        assert reader.index.updates == 1
        concepts.delete_concept(writer, found[0]["id"], who="t")
        assert lookup.find(reader, "QZXJ") == []
    finally:
        reader.close()
        writer.close()


def test_a_write_by_another_process_is_seen_by_a_running_searcher(isolated_home: Path) -> None:
    with Glossary() as searcher:
        assert lookup.find(searcher, "QZXJ") == []
        env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
        code = (
            "from glossary import concepts; from glossary.service import open_store\n"
            "with open_store() as s:\n"
            "    concepts.create_concept(s, {'zh': '量子信任框架', 'abbr': 'QZXJ'}, who='other')\n"
        )
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
        assert [r["zh"] for r in lookup.find(searcher, "qzxj")] == ["量子信任框架"]


def test_an_unchanged_glossary_is_not_rebuilt(glossary: Glossary) -> None:
    lookup.find(glossary, "DESG")
    searcher = glossary.index
    builds = searcher.builds
    for query in ("PETs", "數位經濟", "privacy"):
        lookup.find(glossary, query)
    assert searcher.builds == builds


def test_the_index_file_is_reused_by_a_new_searcher_and_older_ones_removed(
    glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glossary.search.live.OVERLAY_LIMIT", 0)  # every write: a rebuild
    monkeypatch.setattr("glossary.search.live.PATCH_ALWAYS", 0)
    glossary.index.background = False  # at once, not in a background thread
    lookup.find(glossary, "DESG")
    files = list(index_dir().glob("*.idx"))
    assert len(files) == 1
    with Glossary(glossary.url) as fresh:
        assert lookup.find(fresh, "DESG")[0]["abbr"] == "DESG"
        assert fresh.index.builds == 0
    concepts.create_concept(glossary.store, {"zh": "量子信任框架", "en": "Quantum Trust Frame"}, who="t")
    lookup.find(glossary, "DESG")
    after = list(index_dir().glob("*.idx"))
    assert len(after) == 1 and after != files


def test_a_fresh_process_maps_the_persisted_index_without_sqlalchemy(isolated_home: Path) -> None:
    env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
    code = (
        "import sys, json; from glossary import search; from glossary.service import open_glossary\n"
        "with open_glossary() as g:\n"
        "    r = search.find(g, 'DESG')\n"
        "    print(json.dumps([r[0]['abbr'], g.index.builds, 'sqlalchemy' in sys.modules]))\n"
    )

    def fresh() -> list:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert fresh() == ["DESG", 1, True]  # first use: database and index built
    [path] = index_dir().glob("*.idx")
    stamp = path.stat().st_mtime_ns
    assert fresh() == ["DESG", 0, False]  # then: the file is mapped, no ORM at all
    assert path.stat().st_mtime_ns == stamp


def test_a_deprecated_form_finds_its_concept_with_a_notice(glossary: Glossary) -> None:
    concepts.create_concept(
        glossary.store,
        {
            "zh": "國際運輸論壇測試",
            "en": "International Transport Forum Test",
            "abbr": "ITFQ",
            "terms": [{"text": "ITEQ", "type": "acronym", "status": "deprecated", "note": "OCR slip"}],
            "definitions": ["A forum."],
            "citations": [
                {"doc": "003_8e85de5ac7b80fbc.txt", "line": 773, "quote": "國際運輸論壇測試(ITEQ)"}
            ],
        },
        who="t",
    )
    [first, *_] = lookup.find(glossary, "ITEQ")
    assert first["abbr"] == "ITFQ"
    assert first["matched"] == {"text": "ITEQ", "lang": "en", "type": "acronym", "how": "exact"}
    assert first["notice"] == (  # where the report writes it, not the curator's note
        "ITEQ is a deprecated form of ITFQ (報告 003_8e85de5ac7b80fbc.txt 第 773 行誤作 ITEQ"
        " / the report 003_8e85de5ac7b80fbc.txt has ITEQ in error at line 773)"
    )
    assert {"text": "ITEQ", "lang": "en", "type": "acronym", "status": "deprecated"} in first["variants"]
    assert first["definition"]["text"] == "A forum."


def test_source_filter_takes_a_file_name_an_id_or_a_prefix(glossary: Glossary) -> None:
    file_name = "003_8e85de5ac7b80fbc.txt"
    by_file = lookup.find(glossary, "DESG", source=file_name)
    assert by_file and all(any(c["doc"] == file_name for c in r["citations"]) for r in by_file)
    assert lookup.find(glossary, "DESG", source="003") == by_file
    assert lookup.find(glossary, "DESG", source="000_6335a8691290a983.txt") == []
    with pytest.raises(BadInput, match="no source with id or file name 'nope'"):
        lookup.find(glossary, "DESG", source="nope")


def test_kind_and_lang_filters(glossary: Glossary) -> None:
    assert lookup.find(glossary, "DESG", kind="law") == []
    assert lookup.find(glossary, "DESG", kind="org")[0]["abbr"] == "DESG"
    assert lookup.find(glossary, "隱私強化技術", lang="en") == []  # read as English: nothing
    assert lookup.find(glossary, "隱私強化技術", lang="zh-Hant")[0]["abbr"] == "PETs"


@pytest.mark.parametrize(
    ("query", "filters", "message"),
    [
        ("", {}, "the query is empty"),
        ("  \t ", {}, "the query is empty"),
        ("x" * 501, {}, "501 characters long"),
        ("a\x07b", {}, "control character"),
        ("DESG", {"limit": 0}, "limit must be between 1 and 100"),
        ("DESG", {"limit": 101}, "limit must be between 1 and 100"),
        ("DESG", {"kind": "planet"}, "unknown kind 'planet'"),
    ],
)
def test_bad_input_raises_bad_input(glossary: Glossary, query: str, filters: dict, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        lookup.find(glossary, query, **filters)


def test_batch_reports_bad_queries_and_goes_on(glossary: Glossary) -> None:
    items = list(lookup.find_batch(glossary, ["DESG", "", "a\x01b", "PETs"], limit=2))
    assert [i["query"] for i in items] == ["DESG", "", "a\x01b", "PETs"]
    assert items[0]["results"][0]["abbr"] == "DESG" and "error" not in items[0]
    assert items[1]["results"] == [] and "empty" in items[1]["error"]
    assert items[2]["results"] == [] and "control character" in items[2]["error"]
    assert len(items[3]["results"]) <= 2


def test_bad_batch_filters_fail_before_any_answer(glossary: Glossary) -> None:
    with pytest.raises(BadInput, match="unknown kind"):
        lookup.find_batch(glossary, ["DESG"], kind="planet")
