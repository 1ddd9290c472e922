"""``glossary mine … --into-db``: merge mined records into the database, in one transaction.

Records are grouped into proposed concepts (``harvest``). Each is compared with the
stored concepts by the identity rule (the write door's ``duplicates``). Mining only ever
proposes: a concept with no match is added with a minted id and review status
``proposed``; a match that is itself proposed gets the new forms, definitions and
citations (``concepts.merge``); a match that is *approved* gets its new forms and
definitions with status ``proposed`` (``merge.as_proposal``: not preferred forms, not
results' definitions, not used by ``check``, until ``glossary review approve``), and only
the citations of a form it already has from a report it already cites (a draft is not a
source of an approved concept). See ``glossary review``. Person
names are kept (they are reviewed like the rest; only the shipped build leaves them
out). It is one write of the door: the revision is bumped once and every change is in
the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from glossary.concepts.merge import merge_into
from glossary.concepts.merge import proposal_for
from glossary.concepts.transaction import Transaction
from glossary.concepts.transaction import transaction
from glossary.harvest.grouping import records_to_concepts
from glossary.harvest.lines import ReportLines
from glossary.mine.mined import MinedRecord
from glossary.records import Concept
from glossary.store import Store


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)  # new proposed concepts
    updated: list[str] = field(default_factory=list)  # stored concepts that got proposals or citations
    unchanged: int = 0
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # (kept id, all matching ids)

    def summary(self) -> str:
        text = (
            f"Database: {len(self.added)} new proposed concepts, {len(self.updated)} with new proposals "
            f"or citations, {self.unchanged} unchanged."
        )
        for kept, found in self.ambiguous:
            text += f"\n  matches several concepts ({', '.join(found)}): merged into {kept}"
        if self.added or self.updated:
            text += "\n  Review them with: glossary review"
        return text


def merge_into_db(
    store: Store, records: list[MinedRecord], *, who: str, lines: ReportLines | None = None
) -> MergeReport:
    """Merge mined records into the database (one write of the door); see the module docstring."""
    concepts = records_to_concepts(records, lines)
    report = MergeReport()
    with transaction(store, who) as tx:
        for concept in concepts:
            found = tx.duplicates(concept)
            if found:
                _update(tx, concept, found, report)
            else:
                concept.review_status = "proposed"
                tx.add(concept, action="mine-add", detail=_summary(concept))
                report.added.append(concept.id)
    return report


def _update(tx: Transaction, concept: Concept, found: list[str], report: MergeReport) -> None:
    keep_id = found[0]
    if len(found) > 1:
        report.ambiguous.append((keep_id, found))
    stored = tx.get(keep_id)
    if stored.review_status == "approved":
        concept = proposal_for(stored, concept, "mine")
    moved = merge_into(stored, concept)
    if not moved:
        report.unchanged += 1
        return
    tx.take(keep_id)
    tx.put(stored, action="mine-merge", detail=moved.to_dict(), exclude=found)
    report.updated.append(keep_id)


def _summary(concept: Concept) -> dict[str, object]:
    return {
        "kind": concept.kind,
        "terms": [f"{t.text} ({t.lang}, {t.type}, {t.status})" for t in concept.terms],
        "citations": len(concept.citations),
    }
