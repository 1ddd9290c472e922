"""The glossary build: reports + curation files -> ``data/terms.csv``, deterministically.

Steps: mine the reports that ``data/sources.csv`` lists; apply the record entries
(reject, correct, add); group occurrences into concepts (``harvest``); apply the
concept entries (concept, variant), which also carry the stable ids; drop persons;
mint a slug id for each concept that still has none; mark everything approved; sort by
id. ``record_ids`` appends the minted ids to ``ids.toml`` so that the next build keeps
them whatever else changes.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from glossary.atomic import atomic_write
from glossary.errors import BadInput
from glossary.harvest.corrections import apply_concept_entries
from glossary.harvest.corrections import apply_record_entries
from glossary.harvest.corrections import find_concepts
from glossary.harvest.curation_files import Curation
from glossary.harvest.curation_files import Entry
from glossary.harvest.curation_files import read_curation
from glossary.harvest.grouping import Occurrence
from glossary.harvest.grouping import records_to_concepts
from glossary.harvest.lines import ReportLines
from glossary.ids import mint_id
from glossary.load import read_sources
from glossary.mine.mined import MinedRecord
from glossary.mine.miner import mine_documents
from glossary.reader import Document
from glossary.reader import read_document
from glossary.records import Concept
from glossary.terms_csv import write_concepts

IDS_FILE = "ids.toml"


@dataclass
class Mined:
    """The reports and what the miner found in them (mined once, assembled possibly twice)."""

    docs: list[Document]
    records: list[MinedRecord]


@dataclass
class BuildResult:
    concepts: list[Concept]
    minted: list[Concept] = field(default_factory=list)  # concepts whose id was minted in this build
    warnings: list[str] = field(default_factory=list)
    persons: int = 0
    stale: list[Entry] = field(default_factory=list)  # recorded id entries that find no concept


def mine_reports(reports_dir: Path, sources_path: Path) -> Mined:
    """Read and mine every report that the sources file lists (all must be in ``reports_dir``)."""
    sources = read_sources(sources_path)
    if not sources:
        raise BadInput(f"{sources_path}: no reports listed (columns id,file_name,...)")
    if not reports_dir.is_dir():
        raise BadInput(f"{reports_dir}: no such directory (give the folder that holds the reports)")
    docs = []
    for source in sources:
        path = reports_dir / source["file_name"]
        if not path.is_file():
            raise BadInput(f"{sources_path}: report {source['file_name']!r} is not in {reports_dir}")
        docs.append(read_document(path))
    return Mined(docs, mine_documents(docs))


def assemble(mined: Mined, curation: Curation) -> BuildResult:
    """Everything after mining: curation, grouping, ids, approval; persons left out."""
    lines = ReportLines(mined.docs)
    occurrences = [Occurrence(_copy(r)) for r in mined.records]
    occurrences, warnings = apply_record_entries(occurrences, curation, lines)
    concepts = records_to_concepts(occurrences, lines)
    stale: list[Entry] = []
    concepts = apply_concept_entries(concepts, curation, stale)
    warnings += [
        f"{e.where}: recorded id {e.data.get('id')!r} no longer fits (see ids.toml); --record-ids replaces it"
        for e in stale
    ]
    persons = sum(1 for c in concepts if c.kind == "person")
    concepts = [c for c in concepts if c.kind != "person"]
    for concept in concepts:
        if not concept.citations:
            warnings.append(f"{_describe(concept)}: no line of the reports states it; left out")
    concepts = [c for c in concepts if c.citations]
    minted = _mint_ids(concepts)
    for concept in concepts:
        concept.review_status = "approved"
        concept.terms.sort(key=lambda t: t.status != "preferred")
    concepts.sort(key=lambda c: c.id)
    return BuildResult(concepts, minted, warnings, persons, stale)


def _copy(record: MinedRecord) -> MinedRecord:
    return MinedRecord(**record.to_dict())


def _describe(concept: Concept) -> str:
    return " / ".join(x for x in (concept.zh, concept.en, concept.abbr) if x) or concept.id


def _mint_ids(concepts: list[Concept]) -> list[Concept]:
    used = {c.id for c in concepts if c.id}
    fresh = [c for c in concepts if not c.id]
    # Deterministic order: by the forms, then the first citation.
    fresh.sort(key=lambda c: (c.en or "", c.abbr or "", c.zh or "", c.citations[0].doc, c.citations[0].line))
    for concept in fresh:
        concept.id = mint_id(concept.zh, concept.en, concept.abbr, lambda x: x in used)
        used.add(concept.id)
    return fresh


# ---------------------------------------------------------------- writing


def render_csv(concepts: list[Concept]) -> str:
    buffer = io.StringIO()
    write_concepts(concepts, buffer)
    return buffer.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, no newline translation) only once fully written."""
    with atomic_write(path, "w", encoding="utf-8", newline="") as out:
        out.write(text)


