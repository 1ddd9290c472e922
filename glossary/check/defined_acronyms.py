"""Every place a draft defines an acronym, found with the miner's own patterns.

:func:`find_definitions` runs the miner's bracket and dash patterns
(:mod:`glossary.mine.patterns`: 中文（English, ABBR）, 中文（ABBR）, English (ABBR),
ABBR（English）, ABBR（中文）, English - ABBR) and keeps the pairs that carry an acronym,
with the offsets of each part. :func:`loose_definitions` marks acronyms that stand in or
next to a bracket (or after 簡稱) even when no pair could be read from it: the acronym
is then defined for the purpose of ``undefined``/``used_before_definition``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.check.acronym_tokens import acronym_tokens
from glossary.check.compare import acronym_key
from glossary.mine.boundary import Vocabulary
from glossary.mine.pairs import Corpus
from glossary.mine.patterns import Candidate
from glossary.mine.patterns import bracket_candidates
from glossary.mine.patterns import dash_candidates
from glossary.mine.patterns.loose import loose_marks
from glossary.mine.text import BOLD
from glossary.mine.text import Flat


@dataclass
class Part:
    text: str
    start: int
    end: int


@dataclass
class Definition:
    abbr: Part
    en: Part | None
    zh: Part | None
    start: int
    end: int
    line: int
    pattern: str
    run: str = ""

    @property
    def key(self) -> str:
        return acronym_key(self.abbr.text)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _part(text: str, value: str, lo: int, hi: int, last: bool = False) -> Part | None:
    if not value:
        return None
    segment = text[lo:hi].replace(BOLD, "\x00")
    at = segment.rfind(value) if last else segment.find(value)
    if at < 0:
        return Part(value, lo, lo)
    return Part(value, lo + at, lo + at + len(value))


def _definition(flat: Flat, cand: Candidate) -> Definition | None:
    if not cand.abbr:
        return None
    text = flat.text
    abbr_first = cand.pattern in ("abbr(en)", "abbr(zh)")
    abbr = _part(text, cand.abbr, cand.start, cand.end, last=not abbr_first)
    if abbr is None:
        return None
    m = re.compile(r"(?<![A-Za-z0-9])" + re.escape(cand.abbr) + r"(?![A-Za-z0-9])")
    found = list(m.finditer(text, cand.start, cand.end))
    if found:
        hit = found[0] if abbr_first else found[-1]
        abbr = Part(cand.abbr, hit.start(), hit.end())
    return Definition(
        abbr=abbr,
        en=_part(text, cand.en, cand.start, cand.end),
        zh=_part(text, cand.zh, cand.start, cand.end),
        start=cand.start,
        end=cand.end,
        line=flat.line_of(abbr.start),
        pattern=cand.pattern,
        run=cand.run,
    )


def find_definitions(flat: Flat, known: Vocabulary | None = None) -> list[Definition]:
    """The acronym definitions of a document, in order, one per span. ``known``: the Chinese
    terms the glossary holds, which the pair finder's basic mode prefers as the term before a
    bracket (no segmenter, no dictionary on check's path)."""
    corpus = Corpus([flat])
    out: dict[tuple[int, int], Definition] = {}
    for cand in bracket_candidates(flat, corpus.count, None, False, known) + dash_candidates(flat):
        d = _definition(flat, cand)
        if d is None:
            continue
        key = (d.abbr.start, d.abbr.end)
        if key not in out or (d.zh and not out[key].zh):
            out[key] = d
    return sorted(out.values(), key=lambda d: d.abbr.start)


def loose_definitions(flat: Flat) -> dict[str, list[tuple[int, int]]]:
    """Acronym key -> (start, end) of each place it stands in or beside a bracket, or after 簡稱
    (the miner's :func:`~glossary.mine.patterns.loose.loose_marks`)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for start, end in loose_marks(flat, _token_spans):
        out.setdefault(acronym_key(flat.text[start:end]), []).append((start, end))
    return out


def _token_spans(text: str) -> list[tuple[int, int]]:
    return [(tok.start, tok.end) for tok in acronym_tokens(text)]
