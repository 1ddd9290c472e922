"""Tables of a batch lookup for translators: ``glossary find --batch FILE --csv`` / ``--xlsx OUT``.

One row per (query, result), best result first (``rank`` 1, 2, ...); a query with nothing
found, or an invalid one, still gets one row (empty ``rank``, the reason in ``error``),
so the table lines up with the translator's list.  Columns: ``COLUMNS``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import TextIO

from glossary import cells
from glossary.atomic import atomic_write

COLUMNS = (
    "query",
    "rank",
    "zh",
    "en",
    "abbr",
    "kind",
    "score",
    "quality",
    "how",
    "matched",
    "notice",
    "definition",
    "citation",
    "id",
    "error",
)


def _citation(result: dict[str, Any]) -> str:
    citations = result.get("citations") or []
    if not citations:
        return ""
    first = citations[0]
    return f"{first.get('doc', '')}:{first.get('line', '')}"


def rows(items: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    """Table rows (``COLUMNS`` order) of ``find_batch`` items."""
    for item in items:
        results = item.get("results") or []
        if not results:
            error = item.get("error") or "nothing found"
            yield [item["query"], None, *([None] * (len(COLUMNS) - 3)), error]
            continue
        for rank, r in enumerate(results, 1):
            definition = r.get("definition") or {}
            yield [
                item["query"],
                rank,
                r.get("zh"),
                r.get("en"),
                r.get("abbr"),
                r.get("kind"),
                r.get("score"),
                r.get("quality"),
                r["matched"]["how"],
                r["matched"]["text"],
                r.get("notice"),
                definition.get("text"),
                _citation(r),
                r.get("id"),
                None,
            ]


def write_csv(items: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """CSV with a header row; returns the number of data rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(items):
        writer.writerow(["" if v is None else cells.for_people(v) for v in row])
        count += 1
    return count


def write_xlsx(items: Iterable[dict[str, Any]], path: Path) -> int:
    """An Excel workbook at ``path`` (written whole or not at all); returns the data rows."""
    from openpyxl import Workbook  # lazy: only --xlsx needs it
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("lookup")
    sheet.append(list(COLUMNS))

    def cell(value: Any) -> Any:
        if isinstance(value, str) and cells.is_formula_like(value):
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"  # text, never a formula
            return text
        return value

    count = 0
    for row in rows(items):
        sheet.append([cell(v) for v in row])
        count += 1
    with atomic_write(Path(path)) as out:
        book.save(out)
    return count
