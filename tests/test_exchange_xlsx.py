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


SHEETS = ["詞彙 Glossary", "寫法 Forms", "定義 Definitions", "出處 Citations"]


def sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def test_the_workbook_is_readable_by_a_translator(shipped: Store) -> None:
    book = load_workbook(io.BytesIO(export_bytes(shipped, "xlsx")))
    assert book.sheetnames == SHEETS
    concepts = count(shipped, "concepts")
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        assert all(c.font.bold for c in sheet[1])
        for label in header:  # bilingual: Chinese, then English
            chinese, english = label.split(" ", 1)
            assert all("\u4e00" <= ch <= "\u9fff" for ch in chinese) and english[0].isupper(), label
        assert sheet.auto_filter.ref.startswith("A1:")
    main = book["詞彙 Glossary"]
    assert main.freeze_panes == "B2" and main.max_row == concepts + 1
    header = [c.value for c in main[1]]
    assert header[:8] == [
        "編號 ID", "類別 Kind", "中文 Chinese", "英文 English", "縮寫 Acronym",
        "其他寫法 Other forms", "定義 Definition", "出處 Where the reports state it",
    ]  # fmt: skip
    widths = {main.cell(1, n).value: main.column_dimensions[main.cell(1, n).column_letter].width
              for n in range(1, len(header) + 1)}  # fmt: skip
    assert widths["中文 Chinese"] >= 20 and widths["英文 English"] >= 30 and widths["定義 Definition"] >= 50
    table = sheets(export_bytes(shipped, "xlsx"))[main.title]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in table[1:]}
    itf = rows["international-transport-forum"]
    assert (itf["中文 Chinese"], itf["縮寫 Acronym"]) == ("國際交通論壇", "ITF")
    assert itf["其他寫法 Other forms"] == "ITE (誤用 deprecated)"
    doc = "000_6335a8691290a983.txt"
    assert itf["出處 Where the reports state it"] == f"{doc}:279; {doc}:773"
    stored = shipped.get_concept("airmf")
    first = stored.definitions[0]
    assert rows["airmf"]["定義 Definition"].startswith(
        f"{first.text}（出處 Source: {first.citation.doc}:{first.citation.line}）"
    )
    # one row per form, per definition and per citation
    book_rows = sheets(export_bytes(shipped, "xlsx"))
    every = [shipped.get_concept(c.id) for c in shipped.all_concepts()]
    assert len(book_rows["寫法 Forms"]) - 1 == sum(len(c.terms) for c in every)
    assert len(book_rows["定義 Definitions"]) - 1 == sum(len(c.definitions) for c in every)
    assert len(book_rows["出處 Citations"]) - 1 == sum(len(c.citations) for c in every) > 400
    assert ["international-transport-forum", "ITE", "en", "acronym", "deprecated"] in [
        r[:5] for r in book_rows["寫法 Forms"]
    ]


def test_no_cell_holds_json(shipped: Store) -> None:
    import json

    cells = [v for rows in sheets(export_bytes(shipped, "xlsx")).values() for r in rows for v in r]
    assert len(cells) > 5000
    for value in cells:
        if isinstance(value, str) and value[:1] in "[{":
            with pytest.raises(ValueError):
                json.loads(value)


def test_line_numbers_are_numbers(shipped: Store) -> None:
    citations = sheets(export_bytes(shipped, "xlsx"))["出處 Citations"]
    line = citations[0].index("行 Line")
    assert all(isinstance(r[line], int) and r[line] >= 1 for r in citations[1:])


def test_re_importing_the_workbook_changes_nothing(shipped: Store, empty: Store, tmp_path: Path) -> None:
    first = export_bytes(shipped, "xlsx")
    path = write_file(tmp_path / "g.xlsx", first)
    import_file(empty, path)
    assert export_bytes(empty, "csv") == export_bytes(shipped, "csv")
    assert sheets(export_bytes(empty, "xlsx")) == sheets(first)
    before, revision = export_bytes(shipped, "csv"), shipped.revision()
    for mode in ("skip", "merge"):
        report = import_file(shipped, path, on_duplicate=mode)
        assert report.added == 0, report.actions
        assert export_bytes(shipped, "csv") == before
    assert sheets(export_bytes(shipped, "xlsx")) == sheets(first)
    assert shipped.revision() - revision <= 2  # at most one bump per import, nothing else moved


