"""Acronym <-> expansion letter agreement (Schwartz & Hearst 2003).

A. S. Schwartz and M. A. Hearst, "A simple algorithm for identifying abbreviation
definitions in biomedical text", Pacific Symposium on Biocomputing 2003. The
long form is the shortest run of words ending just before the acronym in which
the acronym's characters occur in order, right to left, with the first one at the
start of a word. :func:`letter_agreement` scores how well an acronym's letters fit
the initials of an expansion, so that suspicious pairs can be flagged later.
"""

from __future__ import annotations

import re

from glossary.forms import is_acronym
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.lexicon import EN_PROGRAM_HEADS

_PART_SEPARATOR = re.compile(r"\s*(?:/|&)\s*|\s+")
_VERSION = re.compile(r"\d{1,4}(?:\.\d{1,2})?")


def is_compound_acronym(text: str) -> bool:
    """An acronym written in parts that a bracket may hold: an acronym with a number or
    version (MEPC 83, NDC 3.0, IGF 2024), or two or three acronyms (EU ETS, IFRS S1, TWCERT/CC,
    SaMD & AI WG). Every part is an acronym or a number, the first an acronym."""
    t = text.strip()
    if not 4 <= len(t) <= 16 or not (" " in t or "/" in t):
        return False
    parts = [p for p in _PART_SEPARATOR.split(t) if p]
    if not 2 <= len(parts) <= 4 or not is_acronym(parts[0]):
        return False
    if any(p.lower() in EN_ORG_HEADS | EN_PROGRAM_HEADS for p in parts[1:]):
        return False  # a name in capitals: O-RAN ALLIANCE, GSMA FORUM
    return all(is_acronym(p) or _VERSION.fullmatch(p) for p in parts[1:])


def is_acronym_form(text: str) -> bool:
    """An acronym as a bracket may state it: one token (:func:`is_acronym`) or in parts."""
    return is_acronym(text) or is_compound_acronym(text)

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "for",
        "on",
        "in",
        "to",
        "by",
        "with",
        "at",
        "from",
        "as",
        "via",
        "into",
        "over",
        "under",
        "between",
        "&",
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "y",
        "del",
        "da",
        "do",
        "di",
        "der",
        "und",
    ]
)
_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f0-9][A-Za-z\u00c0-\u024f0-9'’&.]*")


def acronym_letters(short: str) -> str:
    s = short
    if len(s) > 2 and s.endswith("s") and s[:-1].isupper():
        s = s[:-1]  # SMEs, PETs, MSMEs
    return "".join(c for c in s if c.isalnum())


def find_long_form(short: str, text: str) -> str | None:
    """Schwartz–Hearst: the shortest tail of ``text`` whose characters spell ``short``.

    A tail whose word initials spell the acronym exactly is preferred ('European Environment
    Agency' for EEA, where the plain algorithm stops at 'Environment Agency').
    """
    by_initials = _initials_long_form(short, text)
    if by_initials:
        return by_initials
    return _schwartz_hearst(short, text)


def _initials_long_form(short: str, text: str) -> str | None:
    letters = acronym_letters(short).lower()
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"[A-Za-z\u00c0-\u024f0-9][\w'’]*", text)]
    if len(letters) < 2 or not spans:
        return None
    for k in range(1, min(len(spans), len(letters) + 5) + 1):
        tail = spans[-k:]
        if tail[0][1].lower() in FUNCTION_WORDS:
            continue
        if _spell(letters, [w for _, w in tail]):
            return text[tail[0][0] :].strip()
    return None


def _spell(letters: str, ws: list[str]) -> bool:
    """Do the words spell the letters, each content word giving its initial (plus inner capitals),
    function words optionally giving theirs?"""
    # states: positions in ``letters`` reachable after each word
    options = []
    for w in ws:
        first = w[0].lower()
        caps = "".join(c.lower() for c in w[1:] if c.isupper() or c.isdigit())
        options.append(((first, first + caps) if caps else (first,), w.lower() in FUNCTION_WORDS))
    states = {0}
    for opts, optional in options:
        nxt = {i + len(o) for i in states for o in opts if letters.startswith(o, i)}
        if optional:
            nxt |= states
        states = nxt
        if not states:
            return False
    return len(letters) in states


def _schwartz_hearst(short: str, text: str) -> str | None:
    letters = acronym_letters(short).lower()
    if len(letters) < 2:
        return None
    s = len(letters) - 1
    i = len(text) - 1
    while s >= 0:
        c = letters[s]
        while i >= 0 and (text[i].lower() != c or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = i + 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    long_form = text[start:].strip()
    return long_form or None


def words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def content_words(text: str) -> list[str]:
    return [
        w
        for w in re.split(r"[\s\-/]+", text)
        if w and re.search(r"[A-Za-z\u00c0-\u024f]", w) and w.lower().strip(",.;:") not in FUNCTION_WORDS
    ]


def letter_agreement(short: str, long_form: str) -> float:
    """Share of the acronym's letters matched, in order, by initials (or inner capitals) of the words.

    1.0 for 'DESG' / 'Digital Economy Steering Group'; low for 'IHLLA' / 'Plain Hydrology Institute'.
    """
    letters = acronym_letters(short).lower()
    if not letters:
        return 0.0
    parts = [p for p in re.split(r"[\s\-/]+", long_form) if p]
    initials: list[str] = []
    for p in parts:
        p = p.strip(",.;:()\"'“”")
        if not p:
            continue
        initials.append(p[0].lower())
        initials.extend(c.lower() for c in p[1:] if c.isupper() or c.isdigit())
    # longest common subsequence between acronym letters and the initials
    n, m = len(letters), len(initials)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            dp[i + 1][j + 1] = dp[i][j] + 1 if letters[i] == initials[j] else max(dp[i][j + 1], dp[i + 1][j])
    matched: float = dp[n][m]
    if find_long_form(short, long_form) == long_form.strip():
        matched = max(matched, n - 0.5 * max(0, n - dp[n][m]))  # letters inside words still count half
    return round(min(1.0, matched / n), 2)
