"""``glossary review``: what awaits review with its evidence, and the reviewer's decisions.

Two things await review: proposed concepts, and approved concepts that have proposed
forms or definitions (mined, imported with ``--propose``, or written by a contributor).
Approving and rejecting several concepts is one transaction of the write door (each
concept checked and locked first, so a bad id changes nothing); editing is
``edits.edit_concept``. Approving a proposed concept approves it with everything it
holds; approving an approved concept approves its proposed forms and definitions
(``merge.approve_proposals``). Rejecting deletes a proposed concept (the change log keeps
a copy), or removes an approved concept's proposals; an approved concept without
proposals is refused here (use ``glossary concept delete``).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from glossary.concepts.edits import edit_concept
from glossary.concepts.edits import rewrite
from glossary.concepts.edits import snapshot
from glossary.concepts.merge import approve_proposals
from glossary.concepts.merge import drop_proposals
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
        "review_status": concept.review_status,
        "zh": concept.zh,
        "en": concept.en,
        "abbr": concept.abbr,
        "terms": [term_detail(t) for t in concept.terms],
        "definitions": [definition_detail(d) for d in concept.definitions],
        "citations": [c.to_dict() for c in concept.citations],
    }


def proposed(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Everything awaiting review with its evidence: the proposed concepts (id order), then
    the approved concepts with proposed forms or definitions."""
    found = [evidence(c) for c in store.all_concepts(review_status="proposed", kind=kind)]
    holding = store.get_concepts(store.ids_with_proposals())
    found += [evidence(c) for c in holding.values() if kind is None or c.kind == kind]
    return found


def _awaiting(store: Store, concept_id: str, action: str) -> Concept:
    concept = store.get_concept(concept_id)
    if not concept.has_proposals:
        raise BadInput(
            f"concept {quoted(concept_id)} is already approved and has no proposed forms or definitions; "
            f"nothing of it can be {action} here"
            + (" (use 'glossary concept delete')" if action == "rejected" else "")
        )
    return concept


def approve(store: Store, ids: Iterable[str], *, who: str) -> list[Concept]:
    """Approve proposed concepts, and approved concepts' proposed forms and definitions, in one write."""
    ids = list(dict.fromkeys(ids))
    versions = {i: _awaiting(store, i, "approved").version for i in ids}

    def approved(concept: Concept) -> None:
        concept.review_status = "approved"
        approve_proposals(concept)

    with transaction(store, who) as tx:
        return [rewrite(tx, i, approved, action="approve", expected_version=versions[i]) for i in ids]


def reject(store: Store, ids: Iterable[str], *, who: str) -> list[str]:
    """Delete proposed concepts (the change log keeps a copy of each) and remove approved
    concepts' proposed forms and definitions, all in one write."""
    ids = list(dict.fromkeys(ids))
    concepts = {i: _awaiting(store, i, "rejected") for i in ids}
    with transaction(store, who) as tx:
        for i in ids:
            if concepts[i].review_status == "proposed":
                gone = tx.take(i, concepts[i].version)
                tx.delete(i, detail=snapshot(gone))
            else:
                rewrite(tx, i, _drop, action="reject", expected_version=concepts[i].version)
    return ids


def _drop(concept: Concept) -> None:
    drop_proposals(concept)


def edit(store: Store, concept_id: str, changes: Mapping[str, Any], *, who: str) -> Concept:
    """Correct a proposed concept's preferred forms, kind or subject (it stays proposed)."""
    concept = store.get_concept(concept_id)
    if concept.review_status != "proposed":
        raise BadInput(
            f"concept {quoted(concept_id)} is already approved; edit it with 'glossary concept edit' "
            "(review edit corrects proposed concepts)"
        )
    return edit_concept(store, concept_id, changes, who=who, expected_version=concept.version)
