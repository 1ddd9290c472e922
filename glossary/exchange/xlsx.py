"""XLSX exchange (openpyxl): the ``data/terms.csv`` columns as a worksheet a translator can read.

Export streams a write-only workbook: one sheet ``glossary``, a bold header row frozen
above the data, an autofilter, and column widths sized for each column's content.
Every value is written as a text cell, so a term such as ``=SUM`` or ``001`` stays
text instead of becoming a formula or a number. Import reads the first sheet (header
row first) through the same row validation as the CSV (``terms_csv.concept_from_row``).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import BinaryIO

from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.exchange.common import Incoming
from glossary.exchange.common import check_readable
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.reader import check_unpacked_size
from glossary.records import Concept
from glossary.terms_csv import COLUMNS
from glossary.terms_csv import REQUIRED_COLUMNS
from glossary.terms_csv import concept_from_row
from glossary.terms_csv import concept_to_row

SHEET = "glossary"
EXCEL_CELL_LIMIT = 32767
WIDTHS = {
    "id": 32,
    "kind": 9,
    "zh": 28,
    "en": 40,
    "en_lang": 8,
    "abbr": 12,
    "subject": 14,
    "issuing_body": 24,
    "note": 30,
    "review_status": 13,
    "variants": 40,
    "definitions": 60,
    "citations": 60,
}


def write_xlsx(concepts: Iterable[Concept], out: BinaryIO) -> int:
    """Write the workbook to a binary stream; returns the number of concept rows."""
    from openpyxl import Workbook  # lazy: openpyxl only when a workbook is written or read
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "B2"  # header row and the id column stay in view
    for n, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS.get(column, 16)
    bold = Font(bold=True)

    def cell(value: str, font: Any = None) -> Any:
        c = WriteOnlyCell(sheet, value or None)
        if value:
            c.data_type = "s"  # text, never a formula or a number
        if font is not None:
            c.font = font
        return c

    sheet.append([cell(column, bold) for column in COLUMNS])
    count = 0
    try:
        for concept in concepts:
            row = concept_to_row(concept)
            for column in COLUMNS:
                if len(row[column]) > EXCEL_CELL_LIMIT:
                    raise BadInput(
                        f"concept {quoted(concept.id)}: column '{column}' has {len(row[column]):,} "
                        f"characters, more than an Excel cell holds ({EXCEL_CELL_LIMIT:,}); "
                        "export it as CSV or JSON instead"
                    )
            sheet.append([cell(row[column]) for column in COLUMNS])
            count += 1
    except BaseException:
        # Finish the half-written sheet into nothing: openpyxl's streaming writer would
        # otherwise fail noisily when it is garbage-collected.
        with contextlib.suppress(Exception):
            book.save(io.BytesIO())
        raise
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    book.save(out)
    return count


def read_xlsx(path: Path, *, progress: Progress = NO_PROGRESS) -> Iterator[Incoming]:
    """Yield the concepts of the first sheet; BadInput naming the sheet, row and column on error."""
    from openpyxl import load_workbook  # lazy, as above

    path = Path(path)
    check_readable(path)
    check_unpacked_size(path)
    name = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        detail = str(exc).split("\n")[0] or type(exc).__name__
        if "xls file format" in detail:
            detail = "the old .xls format; save it from Excel as 'Excel Workbook (*.xlsx)'"
        raise BadInput(f"{name}: not an Excel workbook (.xlsx): {detail}") from None
    try:
        sheet = book.worksheets[0]
        progress.start(sheet.max_row, "rows")
        rows = sheet.iter_rows(values_only=True)
        header = [_cell_text(v).strip() for v in next(rows, ())]
        while header and not header[-1]:
            header.pop()
        where_sheet = f"{name}: sheet {quoted(sheet.title)}"
        if not header:
            raise BadInput(
                f"{where_sheet}: the first row is empty (expected a header row: {','.join(COLUMNS)})"
            )
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise BadInput(
                f"{where_sheet}: missing column {', '.join(repr(c) for c in missing)} in the header row"
            )
        seen: set[str] = set()
        for number, values in enumerate(rows, 2):
            progress.advance(1)
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue  # Excel keeps formatted but empty rows
            where = f"{where_sheet} row {number}"
            if any(c.strip() for c in cells[len(header) :]):
                raise BadInput(f"{where}: more cells than header columns")
            row: dict[str, str | None] = dict(zip(header, cells, strict=False))
            concept = concept_from_row(row, where)
            if concept.id in seen:
                raise BadInput(f"{where}: column 'id': duplicate id {quoted(concept.id)}")
            seen.add(concept.id)
            yield Incoming(concept, where)
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number Excel typed in, e.g. 2024 -> "2024", not "2024.0"
    return str(value)
