"""XLSX: a workbook a translator can read (header, frozen panes, widths), read back by the same rules."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl import load_workbook

from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.records import Concept
from glossary.records import Term
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.exchange_helpers import count
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import load_concepts
from tests.exchange_helpers import write_file


def workbook(rows: list[list[object]], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def test_the_workbook_is_readable_by_a_translator(shipped: Store) -> None:
    book = load_workbook(io.BytesIO(export_bytes(shipped, "xlsx")))
    sheet = book.active
    assert sheet.title == "glossary"
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:M{count(shipped, 'concepts') + 1}"
    widths = {
        sheet.cell(1, n).value: sheet.column_dimensions[sheet.cell(1, n).column_letter].width
        for n in range(1, 14)
    }
    assert widths["zh"] >= 20 and widths["en"] >= 30 and widths["definitions"] >= 50
    assert sheet.max_row == count(shipped, "concepts") + 1


def test_export_import_export_keeps_every_cell(shipped: Store, empty: Store, tmp_path: Path) -> None:
    first = export_bytes(shipped, "xlsx")
    import_file(empty, write_file(tmp_path / "g.xlsx", first))
    assert export_bytes(empty, "csv") == export_bytes(shipped, "csv")
    cells = [list(r) for r in load_workbook(io.BytesIO(first)).active.iter_rows(values_only=True)]
    again = [
        list(r)
        for r in load_workbook(io.BytesIO(export_bytes(empty, "xlsx"))).active.iter_rows(values_only=True)
    ]
    assert again == cells


def test_text_that_looks_like_a_formula_or_a_number_stays_text(empty: Store, tmp_path: Path) -> None:
    load_concepts(empty, [Concept(id="f", terms=[Term("=SUM(A1)", "en"), Term("007", "zh-Hant")])], tmp_path)
    sheet = load_workbook(io.BytesIO(export_bytes(empty, "xlsx"))).active
    en = sheet.cell(2, COLUMNS.index("en") + 1)
    zh = sheet.cell(2, COLUMNS.index("zh") + 1)
    assert (en.value, en.data_type) == ("=SUM(A1)", "s")
    assert (zh.value, zh.data_type) == ("007", "s")


def test_a_sheet_typed_by_hand_is_read(empty: Store, tmp_path: Path) -> None:
    header = ["id", "kind", "zh", "en", "abbr", "variants", "definitions", "citations"]
    path = workbook(
        [
            header,
            ["moda", "org", "數位發展部", "Ministry of Digital Affairs", "MODA", None, None, None],
            [None] * 8,
            ["y2024", "term", "二〇二四", 2024, None],
        ],
        tmp_path / "typed.xlsx",
    )
    report = import_file(empty, path)
    assert report.added == 2
    assert empty.get_concept("y2024").en == "2024"


def test_a_file_that_is_not_a_workbook_is_refused(empty: Store, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"notes\.xlsx: not an Excel workbook \(\.xlsx\)"):
        import_file(empty, write_file(tmp_path / "notes.xlsx", "id,kind\nthis is a CSV\n"))
    archive = tmp_path / "other.xlsx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("hello.txt", "a zip file, but no workbook in it")
    with pytest.raises(BadInput, match=r"other\.xlsx: not an Excel workbook"):
        import_file(empty, archive)
    assert count(empty, "concepts") == 0


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["id", "kind", "zh"], ["a", "term", "甲"]], r"sheet 'Sheet': missing column 'en', 'abbr'"),
        ([[None, None]], r"sheet 'Sheet': the first row is empty"),
        (
            [
                ["id", "kind", "zh", "en", "abbr", "variants", "definitions", "citations"],
                ["a", "term", "甲", None, None, None, None, None, "extra"],
            ],
            r"sheet 'Sheet' row 2: more cells than header columns",
        ),
        (
            [
                ["id", "kind", "zh", "en", "abbr", "variants", "definitions", "citations"],
                ["a", "term", "甲"],
                ["b", "thing", "乙"],
            ],
            r"sheet 'Sheet' row 3: field 'kind' is 'thing'",
        ),
    ],
)
def test_bad_sheets_are_refused_with_the_place(
    empty: Store, tmp_path: Path, rows: list[list[object]], message: str
) -> None:
    path = workbook(rows, tmp_path / "bad.xlsx")
    with pytest.raises(BadInput, match=message):
        import_file(empty, path)
    assert count(empty, "concepts") == 0


def test_a_cell_too_long_for_excel_is_refused_by_name(empty: Store, tmp_path: Path) -> None:
    """No single field may reach Excel's 32,767 characters (terms stop at 300), but the variants
    cell of a concept with 100 long variants does."""
    variants = [Term(f"{n:03d}" + "長" * 290, "zh-Hant", status="admitted") for n in range(99)]
    load_concepts(empty, [Concept(id="long", terms=[Term("長詞", "zh-Hant"), *variants])], tmp_path)
    with pytest.raises(
        BadInput, match=r"concept 'long': column 'variants' has [\d,]+ characters.*CSV or JSON"
    ):
        export_bytes(empty, "xlsx")


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_reading(
    empty: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small zip bomb (cells of Excel's largest size; the limit set to 100 KB): refused, briefly,
    nothing written."""
    from glossary import reader

    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 100 * 1024)
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "kind", "zh"])
    for n in range(3):
        sheet.append([f"big-{n}", "term", "甲" * 32000])
    path = tmp_path / "bomb.xlsx"
    book.save(path)
    with pytest.raises(BadInput, match=r"bomb\.xlsx: unpacks to \d+ KB, more than the 100 KB") as caught:
        import_file(empty, path)
    assert len(str(caught.value)) < 300
    assert count(empty, "concepts") == 0
