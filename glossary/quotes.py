"""Quotes for citations: the clause of a report line around a term, at most ~120 characters.

We cite reports, we do not copy them. A quote is the sentence that states the term when it
fits; otherwise the clauses around the term (split at ，、：; and English commas), as many as
fit, and only when the term's own clause is too long is it cut — never inside an English word,
and with "…" where the cut is.
"""

from __future__ import annotations

QUOTE_MAX = 120
SENTENCE_ENDS = frozenset("。！？；!?;\n")
CLAUSE_ENDS = frozenset("，、：,:")
ELLIPSIS = "…"
_TRIM = " \t，、：,:；;"


def quote_around(text: str, start: int, end: int, limit: int = QUOTE_MAX) -> str:
    """The clause(s) of ``text`` around ``text[start:end]``, at most ``limit`` characters."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = _sentence(text, start, end)
    sentence = text[lo:hi].strip(_TRIM)
    if len(sentence) <= limit:
        return sentence
    lefts = [lo] + [i + 1 for i in range(lo, start) if text[i] in CLAUSE_ENDS]
    rights = [i + 1 for i in range(end, hi) if text[i] in CLAUSE_ENDS] + [hi]
    a, b = lefts.pop(), rights.pop(0)
    if len(text[a:b].strip(_TRIM)) > limit:
        return _window(text, a, b, start, end, limit)
    grew = True
    while grew:
        grew = False
        if lefts and len(text[lefts[-1] : b].strip(_TRIM)) <= limit:
            a, grew = lefts.pop(), True
        if rights and len(text[a : rights[0]].strip(_TRIM)) <= limit:
            b, grew = rights.pop(0), True
    return text[a:b].strip(_TRIM)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and text[lo - 1] not in SENTENCE_ENDS:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in SENTENCE_ENDS:
        hi += 1
    if hi < len(text) and text[hi] in "。！？!?":
        hi += 1  # keep the full stop of a whole sentence
    return lo, hi


def _window(text: str, a: int, b: int, start: int, end: int, limit: int) -> str:
    """Cut one over-long clause ``text[a:b]`` to ``limit`` around ``text[start:end]``."""
    if end - start >= limit - 2:
        return text[start : start + limit - 1].rstrip() + ELLIPSIS
    room = limit - (end - start) - 2  # two ellipses at most
    lo = max(a, start - room // 2)
    hi = min(b, end + room - (start - lo))
    lo = max(a, min(lo, start - (room - (hi - end))))
    lo, hi = _word_edge_left(text, lo, start), _word_edge_right(text, hi, end)
    piece = text[lo:hi].strip(_TRIM)
    return (ELLIPSIS if lo > a else "") + piece + (ELLIPSIS if hi < b else "")


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _word_edge_left(text: str, lo: int, start: int) -> int:
    """Move ``lo`` right past a partial English word (not beyond ``start``)."""
    while 0 < lo < start and _is_word(text[lo - 1]) and _is_word(text[lo]):
        lo += 1
    return lo


def _word_edge_right(text: str, hi: int, end: int) -> int:
    """Move ``hi`` left before a partial English word (not before ``end``)."""
    while end < hi < len(text) and _is_word(text[hi - 1]) and _is_word(text[hi]):
        hi -= 1
    return hi
