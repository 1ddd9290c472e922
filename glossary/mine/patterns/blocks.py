"""Cards: a block of English lines followed by a block of Chinese lines of the same count
(speaker cards, bilingual logos), aligned line by line.
"""

from __future__ import annotations

import re

from glossary.mine.acronyms import is_acronym
from glossary.mine.candidate_pair import Candidate
from glossary.mine.english import person_like as _person_like
from glossary.mine.kinds import classify_en
from glossary.mine.kinds import classify_zh
from glossary.mine.lexicon import COUNTRIES
from glossary.mine.text import Flat
from glossary.mine.text import has_cjk
from glossary.mine.text import is_cjk


def _line_kind(s: str) -> str | None:
    if not s:
        return None
    if has_cjk(s):
        if all(is_cjk(c) or c in "、，·" for c in s):
            return "zh"
        return None
    if re.fullmatch(r"[A-Za-z\u00c0-\u024f][\w\s,&'’\-().\u00c0-\u024f]*", s):
        return "en"
    return None


def card_candidates(flat: Flat) -> list[Candidate]:
    """Blocks of English lines then Chinese lines (or the reverse), aligned line by line."""
    out = []
    lines = flat.plain_lines
    n = len(lines)
    i = 0
    while i < n:
        if not lines[i]:
            i += 1
            continue
        j = i
        while j < n and lines[j]:
            j += 1
        block = list(range(i, j))
        i = j
        kinds = [_line_kind(lines[b]) for b in block]
        if None in kinds or "zh" not in kinds or "en" not in kinds:
            continue
        first = kinds[0]
        switch = kinds.index("zh" if first == "en" else "en")
        if any(k != first for k in kinds[:switch]) or any(k == first for k in kinds[switch:]):
            continue
        en_idx = [b for b, k in zip(block, kinds, strict=True) if k == "en"]
        zh_idx = [b for b, k in zip(block, kinds, strict=True) if k == "zh"]
        en_units = _join_en(en_idx, lines)
        zh_units = _join_zh(zh_idx, lines)
        if len(en_units) > len(zh_units) and first == "en" and _person_like(en_units[0][1]):
            en_units = en_units[1:]
        if len(en_units) != len(zh_units) or not en_units:
            continue
        pairs = []
        ok = True
        for (en_line, en), (zh_line, zh) in zip(en_units, zh_units, strict=True):
            en = re.sub(r",\s*[A-Z][A-Za-z]{1,9}$", "", en).strip()  # 'Programme Manager, ENEA'
            en = re.sub(r"\s*\([A-Za-z]{2,10}\)$", "", en)
            ke, kz = classify_en(en), classify_zh(zh)
            if (ke and kz and ke != kz and {ke, kz} != {"org", "program"}) or (ke == "org" and kz is None):
                ok = False
                break
            if _person_like(en) or is_acronym(en):
                ok = False
                break
            pairs.append((min(en_line, zh_line), en, zh))
        if not ok:
            continue
        for line_no, en, zh in pairs:
            offset = flat.starts[line_no]
            out.append(
                Candidate(
                    zh=zh,
                    en=en,
                    abbr="",
                    start=offset,
                    end=offset + len(lines[line_no]),
                    pattern="card",
                    confidence=0.5,
                )
            )
    return out


def _join_en(idx: list[int], lines: list[str]) -> list[tuple[int, str]]:
    units: list[tuple[int, str]] = []
    closed = False
    for b in idx:
        s = lines[b].strip()
        if s.lower().strip(" ,") in COUNTRIES or all(w.lower().strip(",") in COUNTRIES for w in s.split()):
            closed = True
            continue
        open_end = units and re.search(r"(\band|\bof|\bfor|\bthe|,|&)$", units[-1][1])
        if units and not closed and (open_end or s[:1].islower()):
            units[-1] = (units[-1][0], f"{units[-1][1]} {s}")
        else:
            units.append((b, s))
        closed = False
    return [(b, re.sub(r"\s+(and|of|for|the|&)$", "", s).strip(" ,")) for b, s in units]


def _join_zh(idx: list[int], lines: list[str]) -> list[tuple[int, str]]:
    units: list[tuple[int, str]] = []
    for b in idx:
        s = lines[b].strip()
        if units and units[-1][1].endswith(("、", "，")):
            units[-1] = (units[-1][0], units[-1][1] + s)
        else:
            units.append((b, s))
    return units
