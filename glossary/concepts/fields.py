"""Incoming fields checked and made into records: the one set of field rules of every write.

``build_concept`` makes a validated ``Concept`` from plain fields (what the CLI and the API
receive); ``term_from``, ``definition_from`` and ``citation_from`` do the same for one
term, definition or citation; ``check_concept`` checks a whole record before any write
(the write door calls it for every way in).  Errors are ``InvalidField``: a ``BadInput``
naming the field (the API reports it under ``errors``).  Preferred forms: a concept has at
most one preferred form per slot (``glossary.forms.slot``); ``add_term_to`` and
``set_preferred`` keep that.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.forms import identity_key
from glossary.forms import slot
from glossary.forms import writes_han
from glossary.ids import is_valid_id
from glossary.languages import canonical_lang
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
from glossary.records import flatten
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


def build_concept(data: Mapping[str, Any]) -> Concept:
    """A validated new ``Concept`` from plain fields (what the CLI and the API receive).

    ``zh``, ``en`` and ``abbr`` are shortcuts for preferred terms; ``terms``,
    ``definitions`` (text or ``{"text", "lang"}``) and ``citations`` (``{"doc", "line",
    "section", "quote"}``) give full control. ``id`` is minted when left out.
    """
    reject_unknown(data, ("id", *EDITABLE, "citations"), "")
    terms = [term_from(t, f"terms[{i}]") for i, t in enumerate(data.get("terms") or [])]
    concept = Concept(
        id=optional_text(data.get("id"), "id", 64) or "",
        kind=choice(data.get("kind") or "term", "kind", KINDS),
        terms=[],
        definitions=[
            definition_from(d, f"definitions[{i}]") for i, d in enumerate(data.get("definitions") or [])
        ],
        citations=[citation_from(c, f"citations[{i}]") for i, c in enumerate(data.get("citations") or [])],
        subject=optional_text(data.get("subject"), "subject", 64),
        issuing_body=optional_text(data.get("issuing_body"), "issuing_body", MAX_TERM),
        note=optional_text(data.get("note"), "note", MAX_TEXT),
        review_status=choice(data.get("review_status") or "approved", "review_status", REVIEW_STATUSES),
    )
    for term in terms:
        add_term_to(concept, term, "terms")
    for name in SHORTCUTS:
        if data.get(name) is not None:
            set_preferred(concept, name, data[name])
    if concept.id and not is_valid_id(concept.id):
        raise InvalidField("id", f"{quoted(concept.id)} is not a valid id (lower-case letters, digits and -)")
    check_concept(concept)
    return concept


def term_from(value: Term | Mapping[str, Any], field: str) -> Term:
    """A validated ``Term`` from a record or a mapping with text, lang, type, status, note."""
    if isinstance(value, Term):
        value = {k: getattr(value, k) for k in TERM_FIELDS}
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be an object with text and lang")
    reject_unknown(value, TERM_FIELDS, field)
    text = required_text(value.get("text"), f"{field}.text", MAX_TERM)
    if "\n" in text or "\t" in text:
        raise InvalidField(f"{field}.text", "a term must be one line")
    type_ = choice(value.get("type") or "fullForm", f"{field}.type", TERM_TYPES)
    default_lang = ZH if writes_han(text) else EN
    return Term(
        text=text,
        lang=language(value.get("lang") or default_lang, f"{field}.lang"),
        type=type_,
        status=choice(value.get("status") or "preferred", f"{field}.status", TERM_STATUSES),
        note=optional_text(value.get("note"), f"{field}.note", MAX_TEXT),
    )


def definition_from(value: str | Mapping[str, Any], field: str) -> Definition:
    if isinstance(value, Definition):
        return Definition(
            text=required_text(value.text, f"{field}.text", MAX_TEXT),
            lang=language(value.lang, f"{field}.lang"),
            citation=value.citation,
        )
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be text or an object with text and lang")
    reject_unknown(value, ("text", "lang"), field)
    text = required_text(value.get("text"), f"{field}.text", MAX_TEXT)
    return Definition(
        text=text, lang=language(value.get("lang") or (ZH if writes_han(text) else EN), f"{field}.lang")
    )


def citation_from(value: Citation | Mapping[str, Any], field: str) -> Citation:
    if isinstance(value, Citation):
        return value
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be an object with doc and line")
    reject_unknown(value, ("doc", "line", "section", "quote", "term"), field)
    line = value.get("line")
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise InvalidField(f"{field}.line", "must be a line number (1 or more)")
    return Citation(
        doc=required_text(value.get("doc"), f"{field}.doc", 255),
        line=line,
        section=optional_text(value.get("section"), f"{field}.section", MAX_TEXT) or "",
        quote=optional_text(value.get("quote"), f"{field}.quote", MAX_TEXT) or "",
        term=optional_text(value.get("term"), f"{field}.term", MAX_TERM),
    )


# ---------------------------------------------------------------- terms and preferred forms


def add_term_to(concept: Concept, term: Term, field: str, at: int | None = None) -> None:
    """Add ``term`` (at position ``at``); a preferred term demotes the slot's preferred one to admitted.
    ``InvalidField`` (naming ``field``) when the concept has that form already."""
    for existing in concept.terms:
        if (identity_key(existing.text), existing.lang, existing.type) == (
            identity_key(term.text),
            term.lang,
            term.type,
        ):
            raise InvalidField(
                field, f"the concept already has the term {quoted(existing.text)} ({term.lang})"
            )
    if term.status == "preferred":
        for existing in concept.terms:
            if existing.status == "preferred" and slot(existing) == slot(term):
                existing.status = "admitted"
    if at is None:
        concept.terms.append(term)
    else:
        concept.terms.insert(at, term)


def set_preferred(concept: Concept, name: str, text: Any) -> None:
    """Make ``text`` the preferred zh / en / abbr form (renaming the current one)."""
    text = required_text(text, name, MAX_TERM)
    type_, lang = {"zh": ("fullForm", ZH), "en": ("fullForm", EN), "abbr": ("acronym", EN)}[name]
    wanted = Term(text=text, lang=lang, type=type_, status="preferred")
    for term in concept.terms:
        if term.status == "preferred" and slot(term) == slot(wanted):
            if name == "abbr":
                wanted.lang = term.lang
            term.text = text
            return
    for term in concept.terms:
        if (term.text, term.type == "acronym") == (text, type_ == "acronym"):
            term.status = "preferred"  # promote the existing form
            return
    add_term_to(concept, wanted, name)


MAX_INT = 2**31 - 1  # a citation's line, a version: what every database's INTEGER holds
MAX_SUBJECT = 64


def _limit(value: Any, field: str, limit: int, *, required: bool = False) -> None:
    if value is None or value == "":
        if required:
            raise InvalidField(field, "is empty")
        return
    if len(value) > limit:
        raise InvalidField(field, f"is {len(value):,} characters long; the limit is {limit:,}")


def _term_text(text: Any, field: str) -> None:
    """A term's limit holds before and after normalisation: NFKC can make one character many
    (U+FDFA is 18), and the normalised form is what ``terms.match_key`` stores and indexes.
    300 characters of at most 4 UTF-8 bytes each stay under PostgreSQL's btree row limit
    (2,704 bytes) without relying on compression."""
    _limit(text, field, MAX_TERM, required=True)
    if isinstance(text, str) and not text.isascii():  # NFKC leaves ASCII's length alone
        key = identity_key(text)
        if len(key) > MAX_TERM:
            raise InvalidField(
                field,
                f"is {len(key):,} characters long once normalised (NFKC); the limit is {MAX_TERM:,}",
            )


def _whole(value: Any, field: str, low: int = 1) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_INT:
        raise InvalidField(field, f"must be a whole number from {low} to {MAX_INT:,}, got {quoted(value)}")


def check_limits(flat: tuple[Any, ...]) -> None:
    """``InvalidField`` when a concept (as ``records.flatten`` gives it) breaks a field limit or
    range: the one set of limits every write obeys, whatever the way in (API, CLI, import)."""
    checked_keys(flat)


def checked_keys(flat: tuple[Any, ...]) -> list[str]:
    """``check_limits``, returning each term's ``identity_key`` (its ``terms.match_key``), which
    the check of a non-ASCII form computes anyway: the bulk door writes a million of them.

    A concept within every limit (nearly all) is passed by one quick test; any other goes
    through the field-by-field check, whose message names the field."""
    try:
        keys = _keys_if_within(flat)
    except (TypeError, ValueError, AttributeError):  # not the shapes the quick test knows
        keys = None
    if keys is None:
        _check_each_field(flat)
        keys = [identity_key(term[0]) for term in flat[7]]
    return keys


def _keys_if_within(flat: tuple[Any, ...]) -> list[str] | None:
    """The terms' identity keys when ``flat`` keeps every limit of ``_check_each_field``, else None."""
    _cid, _kind, subject, issuing_body, note, _review, version, terms, definitions, citations = flat
    if (
        (subject is not None and len(subject) > MAX_SUBJECT)
        or (issuing_body is not None and len(issuing_body) > MAX_TERM)
        or (note is not None and len(note) > MAX_TEXT)
        or (version is not None and (type(version) is not int or not 1 <= version <= MAX_INT))
    ):
        return None
    keys = []
    for text, _lang, _type, _status, term_note, *_rest in terms:
        if type(text) is not str or not text or len(text) > MAX_TERM:
            return None
        if term_note is not None and len(term_note) > MAX_TEXT:
            return None
        key = identity_key(text)
        if len(key) > MAX_TERM:  # NFKC made it longer (ASCII only ever gets shorter)
            return None
        keys.append(key)
    for text, _lang, citation, *_status in definitions:
        if text is None or text == "" or len(text) > MAX_TEXT:
            return None
        if citation and not _citation_within(citation):
            return None
    for citation in citations:
        if not _citation_within(citation):
            return None
    return keys


