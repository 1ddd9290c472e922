"""Stable, readable concept ids: a slug of the English name (or acronym), else a hash.

Ids are stored in data/terms.csv and the curation file, so regenerating the glossary
never renumbers anything; this module only mints ids for *new* concepts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_MAX_SLUG = 48


# Words an id does not end in (a name cut at _MAX_SLUG often stops on one:
# "agreement-on-trade-related-aspects-of"). Ids minted before this rule keep their ending.
_TRAILING_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "on", "in"})


def slugify(text: str) -> str:
    """ASCII slug: ``Digital Economy Steering Group`` -> ``digital-economy-steering-group``;
    one cut to ``_MAX_SLUG`` characters at a word, without trailing function words."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("-", 1)[0] or slug[:_MAX_SLUG]
    words = slug.split("-")
    while len(words) > 1 and words[-1] in _TRAILING_FUNCTION_WORDS:
        words.pop()
    return "-".join(words)


def mint_id(zh: str | None, en: str | None, abbr: str | None, exists: Callable[[str], bool]) -> str:
    """A new id that ``exists`` does not know: slug of en, else abbr, else ``c-<hash of zh>``."""
    base = slugify(en or "") or slugify(abbr or "")
    if not base:
        digest = hashlib.sha1((zh or en or abbr or "").encode("utf-8")).hexdigest()[:10]
        base = f"c-{digest}"
    candidate, n = base, 2
    while exists(candidate):
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))
