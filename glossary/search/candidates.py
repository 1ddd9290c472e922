"""The candidates one query gathers in :class:`~glossary.search.index.SearchIndex`: the best
score of each form, with how it matched, and the groups the vote counts; the per-query budgets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from glossary.search import rank as R

TOP = 40  # candidates re-scored with rapidfuzz per path
PREFIX_TOP = 30
BUDGET = 60_000  # postings read per query by the word / bigram vote
PROBE_CAP = 200  # forms taken per deletion-neighbourhood probe


@dataclass
class Group:
    """One query word (its vocabulary alternatives) or one bigram, for the vote."""

    arrays: list[np.ndarray]  # postings of the alternatives that are not common words
    bits: int  # common-word bits of the alternatives that are
    words: tuple[int, ...]  # the alternatives' word ids
    weight: float
    size: int


class Candidates:
    """Best (score, how, exact) per form, and notices on forms (a pasted pair whose parts
    contradict each other)."""

    def __init__(self) -> None:
        self.best: dict[int, tuple[float, str, bool]] = {}
        self.notes: dict[int, str] = {}

    def add(self, form: int, score: float, how: str, exact: bool | None = None) -> None:
        old = self.best.get(form)
        if old is None or score > old[0]:
            self.best[form] = (score, how, how in R.EXACT_HOWS if exact is None else exact)

    def top_score(self) -> float:
        return max((s for s, _, _ in self.best.values()), default=0.0)

    def has_exact(self) -> bool:
        return any(exact for _, _, exact in self.best.values())
