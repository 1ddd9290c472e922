"""XLSX exchange (openpyxl): a workbook a translator can read, and that reads back unchanged.

Export streams a write-only workbook of four sheets, every header bilingual (中文 English):

- ``詞彙 Glossary``: one row per concept, one readable cell per field: the preferred
  Chinese, English and acronym, the other forms joined by ``; `` (an error or an old name
  marked as on ``glossary find``'s cards), the first definition with its source, and where
  the reports state the concept (``report:line; …``);
- ``寫法 Forms``: one row per form (every form, the preferred ones first);
- ``定義 Definitions``: one row per definition, with its report, line, section and quote;
- ``出處 Citations``: one row per citation.

No cell holds JSON. Every value is a text cell (a term such as ``=SUM`` or ``001`` stays
text), line numbers are numbers; each sheet has a bold header row frozen above the data
and an autofilter. Import reads the first sheet through the same row validation as the
CSV (``terms_csv.concept_from_row``): in our layout the other forms, definitions and
citations come from the other sheets (the first sheet's summaries are not read back, and
the preferred forms are changed on the first sheet); a first sheet with the
``data/terms.csv`` columns (JSON in the variants, definitions and citations cells) is read
as before.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from typing import BinaryIO

from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.exchange import plain
from glossary.exchange.common import Incoming
from glossary.exchange.common import Refused
from glossary.exchange.common import check_readable
from glossary.exchange.common import entry
from glossary.languages import is_chinese
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.reader import check_unpacked_size
from glossary.records import Concept
from glossary.records import Term
from glossary.terms_csv import COLUMNS
from glossary.terms_csv import REQUIRED_COLUMNS
from glossary.terms_csv import check_unique
from glossary.terms_csv import concept_from_row
from glossary.terms_csv import concept_to_row

EXCEL_CELL_LIMIT = 32767
SEPARATOR = "; "

GLOSSARY = "詞彙 Glossary"
FORMS = "寫法 Forms"
DEFINITIONS = "定義 Definitions"
CITATIONS = "出處 Citations"

# The first sheet: (header, terms.csv column or a summary's name, width).
MAIN: tuple[tuple[str, str, int], ...] = (
    ("編號 ID", "id", 32),
    ("類別 Kind", "kind", 10),
    ("中文 Chinese", "zh", 28),
    ("英文 English", "en", 40),
    ("縮寫 Acronym", "abbr", 14),
    ("其他寫法 Other forms", "variants", 40),
    ("定義 Definition", "definitions", 60),
    ("出處 Where the reports state it", "citations", 40),
    ("領域 Subject", "subject", 14),
    ("發布機關 Issuing body", "issuing_body", 24),
    ("備註 Note", "note", 30),
    ("審核 Review", "review_status", 13),
    ("英文欄的語言 Language of the English column", "en_lang", 12),
)
FORM_COLUMNS = (
    ("編號 ID", "id", 32),
    ("寫法 Form", "text", 40),
    ("語言 Language", "lang", 10),
    ("類型 Type", "type", 12),
    ("狀態 Status", "status", 12),
    ("備註 Note", "note", 50),
)
DEFINITION_COLUMNS = (
    ("編號 ID", "id", 32),
    ("定義 Definition", "text", 70),
    ("語言 Language", "lang", 10),
    ("報告 Report", "doc", 28),
    ("行 Line", "line", 8),
    ("章節 Section", "section", 40),
    ("引文 Quote", "quote", 60),
    ("引文中的詞 Term quoted", "term", 24),
)
CITATION_COLUMNS = (
    ("編號 ID", "id", 32),
    ("詞 Term", "term", 28),
    ("報告 Report", "doc", 28),
    ("行 Line", "line", 8),
    ("章節 Section", "section", 40),
    ("引文 Quote", "quote", 60),
)
SHEETS = {
    FORMS: FORM_COLUMNS,
    DEFINITIONS: DEFINITION_COLUMNS,
    CITATIONS: CITATION_COLUMNS,
}
_STATUS_MARK = {"deprecated": "誤用 deprecated", "superseded": "舊稱 superseded", "proposed": "待審 proposed"}


def _where_stated(concept: Concept) -> str:
    """``report:line; …`` (each place once), shortened to fit a cell."""
    places = list(dict.fromkeys(f"{c.doc}:{c.line}" for c in concept.citations))
    text = SEPARATOR.join(places)
    if len(text) <= 2000:
        return text
    kept: list[str] = []
    for place in places:
        if len(SEPARATOR.join(kept)) + len(place) > 1900:
            break
        kept.append(place)
    return f"{SEPARATOR.join(kept)} … (+{len(places) - len(kept)}: sheet {CITATIONS})"


def summary_row(concept: Concept) -> dict[str, Any]:
    """The first sheet's cells for one concept (readable text, no JSON)."""
    row: dict[str, Any] = dict(concept_to_row(concept))
    forms = []
    for term in concept.variants:
        mark = _STATUS_MARK.get(term.status)
        forms.append(f"{term.text} ({mark})" if mark else term.text)
    row["variants"] = SEPARATOR.join(forms)
    definition = ""
    if concept.definitions:
        first = concept.definitions[0]
        definition = first.text
        if first.citation:
            definition += f"（出處 Source: {first.citation.doc}:{first.citation.line}）"
        more = len(concept.definitions) - 1
        if more:
            definition += f" (+{more}: sheet {DEFINITIONS})"
    row["definitions"] = definition
    row["citations"] = _where_stated(concept)
    return row


