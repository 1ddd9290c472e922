"""The rules about forms: when two forms are the same, what role a form plays, when two
concepts are one.

- ``identity_key(text)``: the normalised form that the identity rule compares and that
  ``terms.match_key`` indexes (NFKC, case-folded, no spaces, hyphens or quotes), so
  "Data Privacy Sub-group" and "data privacy subgroup" are one English form.
- ``role(term)``: a form's slot among a concept's preferred forms: ``"abbr"`` (an
  acronym), ``"zh"`` (a Chinese full form, Traditional or Simplified) or ``"en"`` (a full
  form in English or another language).  A concept has at most one preferred form per
  role and language.
- ``is_chinese(lang)``: whether a language tag is Chinese (zh-Hant, zh-Hans, zh-TW …).
- The identity rule: two concepts are the same when they share a Chinese form, or share an
  acronym *and* an English form (``same_concept``; ``duplicate_reason`` says which half).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from glossary.languages import is_chinese
from glossary.records import Concept
from glossary.records import Term

__all__ = [
    "ROLES",
    "duplicate_reason",
    "identity_key",
    "identity_keys",
    "is_chinese",
    "role",
    "same_concept",
    "slot",
    "with_preferred",
    "writes_han",
]

ROLES = ("zh", "en", "abbr")

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―－"), "-")
_DROP = re.compile(r"[\s\-_*'\"“”「」『』《》]+")
# The same characters for ASCII text (what ``\s`` matches below 128, and - _ * ' ").
_DROP_ASCII = dict.fromkeys(map(ord, " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f-_*'\""), None)


def identity_key(text: str) -> str:
    """Normalised form used for identity: NFKC, case-folded, no spaces/hyphens/quotes."""
    if text.isascii():  # NFKC leaves ASCII alone and casefold() is lower(): the common case, fast
        return text.lower().translate(_DROP_ASCII)
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    return _DROP.sub("", folded)


def writes_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (the default language of a form without a tag)."""
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def role(term: Term) -> str:
    """``"abbr"`` for an acronym, ``"zh"`` for a Chinese full form, ``"en"`` for any other."""
    if term.type == "acronym":
        return "abbr"
    return "zh" if is_chinese(term.lang) else "en"


def slot(term: Term) -> tuple[str, str]:
    """Where a preferred form sits: the acronym, or the full form of its language (one each)."""
    return ("abbr", "") if term.type == "acronym" else ("form", term.lang)


def with_preferred(terms: list[Term], wanted: Term) -> list[Term]:
    """``terms`` with ``wanted`` (status preferred) as the preferred form of its slot.

    The form it replaces stays, as ``superseded`` (readers of old documents still find
    it, and the change is visible); an existing form with the same text is promoted
    instead of added twice. The other terms are unchanged (copies are returned).
    """
    out = [dataclasses.replace(t) for t in terms]
    same = [t for t in out if identity_key(t.text) == identity_key(wanted.text) and slot(t) == slot(wanted)]
    for term in out:
        if term.status == "preferred" and slot(term) == slot(wanted) and term not in same:
            term.status = "superseded"
    if same:
        same[0].status = "preferred"
        return out
    return [*out, dataclasses.replace(wanted, status="preferred")]


def identity_keys(concept: Concept) -> tuple[set[str], set[str], set[str]]:
    """(Chinese keys, English keys, acronym keys) of every form of a concept (deprecated ones too)."""
    keys: dict[str, set[str]] = {name: set() for name in ROLES}
    for term in concept.terms:
        key = identity_key(term.text)
        if key:
            keys[role(term)].add(key)
    return keys["zh"], keys["en"], keys["abbr"]


def same_concept(a: Concept, b: Concept) -> bool:
    """The identity rule: a shared Chinese form, or a shared acronym and English form."""
    a_zh, a_en, a_abbr = identity_keys(a)
    b_zh, b_en, b_abbr = identity_keys(b)
    return bool(a_zh & b_zh) or bool(a_abbr & b_abbr and a_en & b_en)


def duplicate_reason(incoming: Concept, stored: Concept) -> str:
    """Which half of the identity rule makes ``incoming`` the same concept as ``stored``."""
    a_zh, _, _ = identity_keys(incoming)
    b_zh, _, _ = identity_keys(stored)
    return "same Chinese form" if a_zh & b_zh else "same acronym and English form"
