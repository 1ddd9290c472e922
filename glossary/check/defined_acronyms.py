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
from glossary.mine.miner import Corpus
from glossary.mine.patterns import Candidate
from glossary.mine.patterns import bracket_candidates
from glossary.mine.patterns import dash_candidates
from glossary.mine.patterns import parse_inner
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


def find_definitions(flat: Flat) -> list[Definition]:
    """The acronym definitions of a document, in order, one per span."""
    corpus = Corpus([flat])
    out: dict[tuple[int, int], Definition] = {}
    for cand in bracket_candidates(flat, corpus.count) + dash_candidates(flat):
        d = _definition(flat, cand)
        if d is None:
            continue
        key = (d.abbr.start, d.abbr.end)
        if key not in out or (d.zh and not out[key].zh):
            out[key] = d
    return sorted(out.values(), key=lambda d: d.abbr.start)


_BRACKET = re.compile(r"[(（]([^()（）]{1,300})[)）]")
_MARKER = re.compile(
    r"(?:以下簡稱|以下稱|下稱|簡稱|简称|stands for|short for|hereafter|hereinafter)\s*[:：「“\"]?\s*$", re.I
)


def loose_definitions(flat: Flat) -> dict[str, list[tuple[int, int]]]:
    """Acronym key -> (start, end) of each place it stands in or beside a bracket, or after 簡稱."""
    out: dict[str, list[tuple[int, int]]] = {}
    for n, cl in enumerate(flat.clean):
        line = cl.text.replace(BOLD, " ")
        base = flat.starts[n]
        for m in _BRACKET.finditer(line):
            inner = parse_inner(m.group(1))
            parts = re.split(r"[,，;；、]\s*|\s*(?:以下簡稱|簡稱|全名為)\s*", m.group(1).strip())
            short = len(m.group(1).split()) <= 2  # （GGSD Forum）, （PAGA 計畫）
            for tok in acronym_tokens(m.group(1)):
                if (
                    tok.text.strip() in (parts[0].strip(), parts[-1].strip())
                    or (inner and inner.abbr == tok.text)
                    or (short and tok.start == len(m.group(1)) - len(m.group(1).lstrip()))
                ):
                    a = base + m.start(1) + tok.start
                    out.setdefault(acronym_key(tok.text), []).append((a, a + len(tok.text)))
            if inner and (inner.en or inner.zh):
                window = max(0, m.start() - 40)  # an acronym is short: read only what precedes the bracket
                before = line[window : m.start()].rstrip()
                tm = re.search(r"([A-Za-z0-9&]+)$", before)
                if tm:
                    for tok in acronym_tokens(tm.group(1)):
                        a = base + window + tm.start(1) + tok.start
                        out.setdefault(acronym_key(tok.text), []).append((a, a + len(tok.text)))
        for tok in acronym_tokens(line):
            tail = line[tok.end : tok.end + 2].lstrip()
            head = line[max(0, tok.start - 40) : tok.start].rstrip()
            if _MARKER.search(line, max(0, tok.start - 40), tok.start) or (
                tail[:1] and tail[:1] in ")）" and (not head or head[-1] in ",，、")
            ):
                a = base + tok.start
                out.setdefault(acronym_key(tok.text), []).append((a, a + len(tok.text)))
    return out
