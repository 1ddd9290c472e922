"""The candidate pair every pattern yields, before records are built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Count = Callable[[str], int]


@dataclass
class Candidate:
    zh: str
    en: str
    abbr: str
    start: int  # offset in the flat text where the pair starts
    end: int  # offset just after the pair
    pattern: str
    confidence: float
    agreement: float | None = None
    mark_at: int | None = None  # offset right after the term, where a footnote marker may sit
    run: str = ""  # the Chinese run the term was cut from (for evidence from other occurrences)
    run_start: int = 0
    quote: str = ""  # the citation clause, when it cannot be cut from the flat text (a page break)
