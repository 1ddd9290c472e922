"""The one merge: what a concept gains from another that is the same concept.

Used by ``glossary concept merge`` and the API, by ``import --on-duplicate merge``, by
``mine --into-db`` and by the curation files' ``merge`` entries. The rules:

- a form of ``other`` is new unless ``keep`` has a form of the same role (``forms.role``:
  Chinese, English/other, acronym) with the same identity key; a new form keeps its
  type, language, status, note and the miner's evidence, except that a preferred form
  becomes admitted (and a full form becomes a ``variant``) when ``keep`` already has a
  preferred form in that slot (``forms.slot``);
- a definition is new unless ``keep`` has the same text in the same language;
- a citation is new unless ``keep`` cites the same line of the same report for the same
  form (a citation that names no form, as TBX gives one whose form is not among the
  entry's terms, is new only when ``keep`` cites no form on that line);
- ``keep``'s empty subject, issuing body and note are filled from ``other``.

``merge_into`` changes ``keep`` in place and returns what moved (for the change log);
``merged`` leaves both alone and returns a new record. A merge that deletes ``other``
(``glossary concept merge``, the API's merge route: ``concepts.edits.merge_concepts``) also
moves the partner ids ``other`` was imported under (``source_refs``, which records do not
carry) through the write door, ``Transaction.move_source_refs``.

A proposal into an approved concept (``as_proposal``, then the same merge) brings its
forms and definitions with status ``proposed``, each form noting where it was proposed
from, so nothing of the approved concept changes until a curator approves them
(``approve_proposals``; ``drop_proposals`` rejects them).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from dataclasses import field

from glossary.forms import identity_key
from glossary.forms import role
from glossary.forms import slot
from glossary.records import Concept
from glossary.records import Term


@dataclass
class Moved:
    """What a merge added to the kept concept."""

    terms: list[str] = field(default_factory=list)
    definitions: int = 0
    citations: int = 0
    # partner ids (``source_refs``) moved with the record, by the write door
    # (``Transaction.move_source_refs``): records do not hold them
    source_refs: int = 0

    def __bool__(self) -> bool:
        return bool(self.terms or self.definitions or self.citations or self.source_refs)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "terms": self.terms,
            "definitions": self.definitions,
            "citations": self.citations,
        }
        if self.source_refs:
            out["source_refs"] = self.source_refs
        return out


def merge_into(keep: Concept, other: Concept) -> Moved:
    """Move ``other``'s new forms, definitions and citations into ``keep`` (see the module docstring)."""
    moved = Moved()
    have = {(role(t), identity_key(t.text)) for t in keep.terms}
    preferred = {slot(t) for t in keep.terms if t.status == "preferred"}
    for term in other.terms:
        key = (role(term), identity_key(term.text))
        if key in have:
            continue
        new = copy.copy(term)
        if new.status == "preferred" and slot(new) in preferred:
            new.status = "admitted"
            if new.type == "fullForm":
                new.type = "variant"
        elif new.status == "preferred":
            preferred.add(slot(new))
        keep.terms.append(new)
        have.add(key)
        moved.terms.append(new.text)
    known = {(d.text, d.lang) for d in keep.definitions}
    for definition in other.definitions:
        if (definition.text, definition.lang) not in known:
            keep.definitions.append(copy.deepcopy(definition))
            known.add((definition.text, definition.lang))
            moved.definitions += 1
    cited = {(c.doc, c.line, c.term) for c in keep.citations}
    lines = {(c.doc, c.line) for c in keep.citations}
    for citation in other.citations:
        if (citation.doc, citation.line, citation.term) in cited:
            continue
        if citation.term is None and (citation.doc, citation.line) in lines:
            continue  # the same line without its form (as a format that cannot say it, e.g. TBX)
        keep.citations.append(copy.copy(citation))
        cited.add((citation.doc, citation.line, citation.term))
        lines.add((citation.doc, citation.line))
        moved.citations += 1
    for name in ("subject", "issuing_body", "note"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    return moved


def merged(base: Concept, extra: Concept) -> Concept:
    """``base`` plus what ``extra`` adds, as a new record (both are left as they are)."""
    result = copy.deepcopy(base)
    merge_into(result, extra)
    return result


def as_proposal(concept: Concept, origin: str = "") -> Concept:
    """A copy of ``concept`` whose forms and definitions are all ``proposed`` (``origin``, e.g.
    "mine" or a file name, goes into each form's note with the lines that state it)."""
    result = copy.deepcopy(concept)
    for term in result.terms:
        term.status = "proposed"
        if not term.note:
            cites = [c for c in concept.citations if c.term == term.text] or concept.citations
            where = list(dict.fromkeys(f"{c.doc}:{c.line}" for c in cites))[:3]
            by = f" by {origin}" if origin else ""
            term.note = f"proposed{by}" + (f" from {', '.join(where)}" if where else "")
    for definition in result.definitions:
        definition.status = "proposed"
    return result


def proposal_for(stored: Concept, incoming: Concept, origin: str) -> Concept:
    """What an unreviewed concept (mined, or imported with ``--propose``) may bring to an
    approved one: its forms and definitions as proposals (``as_proposal``), and the
    citations of forms the concept has, from reports it already cites."""
    proposal = as_proposal(incoming, origin)
    forms = {identity_key(t.text) for t in stored.terms if t.status != "proposed"}
    cited = {c.doc for c in stored.citations}
    proposal.citations = [
        c for c in incoming.citations if c.term and identity_key(c.term) in forms and c.doc in cited
    ]
    return proposal


def approve_proposals(concept: Concept) -> list[str]:
    """Make a concept's proposed forms part of it (preferred when their slot has no preferred
    form, else admitted) and its proposed definitions approved; returns what was approved."""
    done: list[str] = []
    preferred = {slot(t) for t in concept.terms if t.status == "preferred"}
    for term in concept.terms:
        if term.status != "proposed":
            continue
        if slot(term) in preferred or term.type not in ("fullForm", "acronym"):
            term.status = "admitted"
            if term.type == "fullForm":
                term.type = "variant"
        else:
            term.status = "preferred"
            preferred.add(slot(term))
        done.append(term.text)
    for definition in concept.definitions:
        if definition.status == "proposed":
            definition.status = "approved"
            done.append(definition.text[:40])
    return done


def drop_proposals(concept: Concept) -> list[str]:
    """Remove a concept's proposed forms and definitions; returns what was removed."""
    gone = [t.text for t in concept.terms if t.status == "proposed"]
    gone += [d.text[:40] for d in concept.definitions if d.status == "proposed"]
    concept.terms = [t for t in concept.terms if t.status != "proposed"]
    concept.definitions = [d for d in concept.definitions if d.status != "proposed"]
    return gone


def proposed_terms(concept: Concept) -> list[Term]:
    return [t for t in concept.terms if t.status == "proposed"]
