"""``glossary.lookup`` through the real engine on a real database: the persisted index, following
writes made through another store or process, filters, and the find fast path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import curate
from glossary import lookup
from glossary.errors import BadInput
from glossary.searcher import Searcher
from glossary.searcher import index_dir
from glossary.store import Store
from tests.conftest import ROOT


def test_find_on_both_backends_uses_the_engine(store: Store) -> None:
    by_simplified = lookup.find(store, "隐私强化技术")
    assert by_simplified[0]["abbr"] == "PETs"
    assert by_simplified[0]["matched"]["how"] == "normalized"
    by_typo = lookup.find(store, "Digital Economy Steering Grup")
    assert by_typo[0]["abbr"] == "DESG" and by_typo[0]["matched"]["how"] == "fuzzy"
    assert by_typo[0]["score"] < 100
    by_acronym = lookup.find(store, "desg")
    assert by_acronym[0]["matched"] == {"text": "DESG", "lang": "en", "type": "acronym", "how": "acronym"}


def test_a_write_through_another_store_is_seen_by_the_next_find(db_url: str) -> None:
    reader = Store.open(db_url)
    writer = Store.open(db_url)
    try:
        assert lookup.find(reader, "QZXJ") == []
        builds = lookup._searcher(reader).builds
        curate.create_concept(
            writer, {"zh": "量子信任框架", "en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t"
        )
        found = lookup.find(reader, "qzxj")
        assert [r["en"] for r in found] == ["Quantum Trust Frame"]
        assert lookup._searcher(reader).builds == builds  # followed, not rebuilt
        assert lookup._searcher(reader).updates == 1
        curate.delete_concept(writer, found[0]["id"], who="t")
        assert lookup.find(reader, "QZXJ") == []
    finally:
        reader.close()
        writer.close()


def test_a_write_by_another_process_is_seen_by_a_running_searcher(isolated_home: Path) -> None:
    with lookup.open_glossary() as searcher:
        assert lookup.find(searcher, "QZXJ") == []
        env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
        code = (
            "from glossary import curate; from glossary.store import Store\n"
            "with Store.open() as s:\n"
            "    curate.create_concept(s, {'zh': '量子信任框架', 'abbr': 'QZXJ'}, who='other')\n"
        )
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
        assert [r["zh"] for r in lookup.find(searcher, "qzxj")] == ["量子信任框架"]


def test_an_unchanged_glossary_is_not_rebuilt(store: Store) -> None:
    lookup.find(store, "DESG")
    searcher = lookup._searcher(store)
    builds = searcher.builds
    for query in ("PETs", "數位經濟", "privacy"):
        lookup.find(store, query)
    assert searcher.builds == builds


def test_the_index_file_is_reused_by_a_new_searcher_and_older_ones_removed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glossary.searcher.OVERLAY_LIMIT", 0)  # every write: a rebuild
    lookup.find(store, "DESG")
    files = list(index_dir().glob("*.idx"))
    assert len(files) == 1
    with Searcher(store.url) as fresh:
        assert lookup.find(fresh, "DESG")[0]["abbr"] == "DESG"
        assert fresh.builds == 0
    curate.create_concept(store, {"zh": "量子信任框架", "en": "Quantum Trust Frame"}, who="t")
    lookup.find(store, "DESG")
    after = list(index_dir().glob("*.idx"))
    assert len(after) == 1 and after != files


def test_a_fresh_process_maps_the_persisted_index_without_sqlalchemy(isolated_home: Path) -> None:
    env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
    code = (
        "import sys, json; from glossary import lookup\n"
        "with lookup.open_glossary() as g:\n"
        "    r = lookup.find(g, 'DESG')\n"
        "    print(json.dumps([r[0]['abbr'], g.builds, 'sqlalchemy' in sys.modules]))\n"
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


def test_a_deprecated_form_finds_its_concept_with_a_notice(store: Store) -> None:
    curate.create_concept(
        store,
        {
            "zh": "國際運輸論壇測試",
            "en": "International Transport Forum Test",
            "abbr": "ITFQ",
            "terms": [{"text": "ITEQ", "type": "acronym", "status": "deprecated", "note": "OCR slip"}],
            "definitions": ["A forum."],
        },
        who="t",
    )
    [first, *_] = lookup.find(store, "ITEQ")
    assert first["abbr"] == "ITFQ"
    assert first["matched"] == {"text": "ITEQ", "lang": "en", "type": "acronym", "how": "exact"}
    assert first["notice"] == "ITEQ is a deprecated form of ITFQ (OCR slip)"
    assert {"text": "ITEQ", "lang": "en", "type": "acronym", "status": "deprecated"} in first["variants"]
    assert first["definition"]["text"] == "A forum."


def test_source_filter_takes_a_file_name_an_id_or_a_prefix(store: Store) -> None:
    file_name = "003_8e85de5ac7b80fbc.txt"
    by_file = lookup.find(store, "DESG", source=file_name)
    assert by_file and all(any(c["doc"] == file_name for c in r["citations"]) for r in by_file)
    assert lookup.find(store, "DESG", source="003") == by_file
    assert lookup.find(store, "DESG", source="000_6335a8691290a983.txt") == []
    with pytest.raises(BadInput, match="no source with id or file name 'nope'"):
        lookup.find(store, "DESG", source="nope")


def test_kind_and_lang_filters(store: Store) -> None:
    assert lookup.find(store, "DESG", kind="law") == []
    assert lookup.find(store, "DESG", kind="org")[0]["abbr"] == "DESG"
    assert lookup.find(store, "隱私強化技術", lang="en") == []  # read as English: nothing
    assert lookup.find(store, "隱私強化技術", lang="zh-Hant")[0]["abbr"] == "PETs"


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
def test_bad_input_raises_bad_input(store: Store, query: str, filters: dict, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        lookup.find(store, query, **filters)


def test_batch_reports_bad_queries_and_goes_on(store: Store) -> None:
    items = list(lookup.find_batch(store, ["DESG", "", "a\x01b", "PETs"], limit=2))
    assert [i["query"] for i in items] == ["DESG", "", "a\x01b", "PETs"]
    assert items[0]["results"][0]["abbr"] == "DESG" and "error" not in items[0]
    assert items[1]["results"] == [] and "empty" in items[1]["error"]
    assert items[2]["results"] == [] and "control character" in items[2]["error"]
    assert len(items[3]["results"]) <= 2


def test_bad_batch_filters_fail_before_any_answer(store: Store) -> None:
    with pytest.raises(BadInput, match="unknown kind"):
        lookup.find_batch(store, ["DESG"], kind="planet")
