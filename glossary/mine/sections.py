"""Heading paths: the section each line belongs to, e.g. ``參、會議情形 > 三、數位經濟指導小組第一次會議``.

Headings are Markdown headings and standalone lines that open with a Chinese
enumerator (壹、 / 一、 / (一) / 1. / (1)); the enumerator's type gives the level
(Markdown ``#`` depth when there is none). Table-of-contents lines (dot leaders)
are not headings.
"""

from __future__ import annotations

import re

from glossary.mine.text import Flat
from glossary.mine.text import plain

_RANKS = (
    (re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+\s*、"), 1),
    (re.compile(r"^[一二三四五六七八九十]+\s*、"), 2),
    (re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]"), 3),
    (re.compile(r"^\d{1,2}\s*[.、．]\s*(?!\d)"), 4),
    (re.compile(r"^[（(]\s*\d{1,2}\s*[)）]"), 5),
)
_LEADER = re.compile(r"(?:\.{3,}|…{2,})\s*\d*\s*$")


def heading_rank(text: str, markdown_level: int) -> int | None:
    s = plain(text)
    if not s or _LEADER.search(s):
        return None
    for pattern, rank in _RANKS:
        if pattern.match(s):
            if markdown_level:
                return rank
            if len(s) <= 60 and not re.search(r"[。；;]|[，,].*[，,]", s):
                return rank
            return None
    if markdown_level:
        return 5 + markdown_level  # an unnumbered Markdown heading nests below numbered ones
    return None


def section_paths(flat: Flat) -> list[str]:
    """The heading path in force at each line (index = line - 1)."""
    stack: list[tuple[int, str]] = []
    out: list[str] = []
    open_title = False
    for cl in flat.clean:
        if open_title and plain(cl.text) and not re.search(r"[)）]", cl.text):
            open_title = False
        if open_title and stack and plain(cl.text):
            # a heading broken across lines: "(四) 路徑圖（APEC Internet and Digital" + "Economy Roadmap）..."
            rank0, title0 = stack[-1]
            stack[-1] = (rank0, f"{title0} {plain(cl.text)}"[:80])
            open_title = _unbalanced(stack[-1][1])
            out.append(" > ".join(t for _, t in stack))
            continue
        rank = heading_rank(cl.text, cl.heading_level)
        if rank is not None:
            title = plain(cl.text)[:80]
            open_title = _unbalanced(title)
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, title))
        out.append(" > ".join(t for _, t in stack))
    return out


def _unbalanced(title: str) -> bool:
    return title.count("（") + title.count("(") > title.count("）") + title.count(")")
