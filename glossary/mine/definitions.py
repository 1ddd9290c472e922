"""Definitions next to a pair: a 「X 是/係/指/為…」 sentence, a footnote body, or the
explanation after a colon in a footnote that restates the pair.
"""

from __future__ import annotations

import re

from glossary.mine.text import BOLD
from glossary.mine.text import plain

_COPULA = re.compile(
    r"^[\s" + BOLD + r"]*[，,]?\s*(?:其|該\S{0,3}?|此|它)?\s*"
    r"(?:係|是|指|為|即為|意指|乃|意即|是指|係指)(?!否)"
)
_COLON = re.compile(r"^[\s" + BOLD + r"]*[：:]\s*")
_SENTENCE_END = re.compile(r"[。！？\n]")


def sentence_definition(text: str, start: int, end: int, limit: int = 200) -> str | None:
    """The sentence from ``start`` when what follows the pair (at ``end``) is a copula or a colon."""
    tail = text[end : end + 40]
    if not (_COPULA.match(tail) or _COLON.match(tail)):
        return None
    m = _SENTENCE_END.search(text, end)
    stop = m.start() + (1 if m and text[m.start()] != "\n" else 0) if m else len(text)
    sentence = plain(text[start:stop])
    if len(sentence) > limit:
        sentence = sentence[: limit - 1] + "…"
    return sentence or None
