"""The importer: one transaction, the identity rule with skip/merge/fail, dry runs, the change log,
readers that never see half an import (SQLite and PostgreSQL), and the export/import commands."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.service import open_store
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.cli_helpers import run
from tests.exchange_helpers import count
from tests.exchange_helpers import empty_store
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import write_file

HEADER = ",".join(COLUMNS)
TABLES = ("concepts", "terms", "definitions", "citations", "sources", "change_log")


def csv_file(path: Path, *rows: str) -> Path:
    return write_file(path, "\n".join([HEADER, *rows]) + "\n")


def row(concept_id: str, zh: str = "", en: str = "", abbr: str = "", citations: str = "") -> str:
    cell = '"' + citations.replace('"', '""') + '"' if citations else ""
    return f"{concept_id},term,{zh},{en},,{abbr},,,,approved,,,{cell}"


def snapshot(store: Store) -> dict[str, object]:
    """Every table's row count and the revision: what 'nothing changed' means."""
    return {**{table: count(store, table) for table in TABLES}, "revision": store.revision()}


def many_rows(n: int, start: int = 0) -> list[str]:
    return [
        row(f"bulk-{i}", f"大量測試{i}號", f"Bulk Test Term {i}", f"BTT{i}") for i in range(start, start + n)
    ]


# ---------------------------------------------------------------- one transaction


def test_a_bad_row_at_the_end_leaves_the_database_unchanged(shipped: Store, tmp_path: Path) -> None:
    before = snapshot(shipped)
    rows = many_rows(4500)
    rows.append(row("bad-row", "壞資料", "Bad", "").replace("term,", "thing,", 1))
    path = csv_file(tmp_path / "late.csv", *rows)
    with pytest.raises(BadInput, match=r"late\.csv: row 4502: field 'kind' is 'thing'"):
        import_file(shipped, path)
    assert snapshot(shipped) == before
    with shipped.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM concepts WHERE id LIKE 'bulk-%'")).scalar() == 0


def test_a_bad_element_at_the_end_of_a_tbx_leaves_the_database_unchanged(
    shipped: Store, tmp_path: Path
) -> None:
    before = snapshot(shipped)
    data = export_bytes(shipped, "tbx").decode("utf-8")
    fresh = (
        data.replace('id="', 'id="x-')
        .replace("<term>", "<term>新")
        .replace(
            "</body>",
            '<termEntry id="z"><langSet xml:lang="qq-QQ"><tig><term>Z</term></tig></langSet>'
            "</termEntry></body>",
        )
    )
    with pytest.raises(BadInput, match=r"unknown language tag 'qq-QQ'"):
        import_file(shipped, write_file(tmp_path / "late.tbx", fresh))
    assert snapshot(shipped) == before


def test_an_import_bumps_the_revision_once_and_logs_once(shipped: Store, tmp_path: Path) -> None:
    before = snapshot(shipped)
    report = import_file(shipped, csv_file(tmp_path / "new.csv", *many_rows(2500)), who="alice")
    assert report.added == 2500
    after = snapshot(shipped)
    assert after["revision"] == before["revision"] + 1  # type: ignore[operator]
    assert after["concepts"] == before["concepts"] + 2500  # type: ignore[operator]
    with shipped.engine.connect() as conn:
        entries = conn.execute(
            text("SELECT who, action, concept_id, detail FROM change_log WHERE action = 'import'")
        ).all()
    assert len(entries) == 1 and entries[0][:3] == ("alice", "import", None)  # one entry per import
    detail = json.loads(entries[0][3])
    assert (detail["file"], detail["format"], detail["added"]) == (str(tmp_path / "new.csv"), "csv", 2500)
    concept = shipped.get_concept("bulk-7")
    assert (concept.zh, concept.en, concept.abbr) == ("大量測試7號", "Bulk Test Term 7", "BTT7")


def test_sqlite_foreign_keys_hold_after_an_import_and_are_checked_again(
    shipped: Store, tmp_path: Path
) -> None:
    """The bulk path writes with SQLite's foreign-key checks off; every reference must still hold,
    and the connection must go back to the pool with the checks on."""
    citation = json.dumps([{"doc": "brand-new-report.txt", "line": 3, "section": "", "quote": "q"}])
    import_file(
        shipped,
        csv_file(tmp_path / "new.csv", *many_rows(300), row("cited", "被引用", "Cited", "", citation)),
    )
    with shipped.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
    assert shipped.get_concept("cited").citations[0].doc == "brand-new-report.txt"


