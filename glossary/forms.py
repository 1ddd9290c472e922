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
  acronym *and* an English form (``same_concept``; ``duplicate_reason`` says which half,
  ``shared_forms`` which forms).
  ``identity_claims`` states it as unique keys (one per Chinese form, one per acronym and
  English pair), which the database holds at most once each (``models.IdentityKey``).
  ``keeps_id`` says when an imported entry bearing a stored concept's id is that concept.
- What an acronym is: ``is_acronym(token)`` (the shape of an acronym form: DESG, SMEs, IoT,
  W3C, B4NZ) and ``is_acronym_token(token)`` (the stricter test for a token of running text,
  where Roman numerals, sizes and counts such as 10GB or Day1 are words).
- Place and parent-body prefixes (``ZH_PLACE_PREFIXES``): places and bodies that may stand
  before a Chinese name without changing what it names (美國, 歐盟, 我國 …).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from glossary.languages import is_chinese
from glossary.records import Concept
from glossary.records import Term

__all__ = [
    "ROLES",
    "duplicate_reason",
    "identity_key",
    "claims",
    "identity_claims",
    "identity_keys",
    "ZH_PLACE_PREFIXES",
    "is_acronym",
    "is_acronym_token",
    "is_chinese",
    "keeps_id",
    "role",
    "same_concept",
    "shared_forms",
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


_ACRONYM_CHARS = re.compile(r"[A-Za-z0-9&.\-]+")
_ROMAN = re.compile(r"^(?=[IVXLC]{2,})M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def is_acronym(token: str) -> bool:
    """The shape of an acronym form: 'DESG', 'SMEs', 'IoT', 'B4NZ', 'W3C', 'TWh', 'FoMO' —
    2–10 characters starting with a letter, no spaces, mostly capitals (or capitals and a digit)."""
    t = token.strip()
    if not 2 <= len(t) <= 10 or " " in t or not t[0].isalpha():
        return False
    if not _ACRONYM_CHARS.fullmatch(t):
        return False
    upper = sum(1 for c in t if c.isupper())
    letters = sum(1 for c in t if c.isalpha())
    if upper >= 2 and (upper >= letters - 2 or (letters <= 5 and upper >= 2)):
        return True
    return upper >= 1 and any(c.isdigit() for c in t) and letters <= 5


def is_acronym_token(token: str) -> bool:
    """An acronym among the words of running text: 2–10 characters, at least two capitals
    (digits count), mostly capitals; Roman numerals (XIV), sizes and counts (10GB, 7B, Day1,
    Q3a) are words here."""
    if not 2 <= len(token) <= 10 or _ROMAN.match(token):
        return False
    upper = sum(c.isupper() for c in token)
    lower = sum(c.islower() for c in token)
    digits = sum(c.isdigit() for c in token)
    if upper == 0 or upper + digits < 2 or digits > 2:
        return False
    if token[:2].isdigit():  # 10GB, 2024S: numbers with units
        return False
    letters = upper + lower
    if token[0].isdigit() and letters < 2:
        return False  # 7B, 4C: a size or a count, unless the glossary or the allow-list knows it
    if lower and upper < 2:
        return False  # Day1, Q3a
    return lower == 0 or upper >= letters - 2 or (letters <= 5 and upper >= 2)


# Places and bodies that may stand before a Chinese name without changing what it names.
_PLACES = """
美國 美方 英國 法國 德國 日本 韓國 南韓 中國 俄羅斯 加拿大 澳洲 澳大利亞 紐西蘭 新加坡 馬來西亞
印尼 印度尼西亞 泰國 越南 菲律賓 汶萊 智利 秘魯 墨西哥 巴西 阿根廷 哥倫比亞 義大利 西班牙 荷蘭 比利時
瑞士 瑞典 挪威 芬蘭 丹麥 愛沙尼亞 愛爾蘭 奧地利 波蘭 以色列 印度 香港 臺灣 台灣 我國 我方
本國 歐盟 歐洲 東協 聯合國 巴布亞紐幾內亞
"""
ZH_PLACE_PREFIXES = tuple(sorted(_PLACES.split(), key=len, reverse=True))


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


def claims(zh: Iterable[str], en: Iterable[str], abbr: Iterable[str]) -> set[str]:
    """The identity rule as unique keys, from a concept's identity keys per role: one per
    Chinese form, one per acronym and English pair (an acronym alone is no claim: APA and EPA
    each name two concepts). Two concepts are the same exactly when they share a claim.

    Every form counts, whatever its status (deprecated, superseded, proposed …), as in
    ``identity_keys``. A claim is a fixed-size digest (32 hex digits), so a long form never
    makes a long database key."""
    out = {_digest("zh\x1f" + key) for key in zh}
    english = list(en)
    out.update(_digest(f"pair\x1f{a}\x1f{e}") for a in abbr for e in english)
    return out


def identity_claims(concept: Concept) -> set[str]:
    """``claims`` of a concept's forms."""
    return claims(*identity_keys(concept))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def same_concept(a: Concept, b: Concept) -> bool:
    """The identity rule: a shared Chinese form, or a shared acronym and English form."""
    a_zh, a_en, a_abbr = identity_keys(a)
    b_zh, b_en, b_abbr = identity_keys(b)
    return bool(a_zh & b_zh) or bool(a_abbr & b_abbr and a_en & b_en)


def keeps_id(incoming: Concept, stored: Concept) -> str | None:
    """Why an incoming entry that bears ``stored``'s id is that concept (so keeps the id), or
    None when it is another concept: the identity rule; or, for an entry the rule cannot
    identify (no Chinese form, no acronym and English pair, e.g. an acronym alone such as
    SOM1), a shared form of the same role."""
    if same_concept(incoming, stored):
        return duplicate_reason(incoming, stored)
    if identity_claims(incoming):
        return None
    if any(a & b for a, b in zip(identity_keys(incoming), identity_keys(stored), strict=True)):
        return "same form"
    return None


def shared_forms(incoming: Concept, stored: Concept) -> str:
    """The forms of ``incoming`` that make it ``stored``'s concept by the identity rule, as
    written in ``incoming``: ``Chinese 區塊鏈`` or ``BC + Blockchain`` ('' when it is not)."""

    def texts(concept: Concept, wanted: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for term in concept.terms:
            key = identity_key(term.text)
            if key and role(term) == wanted:
                out.setdefault(key, term.text)
        return out

    theirs = identity_keys(stored)
    zh = [text for key, text in texts(incoming, "zh").items() if key in theirs[0]]
    if zh:
        return f"Chinese {zh[0]}"
    en = [text for key, text in texts(incoming, "en").items() if key in theirs[1]]
    abbr = [text for key, text in texts(incoming, "abbr").items() if key in theirs[2]]
    return f"{abbr[0]} + {en[0]}" if en and abbr else ""


def duplicate_reason(incoming: Concept, stored: Concept) -> str:
    """Which half of the identity rule makes ``incoming`` the same concept as ``stored``."""
    a_zh, _, _ = identity_keys(incoming)
    b_zh, _, _ = identity_keys(stored)
    return "same Chinese form" if a_zh & b_zh else "same acronym and English form"
