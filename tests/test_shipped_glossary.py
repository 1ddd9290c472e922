"""The shipped data/terms.csv: every citation really points at a line stating the cited term."""

from __future__ import annotations

import re
from pathlib import Path

from glossary import settings
from glossary.ids import is_valid_id
from glossary.terms_csv import read_concepts


def _plain(line: str) -> str:
    """A report line without the markup that sits inside terms (bold, tags, footnote marks)."""
    line = re.sub(r"<[^>]+>|\*\*", "", line)
    return re.sub(r"\s+", " ", line)


def test_every_citation_line_contains_its_term(shared_dir: Path) -> None:
    reports: dict[str, list[str]] = {}
    problems = []
    for concept in read_concepts(settings.shipped_terms_path()):
        cited = list(concept.citations) + [d.citation for d in concept.definitions if d.citation]
        assert cited, f"{concept.id} has no citation"
        for citation in cited:
            path = shared_dir / "reports" / citation.doc
            if citation.doc not in reports:
                reports[citation.doc] = path.read_text(encoding="utf-8").split("\n")
            lines = reports[citation.doc]
            if not 1 <= citation.line <= len(lines):
                problems.append(f"{concept.id}: {citation.doc}:{citation.line} is past the end")
                continue
            line = _plain(lines[citation.line - 1])
            term = citation.term or concept.zh or concept.en or ""
            if citation.term and _plain(term) not in line:
                problems.append(f"{concept.id}: {citation.doc}:{citation.line} does not contain {term!r}")
    assert problems == []


def test_ids_are_valid_and_persons_are_not_shipped() -> None:
    concepts = read_concepts(settings.shipped_terms_path())
    assert len(concepts) >= 40
    assert all(is_valid_id(c.id) for c in concepts)
    assert not [c.id for c in concepts if c.kind == "person"]
    assert all(c.review_status == "approved" for c in concepts)
