"""``--on-duplicate merge``: what a stored concept gains from a duplicate of it in an imported file."""

from __future__ import annotations

import copy

from glossary.identity import identity_keys
from glossary.records import Concept
from glossary.records import Term


def _role(term: Term) -> tuple[str, str]:
    return ("acronym", "") if term.type == "acronym" else ("full", term.lang)


def merge_concepts(base: Concept, extra: Concept) -> Concept:
    """``base`` plus what ``extra`` adds: new forms, definitions, citations, empty fields filled.

    A role (the acronym, or a language's full form) keeps at most one preferred form: a
    new preferred form of a role ``base`` already has is added as admitted.
    """
    merged = copy.deepcopy(base)
    have = {(t.text, t.lang, t.type) for t in merged.terms}
    preferred = {_role(t) for t in merged.terms if t.status == "preferred"}
    for term in extra.terms:
        if (term.text, term.lang, term.type) in have:
            continue
        new = copy.copy(term)
        if new.status == "preferred" and _role(new) in preferred:
            new.status = "admitted"
        elif new.status == "preferred":
            preferred.add(_role(new))
        merged.terms.append(new)
        have.add((term.text, term.lang, term.type))
    known_definitions = {(d.text, d.lang) for d in merged.definitions}
    for definition in extra.definitions:
        if (definition.text, definition.lang) not in known_definitions:
            merged.definitions.append(copy.deepcopy(definition))
            known_definitions.add((definition.text, definition.lang))
    for citation in extra.citations:
        if citation not in merged.citations:
            merged.citations.append(copy.copy(citation))
    merged.subject = merged.subject or extra.subject
    merged.issuing_body = merged.issuing_body or extra.issuing_body
    merged.note = merged.note or extra.note
    return merged


def duplicate_reason(incoming: Concept, stored: Concept) -> str:
    """Which half of the identity rule makes ``incoming`` the same concept as ``stored``."""
    a_zh, _, _ = identity_keys(incoming)
    b_zh, _, _ = identity_keys(stored)
    return "same Chinese form" if a_zh & b_zh else "same acronym and English form"
