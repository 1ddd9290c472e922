"""The edits a curator makes, shared by ``glossary concept …``, ``glossary review`` and the API.

Each function is one ``transaction``: the input is validated (``fields``: errors name the
field), the concept is locked and its version checked (``take``), the change is applied
to its record, and the door checks it, applies the identity rule, writes it back, logs
it and bumps the revision.  Preferred forms: a concept has at most one preferred form per
slot (the acronym, the full form of each language); making a term preferred demotes the
previous one to ``admitted``; deprecating a preferred form promotes the next admitted
form of its slot.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from glossary.concepts.fields import CONCEPT_FIELDS
from glossary.concepts.fields import EDITABLE
from glossary.concepts.fields import MAX_TEXT
from glossary.concepts.fields import SHORTCUTS
from glossary.concepts.fields import TERM_FIELDS
from glossary.concepts.fields import InvalidField
from glossary.concepts.fields import add_term_to
from glossary.concepts.fields import build_concept
from glossary.concepts.fields import choice
from glossary.concepts.fields import concept_fields
from glossary.concepts.fields import definition_from
from glossary.concepts.fields import optional_text
from glossary.concepts.fields import reject_unknown
from glossary.concepts.fields import set_preferred
from glossary.concepts.fields import term_from
from glossary.concepts.merge import merge_into
from glossary.concepts.transaction import Transaction
from glossary.concepts.transaction import transaction
from glossary.errors import BadInput
from glossary.errors import NotFound
from glossary.errors import quoted
from glossary.forms import identity_key
from glossary.forms import slot
from glossary.languages import canonical_lang
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import Concept
from glossary.records import Term
from glossary.store import Store


def create_concept(store: Store, data: Mapping[str, Any] | Concept, *, who: str) -> Concept:
    """Add a new concept (Conflict when it duplicates one, or its id is taken)."""
    concept = build_concept(concept_fields(data) if isinstance(data, Concept) else data)
    with transaction(store, who) as tx:
        tx.add(concept, detail=snapshot(concept), new_reports=False)
        return tx.get(concept.id)


def edit_concept(
    store: Store,
    concept_id: str,
    changes: Mapping[str, Any],
    *,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """Change a concept's fields and/or replace its terms or definitions.

    ``changes`` may hold kind, subject, issuing_body, note, review_status (None clears
    the free-text ones), zh/en/abbr (set the preferred form of that role), ``terms``
    and ``definitions`` (each replaces the whole list).
    """
    reject_unknown(changes, EDITABLE, "")
    if not changes:
        raise BadInput("nothing to change: give at least one field")

    def apply(concept: Concept) -> None:
        for name in CONCEPT_FIELDS:
            if name not in changes:
                continue
            value = changes[name]
            if name == "kind":
                concept.kind = choice(value, "kind", KINDS)
            elif name == "review_status":
                concept.review_status = choice(value, "review_status", REVIEW_STATUSES)
            else:
                limit = 64 if name == "subject" else MAX_TEXT
                setattr(concept, name, optional_text(value, name, limit))
        if "terms" in changes:
            terms = changes["terms"]
            if not isinstance(terms, list | tuple):
                raise InvalidField("terms", "must be a list of terms")
            concept.terms = []
            for i, term in enumerate(terms):
                add_term_to(concept, term_from(term, f"terms[{i}]"), "terms")
        if "definitions" in changes:
            definitions = changes["definitions"]
            if not isinstance(definitions, list | tuple):
                raise InvalidField("definitions", "must be a list of definitions")
            concept.definitions = [definition_from(d, f"definitions[{i}]") for i, d in enumerate(definitions)]
        for name in SHORTCUTS:
            if changes.get(name) is not None:
                set_preferred(concept, name, changes[name])

    return _rewrite(store, concept_id, apply, who=who, action="edit", expected_version=expected_version)


def add_term(
    store: Store,
    concept_id: str,
    term: Term | Mapping[str, Any],
    *,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """Add a term; a new preferred form demotes the previous preferred form of its slot.

    Without a status the term is preferred when its slot has no preferred form yet,
    else admitted.
    """
    new = term_from(term, "term")
    status_given = term.status if isinstance(term, Term) else term.get("status")

    def apply(concept: Concept) -> None:
        if not status_given and any(t.status == "preferred" and slot(t) == slot(new) for t in concept.terms):
            new.status = "admitted"
        add_term_to(concept, new, "term")

    return _rewrite(store, concept_id, apply, who=who, action="add-term", expected_version=expected_version)


def edit_term(
    store: Store,
    concept_id: str,
    ref: int | str,
    changes: Mapping[str, Any],
    *,
    lang: str | None = None,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """Change a term, found by its position in ``terms`` (int) or its text (str, plus ``lang``)."""
    reject_unknown(changes, TERM_FIELDS, "")
    if not changes:
        raise BadInput("nothing to change: give at least one of text, lang, type, status, note")

    def apply(concept: Concept) -> None:
        index = _term_index(concept, ref, lang)
        old = concept.terms.pop(index)
        merged = {k: getattr(old, k) for k in TERM_FIELDS} | dict(changes)
        new = term_from(merged, "term")
        new.confidence, new.letter_agreement = old.confidence, old.letter_agreement
        add_term_to(concept, new, "term", at=index)

    return _rewrite(store, concept_id, apply, who=who, action="edit-term", expected_version=expected_version)


def deprecate_term(
    store: Store,
    concept_id: str,
    ref: int | str,
    *,
    note: str | None = None,
    lang: str | None = None,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """Mark a term deprecated, with a note saying why or what to use instead."""
    note = optional_text(note, "note", MAX_TEXT)

    def apply(concept: Concept) -> None:
        term = concept.terms[_term_index(concept, ref, lang)]
        was_preferred = term.status == "preferred"
        term.status = "deprecated"
        if note:
            term.note = note
        if was_preferred:
            for other in concept.terms:
                if other is not term and other.status == "admitted" and slot(other) == slot(term):
                    other.status = "preferred"
                    break

    return _rewrite(
        store, concept_id, apply, who=who, action="deprecate-term", expected_version=expected_version
    )


def merge_concepts(
    store: Store,
    keep_id: str,
    other_id: str,
    *,
    who: str,
    expected_version: int | None = None,
    other_version: int | None = None,
) -> Concept:
    """Move ``other_id``'s terms, definitions and citations into ``keep_id`` (``concepts.merge``
    says which) and the partner ids it was imported under (``source_refs``), then delete it."""
    if keep_id == other_id:
        raise BadInput(f"cannot merge concept {quoted(keep_id)} into itself")
    with transaction(store, who) as tx:
        # Lock both rows in id order, so two opposite merges cannot deadlock.
        versions = {keep_id: expected_version, other_id: other_version}
        taken = {concept_id: tx.take(concept_id, versions[concept_id]) for concept_id in sorted(versions)}
        keep, other = taken[keep_id], taken[other_id]
        before = snapshot(keep)
        moved = merge_into(keep, other)
        moved.source_refs = tx.move_source_refs(other_id, keep_id)
        detail = {"merged": other_id, "before": before, **moved.to_dict()}
        tx.put(keep, action="merge", detail=detail, new_reports=False, exclude=(other_id,))
        tx.delete(other_id, detail={"merged_into": keep_id, **snapshot(other)})
        return tx.get(keep_id)


def delete_concept(store: Store, concept_id: str, *, who: str, expected_version: int | None = None) -> None:
    """Delete a concept with its terms, definitions and citations (the change log keeps a copy)."""
    with transaction(store, who) as tx:
        gone = tx.take(concept_id, expected_version)
        tx.delete(concept_id, detail=snapshot(gone))


def _rewrite(
    store: Store,
    concept_id: str,
    apply: Callable[[Concept], object],
    *,
    who: str,
    action: str,
    expected_version: int | None,
) -> Concept:
    """Lock the concept, apply ``apply(concept)`` to its record, and write it back through the door."""
    with transaction(store, who) as tx:
        return rewrite(tx, concept_id, apply, action=action, expected_version=expected_version)


def rewrite(
    tx: Transaction,
    concept_id: str,
    apply: Callable[[Concept], object],
    *,
    action: str,
    expected_version: int | None = None,
) -> Concept:
    """``_rewrite`` inside a transaction the caller holds (several edits in one write)."""
    concept = tx.take(concept_id, expected_version)
    before = snapshot(concept)
    apply(concept)
    tx.put(concept, action=action, detail=diff(before, snapshot(concept)), new_reports=False)
    return tx.get(concept_id)


def _term_index(concept: Concept, ref: int | str, lang: str | None) -> int:
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not 0 <= ref < len(concept.terms):
            raise NotFound(
                f"concept {quoted(concept.id)} has no term {ref} (it has {len(concept.terms)}, from 0)"
            )
        return ref
    wanted_lang = canonical_lang(lang, "lang") if lang else None
    found = [
        i
        for i, t in enumerate(concept.terms)
        if t.text == ref and (wanted_lang is None or t.lang == wanted_lang)
    ]
    if not found:
        found = [
            i
            for i, t in enumerate(concept.terms)
            if identity_key(t.text) == identity_key(str(ref))
            and (wanted_lang is None or t.lang == wanted_lang)
        ]
    if not found:
        forms = ", ".join(repr(t.text) for t in concept.terms)
        raise NotFound(f"concept {quoted(concept.id)} has no term {quoted(ref)} (its terms: {forms})")
    if len(found) > 1:
        raise BadInput(
            f"concept {quoted(concept.id)} has {quoted(ref)} in several languages: say which with lang"
        )
    return found[0]


# ---------------------------------------------------------------- change-log details


def snapshot(concept: Concept) -> dict[str, Any]:
    """A concept as the change log keeps it."""
    return {
        "kind": concept.kind,
        "subject": concept.subject,
        "issuing_body": concept.issuing_body,
        "note": concept.note,
        "review_status": concept.review_status,
        "terms": [f"{t.text} ({t.lang}, {t.type}, {t.status})" for t in concept.terms],
        "definitions": [d.text for d in concept.definitions],
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed between two snapshots."""
    out: dict[str, Any] = {}
    for key, old in before.items():
        new = after[key]
        if old == new:
            continue
        if isinstance(old, list):
            out[key] = {
                "added": [x for x in new if x not in old],
                "removed": [x for x in old if x not in new],
            }
        else:
            out[key] = {"from": old, "to": new}
    return out
