"""Plain, database-free records of the glossary's content.

These dataclasses are the common currency between the store, the CSV loader, the
exporters and the search index: each of them reads or writes ``Concept`` objects,
never ORM rows, so the index can be built without a session and the exporters can
stream. A concept's *preferred* forms (zh, en, abbr) are the terms whose status is
``preferred``; every other term is a variant. A term or definition with status
``proposed`` came in unreviewed (mined, imported with ``--propose``, or written by a
contributor) and is never a preferred form or a concept's definition until approved.
"""

from __future__ import annotations

from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from glossary.languages import is_chinese

KINDS = ("term", "org", "program", "law", "person", "place", "other")
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant")
TERM_STATUSES = ("preferred", "admitted", "deprecated", "superseded", "proposed")
DEFINITION_STATUSES = ("approved", "proposed")
REVIEW_STATUSES = ("proposed", "approved")
ZH = "zh-Hant"
EN = "en"


@dataclass
class Citation:
    """Where a report states a term or definition."""

    doc: str
    line: int
    section: str = ""
    quote: str = ""
    term: str | None = None  # the form cited on that line, when known

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["term"] is None:
            del data["term"]
        return data


@dataclass
class Term:
    text: str
    lang: str
    type: str = "fullForm"
    status: str = "preferred"
    note: str | None = None
    confidence: float | None = None
    letter_agreement: float | None = None


@dataclass
class Definition:
    text: str
    lang: str = ZH
    citation: Citation | None = None
    status: str = "approved"  # or "proposed": unreviewed, on an approved concept


@dataclass
class Concept:
    id: str
    kind: str = "term"
    terms: list[Term] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    subject: str | None = None
    issuing_body: str | None = None
    note: str | None = None
    review_status: str = "approved"
    version: int = 1

    def _preferred_terms(self) -> tuple[Term | None, Term | None, Term | None]:
        """The first preferred Chinese form, other-language form and acronym."""
        zh = other = acronym = None
        for term in self.terms:
            if term.status != "preferred":
                continue
            if term.type == "acronym":
                acronym = acronym or term
            elif is_chinese(term.lang):
                zh = zh or term
            else:
                other = other or term
        return zh, other, acronym

    @property
    def zh(self) -> str | None:
        term = self._preferred_terms()[0]
        return term.text if term else None

    @property
    def en(self) -> str | None:
        """The preferred non-Chinese full form (English, or e.g. a French name)."""
        term = self._preferred_terms()[1]
        return term.text if term else None

    @property
    def abbr(self) -> str | None:
        term = self._preferred_terms()[2]
        return term.text if term else None

    @property
    def variants(self) -> list[Term]:
        """Every term except the three preferred forms."""
        chosen = [t for t in self._preferred_terms() if t is not None]
        return [t for t in self.terms if not any(t is c for c in chosen)]

    @property
    def approved_definitions(self) -> list[Definition]:
        """The definitions a result may show (not the proposed ones)."""
        return [d for d in self.definitions if d.status != "proposed"]

    @property
    def has_proposals(self) -> bool:
        """Whether the concept, or a form or definition of it, awaits review."""
        return (
            self.review_status == "proposed"
            or any(t.status == "proposed" for t in self.terms)
            or any(d.status == "proposed" for d in self.definitions)
        )


# ---------------------------------------------------------------- records as plain tuples


def _citation_tuple(c: Citation | None) -> tuple[Any, ...] | None:
    return None if c is None else (c.doc, c.line, c.section, c.quote, c.term)


def flatten(c: Concept) -> tuple[Any, ...]:
    """A concept as nested tuples: (id, kind, subject, issuing_body, note, review_status,
    version, terms, definitions, citations)."""
    return (
        c.id,
        c.kind,
        c.subject,
        c.issuing_body,
        c.note,
        c.review_status,
        c.version,
        tuple((t.text, t.lang, t.type, t.status, t.note, t.confidence, t.letter_agreement) for t in c.terms),
        tuple((d.text, d.lang, _citation_tuple(d.citation), d.status) for d in c.definitions),
        tuple(_citation_tuple(x) for x in c.citations),
    )


def unflatten(flat: tuple[Any, ...]) -> Concept:
    cid, kind, subject, issuing_body, note, review, version, terms, definitions, citations = flat
    return Concept(
        id=cid,
        kind=kind,
        terms=[Term(*t) for t in terms],
        definitions=[
            Definition(text, lang, Citation(*c) if c else None, *rest) for text, lang, c, *rest in definitions
        ],
        citations=[Citation(*c) for c in citations],
        subject=subject,
        issuing_body=issuing_body,
        note=note,
        review_status=review,
        version=version,
    )