def edited(data: bytes, tmp_path: Path, title: str, row: list[object] | None = None, **cells: object) -> Path:
    """The workbook with ``row`` appended to sheet ``title`` (or cells of its row 2 set by header)."""
    book = load_workbook(io.BytesIO(data))
    sheet = book[title]
    if row is not None:
        sheet.append(row)
    header = [c.value for c in sheet[1]]
    for label, value in cells.items():
        sheet.cell(2, header.index(label.replace("_", " ")) + 1).value = value
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def test_a_form_added_on_the_forms_sheet_is_imported(shipped: Store, tmp_path: Path) -> None:
    data = export_bytes(shipped, "xlsx")
    row = [
        "digital-economy-steering-group",
        "數位經濟指導組",
        "zh-Hant",
        "variant",
        "admitted",
        "partner",
    ]
    report = import_file(shipped, edited(data, tmp_path, "寫法 Forms", row), on_duplicate="merge")
    assert report.merged >= 1
    terms = {t.text: t for t in shipped.get_concept("digital-economy-steering-group").terms}
    assert terms["數位經濟指導組"].note == "partner" and terms["數位經濟指導組"].type == "variant"


@pytest.mark.parametrize(
    ("title", "row", "message"),
    [
        ("寫法 Forms", ["no-such-concept", "甲", "zh-Hant", "variant", "admitted"],
         r"sheet '寫法 Forms' row \d+: column '編號 ID' names a concept that is not on sheet"),
        ("出處 Citations", ["digital-economy-steering-group", "DESG", "003.txt", "five"],
         r"sheet '出處 Citations' row \d+: column '行 Line' must be a positive whole number, got 'five'"),
        ("寫法 Forms", ["digital-economy-steering-group", "DESG-X", "en", "acronym", "preferred"],
         r"sheet '寫法 Forms' row \d+: 'DESG-X' is marked preferred but is not the concept's Chinese"),
        ("寫法 Forms", ["digital-economy-steering-group", "甲", "zh-Hant", "kind-of", "admitted"],
         r"sheet '詞彙 Glossary' row \d+: column 'variants'.*'kind-of'"),
    ],
)  # fmt: skip
def test_a_bad_row_on_another_sheet_is_refused_with_its_place(
    shipped: Store, tmp_path: Path, title: str, row: list[object], message: str
) -> None:
    before = export_bytes(shipped, "csv")
    with pytest.raises(BadInput, match=message):
        import_file(
            shipped, edited(export_bytes(shipped, "xlsx"), tmp_path, title, row), on_duplicate="merge"
        )
    assert export_bytes(shipped, "csv") == before


def test_our_layout_without_its_other_sheets_is_refused(shipped: Store, empty: Store, tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(export_bytes(shipped, "xlsx")))
    del book["出處 Citations"]
    book.save(tmp_path / "cut.xlsx")
    with pytest.raises(BadInput, match=r"cut\.xlsx: no sheet '出處 Citations'"):
        import_file(empty, tmp_path / "cut.xlsx")
    assert count(empty, "concepts") == 0


def test_text_that_looks_like_a_formula_or_a_number_stays_text(empty: Store, tmp_path: Path) -> None:
    load_concepts(empty, [Concept(id="f", terms=[Term("=SUM(A1)", "en"), Term("007", "zh-Hant")])], tmp_path)
    sheet = load_workbook(io.BytesIO(export_bytes(empty, "xlsx")))["詞彙 Glossary"]
    header = [c.value for c in sheet[1]]
    en = sheet.cell(2, header.index("英文 English") + 1)
    zh = sheet.cell(2, header.index("中文 Chinese") + 1)
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


def test_a_concept_with_the_most_and_longest_forms_fits_and_reads_back(empty: Store, tmp_path: Path) -> None:
    """100 forms of 300 characters (the field limits): the summary cell stays under Excel's 32,767
    characters, and the workbook reads back to the same concept."""
    variants = [Term(f"{n:03d}" + "長" * 297, "zh-Hant", status="deprecated") for n in range(99)]
    load_concepts(empty, [Concept(id="long", terms=[Term("長詞", "zh-Hant"), *variants])], tmp_path)
    data = export_bytes(empty, "xlsx")
    summary = sheets(data)["詞彙 Glossary"][1][5]
    assert 30000 < len(summary) <= 32767
    csv_before = export_bytes(empty, "csv")
    empty.close()
    from tests.exchange_helpers import empty_store

    again = empty_store(f"sqlite:///{tmp_path / 'again.sqlite3'}")
    import_file(again, write_file(tmp_path / "long.xlsx", data))
    assert export_bytes(again, "csv") == csv_before
    again.close()


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
