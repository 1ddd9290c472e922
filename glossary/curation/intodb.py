"""``glossary mine … --into-db``: merge mined records into the database, in one transaction.

Records are grouped into proposed concepts (``harvest``). Each is compared with the
stored concepts by the identity rule (``identity.find_duplicates``): a match gets the
new forms (as admitted variants), definitions and citations; a concept with no match is
added with a minted id and review status ``proposed`` (see ``glossary review``). Person
names are kept (they are reviewed like the rest; only the shipped build leaves them
out). The glossary revision is bumped once and every change is in the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from sqlalchemy.orm import Session

from glossary import changelog
from glossary.changelog import bump_revision
from glossary.curation.apply import absorb
from glossary.curation.harvest import records_to_concepts
from glossary.curation.lines import ReportLines
from glossary.identity import find_duplicates
from glossary.ids import mint_id
from glossary.load import SourceRegistry
from glossary.mine.records import MinedRecord
from glossary.models import ConceptRow
from glossary.records import Concept
from glossary.rows import concept_from_row
from glossary.rows import fill_row
from glossary.store import Store


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)  # new proposed concepts
    updated: list[str] = field(default_factory=list)  # stored concepts that got forms or citations
    unchanged: int = 0
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # (kept id, all matching ids)

    def summary(self) -> str:
        text = (
            f"Database: {len(self.added)} new proposed concepts, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged."
        )
        for kept, found in self.ambiguous:
            text += f"\n  matches several concepts ({', '.join(found)}): merged into {kept}"
        if self.added:
            text += "\n  Review them with: glossary review"
        return text


def merge_into_db(
    store: Store, records: list[MinedRecord], *, who: str, lines: ReportLines | None = None
) -> MergeReport:
    """Merge mined records into the database (one transaction); see the module docstring."""
    concepts = records_to_concepts(records, lines)
    report = MergeReport()
    with store.session() as session:
        sources = SourceRegistry(session)
        for concept in concepts:
            found = find_duplicates(session, concept)
            if found:
                _update(session, concept, found, sources, who, report)
            else:
                _add(session, concept, sources, who, report)
            session.flush()
        if report.added or report.updated:
            bump_revision(session, [*report.added, *report.updated])
    return report


def _add(session: Session, concept: Concept, sources: SourceRegistry, who: str, report: MergeReport) -> None:
    concept.id = mint_id(
        concept.zh, concept.en, concept.abbr, lambda c: session.get(ConceptRow, c) is not None
    )
    concept.review_status = "proposed"
    row = ConceptRow(id=concept.id, version=1)
    fill_row(row, concept, sources.id_for)
    session.add(row)
    changelog.record(session, who, "mine-add", concept.id, _summary(concept))
    report.added.append(concept.id)


def _update(
    session: Session,
    concept: Concept,
    found: list[str],
    sources: SourceRegistry,
    who: str,
    report: MergeReport,
) -> None:
    keep_id = found[0]
    if len(found) > 1:
        report.ambiguous.append((keep_id, found))
    row = session.get(ConceptRow, keep_id)
    assert row is not None
    stored = concept_from_row(row, {v: k for k, v in sources.by_file.items()})
    before = (len(stored.terms), len(stored.definitions), len(stored.citations))
    absorb(stored, concept)
    after = (len(stored.terms), len(stored.definitions), len(stored.citations))
    if after == before:
        report.unchanged += 1
        return
    fill_row(row, stored, sources.id_for)
    row.version += 1
    changelog.record(
        session,
        who,
        "mine-merge",
        keep_id,
        {
            "terms": after[0] - before[0],
            "definitions": after[1] - before[1],
            "citations": after[2] - before[2],
        },
    )
    report.updated.append(keep_id)


def _summary(concept: Concept) -> dict[str, object]:
    return {
        "kind": concept.kind,
        "terms": [f"{t.text} ({t.lang}, {t.type}, {t.status})" for t in concept.terms],
        "citations": len(concept.citations),
    }
