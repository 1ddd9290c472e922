"""Spreadsheet formula injection (Reliability II §3): CSV meant for people defuses a cell that
starts with = + - @; reading it back restores the value; XLSX holds such values as text;
machine formats (data/terms.csv) stay exact."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from glossary.exchange import import_file
from glossary.records import Concept
from glossary.records import Term
from glossary.store import Store
from glossary.terms_csv import write_concepts
from tests.cli_helpers import run
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import write_file

LINK = '=HYPERLINK("http://example.invalid/x","點我")'


def formula_glossary(path: Path) -> Path:
    concepts = [
        Concept(
            id="formula-term",
            kind="term",
            terms=[
                Term(LINK, "zh-Hant", "fullForm", "preferred"),
                Term("+Plus Thing", "en", "fullForm", "preferred"),
                Term("@AT", "en", "acronym", "preferred"),
            ],
            note="-1 is not a note",
        )
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        write_concepts(concepts, f)
    return path


def test_the_glossary_csv_itself_stays_exact(tmp_path: Path) -> None:
    text = formula_glossary(tmp_path / "terms.csv").read_text("utf-8")
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["zh"], row["en"], row["abbr"], row["note"]) == (
        LINK,
        "+Plus Thing",
        "@AT",
        "-1 is not a note",
    )


def test_csv_export_defuses_and_reimports_unchanged(empty: Store, tmp_path: Path) -> None:
    import_file(empty, formula_glossary(tmp_path / "partner.csv"))
    exported = export_bytes(empty, "csv").decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(exported)))
    assert (row["zh"], row["en"], row["abbr"], row["note"]) == (
        "'" + LINK,
        "'+Plus Thing",
        "'@AT",
        "'-1 is not a note",
    )
    again = import_file(empty, write_file(tmp_path / "again.csv", exported), dry_run=True)
    assert again.actions[0].reason.startswith("same id") or again.skipped == 1
    stored = empty.get_concept("formula-term")
    assert (stored.zh, stored.en, stored.abbr, stored.note) == (
        LINK,
        "+Plus Thing",
        "@AT",
        "-1 is not a note",
    )


def test_find_batch_csv_and_xlsx_hold_no_live_formula(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("=1+1\nDESG\n", encoding="utf-8")
    ran = run(capsys, "find", "--batch", str(queries), "--csv", "--limit", "1")
    assert ran.status == 0
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    assert [r["query"] for r in rows] == ["'=1+1", "DESG"]
    out = tmp_path / "found.xlsx"
    assert run(capsys, "find", "--batch", str(queries), "--xlsx", str(out), "--limit", "1").status == 0
    with zipfile.ZipFile(out) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(book.read(n) for n in sheets).decode("utf-8")
    assert "<f>" not in xml and "=1+1" in xml  # the value as text, not a formula
