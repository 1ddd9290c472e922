"""Pairs and footnote bodies cut by a page break.

A converted report keeps its page furniture in the text: blank lines, a horizontal rule
(``---``), a bare page number, a running header, and the page's footnote bodies. A pair
can be split by them (美國國家航空暨太空總 … ``---`` … 署（NASA）; 數位合作組織（Digital
Cooperation Organization, … <footnote> … DCO）), and so can a footnote body (its end is
the first line of the next page's footnote area).

:func:`page_joins` finds a line that stops mid-sentence and the line that continues it;
:func:`join_candidates` mines the two lines joined and keeps only the pairs that cross the
break; :func:`footnote_continuations` gives the rest of a cut footnote body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from glossary.mine.patterns import Candidate
from glossary.mine.patterns import Count
from glossary.mine.patterns import bracket_candidates
from glossary.mine.text import Flat
from glossary.mine.text import has_cjk
from glossary.mine.text import is_cjk
from glossary.mine.text import plain

_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:第\s*)?\d{1,4}(?:\s*頁)?(?:\s*[-–—])?\s*$|^\s*(?:Page|p\.)\s*\d{1,4}\s*$", re.I
)
_SENTENCE_END = '。！？；!?.:：」』》）)"”'
_LIST_START = re.compile(r"^\s*(?:[-•●○→*+]\s|[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)")
# How many furniture lines may stand between the two halves.
_MAX_GAP = 14
_MIN_HALF = 20


def _running_headers(flat: Flat) -> set[str]:
    """Short lines repeated on many pages."""
    counts = Counter(p for p in flat.plain_lines if p and len(p) <= 40)
    return {p for p, n in counts.items() if n >= 3 and not re.fullmatch(r"[\W\d_]*", p)}


def _is_furniture(flat: Flat, n: int, headers: set[str]) -> bool:
    """Whether 0-based line ``n`` is page furniture (blank, rule, page number, running header,
    footnote body)."""
    p = flat.plain_lines[n]
    if not p or _RULE.match(p) or _PAGE_NUMBER.match(p) or p in headers:
        return True
    return flat.clean[n].footnote is not None


def _open_bracket(s: str) -> bool:
    depth = 0
    for c in s:
        if c in "(（":
            depth += 1
        elif c in ")）" and depth:
            depth -= 1
    return depth > 0


def _open_quote(s: str) -> bool:
    return any(s.rfind(o) > s.rfind(c) for o, c in ("「」", "《》", "『』"))


def page_joins(flat: Flat) -> list[tuple[int, int]]:
    """(line, continuation line), 0-based: a body line that stops mid-sentence and the text
    line after the page furniture that goes on with it. Either the first line leaves a
    bracket open that the second closes, or the second opens with a few Chinese characters
    glued to a bracket (…暨太空總 | 署（NASA）)."""
    headers = _running_headers(flat)
    out: list[tuple[int, int]] = []
    lines = flat.plain_lines
    for a, p in enumerate(lines):
        if len(p) < _MIN_HALF or p[-1] in _SENTENCE_END or flat.clean[a].footnote is not None:
            continue
        if not (has_cjk(p) or _open_bracket(p)):
            continue
        b = a + 1
        gap = 0
        while b < len(lines) and gap < _MAX_GAP and _is_furniture(flat, b, headers):
            b += 1
            gap += 1
        if b >= len(lines) or gap >= _MAX_GAP:
            continue
        q = lines[b]
        if _open_bracket(p):
            if b == a + 1:
                continue  # an adjacent line: the bracket spans already cover it
            close = min((q.find(c) for c in ")）" if c in q), default=-1)
            opening = min((q.find(c) for c in "(（" if c in q), default=len(q))
            if 0 <= close < opening:
                out.append((a, b))
            continue
        if flat.clean[a].heading_level or flat.clean[b].heading_level or _LIST_START.match(q):
            continue
        m = re.match(r"^([\u4e00-\u9fff]{1,12}[》」』]?)\s*[(（]", q)
        cut = len(p) >= 30 or any(c in p for c in "，、：:") or _open_quote(p)
        if m and cut and (is_cjk(p[-1]) or p[-1].isalpha()):
            out.append((a, b))
    return out


def _joined_flat(flat: Flat, a: int, b: int) -> tuple[Flat, int, int]:
    """A one-line document holding lines ``a`` and ``b`` joined; returns it, the offset where
    line ``b``'s text starts in it, and the length of the separator."""
    ta = flat.clean[a].text.rstrip()
    tb = flat.clean[b].text.lstrip()
    lead = len(flat.clean[b].text) - len(tb)
    latin_a = ta[-1:].isascii() and ta[-1:].isalnum()
    latin_b = tb[:1].isascii() and tb[:1].isalnum()
    sep = " " if latin_a or latin_b else ""  # a space where Latin meets Latin or Chinese
    mini = Flat.__new__(Flat)
    mini.clean = []
    mini.raw = []
    mini.text = ta + sep + tb
    mini.starts = [0]
    mini.marks = {}
    mini.plain_lines = [plain(mini.text)]
    return mini, len(ta) + len(sep), lead


def join_candidates(flat: Flat, count: Count, quote: Callable[[str, int, int], str]) -> list[Candidate]:
    """Bracket pairs that cross a page break, with offsets in ``flat`` (the start on the first
    line, the end on the continuation line) and their citation ``quote(text, start, end)``
    taken from the joined text rather than across the furniture."""
    out: list[Candidate] = []
    for a, b in page_joins(flat):
        mini, split, lead = _joined_flat(flat, a, b)
        len_a = len(flat.clean[a].text.rstrip())

        def where(
            pos: int, a: int = a, b: int = b, split: int = split, lead: int = lead, len_a: int = len_a
        ) -> int:
            if pos < split:
                return flat.starts[a] + min(pos, len_a)
            return flat.starts[b] + lead + pos - split

        for c in bracket_candidates(mini, count):
            if not (c.start < split <= c.end):
                continue
            c.quote = quote(mini.text, c.start, c.end)
            c.start, c.end = where(c.start), where(c.end)
            if c.mark_at is not None:
                c.mark_at = where(c.mark_at)
            c.run, c.run_start = "", 0
            out.append(c)
    return out


def footnote_continuations(flat: Flat, notes: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """Footnote bodies with their end added when a page break cut them: a body that stops
    mid-sentence goes on in the first line after the next horizontal rule (the next page's
    footnote area), unless that line opens another footnote."""
    out = dict(notes)
    for number, (line, body) in notes.items():
        if not body or not is_cjk(body[-1]):
            continue  # a body that ends a sentence, a URL or a name is complete
        n = line  # 0-based index of the line after the body
        limit = min(len(flat.plain_lines), line + 80)
        while n < limit and not _RULE.match(flat.plain_lines[n]):
            n += 1
        n += 1
        while n < limit and not flat.plain_lines[n]:
            n += 1
        if n >= limit or flat.clean[n].footnote is not None or flat.clean[n].heading_level:
            continue
        rest = flat.plain_lines[n]
        if not is_cjk(rest[0]) or _LIST_START.match(rest):
            continue
        out[number] = (line, body + rest)
    return out
