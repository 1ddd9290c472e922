"""Conversion between ORM rows (``glossary.models``) and plain records (``glossary.records``)."""

from __future__ import annotations

from collections.abc import Callable

from glossary.models import CitationRow
from glossary.models import ConceptRow
from glossary.models import DefinitionRow
from glossary.models import TermRow
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term


def _citation(row: CitationRow, file_name: str) -> Citation:
    return Citation(
        doc=file_name, line=row.line, section=row.section or "", quote=row.quote or "", term=row.term_text
    )


def concept_from_row(row: ConceptRow, source_files: dict[str, str]) -> Concept:
    """A record from a loaded ConceptRow; ``source_files`` maps source id -> file name."""
    return Concept(
        id=row.id,
        kind=row.kind,
        terms=[
            Term(
                text=t.text,
                lang=t.lang,
                type=t.type,
                status=t.status,
                note=t.note,
                confidence=t.confidence,
                letter_agreement=t.letter_agreement,
            )
            for t in row.terms
        ],
        definitions=[
            Definition(
                text=d.text,
                lang=d.lang,
                citation=_citation(d.citation, source_files[d.citation.source_id]) if d.citation else None,
                status=d.status or "approved",
            )
            for d in row.definitions
        ],
        citations=[_citation(c, source_files[c.source_id]) for c in row.citations if c.definition_id is None],
        subject=row.subject,
        issuing_body=row.issuing_body,
        note=row.note,
        review_status=row.review_status,
        version=row.version,
    )


def fill_row(row: ConceptRow, concept: Concept, source_id_for: Callable[[str], str]) -> ConceptRow:
    """Replace ``row``'s content with ``concept``'s; ``source_id_for`` maps a file name to a source id."""
    row.kind = concept.kind
    row.subject = concept.subject
    row.issuing_body = concept.issuing_body
    row.note = concept.note
    row.review_status = concept.review_status
    row.terms = [
        TermRow(
            position=i,
            lang=t.lang,
            text=t.text,
            type=t.type,
            status=t.status,
            note=t.note,
            confidence=t.confidence,
            letter_agreement=t.letter_agreement,
        )
        for i, t in enumerate(concept.terms)
    ]
    definitions = []
    for i, d in enumerate(concept.definitions):
        definition = DefinitionRow(position=i, lang=d.lang, text=d.text, status=d.status)
        if d.citation:
            definition.citation = _citation_row(row, d.citation, i, source_id_for)
        definitions.append(definition)
    row.definitions = definitions
    row.citations = [_citation_row(row, c, i, source_id_for) for i, c in enumerate(concept.citations)]
    for definition in definitions:
        if definition.citation is not None:
            row.citations.append(definition.citation)
    return row


def _citation_row(
    concept_row: ConceptRow, citation: Citation, position: int, source_id_for: Callable[[str], str]
) -> CitationRow:
    return CitationRow(
        concept_id=concept_row.id,
        source_id=source_id_for(citation.doc),
        position=position,
        term_text=citation.term,
        section=citation.section,
        line=citation.line,
        quote=citation.quote,
    )
