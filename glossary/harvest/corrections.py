"""Applying curation entries: ``reject``/``correct``/``add`` to mined occurrences, then
``concept``/``variant`` to the grouped concepts.

Record entries name a mined pair by its fields (compared with ``match_key``) and,
optionally, its ``doc`` and ``line``. One that matches nothing is reported as a warning
(the miner may have been fixed meanwhile), not an error. Concept entries must match
exactly one concept (``BadInput`` naming the file and entry otherwise), and preferred
forms must be forms the concept has, or that a [[variant]] entry gives it (in any order).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from glossary.concepts.merge import merge_into
from glossary.errors import BadInput
from glossary.forms import identity_key
from glossary.forms import role as role_of
from glossary.harvest.curation_files import Curation
from glossary.harvest.curation_files import Entry
from glossary.harvest.grouping import Occurrence
from glossary.harvest.lines import ReportLines
from glossary.harvest.lines import normalise
from glossary.mine.kinds import classify
from glossary.mine.mined import MinedRecord
from glossary.records import Concept
from glossary.records import Term

# ---------------------------------------------------------------- record entries


def match_key(text: str) -> str:
    """How entries compare forms: the identity key, ignoring a leading English article and a final
    full stop (so entries written against an older miner output, "The Dark Pattern", still match)."""
    return identity_key(re.sub(r"^the\s+", "", text.strip(), flags=re.I).rstrip("."))


def _same_pair(record: MinedRecord, pair: Mapping[str, str]) -> bool:
    return all(match_key(getattr(record, k)) == match_key(v) for k, v in pair.items())


def _matching(entry: Entry, occurrences: list[Occurrence]) -> list[Occurrence]:
    pair = entry.pair()
    doc, line = entry.data.get("doc"), entry.data.get("line")
    return [
        o
        for o in occurrences
        if _same_pair(o.record, pair) and (doc is None or (o.record.doc, o.record.line) == (doc, line))
    ]


def apply_record_entries(
    occurrences: list[Occurrence], curation: Curation, lines: ReportLines
) -> tuple[list[Occurrence], list[str]]:
    """Reject, correct and add occurrences; returns (occurrences, warnings)."""
    warnings: list[str] = []
    out = list(occurrences)
    for entry in curation.entries:
        if entry.kind == "reject":
            found = _matching(entry, out)
            if not found:
                warnings.append(f"{entry.where}: matches no mined pair (already fixed in the miner?)")
            gone = {id(o) for o in found}
            out = [o for o in out if id(o) not in gone]
        elif entry.kind == "correct":
            found = _matching(entry, out)
            if not found:
                warnings.append(f"{entry.where}: matches no mined pair (already fixed in the miner?)")
            for occ in found:
                for key, value in entry.data["set"].items():
                    setattr(occ.record, key, value.strip())
                    if key == "definition":
                        occ.record.definition_line = None
        elif entry.kind == "add":
            out.append(Occurrence(_added_record(entry, lines)))
    return out, warnings


def _added_record(entry: Entry, lines: ReportLines) -> MinedRecord:
    data = entry.data
    doc, line = data["doc"], data["line"]
    if not lines.has_doc(doc):
        raise BadInput(f"{entry.where}: no report {doc!r} among the mined reports")
    count = lines.line_count(doc)
    for key in ("line", "definition_line"):
        if key in data and data[key] > count:
            raise BadInput(f"{entry.where}: {key} {data[key]} is past the end of {doc} ({count} lines)")
    forms = [data[k] for k in ("zh", "en", "abbr") if data.get(k)]
    if not any(lines.states(doc, line, f) for f in forms):
        raise BadInput(
            f"{entry.where}: line {line} of {doc} states none of {', '.join(map(repr, forms))}: "
            "check the line number"
        )
    definition_line = data.get("definition_line")
    stated = definition_line and _overlaps(lines.normalised(doc, definition_line), data.get("definition", ""))
    if data.get("definition") and definition_line and not stated:
        raise BadInput(f"{entry.where}: the definition is not on line {definition_line} of {doc}")
    zh, en, abbr = (data.get(k, "").strip() for k in ("zh", "en", "abbr"))
    return MinedRecord(
        doc=doc,
        line=line,
        zh=zh,
        en=en,
        abbr=abbr,
        kind=data.get("kind") or classify(zh, en, abbr),
        definition=data.get("definition", "").strip(),
        definition_line=data.get("definition_line") or (line if data.get("definition") else None),
        section=lines.section(doc, line).strip(),
        quote=data.get("quote")
        or lines.clause(doc, line, next(f for f in forms if lines.states(doc, line, f))),
        confidence=1.0,
        pattern="curation",
    )


def _overlaps(line: str, definition: str) -> bool:
    text = normalise(definition)
    # The start is enough: a definition may run on over a page break onto later lines.
    return bool(text) and (text[:10] in line or (bool(line) and line in text))


# ---------------------------------------------------------------- concept entries


def _has_form(concept: Concept, role: str, text: str) -> bool:
    key = match_key(text)
    return any(role_of(t) == role and match_key(t.text) == key for t in concept.terms)


def find_concepts(concepts: list[Concept], match: Mapping[str, str]) -> list[Concept]:
    """Concepts having every form (or the id) that ``match`` gives."""
    found = []
    for concept in concepts:
        if all(concept.id == v if k == "id" else _has_form(concept, k, v) for k, v in match.items()):
            found.append(concept)
    return found


def _describe(concept: Concept) -> str:
    return " / ".join(x for x in (concept.zh, concept.en, concept.abbr) if x) or concept.id


def _one(entry: Entry, concepts: list[Concept], match: Mapping[str, str], name: str = "match") -> Concept:
    found = find_concepts(concepts, match)
    shown = ", ".join(f"{k} = {v!r}" for k, v in match.items())
    if not found:
        raise BadInput(f"{entry.where}: {name} {{{shown}}} finds no concept")
    if len(found) > 1:
        listed = "; ".join(_describe(c) for c in found)
        raise BadInput(
            f"{entry.where}: {name} {{{shown}}} finds {len(found)} concepts ({listed}): "
            "add a key to tell them apart"
        )
    return found[0]


def apply_concept_entries(
    concepts: list[Concept], curation: Curation, stale: list[Entry] | None = None
) -> list[Concept]:
    """Apply ``concept`` and ``variant`` entries in order; returns the concepts left after merges.

    An id entry written by ``--record-ids`` (``recorded = true``) that no longer fits (its match
    finds no concept or several, because a form was corrected since, or a concept that already
    has an id, because it was merged) is skipped and reported in ``stale``: the concept then
    keeps or gets an id anyway, which the next ``--record-ids`` records in place of the stale entry.
    """
    concepts = list(concepts)
    deferred: list[tuple[Entry, Concept, str]] = []
    for entry in curation.entries:
        if entry.kind == "concept":
            if entry.data.get("recorded") and not _recorded_id_holds(entry, concepts):
                if stale is not None:
                    stale.append(entry)
                continue
            concepts = _apply_concept(entry, concepts, deferred)
        elif entry.kind == "variant":
            _apply_variant(entry, _one(entry, concepts, entry.data["match"]))
    # Preferred forms that only a [[variant]] entry adds (variants come after concepts in a file).
    for entry, concept, role in deferred:
        if not any(c is concept for c in concepts):
            continue  # merged into another concept since: the merge decides its forms
        _prefer(entry, concept, role, entry.data[role])
    return concepts


def _recorded_id_holds(entry: Entry, concepts: list[Concept]) -> bool:
    """A recorded id entry still finds exactly one concept, without an id, and the id is free."""
    found = find_concepts(concepts, entry.data["match"])
    wanted = entry.data.get("id")
    return (
        len(found) == 1
        and found[0].id in ("", wanted)
        and not any(c.id == wanted for c in concepts if c is not found[0])
    )


def _apply_concept(
    entry: Entry, concepts: list[Concept], deferred: list[tuple[Entry, Concept, str]] | None = None
) -> list[Concept]:
    """Merge, id, preferred forms, kind and notes. A preferred form the concept does not have
    yet is put in ``deferred`` (when given), to be chosen once the [[variant]] entries have run."""
    data = entry.data
    keep = _one(entry, concepts, data["match"])
    for i, match in enumerate(data.get("merge", [])):
        other = _one(entry, concepts, match, f"merge[{i}]")
        if other is keep:
            continue  # already one concept (merged by an earlier entry)
        absorb(keep, other)
        concepts = [c for c in concepts if c is not other]
    if "id" in data:
        if keep.id and keep.id != data["id"]:
            raise BadInput(f"{entry.where}: the concept already has the id {keep.id!r}")
        taken = [c for c in concepts if c.id == data["id"] and c is not keep]
        if taken:
            raise BadInput(f"{entry.where}: the id {data['id']!r} is already given to {_describe(taken[0])}")
        keep.id = data["id"]
    for role in ("zh", "en", "abbr"):
        if data.get(role):
            if deferred is not None and not _has_form(keep, role, data[role]):
                deferred.append((entry, keep, role))
            else:
                _prefer(entry, keep, role, data[role])
    if "kind" in data:
        keep.kind = data["kind"]
    for name in ("subject", "issuing_body", "note"):
        if name in data:
            setattr(keep, name, data[name].strip() or None)
    return concepts


def _prefer(entry: Entry, concept: Concept, role: str, text: str) -> None:
    key = match_key(text)
    chosen = next((t for t in concept.terms if role_of(t) == role and match_key(t.text) == key), None)
    if chosen is None:
        forms = ", ".join(repr(t.text) for t in concept.terms if role_of(t) == role) or "none"
        raise BadInput(f"{entry.where}: the concept has no {role} form {text!r} (its {role} forms: {forms})")
    for term in concept.terms:
        if term is not chosen and role_of(term) == role and term.status == "preferred":
            term.status = "admitted"
            if term.type == "fullForm":
                term.type = "variant"
    chosen.text = text.strip()
    chosen.status = "preferred"
    chosen.type = "acronym" if role == "abbr" else "fullForm"


def _apply_variant(entry: Entry, concept: Concept) -> None:
    data = entry.data
    key, lang = match_key(data["text"]), data["lang"]
    acronym = data.get("type") == "acronym"
    same = [t for t in concept.terms if match_key(t.text) == key and t.lang == lang]
    if len(same) > 1:
        same = [t for t in same if (t.type == "acronym") == acronym] or same
    if not same:
        concept.terms.append(
            Term(
                text=data["text"].strip(),
                lang=lang,
                type=data.get("type") or "variant",
                status=data["status"],
                note=data.get("note") or None,
            )
        )
        return
    term = same[0]
    was_preferred = term.status == "preferred"
    term.status = data["status"]
    if "type" in data:
        term.type = data["type"]
    elif term.type == "fullForm":
        term.type = "variant"
    if data.get("note"):
        term.note = data["note"]
    if was_preferred:
        role = role_of(term)
        for other in concept.terms:
            if other is not term and role_of(other) == role and other.status == "admitted":
                other.status = "preferred"
                other.type = "acronym" if role == "abbr" else "fullForm"
                break


def absorb(keep: Concept, other: Concept) -> None:
    """Merge ``other`` into ``keep`` (``concepts.merge``), keeping the build's order of citations
    and ``other``'s id when ``keep`` has none."""
    merge_into(keep, other)
    keep.citations.sort(key=lambda c: (c.doc, c.line, c.term or ""))
    if not keep.id and other.id:
        keep.id = other.id
