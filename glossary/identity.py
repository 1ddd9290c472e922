"""The one rule for "same concept", shared by the miner, the importer and the API.

Two concepts are the same when they share an acronym *and* an English form, or share
a Chinese form. Forms are compared after light normalisation (NFKC, case for Latin
script, spaces and dashes), so "Data Privacy Sub-group" and "data privacy subgroup"
count as one English form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from glossary.models import TermRow
from glossary.records import ZH
from glossary.records import Concept

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―－"), "-")


def identity_key(text: str) -> str:
    """Normalised form used for identity: NFKC, case-folded, no spaces/hyphens/quotes."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    return re.sub(r"[\s\-_*'\"“”「」『』《》]+", "", folded)


def identity_keys(concept: Concept) -> tuple[set[str], set[str], set[str]]:
    """(Chinese keys, English keys, acronym keys) of every non-deprecated form of a concept."""
    zh: set[str] = set()
    en: set[str] = set()
    abbr: set[str] = set()
    for term in concept.terms:
        key = identity_key(term.text)
        if not key:
            continue
        if term.type == "acronym":
            abbr.add(key)
        elif term.lang == ZH:
            zh.add(key)
        else:
            en.add(key)
    return zh, en, abbr


def same_concept(a: Concept, b: Concept) -> bool:
    a_zh, a_en, a_abbr = identity_keys(a)
    b_zh, b_en, b_abbr = identity_keys(b)
    return bool(a_zh & b_zh) or bool(a_abbr & b_abbr and a_en & b_en)


def find_duplicates(session: Session, concept: Concept, exclude: Iterable[str] = ()) -> list[str]:
    """Ids of stored concepts that are the same concept as ``concept`` (by the rule above)."""
    zh, en, abbr = identity_keys(concept)
    texts = {t.text for t in concept.terms}
    if not texts:
        return []
    # Narrow by exact text first (indexed), then apply the normalised rule in Python.
    candidates = set(session.scalars(select(TermRow.concept_id).where(TermRow.text.in_(list(texts))))) - set(
        exclude
    )
    if not candidates:
        return []
    rows = session.execute(
        select(TermRow.concept_id, TermRow.text, TermRow.lang, TermRow.type).where(
            TermRow.concept_id.in_(list(candidates))
        )
    ).all()
    found: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for row in rows:
        keys = found.setdefault(row.concept_id, (set(), set(), set()))
        key = identity_key(row.text)
        if row.type == "acronym":
            keys[2].add(key)
        elif row.lang == ZH:
            keys[0].add(key)
        else:
            keys[1].add(key)
    return sorted(
        cid for cid, (c_zh, c_en, c_abbr) in found.items() if zh & c_zh or (abbr & c_abbr and en & c_en)
    )
