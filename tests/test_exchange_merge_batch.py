"""Import --on-duplicate merge, batched (issue 21): the stored concepts a batch merges into are
read together and written back together (``BulkTransaction.get_many``, ``merge_many``), with
the same result as merging them one at a time, the identity rule kept, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy import text

from glossary.concepts.bulk import BulkTransaction
from glossary.errors import Conflict
from glossary.exchange import import_file
from glossary.service import open_store
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.conftest import seed_shipped_sqlite
from tests.exchange_helpers import write_file

HEADER = ",".join(COLUMNS)
N = 300


def csv_file(path: Path, rows: list[str]) -> Path:
    return write_file(path, "\n".join([HEADER, *rows]) + "\n")


def row(concept_id: str, zh: str, en: str, abbr: str, variants: str = "", citations: str = "") -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if value else ""

    return f"{concept_id},term,{zh},{en},,{abbr},,,,approved,{cell(variants)},,{cell(citations)}"


def first_rows() -> list[str]:
    return [row(f"merge-{i}", f"合併測試{i}號", f"Merge Test Term {i}", f"MTT{i}") for i in range(N)]


def merging_rows() -> list[str]:
    """The same concepts by content under other ids, each bringing a new form (every third a
    second acronym: a new identity claim) and a citation of a new report."""
    rows = []
    for i in range(N):
        variants = [{"text": f"Merge Test Term {i} Group", "lang": "en", "type": "variant"}]
        abbr = f"MTX{i}" if i % 3 == 0 else f"MTT{i}"
        citations = [{"doc": "merge-report.txt", "line": i + 1, "quote": f"合併測試{i}號"}]
        rows.append(
            row(
                f"other-{i}",
                f"合併測試{i}號",
                f"Merge Test Term {i}",
                abbr,
                json.dumps(variants, ensure_ascii=False),
                json.dumps(citations, ensure_ascii=False),
            )
        )
    return rows


def state(store: Store) -> dict[str, Any]:
    """Everything a merge writes: the records (with versions) and the identity claims."""
    with store.engine.connect() as conn:
        claims = sorted(tuple(r) for r in conn.execute(text("SELECT key, concept_id FROM identity_keys")))
    return {"concepts": [c for c in store.all_concepts()], "claims": claims}


@pytest.fixture
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements the store's engine runs (COPY on PostgreSQL goes by the driver)."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    yield seen
    event.remove(store.engine, "before_cursor_execute", count)


def test_merging_many_concepts_takes_a_few_statements_per_batch(
    store: Store, statements: list[str], tmp_path: Path
) -> None:
    assert import_file(store, csv_file(tmp_path / "first.csv", first_rows())).added == N
    statements.clear()
    report = import_file(store, csv_file(tmp_path / "merge.csv", merging_rows()), on_duplicate="merge")
    assert (report.added, report.merged, report.skipped) == (0, N, 0)
    # One at a time this was some fifteen statements per merged concept (4,500 here).
    assert len(statements) < 80, len(statements)
    merged = store.get_concept("merge-3")
    assert merged.version == 2
    assert "Merge Test Term 3 Group" in [t.text for t in merged.terms]
    assert "MTX3" in [t.text for t in merged.terms]
    assert merged.citations[-1].doc == "merge-report.txt"


def test_a_batched_merge_writes_what_merging_one_at_a_time_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = csv_file(tmp_path / "first.csv", first_rows())
    merging = csv_file(tmp_path / "merge.csv", merging_rows())
    results = []
    for name in ("batched", "one-by-one"):
        if name == "one-by-one":

            def one_by_one(self: BulkTransaction, concepts: list[Any]) -> None:
                for concept in concepts:
                    self.merge(concept)

            monkeypatch.setattr(BulkTransaction, "merge_many", one_by_one)
        store = open_store(seed_shipped_sqlite(tmp_path / f"{name}.sqlite3"))
        try:
            import_file(store, first)
            report = import_file(store, merging, on_duplicate="merge")
            results.append((report.to_dict()["actions"], state(store)))
        finally:
            store.close()
    assert results[0] == results[1]


def test_a_merge_that_would_make_two_concepts_the_same_is_refused(store: Store, tmp_path: Path) -> None:
    """The identity rule on the merged record: the entry is concept 1 by its Chinese form only,
    but it brings concept 2's English form, and concept 1 has concept 2's acronym (an acronym
    alone is no claim): merged, concept 1 would be concept 2 by acronym and English form."""
    rows = first_rows()
    rows[2] = row("merge-2", "合併測試2號", "Merge Test Term 2", "MTT1")
    import_file(store, csv_file(tmp_path / "first.csv", rows))
    before = state(store)
    revision = store.revision()
    clash = row("clash", "合併測試1號", "Merge Test Term 2", "")
    path = csv_file(tmp_path / "clash.csv", [*merging_rows()[5:], clash])
    with pytest.raises(Conflict, match=r"duplicates concept 'merge-2'"):
        import_file(store, path, on_duplicate="merge")
    assert state(store) == before
    assert store.revision() == revision
