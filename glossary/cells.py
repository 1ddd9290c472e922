"""Spreadsheet formula injection (OWASP "CSV Injection"): cells meant for people.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) as a formula: ``=HYPERLINK("http://…","點我")`` in a term would become a live link.
``for_people(value)`` prefixes such a value with ``'`` — what OWASP recommends for CSV that
people open — and ``as_written(value)`` takes the prefix off again on import, so that our own
export re-imports unchanged. Machine formats (``data/terms.csv``, ``mine --format csv``,
JSON, TBX) stay exact; XLSX writes such values as text cells instead.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    return bool(value) and value[0] in FORMULA_STARTS


def for_people(value: object) -> object:
    """``value`` safe to show in a spreadsheet cell (non-text values unchanged)."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def as_written(value: str) -> str:
    """The value before ``for_people`` (a cell read back from such a CSV)."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value