def _preferred_first(concept: Concept) -> list[Term]:
    """Every form: the preferred Chinese, English and acronym first (as a re-import orders them)."""
    others = concept.variants
    chosen = [t for t in concept.terms if all(t is not v for v in others)]
    chosen.sort(key=lambda t: 2 if t.type == "acronym" else (0 if is_chinese(t.lang) else 1))
    return [*chosen, *others]


def write_xlsx(concepts: Iterable[Concept], out: BinaryIO) -> int:
    """Write the workbook to a binary stream; returns the number of concept rows."""
    from openpyxl import Workbook  # lazy: openpyxl only when a workbook is written or read
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    layouts = {GLOSSARY: MAIN, **SHEETS}
    sheets = {}
    for title, columns in layouts.items():
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "B2" if title == GLOSSARY else "A2"
        for n, (_, _, width) in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        sheets[title] = sheet
    rows = dict.fromkeys(layouts, 1)

    def cell(sheet: Any, value: Any, font: Any = None) -> Any:
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
            raise BadInput(
                f"concept {quoted(current)}: a value has {len(value):,} characters, more than an "
                f"Excel cell holds ({EXCEL_CELL_LIMIT:,}); export it as CSV or JSON instead"
            )
        c = WriteOnlyCell(sheet, value if value not in ("", None) else None)
        if isinstance(value, str) and value:
            c.data_type = "s"  # text, never a formula or a number
        if font is not None:
            c.font = font
        return c

    def append(title: str, values: Iterable[Any]) -> None:
        sheet = sheets[title]
        sheet.append([cell(sheet, v) for v in values])
        rows[title] += 1

    for title, columns in layouts.items():
        sheets[title].append([cell(sheets[title], header, bold) for header, _, _ in columns])
    count = 0
    current = ""
    try:
        for concept in concepts:
            current = concept.id
            summary = summary_row(concept)
            append(GLOSSARY, [summary[key] for _, key, _ in MAIN])
            for term in _preferred_first(concept):
                append(FORMS, [concept.id, term.text, term.lang, term.type, term.status, term.note])
            for d in concept.definitions:
                where = d.citation
                append(
                    DEFINITIONS,
                    [concept.id, d.text, d.lang]
                    + (
                        [where.doc, where.line, where.section, where.quote, where.term]
                        if where
                        else [None] * 5
                    ),
                )
            for c in concept.citations:
                append(CITATIONS, [concept.id, c.term, c.doc, c.line, c.section, c.quote])
            count += 1
    except BaseException:
        # Finish the half-written sheets into nothing: openpyxl's streaming writer would
        # otherwise fail noisily when it is garbage-collected.
        with contextlib.suppress(Exception):
            book.save(io.BytesIO())
        raise
    for title, columns in layouts.items():
        sheets[title].auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows[title]}"
    book.save(out)
    return count


# ---------------------------------------------------------------- reading


