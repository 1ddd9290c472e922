"""The JSON dump: complete, deterministic, exactly restorable; malformed dumps are refused by name."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings

from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.exchange.json_dump import read_dump
from glossary.records import Concept
from glossary.store import Store
from tests.exchange_helpers import count
from tests.exchange_helpers import empty_store
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import glossaries
from tests.exchange_helpers import round_trip
from tests.exchange_helpers import write_file


@pytest.fixture
def empty(db_url: str) -> Iterator[Store]:
    """An empty database on each backend (SQLite, PostgreSQL)."""
    store = empty_store(db_url)
    yield store
    store.close()


def test_dump_restore_dump_is_byte_identical(shipped: Store, empty: Store, tmp_path: Path) -> None:
    dump = export_bytes(shipped, "json")
    report = import_file(empty, write_file(tmp_path / "dump.json", dump))
    assert report.added == count(shipped, "concepts")
    assert export_bytes(empty, "json") == dump


def test_the_dump_holds_every_table(shipped: Store) -> None:
    data = json.loads(export_bytes(shipped, "json"))
    assert data["format"] == "glossary-dump" and data["version"] == 1
    assert {s["file_name"] for s in data["sources"]} >= {"003_8e85de5ac7b80fbc.txt"}
    desg = next(c for c in data["concepts"] if c["id"] == "digital-economy-steering-group")
    assert {t["text"] for t in desg["terms"]} >= {
        "數位經濟指導小組",
        "Digital Economy Steering Group",
        "DESG",
    }
    assert desg["citations"][0]["doc"] == "003_8e85de5ac7b80fbc.txt"
    assert len(data["concepts"]) == count(shipped, "concepts")
    assert [c["id"] for c in data["concepts"]] == sorted(c["id"] for c in data["concepts"])


def test_the_dump_has_no_timestamps_and_is_one_concept_per_line(shipped: Store) -> None:
    text = export_bytes(shipped, "json").decode("utf-8")
    assert "created_at" not in text and "updated_at" not in text
    lines = text.splitlines()
    assert lines[0] == '{"format":"glossary-dump","version":1,'
    assert sum(1 for line in lines if line.startswith('{"id":') and '"terms":' in line) == count(
        shipped, "concepts"
    )
    assert "數位經濟指導小組" in text  # not \\u-escaped


def test_restoring_keeps_versions_sources_and_sync_fingerprints(shipped: Store, tmp_path: Path) -> None:
    from sqlalchemy import text

    with shipped.engine.begin() as conn:
        conn.execute(text("UPDATE concepts SET version = 7 WHERE id = 'digital-economy-steering-group'"))
    target = empty_store(f"sqlite:///{tmp_path / 'restored.sqlite3'}")
    try:
        import_file(target, write_file(tmp_path / "d.json", export_bytes(shipped, "json")))
        assert target.get_concept("digital-economy-steering-group").version == 7
        with shipped.engine.connect() as a, target.engine.connect() as b:
            query = text("SELECT id, origin_hash FROM concepts ORDER BY id")
            assert a.execute(query).all() == b.execute(query).all()
            sources = text("SELECT id, file_name, title, issuing_body, date FROM sources ORDER BY id")
            assert a.execute(sources).all() == b.execute(sources).all()
    finally:
        target.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(xml_safe=False))
def test_random_glossaries_survive_dump_restore_dump(found: list[Concept]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = round_trip("json", found, Path(tmp))
    assert first == second
    restored = [c["id"] for c in json.loads(first)["concepts"]]
    assert restored == sorted(c.id for c in found)


def test_keys_in_another_order_are_read(shipped: Store, tmp_path: Path) -> None:
    """A dump rewritten with sorted keys (as ``jq -S`` does: concepts before sources) still restores."""
    data = json.loads(export_bytes(shipped, "json"))
    path = write_file(
        tmp_path / "sorted.json", json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    )
    target = empty_store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        report = import_file(target, path)
        assert report.added == len(data["concepts"])
        restored = json.loads(export_bytes(target, "json"))
        assert restored["concepts"] == data["concepts"]
        assert {s["file_name"]: s["title"] for s in restored["sources"]} == {
            s["file_name"]: s["title"] for s in data["sources"]
        }
    finally:
        target.close()


def test_values_split_across_read_chunks_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.exchange.json_dump as json_dump

    monkeypatch.setattr(json_dump, "_CHUNK", 7)
    concept = {"id": "a-1", "version": 12345, "terms": [{"text": "數位經濟指導小組", "lang": "zh-TW"}]}
    path = write_file(
        tmp_path / "d.json", json.dumps({"format": "glossary-dump", "version": 1, "concepts": [concept] * 1})
    )
    (item,) = list(read_dump(path))
    assert item.concept.version == 12345
    assert item.concept.terms[0].lang == "zh-Hant"  # language tags map as CONTRACTS.md says


# ---------------------------------------------------------------- malformed dumps

GOOD = (
    '{"format":"glossary-dump","version":1,"sources":[],"concepts":[\n'
    '{"id":"a","terms":[{"text":"甲","lang":"zh-Hant"}]}]}'
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (GOOD[:-10], r"bad\.json: line 2, column \d+: invalid JSON in concept 0|the file ends"),
        (GOOD[:40], r"bad\.json: line 1, column 39: invalid JSON in a key .*truncated\?"),
        ("[1, 2]", r"bad\.json: line 1, column 1: expected a glossary dump"),
        ('{"format":"other","concepts":[]}', r"'format' is 'other', not a glossary dump"),
        ('{"concepts":[]}', r"not a glossary dump: no 'format' key"),
        (GOOD.replace('"version":1', '"version":9'), r"dump version 9"),
        (
            GOOD.replace('"zh-Hant"', '"xx-YY"'),
            r"concepts\[0\] \(id 'a'\): terms\[0\]\.lang: unknown language tag 'xx-YY'",
        ),
        (GOOD.replace('"id":"a"', '"id":"A B"'), r"concepts\[0\]: field 'id': 'A B' is not a valid id"),
        (GOOD.replace('"terms"', '"termz"'), r"concepts\[0\]: unknown field 'termz'"),
        (
            GOOD.replace('"text":"甲"', '"text":""'),
            r"concepts\[0\] \(id 'a'\): field 'terms\[0\]\.text' is empty",
        ),
        (
            GOOD.replace('"text":"甲"', '"text":"a\\u0007"'),
            r"field 'terms\[0\]\.text' contains a control character",
        ),
        (GOOD.replace('"lang":"zh-Hant"', '"lang":"zh-Hant","confidence":NaN'), r"invalid JSON .*NaN"),
        (
            GOOD.replace('"lang":"zh-Hant"', '"lang":"zh-Hant","confidence":' + "9" * 5000),
            r"invalid JSON in concept 0 \(a number too long to be any field's value\)$",
        ),
        (
            GOOD.replace("]}]}", ']},\n{"id":"a","terms":[{"text":"乙","lang":"zh-Hant"}]}]}'),
            r"concepts\[1\]: field 'id': duplicate id 'a'",
        ),
        (GOOD + "garbage", r"unexpected text after the dump"),
    ],
)
def test_malformed_dumps_are_refused_with_the_place(
    empty_sqlite: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = write_file(tmp_path / "bad.json", content)
    with pytest.raises(BadInput, match=message):
        import_file(empty_sqlite, path)
    assert count(empty_sqlite, "concepts") == 0


def test_invalid_utf8_is_refused(empty_sqlite: Store, tmp_path: Path) -> None:
    path = write_file(tmp_path / "bad.json", GOOD.encode("utf-8").replace("甲".encode(), b"\xff\xfe"))
    with pytest.raises(BadInput, match=r"bad\.json: invalid UTF-8 at byte \d+"):
        import_file(empty_sqlite, path)


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> Iterator[Store]:
    store = empty_store(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    yield store
    store.close()