ORPHANS = {
    "terms": "SELECT count(*) FROM terms t LEFT JOIN concepts c ON c.id = t.concept_id WHERE c.id IS NULL",
    "definitions": "SELECT count(*) FROM definitions d LEFT JOIN concepts c ON c.id = d.concept_id "
    "WHERE c.id IS NULL",
    "citations": "SELECT count(*) FROM citations x LEFT JOIN concepts c ON c.id = x.concept_id "
    "LEFT JOIN sources s ON s.id = x.source_id LEFT JOIN definitions d ON d.id = x.definition_id "
    "WHERE c.id IS NULL OR s.id IS NULL OR (x.definition_id IS NOT NULL AND d.id IS NULL)",
}


def test_every_reference_holds_after_a_bulk_import(db_url: str, tmp_path: Path) -> None:
    """The bulk path skips the per-row foreign-key checks where it can; the references it
    writes must hold all the same, on both backends."""
    store = open_store(db_url)
    try:
        definition = json.dumps(
            [{"text": "定義", "lang": "zh-Hant", "citation": {"doc": "def-report.txt", "line": 2}}],
            ensure_ascii=False,
        )
        cell = definition.replace('"', '""')
        rows = [*many_rows(2500), f'defined,term,有定義,Defined,,,,,,approved,,"{cell}",']
        import_file(store, csv_file(tmp_path / "refs.csv", *rows))
        with store.engine.connect() as conn:
            for table, query in ORPHANS.items():
                assert conn.execute(text(query)).scalar() == 0, table
        assert store.get_concept("defined").definitions[0].citation.doc == "def-report.txt"  # type: ignore[union-attr]
        import_file(store, csv_file(tmp_path / "more.csv", *many_rows(10, start=5000)))  # ids go on
        assert store.get_concept("bulk-5009").en == "Bulk Test Term 5009"
    finally:
        store.close()


def test_reimporting_an_export_skips_everything_and_changes_nothing(shipped: Store, tmp_path: Path) -> None:
    before = snapshot(shipped)
    for fmt in ("csv", "tbx", "json", "xlsx"):
        report = import_file(shipped, write_file(tmp_path / f"again.{fmt}", export_bytes(shipped, fmt)))
        assert (report.added, report.merged, report.skipped) == (0, 0, before["concepts"]), fmt
        assert {(a.reason or "").split(",")[0] for a in report.actions} == {"same id"}
    assert snapshot(shipped) == before


# ---------------------------------------------------------------- duplicates


def test_same_chinese_is_the_same_concept(shipped: Store, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path / "dup.csv", row("desg-copy", "數位經濟指導小組", "Digital Economy Steering Committee")
    )
    report = import_file(shipped, path)
    assert (report.added, report.skipped) == (0, 1)
    (action,) = report.actions
    assert (action.id, action.stored_id, action.reason) == (
        "desg-copy",
        "digital-economy-steering-group",
        "same Chinese form",
    )


def test_same_acronym_and_english_is_the_same_concept_but_the_acronym_alone_is_not(
    shipped: Store, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path / "dup.csv",
        row(
            "desg-2", "數位經濟指導組", "digital economy steering-group", "DESG"
        ),  # normalised English matches
        row("desg-3", "另一個小組", "Data Exchange Study Group", "DESG"),  # same acronym, other English
    )
    report = import_file(shipped, path)
    assert [(a.action, a.id, a.stored_id) for a in report.actions] == [
        ("skip", "desg-2", "digital-economy-steering-group"),
        ("add", "desg-3", None),
    ]
    assert report.actions[0].reason == "same acronym and English form"


def test_fail_stops_at_the_first_duplicate_and_imports_nothing(shipped: Store, tmp_path: Path) -> None:
    before = snapshot(shipped)
    path = csv_file(tmp_path / "dup.csv", *many_rows(10), row("desg-copy", "數位經濟指導小組"))
    with pytest.raises(
        BadInput,
        match=r"dup\.csv: row 12: the same concept as 'digital-economy-steering-group'"
        r".*same Chinese form.*nothing was imported",
    ):
        import_file(shipped, path, on_duplicate="fail")
    assert snapshot(shipped) == before


