"""The finding record of ``glossary check`` and the fixed order of its types (CONTRACTS.md).

One finding per span: when several types apply to the same span, the first in
:data:`TYPES` wins. The first six types compare the document with the glossary
(``--glossary-only``), the last three check the document against itself
(``--document-only``).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

TYPES = (
    "deprecated_form",
    "mismatched_pair",
    "wrong_acronym",
    "misspelled_expansion",
    "wrong_expansion",
    "letters_mismatch",
    "defined_inconsistently",
    "used_before_definition",
    "undefined",
)
GLOSSARY_TYPES = frozenset(TYPES[:6])
DOCUMENT_TYPES = frozenset(TYPES[6:])
RANK = {name: i for i, name in enumerate(TYPES)}


@dataclass
class Suggestion:
    text: str
    concept_id: str | None = None
    citation: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "concept_id": self.concept_id, "citation": self.citation}


@dataclass
class Finding:
    """One problem at one span. ``start``/``end`` are offsets in the checker's flat text."""

    type: str
    start: int
    end: int
    acronym: str | None
    message: str
    suggestion: Suggestion | None = None
    group: tuple[int, int] | None = None  # the definition the span belongs to, if any
    line: int = 0
    column: int = 0  # 1-based, in characters of the line as written
    text: str = ""  # the span as written
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape fixed by CONTRACTS.md."""
        return {
            "line": self.line,
            "column": self.column,
            "acronym": self.acronym,
            "text": self.text,
            "type": self.type,
            "message": self.message,
            "suggestion": self.suggestion.to_dict() if self.suggestion else None,
        }


def one_per_span(findings: list[Finding]) -> list[Finding]:
    """Keep the first type (in :data:`TYPES` order) for each definition or span."""
    best: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        key = finding.group or (finding.start, finding.end)
        kept = best.get(key)
        if kept is None or RANK[finding.type] < RANK[kept.type]:
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start, RANK[f.type]))
