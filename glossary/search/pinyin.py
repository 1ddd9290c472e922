"""Toneless pinyin keys for Chinese forms (optional: needs the ``pypinyin`` package).

Each Han character is read with its most common reading (pypinyin's first), tones and
diacritics removed (``ü`` -> ``u``; a query's ``v`` is read as ``u`` too), and the syllables
are run together: 隱私強化技術 -> ``yinsiqianghuajishu``.  A query typed in pinyin, with or
without spaces between syllables, is compared in the same compact form.  Polyphonic
characters whose usual reading is not the one meant in a term will not match; the index
is built without pinyin when pypinyin is not installed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PINYIN_QUERY = re.compile(r"[a-zü' ]+")


@lru_cache(maxsize=1)
def pinyin_table() -> dict[int, str] | None:
    """Character -> toneless syllable, or ``None`` when pypinyin is unavailable."""
    try:
        from pypinyin.pinyin_dict import pinyin_dict  # lazy: only index builds need it
    except ImportError:
        return None
    table: dict[int, str] = {}
    for code, readings in pinyin_dict.items():
        first = readings.split(",")[0]
        plain = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
        table[code] = plain.replace("ü", "u")
    return table


def query_pinyin(norm_query: str) -> str | None:
    """The compact pinyin form of a query that looks like pinyin, else ``None``."""
    if not _PINYIN_QUERY.fullmatch(norm_query):
        return None
    compact = norm_query.replace(" ", "").replace("'", "").replace("v", "u").replace("ü", "u")
    return compact if len(compact) >= 4 else None
