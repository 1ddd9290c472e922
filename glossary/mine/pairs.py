"""The pair finder: every bilingual pair candidate a text states, all pattern families together.

``find_pairs(text)`` is the entry point for one text; the miner calls ``pair_candidates`` per
document with counts over the whole document set (``Corpus``), and ``glossary check`` calls it
in its basic mode with the glossary as vocabulary. With ``boundary=False`` nothing heavy is
loaded: no segmenter (rjieba), no dictionary (CC-CEDICT); the Chinese left boundary then comes
from the caller's vocabulary and stop characters only.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from functools import cache
from functools import lru_cache
from functools import partial

from glossary.mine.boundary import Vocabulary
from glossary.mine.boundary import basic_left_boundary
from glossary.mine.boundary import clause_subject
from glossary.mine.boundary import left_boundary
from glossary.mine.candidate_pair import Candidate
from glossary.mine.candidate_pair import Count
from glossary.mine.patterns import bracket_candidates
from glossary.mine.patterns import card_candidates
from glossary.mine.patterns import dash_candidates
from glossary.mine.patterns import logo_candidates
from glossary.mine.patterns import sentence_candidates
from glossary.mine.patterns import side_by_side_candidates
from glossary.mine.patterns import split_heading_candidates
from glossary.mine.patterns import table_candidates
from glossary.mine.text import Flat
from glossary.mine.text import plain


class Corpus:
    """Occurrence counts over the whole document set (Chinese exact, English case-folded)."""

    def __init__(self, flats: Iterable[Flat]):
        text = "\n".join(plain(f.text.replace("\n", "\n ")) for f in flats)
        self.text = text
        self.lower = text.lower()
        self.count = lru_cache(maxsize=None)(self._count)

    def _count(self, s: str) -> int:
        if not s:
            return 0
        if any("\u4e00" <= c <= "\u9fff" for c in s):
            return self.text.count(s)
        return self.lower.count(s.lower())


def variety_in(text: str) -> Callable[[str], int]:
    """Accessor variety within one document: how many different characters stand just before
    a string (a line start counts as one), over its first 64 occurrences; 0 when it occurs
    once only (no evidence)."""

    @cache
    def variety(s: str) -> int:
        left: set[str] = set()
        i = text.find(s)
        n = 0
        while i >= 0 and n < 64:
            left.add(text[i - 1] if i > 0 else "\n")
            i = text.find(s, i + 1)
            n += 1
        return len(left) if n >= 2 else 0

    return variety


def pair_candidates(
    flat: Flat,
    count: Count,
    variety: Count | None = None,
    boundary: bool = True,
    known: Vocabulary | None = None,
) -> list[Candidate]:
    """Candidates of every pattern family over one cleaned document, in family order.
    ``count``/``variety``: occurrences and accessor variety of a string in the document set.
    ``known``: in basic mode (``boundary=False``), the caller's vocabulary of Chinese terms."""
    cut = left_boundary if boundary else partial(basic_left_boundary, known=known)
    out: list[Candidate] = []
    out += bracket_candidates(flat, count, variety, boundary, known)
    out += dash_candidates(flat)
    out += side_by_side_candidates(flat)
    out += table_candidates(flat)
    out += split_heading_candidates(flat)
    out += sentence_candidates(flat, cut, clause_subject if boundary else None)
    out += card_candidates(flat)
    out += logo_candidates(flat)
    return out


def find_pairs(
    text: str, boundary: bool = False, known: Vocabulary | None = None
) -> list[Candidate]:
    """The pair candidates of ``text`` (lines split on ``\\n``), sorted by position.

    ``boundary=False`` (the default) is the fast basic mode: it imports neither the segmenter
    nor the dictionary; ``known`` (a vocabulary of Chinese terms, e.g. a glossary's) then
    chooses the longest known term before a bracket. ``boundary=True`` cuts the Chinese side
    with the boundary model, as ``glossary mine`` does, with counts taken over ``text`` alone.
    """
    flat = Flat(text.split("\n"))
    plain_text = flat.text

    def count(s: str) -> int:
        return plain_text.count(s) if s else 0

    variety = variety_in(plain_text) if boundary else None
    out = pair_candidates(flat, count, variety, boundary, known)
    return sorted(out, key=lambda c: (c.start, -c.confidence))
