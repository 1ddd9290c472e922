"""Comparing forms the way a careful reader would: acronym keys and English expansions.

Case, hyphens, full/half-width punctuation, ``&``/``and``, British/American spelling
and singular/plural do not make two forms different. :func:`expansion_difference`
says whether a document's expansion is the same as a glossary form, a misspelling of
it (CONTRACTS.md: the same words, each changed word within edit distance 2), or a
different expansion. A changed word that is another correctly formed word of the same
stem (Economic for Economy) is a different word, not a misspelling.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import OSA

from glossary.mine.acronyms import FUNCTION_WORDS
from glossary.mine.lexicon import COUNTRIES
from glossary.mine.lexicon import REGION_QUALIFIERS

SAME = "same"
MISSPELLED = "misspelled"
DIFFERENT = "different"

_SUFFIX_TEXT = (
    "ational ization isation ically ations ation ities ments ment ness ical ings ing ity ies ive ion "
    "ic al ed es er or ly y s e"
)
_SUFFIXES = tuple(_SUFFIX_TEXT.split(" "))
_BRITISH = (
    (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"),
    (r"our$", "or"),
    (r"ours$", "ors"),
    (r"tre$", "ter"),
    (r"tres$", "ters"),
    (r"mme$", "m"),
    (r"mmes$", "ms"),
    (r"ence$", "ense"),
)


def acronym_key(token: str) -> str:
    """'PETs' and 'PET', 'ToR' and 'TOR', 'G-7' and 'G7' share a key."""
    t = unicodedata.normalize("NFKC", token).strip().replace(".", "").replace("-", "")
    if len(t) > 2 and t[-1] == "s" and t[-2].isupper():
        t = t[:-1]
    return t.upper()


def _word(w: str) -> str:
    w = w.casefold()
    if len(w) > 5:
        for pattern, repl in _BRITISH:
            w = re.sub(pattern, repl, w)
    return w


def en_words(text: str) -> list[str]:
    """Lower-case words, hyphens and punctuation dropped, '&' read as 'and'."""
    s = unicodedata.normalize("NFKC", text).replace("&", " and ").replace("’", "'")
    s = re.sub(r"(?<=\w)[-‐‑–](?=\w)", "", s)  # Co-operation = Cooperation, Sub-group = Subgroup
    return [_word(w) for w in re.findall(r"[^\W_]+(?:'[^\W_]+)?", s)]


def singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def en_key(text: str) -> str:
    """The matching key of an English form: word list, singular, no leading 'the'."""
    ws = [singular(w) for w in en_words(text)]
    while ws and ws[0] == "the":
        ws = ws[1:]
    return " ".join(ws)


def _is_qualifier(w: str) -> bool:
    return w.upper() in REGION_QUALIFIERS or w in COUNTRIES or w == "the"


def strip_qualifiers(key: str) -> str:
    """'apec digital economy steering group' -> 'digital economy steering group';
    'bankers for net zero uk' -> 'bankers for net zero'."""
    ws = key.split()
    while len(ws) > 2 and _is_qualifier(ws[0]):
        ws = ws[1:]
    while len(ws) > 3 and _is_qualifier(ws[-1]):
        ws = ws[:-1]
    return " ".join(ws)


def same_expansion(a: str, b: str) -> bool:
    """Same words, or the same letters once spaces go (Asia-Pacific = Asia Pacific)."""
    ka, kb = en_key(a), en_key(b)
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    sa, sb = strip_qualifiers(ka), strip_qualifiers(kb)
    return sa == sb or sa.replace(" ", "") == sb.replace(" ", "")


def _stem(w: str) -> str:
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def word_relation(written: str, known: str) -> str:
    """SAME, MISSPELLED (a typo of ``known``) or DIFFERENT (another word)."""
    if written == known or singular(written) == singular(known):
        return SAME
    if _stem(written) == _stem(known) or _stem(singular(written)) == _stem(singular(known)):
        return DIFFERENT  # Economic/Economy: another form of the word, chosen, not mistyped
    if min(len(written), len(known)) >= 4 and OSA.distance(written, known) <= 2:
        return MISSPELLED
    return DIFFERENT


def expansion_difference(written: str, known: str) -> str:
    """How an expansion as written differs from a glossary form."""
    if same_expansion(written, known):
        return SAME
    ws = strip_qualifiers(" ".join(en_words(written))).split()
    ks = strip_qualifiers(" ".join(en_words(known))).split()
    if len(ws) != len(ks):
        return DIFFERENT
    relations = [word_relation(w, k) for w, k in zip(ws, ks, strict=True)]
    if DIFFERENT in relations:
        return DIFFERENT
    return MISSPELLED if MISSPELLED in relations else SAME


def word_overlap(written: str, known: str) -> float:
    """Share of the glossary form's content words found (or nearly found) in the written one."""
    ws = {singular(w) for w in en_words(written) if w not in FUNCTION_WORDS}
    ks = [singular(w) for w in en_words(known) if w not in FUNCTION_WORDS]
    if not ks:
        return 0.0
    hit = sum(1 for k in ks if any(word_relation(w, k) != DIFFERENT or _stem(w) == _stem(k) for w in ws))
    return hit / len(ks)
