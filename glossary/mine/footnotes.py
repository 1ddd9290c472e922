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


def marker_before(flat: Flat, offset: int, span: int = 3) -> str | None:
    for k in range(offset, max(-1, offset - span - 1), -1):
        if k in flat.marks:
            return flat.marks[k]
    return None