def test_merge_adds_new_forms_and_citations_to_the_stored_concept(shipped: Store, tmp_path: Path) -> None:
    stored = shipped.get_concept("digital-economy-steering-group")
    citation = json.dumps(
        [{"doc": "new-report.txt", "line": 12, "section": "一、", "quote": "數位經濟指導小組開會。"}],
        ensure_ascii=False,
    )
    path = csv_file(
        tmp_path / "more.csv",
        row("desg-copy", "數位經濟指導小組", "Digital Economy Steering Committee", "DESG", citation),
    )
    report = import_file(shipped, path, on_duplicate="merge", who="bob")
    assert (report.added, report.merged) == (0, 1)
    merged = shipped.get_concept("digital-economy-steering-group")
    assert merged.version == stored.version + 1
    assert (merged.zh, merged.en, merged.abbr) == (stored.zh, stored.en, stored.abbr)  # preferred forms kept
    new = [t for t in merged.terms if t.text == "Digital Economy Steering Committee"]
    assert [(t.lang, t.status) for t in new] == [("en", "admitted")]
    assert merged.citations[-1].doc == "new-report.txt"
    assert len(merged.terms) == len(stored.terms) + 1
    assert shipped.get_concepts(["desg-copy"]) == {}
    with shipped.engine.connect() as conn:
        who, action, detail = conn.execute(
            text("SELECT who, action, detail FROM change_log ORDER BY id DESC")
        ).first()
    assert (who, action) == ("bob", "import")
    assert json.loads(detail)["merged_into"] == ["digital-economy-steering-group"]
    again = import_file(shipped, path, on_duplicate="merge")
    assert (again.merged, again.skipped) == (0, 1)
    assert again.actions[0].reason == "same Chinese form; nothing new"


def test_duplicates_inside_one_file_are_found_too(shipped: Store, tmp_path: Path) -> None:
    rows = [
        row("first", "新概念甲", "New Concept", "NC"),
        *many_rows(2500),
        row("second", "新概念甲", "New Concept Alpha"),
    ]
    path = csv_file(tmp_path / "self.csv", *rows)
    skipped = import_file(shipped, path, dry_run=True)
    assert (skipped.added, skipped.skipped) == (2501, 1)
    merged = import_file(shipped, path, on_duplicate="merge")
    assert (merged.added, merged.merged) == (2501, 1)
    concept = shipped.get_concept("first")
    assert [t.text for t in concept.terms] == ["新概念甲", "New Concept", "NC", "New Concept Alpha"]


def test_a_dry_run_reports_and_changes_nothing(shipped: Store, tmp_path: Path) -> None:
    before = snapshot(shipped)
    path = csv_file(
        tmp_path / "plan.csv",
        row("brand-new", "全新詞", "Brand New"),
        row("desg-copy", "數位經濟指導小組", "Digital Economy Steering Committee"),
    )
    report = import_file(shipped, path, dry_run=True, on_duplicate="merge")
    assert [(a.action, a.id) for a in report.actions] == [("add", "brand-new"), ("merge", "desg-copy")]
    assert (
        report.summary()
        == f"Would add 1, merge 1, skip 0 concepts from {path} (dry run: nothing was changed)"
    )
    assert snapshot(shipped) == before


# ---------------------------------------------------------------- readers during an import


