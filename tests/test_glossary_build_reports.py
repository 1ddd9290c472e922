"""The shipped data/terms.csv against the reports: it regenerates byte for byte from the reports and
data/curation, and every citation's line states the cited term (skipped without ../shared)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from glossary import settings
from glossary.harvest.curation_files import read_curation
from glossary.harvest.glossary_build import assemble
from glossary.harvest.glossary_build import mine_reports
from glossary.harvest.glossary_build import render_csv
from glossary.terms_csv import read_concepts

DATA = settings.shipped_data_file("sources.csv").parent


def _normalised(text: str) -> str:
    """NFKC, without HTML tags and Markdown bold, whitespace collapsed (written here independently
    of the build's own normalisation, so that the check does not trust the code it checks)."""
    text = re.sub(r"<[^>]*>|\*\*", "", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def _loose(text: str) -> str:
    """A form compared regardless of case, spaces and hyphens (as the identity rule does)."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", text).casefold())


def test_terms_csv_regenerates_identically_from_the_reports(shared_dir: Path) -> None:
    mined = mine_reports(shared_dir / "reports", DATA / "sources.csv")
    result = assemble(mined, read_curation(DATA / "curation"))
    assert not result.minted, "new concepts without a recorded id: run the build with --record-ids"
    expected = (DATA / "terms.csv").read_text(encoding="utf-8")
    assert render_csv(result.concepts) == expected, (
        "data/terms.csv is out of date: run "
        "glossary build-glossary ../shared/reports -o data/terms.csv --record-ids"
    )


def test_every_citation_line_states_its_term(shared_dir: Path) -> None:
    reports: dict[str, list[str]] = {}
    problems = []
    concepts = read_concepts(DATA / "terms.csv")
    for concept in concepts:
        assert concept.citations, f"{concept.id} has no citation"
        forms = {_loose(t.text) for t in concept.terms}
        cited = [(c, True) for c in concept.citations]
        cited += [(d.citation, False) for d in concept.definitions if d.citation]
        for citation, occurrence in cited:
            if citation.doc not in reports:
                text = (shared_dir / "reports" / citation.doc).read_text(encoding="utf-8")
                reports[citation.doc] = text.split("\n")
            lines = reports[citation.doc]
            where = f"{concept.id}: {citation.doc}:{citation.line}"
            if not 1 <= citation.line <= len(lines):
                problems.append(f"{where} is past the end")
                continue
            if occurrence and not citation.term:
                problems.append(f"{where} names no term")
            if citation.term and _normalised(citation.term) not in _normalised(lines[citation.line - 1]):
                problems.append(f"{where} does not state {citation.term!r}")
            if occurrence and citation.term and _loose(citation.term) not in forms:
                problems.append(f"{where}: {citation.term!r} is not a form of the concept")
    assert problems == []


def test_cited_reports_are_the_listed_sources() -> None:
    listed = {
        line.split(",")[1]
        for line in (DATA / "sources.csv").read_text(encoding="utf-8").splitlines()[1:]
        if line
    }
    cited = {c.doc for concept in read_concepts(DATA / "terms.csv") for c in concept.citations}
    assert cited and cited <= listed


def test_quotes_carry_no_markdown_or_html_furniture() -> None:
    furniture = re.compile(r"^\s*(?:#|>|[-*+]\s|•)|\*\*|</?[A-Za-z][^<>]*>")
    bad = [
        f"{concept.id}: {citation.doc}:{citation.line} {citation.quote!r}"
        for concept in read_concepts(DATA / "terms.csv")
        for citation in [*concept.citations, *(d.citation for d in concept.definitions if d.citation)]
        if citation.quote and furniture.search(citation.quote)
    ]
    assert bad == []
