"""Bare acronyms standing next to a Chinese name, without brackets: 與聯合國 UN 產業經濟司…,
→WSG網頁永續性指南、….

Such an acronym may just as well start the next phrase (APEC 企業諮詢委員會), so a pair is
kept only on evidence from the rest of the document set:

* the same Chinese form and acronym are paired in brackets elsewhere;
* the Chinese form has an English name elsewhere whose initials spell the acronym;
* the Chinese form opens other bracketed names whose acronyms all open with this acronym
  (聯合國開發計畫署 UNDP, 聯合國教科文組織 UNESCO … → 聯合國 UN).

The Chinese boundary is the longest form next to the acronym that has such evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import letter_agreement
from glossary.mine.patterns import Candidate
from glossary.mine.text import Flat

_CJK = "\u4e00-\u9fff"
# 中文 ABBR: the acronym is not followed by more Latin words (then it opens an English phrase).
_ZH_ABBR = re.compile(
    rf"([{_CJK}]{{2,20}})[ \u3000]?([A-Z][A-Za-z0-9&]{{1,9}})"
    rf"(?=[ \u3000]*(?:[{_CJK}，。、；：,;:)）」』》]|$))",
    re.M,
)
# ABBR中文: the acronym does not end an English phrase.
_ABBR_ZH = re.compile(
    rf"(?:^|(?<=[\s→•●○\-、，。；：「『《（(]))([A-Z][A-Za-z0-9&]{{1,9}})[ \u3000]?([{_CJK}]{{2,20}})", re.M
)
_MIN_SUPPORT = 2


@dataclass
class Evidence:
    """What the document set's bracketed pairs say about Chinese forms and acronyms."""

    pairs: set[tuple[str, str]] = field(default_factory=set)  # (zh, ABBR upper)
    english: dict[str, set[str]] = field(default_factory=dict)  # zh -> English names
    _longer: dict[str, list[str]] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, candidates: Iterable[Candidate]) -> Evidence:
        ev = cls()
        for c in candidates:
            if not c.zh or " " in c.zh or c.confidence < 0.75:
                continue
            if c.abbr:
                ev.pairs.add((c.zh, c.abbr.upper()))
            if c.en:
                ev.english.setdefault(c.zh, set()).add(c.en)
        return ev

    def longer_pairs(self) -> dict[str, list[str]]:
        """Each proper prefix of a paired Chinese form -> the acronyms of the longer forms."""
        if self._longer is None:
            self._longer = {}
            for z, a in self.pairs:
                for k in range(1, len(z)):
                    self._longer.setdefault(z[:k], []).append(a)
        return self._longer

    def supports(self, zh: str, abbr: str) -> bool:
        up = abbr.upper()
        if (zh, up) in self.pairs:
            return True
        for en in self.english.get(zh, ()):
            if abbr.lower() in en.lower().split():
                continue
            lf = find_long_form(abbr, en)
            if lf and lf.strip() == en.strip() and letter_agreement(abbr, en) >= 1.0:
                return True
        longer = self.longer_pairs().get(zh, [])
        return len(longer) >= _MIN_SUPPORT and all(a.startswith(up) and a != up for a in longer)


def apposition_candidates(flat: Flat, evidence: Evidence) -> list[Candidate]:
    """Pairs of a bare acronym and the Chinese name beside it that the evidence backs."""
    text = flat.text
    out: list[Candidate] = []
    for m in _ZH_ABBR.finditer(text):
        run, abbr = m.group(1), m.group(2)
        if not is_acronym(abbr):
            continue
        for k in range(0, len(run) - 1):  # longest suffix first
            zh = run[k:]
            if evidence.supports(zh, abbr):
                out.append(_candidate(zh, abbr, m.start(1) + k, m.end(2), "zh abbr"))
                break
    for m in _ABBR_ZH.finditer(text):
        abbr, run = m.group(1), m.group(2)
        if not is_acronym(abbr):
            continue
        for k in range(len(run), 1, -1):  # longest prefix first
            zh = run[:k]
            if evidence.supports(zh, abbr):
                out.append(_candidate(zh, abbr, m.start(1), m.start(2) + k, "abbr zh"))
                break
    return out


def _candidate(zh: str, abbr: str, start: int, end: int, pattern: str) -> Candidate:
    return Candidate(zh=zh, en="", abbr=abbr, start=start, end=end, pattern=pattern, confidence=0.6)