def _citation_within(citation: tuple[Any, ...]) -> bool:
    doc, line, section, quote, term = citation
    return (
        doc is not None
        and doc != ""
        and len(doc) <= MAX_TERM
        and (line is None or (type(line) is int and 1 <= line <= MAX_INT))
        and (section is None or len(section) <= MAX_TERM)
        and (quote is None or len(quote) <= MAX_TEXT)
        and (term is None or len(term) <= MAX_TERM)
    )


def _check_each_field(flat: tuple[Any, ...]) -> None:
    """The limits, field by field: ``InvalidField`` naming the first field that breaks one."""
    _cid, _kind, subject, issuing_body, note, _review, version, terms, definitions, citations = flat
    _limit(subject, "subject", MAX_SUBJECT)
    _limit(issuing_body, "issuing_body", MAX_TERM)
    _limit(note, "note", MAX_TEXT)
    _whole(version, "version")
    for i, (text, _lang, _type, _status, term_note, *_rest) in enumerate(terms):
        _term_text(text, f"terms[{i}].text")
        _limit(term_note, f"terms[{i}].note", MAX_TEXT)
    for i, (text, _lang, citation, *_status) in enumerate(definitions):
        _limit(text, f"definitions[{i}].text", MAX_TEXT, required=True)
        if citation:
            _check_citation(citation, f"definitions[{i}].citation")
    for i, citation in enumerate(citations):
        _check_citation(citation, f"citations[{i}]")