def test_readers_see_the_old_or_the_new_glossary_never_half(db_url: str, tmp_path: Path) -> None:
    store = open_store(db_url)
    try:
        path = csv_file(tmp_path / "big.csv", *many_rows(6000))
        query = text(
            "SELECT (SELECT count(*) FROM concepts), (SELECT count(*) FROM terms), "
            "(SELECT count(*) FROM citations)"
        )
        with store.engine.connect() as conn:
            old = tuple(conn.execute(query).one())
        sample = [f"bulk-{i}" for i in range(0, 6000, 97)]
        seen: list[tuple[int, ...]] = []
        partial: list[int] = []
        errors: list[BaseException] = []
        done = threading.Event()

        def read() -> None:
            try:
                while not done.is_set():
                    with store.engine.connect() as conn:
                        seen.append(tuple(conn.execute(query).one()))
                    found = len(store.get_concepts(sample))
                    if found not in (0, len(sample)):
                        partial.append(found)
                    time.sleep(0.002)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        readers = [threading.Thread(target=read) for _ in range(2)]
        for reader in readers:
            reader.start()
        time.sleep(0.05)
        try:
            report = import_file(store, path)
            with store.engine.connect() as conn:
                new = tuple(conn.execute(query).one())
            deadline = time.monotonic() + 10
            while new not in seen and not errors and time.monotonic() < deadline:
                time.sleep(0.01)  # let the readers see the new glossary too
        finally:
            done.set()
            for reader in readers:
                reader.join()
        assert not errors, errors
        assert report.added == 6000 and new[0] == old[0] + 6000
        assert set(seen) <= {old, new}, sorted(set(seen) - {old, new})[:3]
        assert old in seen and new in seen  # the readers really ran during the import
        assert not partial
    finally:
        store.close()


# ---------------------------------------------------------------- the commands


def test_export_json_to_stdout_and_import_it_into_an_empty_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = run(capsys, "export", "--format", "json")
    assert ran.status == 0, ran.err
    dump = json.loads(ran.out)
    assert dump["format"] == "glossary-dump" and len(dump["concepts"]) >= 40
    path = write_file(tmp_path / "backup.json", ran.out)
    url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    empty_store(url).close()
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", url)
    ran = run(capsys, "import", str(path))
    assert ran.status == 0, ran.err
    assert (
        ran.err.strip().splitlines()[-1]
        == f"Added {len(dump['concepts'])}, merged 0, skipped 0 concepts from {path}."
    )
    again = run(capsys, "export", "--format", "json")
    assert again.out == path.read_text(encoding="utf-8")


def test_export_to_a_file_takes_the_format_from_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "glossary.xlsx"
    ran = run(capsys, "export", "-o", str(target), "--kind", "org")
    assert ran.status == 0, ran.err
    assert target.read_bytes()[:2] == b"PK" and ran.out == ""
    assert ran.err.startswith("Exported ") and str(target) in ran.err


def test_binary_output_to_a_terminal_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    ran = run(capsys, "export", "--format", "xlsx")
    assert ran.status == 2
    assert ran.err.startswith("Error: XLSX is a binary format: give -o FILE")
    assert ran.out == ""


def test_export_without_a_format_asks_for_one(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "export")
    assert (ran.status, ran.err.splitlines()[0][:35]) == (2, "Error: give --format (tbx, tbx3, cs")


def test_import_dry_run_lists_what_would_happen(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = csv_file(
        tmp_path / "plan.csv", row("brand-new", "全新詞", "Brand New"), row("desg-copy", "數位經濟指導小組")
    )
    ran = run(capsys, "import", str(path), "--dry-run")
    assert ran.status == 0, ran.err
    assert ran.out.splitlines() == [
        f"new\t{path}: row 2\tas brand-new",
        f"same as digital-economy-steering-group\t{path}: row 3\tsame Chinese form",
    ]
    assert "Would add 1, merge 0, skip 1 concepts" in ran.err
    ran = run(capsys, "import", str(path), "--dry-run", "--json")
    entries = [json.loads(line) for line in ran.out.splitlines()]
    assert [(e["verdict"], e["id"]) for e in entries] == [
        ("new", "brand-new"),
        ("same", "digital-economy-steering-group"),
    ]


def test_import_errors_are_one_line_naming_file_row_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_file(tmp_path / "bad.csv", "id,kind,zh\na,term,甲\n")
    ran = run(capsys, "import", str(path))
    assert ran.status == 2 and ran.out == ""
    assert ran.err.strip().splitlines() == [
        f"Error: {path}: missing column 'en', 'abbr', 'variants', 'definitions', 'citations' "
        "in the header row"
    ]
    ran = run(capsys, "import", str(tmp_path / "missing.tbx"))
    assert (ran.status, ran.err.strip()) == (2, f"Error: {tmp_path / 'missing.tbx'}: no such file")
