"""English span rules: what counts as English, a leading article or a title to trim, a person's name."""

from __future__ import annotations

import re

from glossary.mine.acronyms import FUNCTION_WORDS
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.lexicon import EN_PROGRAM_HEADS
from glossary.mine.lexicon import EN_TITLE_WORDS
from glossary.mine.text import has_cjk
from glossary.mine.text import is_latin

NOT_EN = re.compile(r"^(e\.g|i\.e|ex|esp|cf|see|etc|tbc|tbd|n/a|note|http|www|p\.)\b", re.I)


def is_english(s: str) -> bool:
    s = s.strip()
    if not s or has_cjk(s) or NOT_EN.match(s) or "://" in s:
        return False
    letters = sum(1 for c in s if is_latin(c))
    if letters < 2 or letters < 0.6 * len(s.replace(" ", "")):
        return False
    words = s.split()
    if len(words) > 25:
        return False
    return not (len(words) == 1 and any(c.isdigit() for c in s))


_ARTICLE = re.compile(r"^(?:The|the)\s+(?=[A-Z0-9][\w\-'’]*\s+\S)")
_LOWER_ARTICLE = re.compile(r"^the\s+(?=[A-Z0-9])")
_FULL_STOP = re.compile(r"(?<=[a-z]{4})\.$")


def trim_english(en: str, title: bool = False) -> str:
    """A name without a leading article or a sentence's full stop: 'The National Foreign Trade
    Council' -> 'National Foreign Trade Council', '… in APEC Economies.' -> '… in APEC Economies'
    ('Co.' and 'U.S.' keep their points). A quoted title (``title``) keeps a capital 'The'."""
    en = _FULL_STOP.sub("", en.strip())
    return _LOWER_ARTICLE.sub("", en) if title else _ARTICLE.sub("", en)


_TITLE_OF = re.compile(
    r"^(?:(?:Chair|Head|Director|Deputy Director|Secretary|Chairman|President|Member)\s+of\s+(?:the\s+)?)"
    r"(?=[A-Z])"
)


def strip_en_title(en: str) -> str:
    """'Bankers for Net Zero, UK, Co-founder' -> 'Bankers for Net Zero, UK'; 'Head of X' -> 'X'."""
    parts = [p.strip() for p in en.split(",")]
    while len(parts) > 1 and (
        parts[-1].lower() in EN_TITLE_WORDS
        or all(w.lower() in EN_TITLE_WORDS or w.lower() in FUNCTION_WORDS for w in parts[-1].split())
    ):
        parts.pop()
    out = ", ".join(parts)
    m = _TITLE_OF.match(out)
    if m:
        out = out[m.end() :]
    return out


_NOT_NAME = FUNCTION_WORDS | EN_ORG_HEADS | EN_PROGRAM_HEADS | EN_TITLE_WORDS


def person_like(en: str) -> bool:
    ws = en.replace(",", " ").split()
    if not 2 <= len(ws) <= 4:
        return False
    lw = [w.lower() for w in ws]
    if any(w in _NOT_NAME for w in lw):
        return False
    return all(w[:1].isupper() for w in ws)


def is_title_en(en: str) -> bool:
    ws = en.split()
    if len(ws) < 2 or len(ws) > 20 or "://" in en or "@" in en:
        return False
    if re.search(r"[.!?]$", en) and not en.endswith("."):
        return False
    return sum(1 for w in ws if w[:1].isupper()) >= 1 and not re.search(r"\d{3,}", en)


def short_form_of(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long`` without being an acronym: 'AI Act' for 'Artificial
    Intelligence Act', 'EU ETS', 'Open RAN', 'Taipower' for 'Taiwan Power Company', '3GPP',
    'TWCERT/CC'. Its letters spell a subsequence of the long form's, starting with its first
    letter; at most three words and under half as long."""
    short, long = short.strip(), long.strip()
    words = short.split()
    if not words or len(words) > 3 or len(short) * 2 > len(long) or len(long.split()) < 2:
        return False
    if len(words) == 1 and not (short[:1].isupper() or short[:1].isdigit()):
        return False
    if len(words) > 1 and not any(sum(c.isupper() for c in w) >= 2 for w in words):
        return False
    s = [c for c in short.lower() if c.isalnum()]
    body = [c for c in long.lower() if c.isalnum()]
    if len(s) < 2 or not body or s[0] != body[0]:
        return False
    it = iter(body)
    return all(c in it for c in s)


_AMOUNT = re.compile(
    r"^(?:[A-Z]{2,3}\$?|NT\$|US\$|\$|€|£|¥)?\s*[\d.,]+\s*(?:million|billion|trillion|thousand|percent|%)?$"
    r"|^(?:[A-Z]{3}|NT\$|US\$)\s*[\d.,]+\s*(?:million|billion|trillion)\b",
    re.I,
)
_CLAUSE_VERB = re.compile(
    r"\b(?:will|must|can|could|should|shall|would|is|are|was|were|be|remain|allow)\b", re.I
)


def is_amount(en: str) -> bool:
    """'NT$200 million', 'EUR 35 million', 'USD 52.7 billion': a sum of money, not a name."""
    return bool(_AMOUNT.match(en.strip()))


# A modal written in lower case before a verb: a sentence's predicate (names capitalise theirs)
_MODAL_PREDICATE = re.compile(
    r"\b(?:will|must|can|could|should|shall|would|may|might)\s+(?:not\s+)?[a-z]{2,}\b"
)


def is_clause(en: str) -> bool:
    """A quoted sentence rather than a name: long, with a finite or modal verb, lower-case or
    with a lower-case modal predicate ('… peace can be established …')."""
    words = en.split()
    return len(words) >= 7 and (
        en[:1].islower()
        and bool(_CLAUSE_VERB.search(en))
        or bool(re.search(r"\b(?:we|you|they|it)\s+(?:will|must|can|should)\b", en, re.I))
        or bool(_MODAL_PREDICATE.search(en))
    )