def _check_citation(citation: tuple[Any, ...], field: str) -> None:
    doc, line, section, quote, term = citation
    _limit(doc, f"{field}.doc", MAX_TERM, required=True)
    _whole(line, f"{field}.line")
    _limit(section, f"{field}.section", MAX_TERM)
    _limit(quote, f"{field}.quote", MAX_TEXT)
    _limit(term, f"{field}.term", MAX_TERM)


def check_concept(concept: Concept) -> None:
    """``InvalidField`` unless the record may be written: 1 to ``MAX_TERMS`` terms, none twice,
    every field within its limits (``check_limits``)."""
    check_limits(flatten(concept))
    if not concept.terms:
        raise InvalidField("terms", "a concept needs at least one term (zh, en, abbr or terms)")
    if len(concept.terms) > MAX_TERMS:
        raise InvalidField("terms", f"a concept may have at most {MAX_TERMS} terms")
    seen: set[tuple[str, str, str]] = set()
    for term in concept.terms:
        key = (identity_key(term.text), term.lang, term.type)
        if key in seen:
            raise InvalidField(
                "terms", f"the term {quoted(term.text)} ({term.lang}, {term.type}) is given twice"
            )
        seen.add(key)


def concept_fields(concept: Concept) -> dict[str, Any]:
    """A record as the plain fields ``build_concept`` takes."""
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


def reject_unknown(data: Mapping[str, Any], allowed: Iterable[str], field: str) -> None:
    if not isinstance(data, Mapping):
        raise InvalidField(field or "body", "must be an object")
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            name = f"{field}.{key}" if field else str(key)
            raise InvalidField(name, f"unknown field; expected one of {', '.join(allowed)}")


def required_text(value: Any, field: str, limit: int) -> str:
    text = optional_text(value, field, limit)
    if not text:
        raise InvalidField(field, "is empty")
    return text


def optional_text(value: Any, field: str, limit: int) -> str | None:
    if value is None:
        return None
    try:
        text = check_text(value, field)
    except BadInput as exc:
        raise InvalidField(field, str(exc).replace(f"field '{field}' ", "")) from None
    if len(text) > limit:
        raise InvalidField(field, f"is {len(text)} characters long; the limit is {limit}")
    return text or None


def choice(value: Any, field: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if value not in choices:
        raise InvalidField(field, f"is {quoted(value)}; expected one of {', '.join(choices)}")
    return value


def language(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidField(field, "must be a language tag such as zh-Hant or en")
    try:
        return canonical_lang(value)
    except BadInput as exc:
        raise InvalidField(field, str(exc)) from None