def read_xlsx(
    path: Path, *, progress: Progress = NO_PROGRESS, keep_going: bool = False
) -> Iterator[Incoming | Refused]:
    """Yield the concepts of the first sheet; BadInput naming the sheet, row and column on error
    (``keep_going``: a row the glossary refuses, ``common.entry``, is yielded as ``Refused``)."""
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
    rows: Any = iter(())
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
        ours = header[0] == MAIN[0][0]
        if ours:
            labels = {label: key for label, key, _ in MAIN}
            unknown = [h for h in header if h and h not in labels]
            if unknown:
                raise BadInput(f"{where_sheet}: unknown column {quoted(unknown[0])} in the header row")
            header = [labels.get(h, h) for h in header]
            parts = _other_sheets(book, name)
        else:  # after our own layout's test: a partner's plain glossary (zh, en, abbr …)?
            plan = plain.plan_for(header, where_sheet)
            if plan is not None:
                first = header if not plan.header else None
                yield from _plain_rows(plan, first, rows, where_sheet, progress)
                return
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            labels_of = {key: label for label, key, _ in MAIN}
            shown = [labels_of[c] if ours else c for c in missing]
            raise BadInput(
                f"{where_sheet}: missing column {', '.join(repr(c) for c in shown)} in the header row"
                + ("" if ours or set(plain.OURS) & set(header) else plain.HINT)
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
            if ours:
                _fill_from_sheets(row, parts, where, name)
            concept = entry(where, partial(concept_from_row, row, where), keep_going)
            if isinstance(concept, Refused):
                seen.add(str(row.get("id") or "").strip())  # its other sheets' rows are not strays
                yield concept
                continue
            check_unique(concept.id, seen, where)
            yield Incoming(concept, where)
        if ours:
            for title, by_id in parts.items():
                stray = next((rows_[0][0] for cid, rows_ in by_id.items() if cid not in seen), None)
                if stray:
                    raise BadInput(
                        f"{name}: sheet {quoted(title)} row {stray}: column '編號 ID' names a concept "
                        f"that is not on sheet {quoted(sheet.title)}"
                    )
    finally:
        with contextlib.suppress(AttributeError):
            rows.close()  # the sheet's reader holds the file open until it is closed
        book.close()


def _plain_rows(
    plan: plain.Plan, first: list[str] | None, rows: Iterator[Any], where_sheet: str, progress: Progress
) -> Iterator[Incoming]:
    """A plain glossary's rows (``first``: the first row when it is an entry, not a header)."""
    if first is not None:
        concept = plan.concept(first, f"{where_sheet} row 1")
        if concept is not None:
            yield Incoming(concept, f"{where_sheet} row 1")
    for number, values in enumerate(rows, 2):
        progress.advance(1)
        where = f"{where_sheet} row {number}"
        concept = plan.concept([_cell_text(v) for v in values], where)
        if concept is not None:
            yield Incoming(concept, where)


Part = dict[str, list[tuple[int, dict[str, Any]]]]


def _other_sheets(book: Any, name: str) -> dict[str, Part]:
    """The forms, definitions and citations sheets by concept id: {title: {id: [(row, values)]}}."""
    out: dict[str, Part] = {}
    titles = [s.title for s in book.worksheets]
    for title, columns in SHEETS.items():
        if title not in titles:
            raise BadInput(f"{name}: no sheet {quoted(title)} (this workbook's first sheet needs it)")
        sheet = book[title]
        rows = sheet.iter_rows(values_only=True)
        header = [_cell_text(v).strip() for v in next(rows, ())]
        labels = {label: key for label, key, _ in columns}
        where_sheet = f"{name}: sheet {quoted(title)}"
        missing = [label for label in labels if label not in header]
        if missing:
            raise BadInput(f"{where_sheet}: missing column {quoted(missing[0])} in the header row")
        keys = [labels.get(h) for h in header]
        by_id: Part = defaultdict(list)
        for number, values in enumerate(rows, 2):
            item: dict[str, Any] = {}
            for key, value in zip(keys, values, strict=False):
                if key is not None and value not in (None, ""):
                    item[key] = value if key == "line" else _cell_text(value)
            if not item:
                continue
            cid = str(item.pop("id", "") or "").strip()
            if not cid:
                raise BadInput(f"{where_sheet} row {number}: column '編號 ID' is empty")
            if "line" in item:
                item["line"] = _line(item["line"], f"{where_sheet} row {number}")
            by_id[cid].append((number, item))
        out[title] = by_id
    return out


def _line(value: Any, where: str) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(f"{where}: column '行 Line' must be a positive whole number, got {quoted(value)}")
    return value


def _fill_from_sheets(row: dict[str, str | None], parts: dict[str, Part], where: str, name: str) -> None:
    """Replace the first sheet's readable summaries by the other sheets' rows (as terms.csv's JSON)."""
    cid = (row.get("id") or "").strip()
    preferred = {(row.get(k) or "").strip() for k in ("zh", "en", "abbr")} - {""}
    variants = []
    for number, item in parts[FORMS].get(cid, []):
        if item.get("status") == "preferred":
            if str(item.get("text", "")).strip() not in preferred:
                raise BadInput(
                    f"{name}: sheet {quoted(FORMS)} row {number}: {quoted(item.get('text'))} is marked "
                    f"preferred but is not the concept's Chinese, English or acronym on sheet "
                    f"{quoted(GLOSSARY)}: change the preferred forms there"
                )
            continue
        variants.append(item)
    definitions = []
    for _, item in parts[DEFINITIONS].get(cid, []):
        citation = {k: item.pop(k) for k in ("doc", "line", "section", "quote", "term") if k in item}
        if citation:
            item["citation"] = citation
        definitions.append(item)
    citations = [item for _, item in parts[CITATIONS].get(cid, [])]
    row["variants"] = json.dumps(variants, ensure_ascii=False)
    row["definitions"] = json.dumps(definitions, ensure_ascii=False)
    row["citations"] = json.dumps(citations, ensure_ascii=False)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number Excel typed in, e.g. 2024 -> "2024", not "2024.0"
    return str(value)
