"""The one rule for "same concept", shared by the miner, the importer and the API.

Two concepts are the same when they share an acronym *and* an English form, or share
a Chinese form. Forms are compared by ``glossary.forms.identity_key``, so "Data Privacy
Sub-group" and "data privacy subgroup" count as one English form; ``find_duplicates``
asks the database (``terms.match_key``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from glossary.forms import identity_key
from glossary.models import TermRow
from glossary.records import ZH
from glossary.records import Concept


def identity_keys(concept: Concept) -> tuple[set[str], set[str], set[str]]:
    """(Chinese keys, English keys, acronym keys) of every form of a concept (deprecated ones too)."""
    zh: set[str] = set()
    en: set[str] = set()
    abbr: set[str] = set()
    keys = (zh, en, abbr)
    for term in concept.terms:
        key = identity_key(term.text)
        if key:
            keys[_role_index(term.lang, term.type)].add(key)
    return zh, en, abbr


def same_concept(a: Concept, b: Concept) -> bool:
    a_zh, a_en, a_abbr = identity_keys(a)
    b_zh, b_en, b_abbr = identity_keys(b)
    return bool(a_zh & b_zh) or bool(a_abbr & b_abbr and a_en & b_en)


def find_duplicates(session: Session, concept: Concept, exclude: Iterable[str] = ()) -> list[str]:
    """Ids of stored concepts that are the same concept as ``concept`` (by the rule above).

    Candidates are narrowed by the indexed ``terms.match_key`` (each form's ``identity_key``),
    so forms differing only in case, width, spacing or dashes are found as well.
    """
    zh, en, abbr = identity_keys(concept)
    keys = zh | en | abbr
    if not keys:
        return []
    excluded = set(exclude)
    candidates = set(session.scalars(select(TermRow.concept_id).where(TermRow.match_key.in_(sorted(keys)))))
    candidates -= excluded
    if not candidates:
        return []
    rows = session.execute(
        select(TermRow.concept_id, TermRow.match_key, TermRow.lang, TermRow.type).where(
            TermRow.concept_id.in_(sorted(candidates))
        )
    ).all()
    found: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for row in rows:
        found.setdefault(row.concept_id, (set(), set(), set()))[_role_index(row.lang, row.type)].add(
            row.match_key
        )
    return sorted(
        cid for cid, (c_zh, c_en, c_abbr) in found.items() if zh & c_zh or (abbr & c_abbr and en & c_en)
    )


def _role_index(lang: str, type_: str) -> int:
    """Where a form's key goes in ``identity_keys``' triple: 0 Chinese, 1 English (or other), 2 acronym."""
    if type_ == "acronym":
        return 2
    return 0 if lang == ZH else 1
