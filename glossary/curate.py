"""Curation: the writes a person makes to the glossary, shared by the CLI and the API (Flask-free).

Every function here is one transaction that:

1. validates the input (``validate``, ``languages``; errors name the field),
2. takes the concept's row by bumping its ``version`` in a single UPDATE, which both
   checks the caller's expected version (``PreconditionFailed`` when the concept changed
   meanwhile) and serialises concurrent writers on the row,
3. applies the change to a ``Concept`` record and writes it back,
4. applies the identity rule (``identity.find_duplicates``: ``Conflict`` on a duplicate),
5. bumps the glossary revision, recording the concepts it touched (search indexes follow
   them), and records a change-log entry.

Preferred forms: a concept has at most one preferred form per role (the acronym, and the
full form of each language). Making a term preferred demotes the previous one to
``admitted``; deprecating a preferred form promotes the next admitted form of its role.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from glossary import changelog
from glossary.changelog import bump_revision
from glossary.errors import BadInput
from glossary.errors import Conflict
from glossary.errors import NotFound
from glossary.errors import PreconditionFailed
from glossary.identity import find_duplicates
from glossary.identity import identity_key
from glossary.ids import is_valid_id
from glossary.ids import mint_id
from glossary.languages import canonical_lang
from glossary.models import ConceptRow
from glossary.models import DefinitionRow
from glossary.models import SourceRow
from glossary.records import EN
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES
from glossary.records import ZH
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.rows import concept_from_row
from glossary.rows import fill_row
from glossary.store import Store
from glossary.validate import check_text

MAX_TERM = 300
MAX_TEXT = 4000
MAX_TERMS = 100
CONCEPT_FIELDS = ("kind", "subject", "issuing_body", "note", "review_status")
SHORTCUTS = ("zh", "en", "abbr")
EDITABLE = (*CONCEPT_FIELDS, *SHORTCUTS, "terms", "definitions")
TERM_FIELDS = ("text", "lang", "type", "status", "note")


class InvalidField(BadInput):
    """Bad input in one named field (the API reports it under ``errors``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# ---------------------------------------------------------------- building records


def build_concept(data: Mapping[str, Any]) -> Concept:
    """A validated new ``Concept`` from plain fields (what the CLI and the API receive).

    ``zh``, ``en`` and ``abbr`` are shortcuts for preferred terms; ``terms``,
    ``definitions`` (text or ``{"text", "lang"}``) and ``citations`` (``{"doc", "line",
    "section", "quote"}``) give full control. ``id`` is minted when left out.
    """
    _reject_unknown(data, ("id", *EDITABLE, "citations"), "")
    terms = [term_from(t, f"terms[{i}]") for i, t in enumerate(data.get("terms") or [])]
    concept = Concept(
        id=_optional_text(data.get("id"), "id", 64) or "",
        kind=_choice(data.get("kind") or "term", "kind", KINDS),
        terms=[],
        definitions=[
            _definition_from(d, f"definitions[{i}]") for i, d in enumerate(data.get("definitions") or [])
        ],
        citations=[_citation_from(c, f"citations[{i}]") for i, c in enumerate(data.get("citations") or [])],
        subject=_optional_text(data.get("subject"), "subject", 64),
        issuing_body=_optional_text(data.get("issuing_body"), "issuing_body", MAX_TERM),
        note=_optional_text(data.get("note"), "note", MAX_TEXT),
        review_status=_choice(data.get("review_status") or "approved", "review_status", REVIEW_STATUSES),
    )
    for term in terms:
        _add_term(concept, term, "terms")
    for name in SHORTCUTS:
        if data.get(name) is not None:
            _set_shortcut(concept, name, data[name])
    if concept.id and not is_valid_id(concept.id):
        raise InvalidField("id", f"{concept.id!r} is not a valid id (lower-case letters, digits and -)")
    _check_terms(concept)
    return concept


def term_from(value: Term | Mapping[str, Any], field: str) -> Term:
    """A validated ``Term`` from a record or a mapping with text, lang, type, status, note."""
    if isinstance(value, Term):
        value = {k: getattr(value, k) for k in TERM_FIELDS}
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be an object with text and lang")
    _reject_unknown(value, TERM_FIELDS, field)
    text = _required_text(value.get("text"), f"{field}.text", MAX_TERM)
    if "\n" in text or "\t" in text:
        raise InvalidField(f"{field}.text", "a term must be one line")
    type_ = _choice(value.get("type") or "fullForm", f"{field}.type", TERM_TYPES)
    default_lang = ZH if _has_han(text) else EN
    return Term(
        text=text,
        lang=_lang(value.get("lang") or default_lang, f"{field}.lang"),
        type=type_,
        status=_choice(value.get("status") or "preferred", f"{field}.status", TERM_STATUSES),
        note=_optional_text(value.get("note"), f"{field}.note", MAX_TEXT),
    )


def _definition_from(value: str | Mapping[str, Any], field: str) -> Definition:
    if isinstance(value, Definition):
        return Definition(
            text=_required_text(value.text, f"{field}.text", MAX_TEXT),
            lang=_lang(value.lang, f"{field}.lang"),
            citation=value.citation,
        )
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be text or an object with text and lang")
    _reject_unknown(value, ("text", "lang"), field)
    text = _required_text(value.get("text"), f"{field}.text", MAX_TEXT)
    return Definition(
        text=text, lang=_lang(value.get("lang") or (ZH if _has_han(text) else EN), f"{field}.lang")
    )


def _citation_from(value: Citation | Mapping[str, Any], field: str) -> Citation:
    if isinstance(value, Citation):
        return value
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be an object with doc and line")
    _reject_unknown(value, ("doc", "line", "section", "quote", "term"), field)
    line = value.get("line")
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise InvalidField(f"{field}.line", "must be a line number (1 or more)")
    return Citation(
        doc=_required_text(value.get("doc"), f"{field}.doc", 255),
        line=line,
        section=_optional_text(value.get("section"), f"{field}.section", MAX_TEXT) or "",
        quote=_optional_text(value.get("quote"), f"{field}.quote", MAX_TEXT) or "",
        term=_optional_text(value.get("term"), f"{field}.term", MAX_TERM),
    )


# ---------------------------------------------------------------- writes


def create_concept(store: Store, data: Mapping[str, Any] | Concept, *, who: str) -> Concept:
    """Add a new concept (Conflict when it duplicates one, or its id is taken)."""
    concept = build_concept(_concept_fields(data) if isinstance(data, Concept) else data)
    try:
        with store.session() as session:
            if concept.id:
                if session.get(ConceptRow, concept.id) is not None:
                    raise Conflict(f"a concept with id {concept.id!r} already exists")
            else:
                concept.id = mint_id(
                    concept.zh, concept.en, concept.abbr, lambda c: session.get(ConceptRow, c) is not None
                )
            _refuse_duplicates(session, concept, ())
            row = ConceptRow(id=concept.id, version=1)
            fill_row(row, concept, _source_ids(session, concept))
            session.add(row)
            session.flush()
            bump_revision(session, [concept.id])
            changelog.record(session, who, "create", concept.id, _snapshot(concept))
            created = _reload(session, concept.id)
    except IntegrityError:
        # Two writers minted or chose the same id at once: the loser is told, not crashed.
        raise Conflict(f"a concept with id {concept.id!r} was created meanwhile; try again") from None
    return created


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
    _reject_unknown(changes, EDITABLE, "")
    if not changes:
        raise BadInput("nothing to change: give at least one field")

    def apply(concept: Concept) -> None:
        for name in CONCEPT_FIELDS:
            if name not in changes:
                continue
            value = changes[name]
            if name == "kind":
                concept.kind = _choice(value, "kind", KINDS)
            elif name == "review_status":
                concept.review_status = _choice(value, "review_status", REVIEW_STATUSES)
            else:
                limit = 64 if name == "subject" else MAX_TEXT
                setattr(concept, name, _optional_text(value, name, limit))
        if "terms" in changes:
            terms = changes["terms"]
            if not isinstance(terms, list | tuple):
                raise InvalidField("terms", "must be a list of terms")
            concept.terms = []
            for i, term in enumerate(terms):
                _add_term(concept, term_from(term, f"terms[{i}]"), "terms")
        if "definitions" in changes:
            definitions = changes["definitions"]
            if not isinstance(definitions, list | tuple):
                raise InvalidField("definitions", "must be a list of definitions")
            concept.definitions = [
                _definition_from(d, f"definitions[{i}]") for i, d in enumerate(definitions)
            ]
        for name in SHORTCUTS:
            if changes.get(name) is not None:
                _set_shortcut(concept, name, changes[name])

    return _rewrite(store, concept_id, apply, who=who, action="edit", expected_version=expected_version)


def add_term(
    store: Store,
    concept_id: str,
    term: Term | Mapping[str, Any],
    *,
    who: str,
    expected_version: int | None = None,
) -> Concept:
    """Add a term; a new preferred form demotes the previous preferred form of its role.

    Without a status the term is preferred when its role has no preferred form yet,
    else admitted.
    """
    new = term_from(term, "term")
    status_given = term.status if isinstance(term, Term) else term.get("status")

    def apply(concept: Concept) -> None:
        if not status_given and any(
            t.status == "preferred" and _role(t) == _role(new) for t in concept.terms
        ):
            new.status = "admitted"
        _add_term(concept, new, "term")

    return _rewrite(
        store,
        concept_id,
        apply,
        who=who,
        action="add-term",
        expected_version=expected_version,
    )


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
    _reject_unknown(changes, TERM_FIELDS, "")
    if not changes:
        raise BadInput("nothing to change: give at least one of text, lang, type, status, note")

    def apply(concept: Concept) -> None:
        index = _term_index(concept, ref, lang)
        old = concept.terms.pop(index)
        merged = {k: getattr(old, k) for k in TERM_FIELDS} | dict(changes)
        new = term_from(merged, "term")
        new.confidence, new.letter_agreement = old.confidence, old.letter_agreement
        _add_term(concept, new, "term", at=index)

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
    note = _optional_text(note, "note", MAX_TEXT)

    def apply(concept: Concept) -> None:
        term = concept.terms[_term_index(concept, ref, lang)]
        was_preferred = term.status == "preferred"
        term.status = "deprecated"
        if note:
            term.note = note
        if was_preferred:
            for other in concept.terms:
                if other is not term and other.status == "admitted" and _role(other) == _role(term):
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
    """Move ``other_id``'s terms, definitions and citations into ``keep_id``, then delete it.

    Forms ``keep_id`` already has are not repeated; the other's preferred forms become
    admitted where ``keep_id`` has a preferred form of that role; empty fields of
    ``keep_id`` (subject, issuing body, note) are filled from the other.
    """
    if keep_id == other_id:
        raise BadInput(f"cannot merge concept {keep_id!r} into itself")
    with store.session() as session:
        # Lock both rows in id order, so two opposite merges cannot deadlock.
        versions = {keep_id: expected_version, other_id: other_version}
        for concept_id in sorted(versions):
            _take(session, concept_id, versions[concept_id])
        files = store.source_files(session)
        keep_row, other_row = _load_row(session, keep_id), _load_row(session, other_id)
        keep, other = concept_from_row(keep_row, files), concept_from_row(other_row, files)
        before = _snapshot(keep)
        moved = _absorb(keep, other)
        _refuse_duplicates(session, keep, (keep_id, other_id))
        session.delete(other_row)
        session.flush()
        fill_row(keep_row, keep, _source_ids(session, keep))
        session.flush()
        bump_revision(session, [keep_id, other_id])
        changelog.record(session, who, "merge", keep_id, {"merged": other_id, "before": before, **moved})
        changelog.record(session, who, "delete", other_id, {"merged_into": keep_id, **_snapshot(other)})
        return _reload(session, keep_id)


def delete_concept(store: Store, concept_id: str, *, who: str, expected_version: int | None = None) -> None:
    """Delete a concept with its terms, definitions and citations."""
    with store.session() as session:
        _take(session, concept_id, expected_version)
        row = _load_row(session, concept_id)
        gone = concept_from_row(row, store.source_files(session))
        session.delete(row)
        session.flush()
        bump_revision(session, [concept_id])
        changelog.record(session, who, "delete", concept_id, _snapshot(gone))


# ---------------------------------------------------------------- the transaction


def _rewrite(
    store: Store,
    concept_id: str,
    apply: Callable[[Concept], None],
    *,
    who: str,
    action: str,
    expected_version: int | None,
) -> Concept:
    """Lock the concept, apply ``apply(concept)`` to its record, check it and write it back."""
    with store.session() as session:
        _take(session, concept_id, expected_version)
        row = _load_row(session, concept_id)
        concept = concept_from_row(row, store.source_files(session))
        before = _snapshot(concept)
        apply(concept)
        _check_terms(concept)
        _refuse_duplicates(session, concept, (concept_id,))
        fill_row(row, concept, _source_ids(session, concept))
        session.flush()
        bump_revision(session, [concept_id])
        after = _snapshot(concept)
        changelog.record(session, who, action, concept_id, _diff(before, after))
        return _reload(session, concept_id)


def _take(session: Session, concept_id: str, expected_version: int | None) -> None:
    """Bump the concept's version, checking ``expected_version``; this UPDATE also locks the row."""
    query = update(ConceptRow).where(ConceptRow.id == concept_id)
    if expected_version is not None:
        query = query.where(ConceptRow.version == expected_version)
    possible = expected_version is None or 0 < expected_version < 2**31  # else no row can match
    if possible:
        result = session.execute(
            query.values(version=ConceptRow.version + 1), execution_options={"synchronize_session": False}
        )
        if result.rowcount == 1:
            return
    current = session.scalar(select(ConceptRow.version).where(ConceptRow.id == concept_id))
    if current is None:
        raise NotFound(f"no concept with id {concept_id!r}")
    raise PreconditionFailed(
        f"concept {concept_id!r} is at version {current}, not {expected_version}: "
        "someone changed it meanwhile; reload it and apply your change again"
    )


def _load_row(session: Session, concept_id: str) -> ConceptRow:
    query = (
        select(ConceptRow)
        .where(ConceptRow.id == concept_id)
        .options(
            selectinload(ConceptRow.terms),
            selectinload(ConceptRow.definitions).selectinload(DefinitionRow.citation),
            selectinload(ConceptRow.citations),
        )
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one()


def _reload(session: Session, concept_id: str) -> Concept:
    session.flush()
    session.expire_all()
    files = dict(session.execute(select(SourceRow.id, SourceRow.file_name)).all())
    return concept_from_row(_load_row(session, concept_id), files)


def _refuse_duplicates(session: Session, concept: Concept, exclude: Iterable[str]) -> None:
    found = find_duplicates(session, concept, exclude=exclude)
    if found:
        what = " / ".join(x for x in (concept.zh, concept.en, concept.abbr) if x) or concept.id
        raise Conflict(
            f"{what} duplicates concept {', '.join(repr(f) for f in found)} (same Chinese form, or same "
            "acronym and English form): edit or merge that concept instead"
        )


def _source_ids(session: Session, concept: Concept) -> Callable[[str], str]:
    """file name -> source id for the concept's citations; an unknown report is BadInput."""
    by_file = dict(session.execute(select(SourceRow.file_name, SourceRow.id)).all())
    by_id = {v: v for v in by_file.values()}
    cited = [c for c in concept.citations] + [d.citation for d in concept.definitions if d.citation]
    for i, citation in enumerate(cited):
        if citation.doc not in by_file and citation.doc not in by_id:
            raise InvalidField(
                f"citations[{i}].doc", f"no report {citation.doc!r} in the glossary (see GET /api/v1/sources)"
            )

    def source_id_for(doc: str) -> str:
        return by_file.get(doc) or by_id[doc]

    return source_id_for


# ---------------------------------------------------------------- terms and roles


def _role(term: Term) -> tuple[str, str]:
    """A term's slot among the preferred forms: the acronym, or the full form of its language."""
    return ("acronym", "") if term.type == "acronym" else ("form", term.lang)


def _add_term(concept: Concept, term: Term, field: str, at: int | None = None) -> None:
    for existing in concept.terms:
        if (identity_key(existing.text), existing.lang, existing.type) == (
            identity_key(term.text),
            term.lang,
            term.type,
        ):
            raise InvalidField(field, f"the concept already has the term {existing.text!r} ({term.lang})")
    if term.status == "preferred":
        for existing in concept.terms:
            if existing.status == "preferred" and _role(existing) == _role(term):
                existing.status = "admitted"
    if at is None:
        concept.terms.append(term)
    else:
        concept.terms.insert(at, term)


def _set_shortcut(concept: Concept, name: str, text: Any) -> None:
    """Make ``text`` the preferred zh / en / abbr form (renaming the current one)."""
    text = _required_text(text, name, MAX_TERM)
    type_, lang = {"zh": ("fullForm", ZH), "en": ("fullForm", EN), "abbr": ("acronym", EN)}[name]
    wanted = Term(text=text, lang=lang, type=type_, status="preferred")
    for term in concept.terms:
        if term.status == "preferred" and _role(term) == _role(wanted):
            if name == "abbr":
                wanted.lang = term.lang
            term.text = text
            return
    for term in concept.terms:
        if (term.text, term.type == "acronym") == (text, type_ == "acronym"):
            term.status = "preferred"  # promote the existing form
            return
    _add_term(concept, wanted, name)


def _term_index(concept: Concept, ref: int | str, lang: str | None) -> int:
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not 0 <= ref < len(concept.terms):
            raise NotFound(f"concept {concept.id!r} has no term {ref} (it has {len(concept.terms)}, from 0)")
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
        raise NotFound(f"concept {concept.id!r} has no term {ref!r} (its terms: {forms})")
    if len(found) > 1:
        raise BadInput(f"concept {concept.id!r} has {ref!r} in several languages: say which with lang")
    return found[0]


def _check_terms(concept: Concept) -> None:
    if not concept.terms:
        raise InvalidField("terms", "a concept needs at least one term (zh, en, abbr or terms)")
    if len(concept.terms) > MAX_TERMS:
        raise InvalidField("terms", f"a concept may have at most {MAX_TERMS} terms")
    seen: set[tuple[str, str, str]] = set()
    for term in concept.terms:
        key = (identity_key(term.text), term.lang, term.type)
        if key in seen:
            raise InvalidField("terms", f"the term {term.text!r} ({term.lang}, {term.type}) is given twice")
        seen.add(key)


def _absorb(keep: Concept, other: Concept) -> dict[str, Any]:
    """Move the other concept's content into ``keep``; returns what moved, for the change log."""
    moved_terms = []
    for term in other.terms:
        key = (identity_key(term.text), term.lang, term.type == "acronym")
        if any((identity_key(t.text), t.lang, t.type == "acronym") == key for t in keep.terms):
            continue
        if term.status == "preferred" and any(
            t.status == "preferred" and _role(t) == _role(term) for t in keep.terms
        ):
            term.status = "admitted"
        keep.terms.append(term)
        moved_terms.append(term.text)
    known = {d.text for d in keep.definitions}
    moved_defs = [d for d in other.definitions if d.text not in known]
    keep.definitions += moved_defs
    seen = {(c.doc, c.line, c.term) for c in keep.citations}
    moved_cits = [c for c in other.citations if (c.doc, c.line, c.term) not in seen]
    keep.citations += moved_cits
    for name in ("subject", "issuing_body", "note"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    return {"terms": moved_terms, "definitions": len(moved_defs), "citations": len(moved_cits)}


# ---------------------------------------------------------------- change-log details


def _snapshot(concept: Concept) -> dict[str, Any]:
    return {
        "kind": concept.kind,
        "subject": concept.subject,
        "issuing_body": concept.issuing_body,
        "note": concept.note,
        "review_status": concept.review_status,
        "terms": [f"{t.text} ({t.lang}, {t.type}, {t.status})" for t in concept.terms],
        "definitions": [d.text for d in concept.definitions],
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
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


def _concept_fields(concept: Concept) -> dict[str, Any]:
    return {
        "id": concept.id,
        "kind": concept.kind,
        "terms": list(concept.terms),
        "definitions": list(concept.definitions),
        "citations": list(concept.citations),
        "subject": concept.subject,
        "issuing_body": concept.issuing_body,
        "note": concept.note,
        "review_status": concept.review_status,
    }


# ---------------------------------------------------------------- field checks


def _reject_unknown(data: Mapping[str, Any], allowed: Iterable[str], field: str) -> None:
    if not isinstance(data, Mapping):
        raise InvalidField(field or "body", "must be an object")
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            name = f"{field}.{key}" if field else str(key)
            raise InvalidField(name, f"unknown field; expected one of {', '.join(allowed)}")


def _required_text(value: Any, field: str, limit: int) -> str:
    text = _optional_text(value, field, limit)
    if not text:
        raise InvalidField(field, "is empty")
    return text


def _optional_text(value: Any, field: str, limit: int) -> str | None:
    if value is None:
        return None
    try:
        text = check_text(value, field)
    except BadInput as exc:
        raise InvalidField(field, str(exc).replace(f"field '{field}' ", "")) from None
    if len(text) > limit:
        raise InvalidField(field, f"is {len(text)} characters long; the limit is {limit}")
    return text or None


def _choice(value: Any, field: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if value not in choices:
        raise InvalidField(field, f"is {value!r}; expected one of {', '.join(choices)}")
    return value


def _lang(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidField(field, "must be a language tag such as zh-Hant or en")
    try:
        return canonical_lang(value)
    except BadInput as exc:
        raise InvalidField(field, str(exc)) from None


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)
