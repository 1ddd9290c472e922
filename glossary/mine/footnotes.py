"""Footnotes: markers in the text (¹ ² ³, ``<sup>2</sup>``, a bare digit after a term) and
the footnote bodies they point to, which often define the term.

The markers themselves are taken out of the text by :mod:`glossary.mine.text`, which
remembers their offsets; this module pairs a term's marker with the body line that
starts with the same number.
"""

from __future__ import annotations

import re

from glossary.mine.text import Flat
from glossary.mine.text import plain


def footnote_bodies(flat: Flat) -> dict[str, tuple[int, str]]:
    """Footnote number -> (line, body text) for lines that open with a marker."""
    out: dict[str, tuple[int, str]] = {}
    for n, cl in enumerate(flat.clean, start=1):
        if cl.footnote and cl.footnote not in out:
            body = plain(cl.text)
            if body and not re.fullmatch(r"[\d\s.]+", body):
                out[cl.footnote] = (n, body)
    return out


def marker_after(flat: Flat, offset: int, span: int = 3) -> str | None:
    """The footnote number whose marker sat at ``offset`` or up to ``span`` characters after it."""
    text = flat.text
    k = offset
    end = min(len(text), offset + span)
    while k <= end:
        if k in flat.marks:
            return flat.marks[k]
        k += 1
    return None


_BARE_DIGIT = re.compile(r"[\u4e00-\u9fff](\d{1,2})[ \t]*$")
# How far below its marker a footnote body may be (a bare digit is only trusted that close).
_BARE_REACH = 80


def bare_marker_before(flat: Flat, offset: int, notes: dict[str, tuple[int, str]]) -> str | None:
    """A footnote number written as a bare digit glued to the Chinese before ``offset``
    (資料隱私次級小組1 (…)): trusted only when a footnote body with that number follows within
    a few pages."""
    m = _BARE_DIGIT.search(flat.text, max(0, offset - 6), offset)
    if not m or m.group(1) not in notes:
        return None
    line = flat.line_of(offset)
    body_line = notes[m.group(1)][0]
    return m.group(1) if line < body_line <= line + _BARE_REACH else None


def heads_body(flat: Flat, start: int) -> bool:
    """Whether ``start`` opens its line's text (leading blanks, emphasis and quotes aside): a pair
    that opens a footnote body is the term the footnote is about."""
    line = flat.line_of(start)
    lead = flat.text[flat.starts[line - 1] : start]
    return not lead.strip(' \t\u3000\x02「『《"“')


def marker_before(flat: Flat, offset: int, span: int = 3) -> str | None:
    for k in range(offset, max(-1, offset - span - 1), -1):
        if k in flat.marks:
            return flat.marks[k]
    return None
