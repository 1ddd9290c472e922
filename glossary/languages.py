"""BCP-47 language tags as CONTRACTS.md fixes them: zh-TW/zh-HK -> zh-Hant, en-* -> en,
zh-CN/zh-SG -> zh-Hans (Simplified: an import turns such forms into Traditional, keeping the
original as a ``zh-Hans`` variant, ``exchange.common.traditional``).

``is_chinese(tag)`` is the one answer to "is this form Chinese?" (Traditional or Simplified).
"""

from __future__ import annotations

import re

from glossary.errors import BadInput
from glossary.errors import quoted

_SIMPLE = re.compile(r"^[a-z]{2,3}$")
_ALIASES = {
    "zh-hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
    "zh": "zh-Hant",
    "zh-hans": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-my": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-hans-sg": "zh-Hans",
}
SIMPLIFIED = "zh-Hans"


class UnknownLanguage(BadInput):
    """A language tag the glossary does not know (an import with --continue refuses only its entry)."""


def canonical_lang(tag: str, where: str = "") -> str:
    """Map an input tag to the glossary's tag, or raise UnknownLanguage (a BadInput) naming it."""
    key = (tag or "").strip().replace("_", "-").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if key == "en" or key.startswith("en-"):
        return "en"
    if _SIMPLE.match(key):
        return key
    prefix = f"{where}: " if where else ""
    raise UnknownLanguage(
        f"{prefix}unknown language tag {quoted(tag)} (use zh-Hant, zh-TW, zh-Hans, zh-CN, en, en-US, fr, …)"
    )


def is_chinese(tag: str) -> bool:
    """True for any Chinese tag: zh, zh-Hant, zh-Hans, zh-TW, zh-CN, …"""
    key = (tag or "").strip().lower()
    return key == "zh" or key.startswith("zh-")
