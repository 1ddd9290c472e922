"""Logos: an acronym alone on a line above the name it abbreviates."""

from __future__ import annotations

import re

from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import letter_agreement
from glossary.mine.candidate_pair import Candidate
from glossary.mine.text import Flat


def logo_candidates(flat: Flat) -> list[Candidate]:
    """An acronym alone on a line with the name it abbreviates on the next non-empty line."""
    out = []
    lines = flat.plain_lines
    for n, s in enumerate(lines):
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{1,7}", s or ""):
            continue
        m = n + 1
        while m < len(lines) and m <= n + 2 and not lines[m]:
            m += 1
        if m >= len(lines) or m > n + 2:
            continue
        name = lines[m].strip()
        if not re.fullmatch(r"[A-Z][A-Za-z\s\-&']+", name) or len(name.split()) < 2:
            continue
        lf = find_long_form(s, name)
        if lf != name or letter_agreement(s, name) < 0.75:
            continue
        offset = flat.starts[n]
        out.append(
            Candidate(
                zh="",
                en=name,
                abbr=s,
                start=offset,
                end=flat.starts[m] + len(name),
                pattern="logo",
                confidence=0.5,
                agreement=letter_agreement(s, name),
            )
        )
    return out
