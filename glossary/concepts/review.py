"""``glossary review``: the proposed concepts with their evidence, and the reviewer's decisions.

Approving and rejecting several concepts is one transaction of the write door (each
concept checked and locked first, so a bad id changes nothing); editing is
``edits.edit_concept``. Rejecting deletes a proposed concept (the change log keeps a
copy); an approved concept is refused here (use ``glossary concept delete``).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from glossary.concepts.edits import edit_concept
from glossary.concepts.edits import rewrite
from glossary.concepts.edits import snapshot
from glossary.concepts.transaction import transaction
from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.records import Concept
from glossary.results import definition_detail
from glossary.results import term_detail
from glossary.store import Store


def evidence(concept: Concept) -> dict[str, Any]:
    """A proposed concept as a reviewer needs it: forms with confidence and letter agreement,
    definitions and every citation."""
    return {
        "id": concept.id,
        "version": concept.version,
        "kind": concept.kind,
        "zh": concept.zh,
        "en": concept.en,
        "abbr": concept.abbr,
        "terms": [term_detail(t) for t in concept.terms],
        "definitions": [definition_detail(d) for d in concept.definitions],
        "citations": [c.to_dict() for c in concept.citations],
    }


def proposed(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Every proposed concept (id order) with its evidence."""
    return [evidence(c) for c in store.all_concepts(review_status="proposed", kind=kind)]


def _proposed_only(store: Store, concept_id: str, action: str) -> Concept:
    concept = store.get_concept(concept_id)
    if concept.review_status != "proposed":
        raise BadInput(
            f"concept {quoted(concept_id)} is already approved; only proposed concepts can be {action} here"
            + (" (use 'glossary concept delete')" if action == "rejected" else "")
        )
    return concept


def approve(store: Store, ids: Iterable[str], *, who: str) -> list[Concept]:
    """Mark proposed concepts approved, all in one write."""
    ids = list(dict.fromkeys(ids))
    versions = {i: _proposed_only(store, i, "approved").version for i in ids}

    def approved(concept: Concept) -> None:
        concept.review_status = "approved"

    with transaction(store, who) as tx:
        return [rewrite(tx, i, approved, action="edit", expected_version=versions[i]) for i in ids]


def reject(store: Store, ids: Iterable[str], *, who: str) -> list[str]:
    """Delete proposed concepts, all in one write (the change log keeps a copy of each)."""
    ids = list(dict.fromkeys(ids))
    versions = {i: _proposed_only(store, i, "rejected").version for i in ids}
    with transaction(store, who) as tx:
        for i in ids:
            gone = tx.take(i, versions[i])
            tx.delete(i, detail=snapshot(gone))
    return ids


def edit(store: Store, concept_id: str, changes: Mapping[str, Any], *, who: str) -> Concept:
    """Correct a proposed concept's preferred forms, kind or subject (it stays proposed)."""
    concept = _proposed_only(store, concept_id, "edited")
    return edit_concept(store, concept_id, changes, who=who, expected_version=concept.version)
