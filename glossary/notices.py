"""What users are told about a form not in good use: where the reports write it, in both languages.

A term's ``note`` is the curator's (``OCR slip on a slide (line 773) for ITF (line 279)``):
it stays in the data, in ``review`` and in ``show --json``, but a user reads a notice made
from the concept's citations instead, bilingual like the rest of the output::

    報告 000_6335a8691290a983.txt 第 773 行誤作 ITE
    / the report 000_6335a8691290a983.txt has ITE in error at line 773

``find`` (through the search index) and ``check`` both take their wording from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from glossary.normalize import normalize
from glossary.records import Citation

MAX_LINES = 3  # per report; more would bury the notice


def _lines_zh(lines: list[int]) -> str:
    return "、".join(str(n) for n in lines)


def _lines_en(lines: list[int]) -> str:
    words = [str(n) for n in lines]
    if len(words) == 1:
        return f"line {words[0]}"
    return f"lines {', '.join(words[:-1])} and {words[-1]}"


def where_written(text: str, citations: Iterable[Citation]) -> dict[str, list[int]]:
    """The reports (file names, in order met) and lines whose cited quote writes ``text``."""
    key = normalize(text)
    out: dict[str, list[int]] = {}
    if not key:
        return out
    for citation in citations:
        if not citation.doc:
            continue
        if citation.term != text and key not in normalize(citation.quote or ""):
            continue
        lines = out.setdefault(citation.doc, [])
        if citation.line not in lines and len(lines) < MAX_LINES:
            lines.append(citation.line)
    return out


def form_notice(text: str, status: str, citations: Iterable[Citation]) -> str | None:
    """Why ``text`` (a deprecated or superseded form) is not to be used, said by the reports'
    lines that write it; None when no citation writes it (then the status says enough)."""
    where = where_written(text, citations)
    if not where or status not in ("deprecated", "superseded"):
        return None
    zh: list[str] = []
    en: list[str] = []
    for doc, lines in where.items():
        if status == "deprecated":
            zh.append(f"報告 {doc} 第 {_lines_zh(lines)} 行誤作 {text}")
            en.append(f"the report {doc} has {text} in error at {_lines_en(lines)}")
        else:
            zh.append(f"報告 {doc} 第 {_lines_zh(lines)} 行用此舊稱")
            en.append(f"the report {doc} uses this former name at {_lines_en(lines)}")
    return f"{'；'.join(zh)} / {'; '.join(en)}"
