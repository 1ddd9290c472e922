"""Reading the query list of ``glossary find --batch``: text (one per line), .csv or .xlsx (first column)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from glossary.errors import BadInput
from glossary.terms_csv import decode_utf8


def read_queries(path: Path) -> list[str]:
    """Queries in file order; blank lines skipped; each exactly as read minus its line ending."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a directory, not a query file") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_queries(path, raw)
    text = decode_utf8(raw, str(path))
    if suffix == ".csv":
        rows = csv.reader(io.StringIO(text, newline=""))
        return [row[0] for row in rows if row and row[0].strip()]
    lines = text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in lines if line.strip()]


def _xlsx_queries(path: Path, raw: bytes) -> list[str]:
    try:
        from openpyxl import load_workbook  # lazy: only .xlsx query lists need it
    except ImportError:
        raise BadInput(f"{path}: reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise BadInput(f"{path}: not a readable Excel workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    queries = []
    for row in sheet.iter_rows(min_col=1, max_col=1, values_only=True):
        value = row[0]
        if value is not None and str(value).strip():
            queries.append(str(value))
    return queries
