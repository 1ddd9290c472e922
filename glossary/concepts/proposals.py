"""Writes that become proposals: a contributor's API writes (and ``import --propose``).

- ``propose_concept``: a new concept, stored with review status ``proposed``;
- ``propose_changes``: preferred forms (zh, en, abbr) and definitions for a concept. On
  an approved concept they are attached as ``proposed`` forms and definitions (the
  concept's own forms and definitions do not change); a proposed concept is edited as
  it is (it is a proposal as a whole), but a proposal cannot approve itself;
- ``propose_term``: one form, likewise.

A curator approves or rejects them with ``glossary review`` (``concepts.review``) or the
API's ``/approve`` and ``/reject``. Each function is one write of the door.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glossary.concepts.edits import add_term
from glossary.concepts.edits import edit_concept
from glossary.concepts.edits import rewrite
from glossary.concepts.edits import snapshot
from glossary.concepts.fields import InvalidField
from glossary.concepts.fields import build_concept
from glossary.concepts.fields import definition_from
from glossary.concepts.fields import term_from
from glossary.concepts.merge import as_proposal
from glossary.concepts.merge import merge_into
from glossary.concepts.transaction import transaction
from glossary.errors import BadInput
from glossary.errors import Forbidden
from glossary.records import EN
from glossary.records import ZH
from glossary.records import Concept
from glossary.records import Term
from glossary.store import Store

PROPOSABLE = ("zh", "en", "abbr", "definitions")


def propose_concept(store: Store, data: Mapping[str, Any], *, who: str) -> Concept:
    """Add a new concept as ``proposed`` (Conflict when it duplicates one)."""
    concept = build_concept(data)
    concept.review_status = "proposed"
    with transaction(store, who) as tx:
        tx.add(concept, action="propose", detail=snapshot(concept), new_reports=False)
        return tx.get(concept.id)


def propose_changes(
    store: Store,
    concept_id: str,
    changes: Mapping[str, Any],
    *,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """Proposed forms and definitions for a concept (see the module docstring)."""
    if store.get_concept(concept_id).review_status == "proposed":
        if changes.get("review_status", "proposed") != "proposed":
            raise InvalidField("review_status", "a contributor cannot approve a proposal; a curator does")
        return edit_concept(store, concept_id, changes, who=who, expected_version=expected_version)
    other = sorted(set(changes) - set(PROPOSABLE))
    if other:
        raise Forbidden(
            f"a contributor proposes forms and definitions of an approved concept ({', '.join(PROPOSABLE)}); "
            f"{', '.join(other)} need a curator's token"
        )
    proposal = _proposal(concept_id, changes)
    if not proposal.terms and not proposal.definitions:
        raise BadInput("nothing to propose: give zh, en, abbr or definitions")

    def attach(concept: Concept) -> None:
        merge_into(concept, as_proposal(proposal, who))

    with transaction(store, who) as tx:
        return rewrite(tx, concept_id, attach, action="propose", expected_version=expected_version)


def propose_term(
    store: Store,
    concept_id: str,
    term: Mapping[str, Any],
    *,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """One proposed form for an approved concept (a proposed concept gets it as it is)."""
    if store.get_concept(concept_id).review_status == "proposed":
        return add_term(store, concept_id, term, who=who, expected_version=expected_version)
    new = term_from(term, "term")
    proposal = Concept(id=concept_id, terms=[new])

    def attach(concept: Concept) -> None:
        merge_into(concept, as_proposal(proposal, who))

    with transaction(store, who) as tx:
        return rewrite(tx, concept_id, attach, action="propose", expected_version=expected_version)


def _proposal(concept_id: str, changes: Mapping[str, Any]) -> Concept:
    terms: list[Term] = []
    for name, lang, type_ in (("zh", ZH, "fullForm"), ("en", EN, "fullForm"), ("abbr", EN, "acronym")):
        if changes.get(name):
            terms.append(term_from({"text": changes[name], "lang": lang, "type": type_}, name))
    definitions = changes.get("definitions") or []
    if not isinstance(definitions, list | tuple):
        raise InvalidField("definitions", "must be a list of definitions")
    return Concept(
        id=concept_id,
        terms=terms,
        definitions=[definition_from(d, f"definitions[{i}]") for i, d in enumerate(definitions)],
    )
