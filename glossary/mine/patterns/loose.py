"""Loose acronym marks: where a text marks an acronym as defined though no pair can be read.

An acronym stands inside a bracket as its first or last part (（GGSD Forum）, （…，簡稱 PAGA）),
just before a bracket that names it (PETs（Privacy Enhancing Technologies）), after a marker
(以下簡稱 ABBR, hereinafter ABBR) or alone before a closing bracket in a list. ``glossary check``
counts such an acronym as defined (no ``undefined`` finding) without comparing any expansion.
Which token is an acronym is the caller's (``tokens``), so these are the patterns only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterable

from glossary.mine.patterns.brackets import parse_inner
from glossary.mine.text import BOLD
from glossary.mine.text import Flat

Tokens = Callable[[str], Iterable[tuple[int, int]]]  # (start, end) of each acronym token of a string

_BRACKET = re.compile(r"[(（]([^()（）]{1,300})[)）]")
_PARTS = re.compile(r"[,，;；、]\s*|\s*(?:以下簡稱|簡稱|全名為)\s*")
_MARKER = re.compile(
    r"(?:以下簡稱|以下稱|下稱|簡稱|简称|stands for|short for|hereafter|hereinafter)\s*[:：「“\"]?\s*$", re.I
)
_LATIN_TAIL = re.compile(r"([A-Za-z0-9&]+)$")


def loose_marks(flat: Flat, tokens: Tokens) -> list[tuple[int, int]]:
    """(start, end) offsets in ``flat.text`` of every loosely marked acronym, line by line."""
    out: list[tuple[int, int]] = []
    for n, cl in enumerate(flat.clean):
        line = cl.text.replace(BOLD, " ")
        base = flat.starts[n]
        for m in _BRACKET.finditer(line):
            body = m.group(1)
            inner = parse_inner(body)
            parts = _PARTS.split(body.strip())
            short = len(body.split()) <= 2  # （GGSD Forum）, （PAGA 計畫）
            lead = len(body) - len(body.lstrip())
            for start, end in tokens(body):
                text = body[start:end]
                if (
                    text.strip() in (parts[0].strip(), parts[-1].strip())
                    or (inner and inner.abbr == text)
                    or (short and start == lead)
                ):
                    out.append((base + m.start(1) + start, base + m.start(1) + end))
            if inner and (inner.en or inner.zh):
                window = max(0, m.start() - 40)  # an acronym is short: read only what precedes the bracket
                tail = _LATIN_TAIL.search(line[window : m.start()].rstrip())
                if tail:
                    at = base + window + tail.start(1)
                    out.extend((at + s, at + e) for s, e in tokens(tail.group(1)))
        for start, end in tokens(line):
            after = line[end : end + 2].lstrip()
            head = line[max(0, start - 40) : start].rstrip()
            if _MARKER.search(line, max(0, start - 40), start) or (
                after[:1] and after[:1] in ")）" and (not head or head[-1] in ",，、")
            ):
                out.append((base + start, base + end))
    return out
