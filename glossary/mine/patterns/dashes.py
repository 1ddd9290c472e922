"""Dash pattern: "Long Name - ABBR" in English text."""

from __future__ import annotations

import re

from glossary.mine.acronyms import FUNCTION_WORDS
from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import letter_agreement
from glossary.mine.candidate_pair import Candidate
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.text import Flat

_DASH = re.compile(r"((?:[A-Za-z][\w\-']*\s+){1,9}?[A-Za-z][\w\-']*)\s+[-–—]\s+([A-Z][A-Za-z0-9]{1,9})\b")


_DASH_HINT = re.compile(r"\s[-–—]\s+[A-Z][A-Za-z0-9]{1,9}\b")


def dash_candidates(flat: Flat) -> list[Candidate]:
    out = []
    for n, line in enumerate(flat.clean):
        if _DASH_HINT.search(line.text):
            out.extend(_dash_line(line.text, flat.starts[n]))
    return out


def _dash_line(text: str, offset: int) -> list[Candidate]:
    out = []
    for m in _DASH.finditer(text):
        abbr = m.group(2)
        if not is_acronym(abbr):
            continue
        lf = find_long_form(abbr, m.group(1))
        if not lf or len(lf.split()) < 2 or letter_agreement(abbr, lf) < 1.0:
            other = _other_language_name(abbr, m.group(1))
            if other:
                start = offset + m.start(1) + m.group(1).rfind(other)
                out.append(
                    Candidate(
                        zh="",
                        en=other,
                        abbr=abbr,
                        start=start,
                        end=offset + m.end(),
                        pattern="en-abbr",
                        confidence=0.5,
                        agreement=letter_agreement(abbr, other),
                    )
                )
            continue
        if lf.split()[0].lower() in FUNCTION_WORDS:
            continue
        start = offset + m.start(1) + m.group(1).rfind(lf)
        out.append(
            Candidate(
                zh="",
                en=lf,
                abbr=abbr,
                start=start,
                end=offset + m.end(),
                pattern="en-abbr",
                confidence=0.7,
                agreement=1.0,
            )
        )
    return out


def _other_language_name(abbr: str, phrase: str) -> str | None:
    """'Secretary of the Ministry of Government and Digital Transformation – SGTD': an
    organisation's English name with the acronym of its own language, whose word order differs.
    Kept when every letter of the acronym is the initial of a different content word of the
    name, the name has no more than one content word besides, and it names a body."""
    letters = abbr.upper()
    if not abbr.isupper() or not abbr.isalpha() or len(letters) < 3:
        return None
    words = phrase.split()
    while words and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    if not content or any(not w[:1].isupper() for w in content):
        return None
    if not len(letters) <= len(content) <= len(letters) + 1:
        return None
    if not any(w.lower() in EN_ORG_HEADS for w in content):
        return None
    initials = [w[0].upper() for w in content]
    for ch in letters:
        if ch not in initials:
            return None
        initials.remove(ch)
    return " ".join(words)