def id_entries(minted: list[Concept], before: list[Concept]) -> str:
    """TOML ``[[concept]]`` entries recording minted ids, each matched by forms that are unique
    among ``before`` (the concepts as the entries of ids.toml will see them)."""
    out = []
    for concept in sorted(minted, key=lambda c: c.id):
        match = _unique_match(concept, before)
        shown = ", ".join(f"{k} = {_toml_string(v)}" for k, v in match.items())
        out.append(
            f"[[concept]]\nmatch = {{ {shown} }}\nid = {_toml_string(concept.id)}\nrecorded = true\n"
            'reason = "stable id recorded by build-glossary --record-ids"\n'
        )
    return "\n".join(out)


def _unique_match(concept: Concept, before: list[Concept]) -> dict[str, str]:
    options: list[dict[str, str]] = []
    if concept.zh:
        options.append({"zh": concept.zh})
    if concept.abbr and concept.en:
        options.append({"en": concept.en, "abbr": concept.abbr})
    full = {k: v for k, v in (("zh", concept.zh), ("en", concept.en), ("abbr", concept.abbr)) if v}
    options += [
        {"en": concept.en} if concept.en else {},
        {"abbr": concept.abbr} if concept.abbr else {},
        full,
    ]
    for match in options:
        if match and len(find_concepts(before, match)) == 1:
            return match
    return full


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def record_ids(mined: Mined, curation_dir: Path, result: BuildResult) -> int:
    """Append the minted ids to ``curation_dir/ids.toml`` (dropping stale recorded entries) and
    rebuild to check that they hold. Returns how many were recorded."""
    if not result.minted and not result.stale:
        return 0
    curation = read_curation(curation_dir)
    lines = ReportLines(mined.docs)
    occurrences, _ = apply_record_entries([Occurrence(_copy(r)) for r in mined.records], curation, lines)
    # The concepts as ids.toml's entries see them: after the concept entries of earlier files.
    earlier = Curation([e for e in curation.entries if e.file < IDS_FILE])
    before = apply_concept_entries(records_to_concepts(occurrences, lines), earlier)
    path = curation_dir / IDS_FILE
    curation_dir.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Stable concept ids (see README).\n"
    for entry in result.stale:
        block = re.compile(
            r"\n*\[\[concept\]\]\nmatch = [^\n]*\nid = " + re.escape(_toml_string(entry.data["id"])) + r"\n"
            r"recorded = true\nreason = [^\n]*\n"
        )
        old = block.sub("\n", old, count=1)
    write_atomically(path, old.rstrip("\n") + "\n\n" + id_entries(result.minted, before))
    again = assemble(mined, read_curation(curation_dir))
    if [c.id for c in again.concepts] != [c.id for c in result.concepts] or again.minted:
        raise BadInput(
            f"{path}: the recorded ids do not reproduce the build; check the new entries at its end"
        )
    return len(result.minted)
