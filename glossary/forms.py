"""The rules about forms: what makes two written forms the same form.

``identity_key(text)``: the normalised form that the identity rule compares and that
``terms.match_key`` indexes (NFKC, case-folded, no spaces, hyphens or quotes), so
"Data Privacy Sub-group" and "data privacy subgroup" are one English form.
"""

from __future__ import annotations

import re
import unicodedata

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
