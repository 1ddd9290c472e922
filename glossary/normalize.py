"""Text normalisation shared by the index, the queries and the data model.

Three separate steps, so that each can be reasoned about (and tested) alone:

* ``normalize(text)``: NFKC (which also folds full-width/half-width forms), case folding,
  one hyphen for every dash, ASCII quotes for typographic ones, no zero-width characters,
  single spaces.  It never raises and is idempotent: ``normalize(normalize(x)) == normalize(x)``.
* ``fold_script(text)``: Traditional -> Simplified folding with a fixed per-character table
  derived from OpenCC ``t2s`` and closed under repetition (OpenCC's t2s is not idempotent on
  every character, e.g. 薴 -> 苧 -> 苎), so folding is idempotent too.  Index keys and queries
  are both folded, which makes a Simplified query meet its Traditional term.
  ``to_taiwan(text)`` is OpenCC's ``s2twp`` phrase conversion (信息 -> 資訊), which the search
  tries as an alternative reading of a Simplified query.
* ``detect_script(text)``: ``"zh"``, ``"en"`` or ``"mixed"``.

Queries are validated once, by ``glossary.search.find.check_query``; the fields of the data
model by ``glossary.validate.check_text``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\u300e\u300f\u301d\u301e\u301f\u2033"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a`\u00b4\u2032"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TRANSLATE: dict[int, str | None] = {ord(c): "-" for c in _DASHES}
_TRANSLATE.update({ord(c): '"' for c in _DOUBLE_QUOTES})
_TRANSLATE.update({ord(c): "'" for c in _SINGLE_QUOTES})
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
# Control characters become spaces (validation rejects them in queries; the normaliser
# itself must never fail).
_TRANSLATE.update({i: " " for i in range(0x20)})
_TRANSLATE.update({i: " " for i in range(0x7F, 0xA0)})

_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _TRANSLATE))) + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f]")


def _step(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    text = unicodedata.normalize("NFKC", text)
    if _SPECIAL.search(text):
        text = text.translate(_TRANSLATE)
    return " ".join(text.split())


def normalize(text: object) -> str:
    """The canonical form used for matching; never raises, idempotent.

    Anything that is not a string is converted with ``str`` first (``None`` -> ``""``).
    Lone surrogates (which cannot be encoded) are dropped.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        try:
            text = str(text)
        except Exception:  # a broken __str__ must not break the normaliser
            return ""
    if text.isascii():  # fast path: one pass is already a fixed point
        text = text.lower()
        if _SPECIAL.search(text):
            text = text.translate(_TRANSLATE)
        return " ".join(text.split())
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("", text)
    # NFKC and case folding interact on a handful of characters; repeating the step until
    # it stops changing makes the result a fixed point (hence idempotent).  After one step
    # the text has single spaces and no characters the translation table maps, so it is a
    # fixed point as soon as it is NFKC-normalised and case-folded.
    for _ in range(6):
        text = _step(text)
        if text.isascii() or (unicodedata.is_normalized("NFKC", text) and text.casefold() == text):
            break
    return text


def detect_script(text: str) -> str:
    """``"zh"`` when the text has Han characters and no other letters, ``"en"`` when it has
    letters but no Han characters (or no letters at all), ``"mixed"`` when it has both."""
    han = other = False
    for char in text:
        if _HAN.match(char):
            han = True
        elif char.isalpha():
            other = True
        if han and other:
            return "mixed"
    return "zh" if han else "en"


# --- script folding -------------------------------------------------------------------

_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0x20000, 0x2A6E0))


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """Per-character Traditional -> Simplified table from OpenCC ``t2s``, closed under
    repetition (each value is a fixed point of the table)."""
    import opencc  # lazy: only index builds and table-less folding need it

    converter = opencc.OpenCC("t2s.json")
    chars = [chr(cp) for lo, hi in _HAN_RANGES for cp in range(lo, hi)]
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC never merges lines
        converted = [converter.convert(c) for c in chars]
    table = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    for key in list(table):
        seen = {key}
        value = table[key]
        while ord(value) in table and ord(value) not in seen:
            seen.add(ord(value))
            value = table[ord(value)]
        table[key] = value
    return table


def fold_script(text: str, table: dict[int, str] | None = None) -> str:
    """Fold Traditional characters to Simplified with a fixed table (idempotent)."""
    return text.translate(t2s_table() if table is None else table)


@lru_cache(maxsize=1)
def _s2twp() -> Any:
    import opencc  # lazy: only a Simplified query read as Taiwanese needs it

    return opencc.OpenCC("s2twp.json")


def to_taiwan(text: str) -> str:
    """OpenCC ``s2twp``: Simplified (mainland phrasing) -> Traditional (Taiwan phrasing)."""
    try:
        return _s2twp().convert(text)
    except Exception:  # pragma: no cover - OpenCC failures only make the search poorer
        return text
