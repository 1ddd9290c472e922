"""Importing a TBX, CSV, XLSX or JSON file into the glossary, in one transaction.

Readers stream the file as validated ``Incoming`` concepts; this module takes them in
batches and, for each, applies the one duplicate rule (``glossary.forms``: same
acronym and English, or same Chinese) plus "same id", against the database *and* the
concepts already taken from the same file. ``--on-duplicate`` then decides: ``skip``
(keep what is stored), ``merge`` (add the new forms, definitions and citations to the
stored concept; a second preferred form of a role becomes admitted) or ``fail``. An
entry the rule makes two concepts (its Chinese form is A's, its acronym and English B's)
joins neither (``_Importer._ambiguous``): skipped under ``skip``, saying which and why;
under ``merge`` and ``fail`` it stops the import, unless ``--continue`` (``keep_going``)
leaves it out as refused (merge), like the entries readers refuse (``common.entry``).

Everything is written through the write door's bulk mode (``glossary.concepts.bulk``):
new concepts as bulk inserts (multi-row executemany on SQLite, COPY on PostgreSQL), not
one ORM object per row; merges batched too (the stored concepts a batch may merge into read
together, and written back together by ``BulkTransaction.merge_many``). Everything
happens in one transaction: the first invalid row or element raises ``BadInput`` naming
the file, row/element and field, and nothing is changed; readers never see a
half-imported glossary. The revision is bumped once and the import gets one change-log
entry. ``dry_run`` does the same work and rolls it back, so its report is exactly what
an import would do.

Another writer may add the same concepts while an import runs (two imports at once on
PostgreSQL): the identity claims of the write door then stop one of them (``LostRace``),
which is rolled back and run again from the start, so that it sees what the other wrote and
skips or merges it as ``--on-duplicate`` says; after ``RETRIES`` such rounds it stops with
"another import changed the glossary …; nothing was written".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait
from pathlib import Path

from glossary.concepts.bulk import BulkTransaction
from glossary.concepts.bulk import Rows
from glossary.concepts.bulk import Statement
from glossary.concepts.bulk import bulk_transaction
from glossary.concepts.fields import InvalidField
from glossary.concepts.merge import merged as merge_concepts
from glossary.concepts.merge import proposal_for
from glossary.errors import BadInput
from glossary.errors import ConfigError
from glossary.errors import LostRace
from glossary.errors import quoted
from glossary.exchange.common import Incoming
from glossary.exchange.common import Item
from glossary.exchange.common import Refused
from glossary.exchange.common import SourceInfo
from glossary.exchange.common import format_for
from glossary.exchange.csv_format import read_csv
from glossary.exchange.json_dump import read_dump
from glossary.exchange.report import ImportReport
from glossary.exchange.tbx import read_tbx
from glossary.exchange.xlsx import read_xlsx
from glossary.forms import duplicate_reason
from glossary.forms import identity_key
from glossary.forms import keeps_id
from glossary.forms import same_concept
from glossary.forms import shared_forms
from glossary.ids import is_valid_id
from glossary.ids import mint_id
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.records import Concept
from glossary.store import Store

ON_DUPLICATE = ("skip", "merge", "fail")
BATCH = 2000
RETRIES = 3  # imports run again after losing a race to another writer

log = logging.getLogger(__name__)


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def read_items(  # type: ignore[no-untyped-def]
    path: Path,
    fmt: str,
    *,
    encoding: str = "utf-8",
    progress: Progress = NO_PROGRESS,
    workers: int | None = 0,
    keep_going: bool = False,
):
    """The reader of ``fmt`` over ``path``: an iterator of Incoming (and SourceInfo, Refused) items.
    ``keep_going``: an entry the glossary refuses comes as ``Refused`` (``common.entry``)."""
    if fmt == "csv":
        return read_csv(path, encoding=encoding, progress=progress, workers=workers, keep_going=keep_going)
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise BadInput(f"--encoding applies to CSV only; {fmt.upper()} files say their own encoding")
    if fmt == "tbx":
        return read_tbx(path, progress=progress, keep_going=keep_going)
    if fmt == "xlsx":
        return read_xlsx(path, progress=progress, keep_going=keep_going)
    return read_dump(path, progress=progress, keep_going=keep_going)


def import_file(
    store: Store,
    path: Path,
    *,
    fmt: str | None = None,
    encoding: str = "utf-8",
    dry_run: bool = False,
    on_duplicate: str = "skip",
    who: str = "import",
    progress: Progress = NO_PROGRESS,
    workers: int | None = 0,
    name: str | None = None,
    keep_going: bool = False,
    propose: bool = False,
) -> ImportReport:
    """Import ``path`` into ``store`` in one transaction; returns what was (or would be) done.

    ``workers``: helper processes validating a large CSV while this one writes (None:
    as many as the CPUs allow; see ``csv_format.read_csv``, which explains what that asks
    of the calling program). ``progress`` is told how much of the file was read. ``name``:
    what the report, the change log and error messages call the file (default: ``path``),
    e.g. the name of an upload saved to a temporary file. ``keep_going`` (``--continue``):
    an entry a reader refuses (``common.entry``: an unknown language, in any format) or, with
    ``merge``, an entry matching two stored concepts is left out and listed in
    ``report.refused`` instead of stopping the import. ``propose`` (``--propose``): everything
    comes in for review, as ``mine --into-db`` brings it: new concepts as proposed concepts, and
    what a merge brings to an approved concept as proposed forms and definitions
    (``merge.proposal_for``).
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    if on_duplicate not in ON_DUPLICATE:
        raise BadInput(f"--on-duplicate is {quoted(on_duplicate)}; expected one of {', '.join(ON_DUPLICATE)}")
    shown = name or str(path)
    for attempt in range(RETRIES + 1):
        report = ImportReport(file=shown, format=fmt, dry_run=dry_run, on_duplicate=on_duplicate)
        try:
            items = read_items(
                path, fmt, encoding=encoding, progress=progress, workers=workers, keep_going=keep_going
            )
            if name:
                items = _renamed(items, str(path), name)
            try:
                with bulk_transaction(store, who) as tx:
                    _Importer(tx, report, on_duplicate, fmt, propose, keep_going).run(_batches(items, BATCH))
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
            return report
        except LostRace:
            if attempt == RETRIES:
                raise LostRace(
                    f"{shown}: another import changed the glossary while this one ran ({RETRIES + 1} "
                    "times); nothing was written: run the import again"
                ) from None
            log.warning("Another import changed the glossary meanwhile; importing %s again.", shown)
        except (BadInput, ConfigError) as exc:
            if not name:
                raise
            renamed = ConfigError if isinstance(exc, ConfigError) else BadInput
            raise renamed(str(exc).replace(str(path), name)) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _renamed(items: Iterable[Item], path: str, name: str) -> Iterator[Item]:
    """``items`` with ``where`` saying ``name`` instead of ``path``."""
    for item in items:
        if isinstance(item, Incoming) and item.where.startswith(path):
            item.where = name + item.where[len(path) :]
        elif isinstance(item, Refused):
            item.where, item.message = item.where.replace(path, name), item.message.replace(path, name)
        yield item


def _keys(texts: Iterable[str]) -> set[str]:
    """The identity keys of some forms (forms with an empty key, e.g. only punctuation, have none)."""
    return {key for key in map(identity_key, texts) if key}


def _item_keys(item: Incoming) -> set[str]:
    """The identity keys of an incoming concept's forms (taken from its prepared term rows if any)."""
    if item.rows is not None:
        return {row[-1] for row in item.rows[1] if row[-1]}  # TERM_COLUMNS ends with match_key
    return _keys(item.texts)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- the importer


class _Importer:
    """Decides add / merge / skip for each batch and writes it through the bulk door."""

    def __init__(
        self,
        tx: BulkTransaction,
        report: ImportReport,
        policy: str,
        fmt: str,
        propose: bool = False,
        keep_going: bool = False,
    ) -> None:
        self.tx = tx
        self.propose = propose
        self.keep_going = keep_going
        self.dry_run = report.dry_run
        self.report = report
        self.policy = policy
        self.fmt = fmt
        self.file_name = Path(report.file).name  # what a source reference calls the file
        self.sources_before = len(tx.sources.ids)

    def _load(self, concept_id: str) -> Concept:
        return self.tx.get(concept_id)

    # -- the pipeline ----------------------------------------------------

    def run(self, batches: Iterable[list[Item]]) -> None:
        """Import every batch: while one batch is being written (in a helper thread: the
        database driver releases the GIL), the next is read and prepared here."""
        pending: Future[None] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="glossary-import-writer") as pool:
            try:
                for batch in batches:
                    infos, incoming = self._prepare(batch)
                    if pending is not None:
                        pending.result()  # the writer is done with the connection
                        pending = None
                    adds, merges, wheres, refs = self._decide(infos, incoming)
                    statements = self.tx.insert_statements([self._rows(item) for item in adds])
                    pending = pool.submit(self._write, statements, merges, wheres, refs)
                if pending is not None:
                    pending.result()
                    pending = None
                self.finish()
            finally:
                if pending is not None:  # an error here while the writer runs: let it finish first
                    wait([pending])

    def _prepare(self, batch: list[Item]) -> tuple[list[SourceInfo], list[Incoming]]:
        """Python-only work (no database): the rows of every concept that keeps its id."""
        infos: list[SourceInfo] = []
        incoming: list[Incoming] = []
        for item in batch:
            if isinstance(item, SourceInfo):
                infos.append(item)
                continue
            if isinstance(item, Refused):
                self.report.refused.append(item.message)
                continue
            concept_id = item.entry_id = item.id
            if concept_id and not is_valid_id(concept_id):
                item.concept.id = concept_id = ""  # e.g. another tool's "TE-0001": mint one of ours
            if self.propose:
                item.concept.review_status = "proposed"  # a new concept is a proposed concept
            if concept_id:
                item.rows = self._rows(item)
            incoming.append(item)
        return infos, incoming

    def _decide(
        self, infos: list[SourceInfo], incoming: list[Incoming]
    ) -> tuple[list[Incoming], dict[str, Concept], dict[str, str], list[tuple[str, str, str]]]:
        """Add, merge or skip each concept of the batch: (adds, merges, where each merge came
        from, the partner ids to keep as source references: (concept id, file, entry id))."""
        for info in infos:
            self.tx.sources.register(info.file_name, info.id, info.title, info.issuing_body, info.date)
        if not incoming:
            return [], {}, {}, []
        refs: list[tuple[str, str, str]] = []
        stored_ids = self.tx.stored_ids([i.id for i in incoming if i.id])
        keyed = [(item, _item_keys(item)) for item in incoming]
        hits, candidates = self.tx.stored_candidates(sorted({key for _, keys in keyed for key in keys}))

        adds: dict[str, Incoming] = {}  # new concepts of this batch, by id
        merges: dict[str, Concept] = {}  # stored concepts to rewrite, by id
        wheres: dict[str, str] = {}
        batch_keys: dict[str, set[str]] = {}  # identity key of a form -> ids in adds/merges

        loaded: dict[str, Concept] = {}

        def current(concept_id: str) -> Concept:
            if concept_id in adds:
                return adds[concept_id].concept
            if concept_id not in merges:
                if not loaded:  # the first merge of the batch: read every stored concept it may need
                    loaded.update(self.tx.get_many(sorted({*candidates, *stored_ids})))
                merges[concept_id] = loaded.get(concept_id) or self._load(concept_id)
            return merges[concept_id]

        def index(concept_id: str, keys: Iterable[str]) -> None:
            for key in keys:
                batch_keys.setdefault(key, set()).add(concept_id)

        for item, keys in keyed:
            matches = self._matches(item, keys, stored_ids, hits, candidates, adds, merges, batch_keys)
            if not matches:
                concept_id = item.id
                if not concept_id:
                    concept = item.concept
                    concept.id = concept_id = mint_id(
                        concept.zh,
                        concept.en,
                        concept.abbr,
                        lambda c: c in adds or c in merges or bool(self.tx.stored_ids([c])),
                    )
                adds[concept_id] = item
                index(concept_id, keys)
                if item.entry_id and item.entry_id != concept_id:
                    refs.append((concept_id, self.file_name, item.entry_id))
                    self.report.note(
                        "add",
                        item.where,
                        concept_id,
                        reason=f"the file's id {quoted(item.entry_id)} is kept as a source reference",
                    )
                else:
                    self.report.note("add", item.where, concept_id)
                continue
            shown_id = item.entry_id or "(new)"
            if len(matches) > 1:  # the identity rule makes it two concepts: never the first one silently
                self._ambiguous(item, shown_id, matches)
                continue
            target, reason, _ = matches[0]
            if self.policy == "fail" and self.dry_run:  # list every conflict rather than stop at the first
                self.report.note("conflict", item.where, shown_id, target, reason)
                continue
            if self.policy == "fail":
                raise BadInput(
                    f"{item.where}: the same concept as {quoted(target)} already in the glossary ({reason}); "
                    "nothing was imported (use --on-duplicate skip or merge)"
                )
            if self.policy == "skip":
                self.report.note("skip", item.where, shown_id, target, reason)
                continue
            base = current(target)
            extra = item.concept
            if self.propose and base.review_status == "approved":
                extra = proposal_for(base, extra, self.file_name)
            merged = merge_concepts(base, extra)
            if merged == base:
                self.report.note("skip", item.where, shown_id, target, f"{reason}; nothing new")
                continue
            if target in adds:
                adds[target].concept = merged
                adds[target].rows = None  # changed: rebuilt by the writer
            else:
                merges[target] = merged
                wheres[target] = item.where
            index(target, _keys(t.text for t in merged.terms))
            if item.entry_id and item.entry_id != target:
                refs.append((target, self.file_name, item.entry_id))
            self.report.note("merge", item.where, shown_id, target, reason)
        return list(adds.values()), merges, wheres, refs

    def _matches(
        self,
        item: Incoming,
        keys: set[str],
        stored_ids: set[str],
        hits: dict[str, set[str]],
        candidates: dict[str, Concept],
        adds: dict[str, Incoming],
        merges: dict[str, Concept],
        batch_keys: dict[str, set[str]],
    ) -> list[tuple[str, str, Concept]]:
        """The concepts ``item`` is by the identity rule (stored, or taken from this file so far),
        each as (id, why, the concept as this batch has it); none for a new concept, several for
        a conflict."""
        found: dict[str, tuple[str, str, Concept]] = {}
        own_id = item.id
        if own_id and (own_id in stored_ids or own_id in adds or own_id in merges):
            # An id is kept only for the same concept by content: a partner's "e1" is not ours.
            if own_id in adds:
                holder: Concept | None = adds[own_id].concept
            else:  # a stored concept sharing no form with the entry is not among the candidates
                holder = merges.get(own_id) or candidates.get(own_id)
            why = keeps_id(item.concept, holder) if holder is not None else None
            if why and holder is not None:
                found[own_id] = (own_id, f"same id, {why}", holder)
            else:
                item.concept.id = ""  # another concept has this id here: the entry gets one of its own
                item.rows = None
        for key in keys:
            in_batch = batch_keys.get(key)
            stored = hits.get(key)
            if not in_batch and not stored:
                continue  # the usual case: a form nobody has
            for concept_id in sorted((in_batch or set()) | (stored or set())):
                if concept_id in found:
                    continue
                if concept_id in adds:
                    other = adds[concept_id].concept
                else:  # a stored concept, as this batch has changed it so far
                    other = merges.get(concept_id) or candidates[concept_id]
                if same_concept(item.concept, other):
                    found[concept_id] = (concept_id, duplicate_reason(item.concept, other), other)
        # In a fixed order (``keys`` is a set): the entry's own id, then by Chinese, then by id.
        return sorted(found.values(), key=lambda m: (m[0] != own_id, m[1] != "same Chinese form", m[0]))

    def _ambiguous(self, item: Incoming, shown_id: str, matches: list[tuple[str, str, Concept]]) -> None:
        """An entry that is several concepts by the identity rule (its Chinese form is A's, its
        acronym and English B's) joins none of them. ``skip``: skipped, saying so; ``merge`` and
        ``fail``: it stops the import (nothing written) unless ``--continue`` (merge) leaves it
        out as refused. A dry run lists it as ``conflict: matches A (by …) and B (by …)``."""
        named = [f"{cid} (by {shared_forms(item.concept, other) or 'id'})" for cid, _, other in matches]
        text = "matches " + ", ".join(named[:-1]) + " and " + named[-1]
        if self.policy == "skip":
            self.report.note("skip", item.where, shown_id, conflict=text)
            return
        if self.dry_run:
            self.report.note("conflict", item.where, shown_id, matches[0][0], conflict=text)
        if self.policy == "merge" and self.keep_going:
            self.report.refused.append(f"{item.where}: conflict: {text}: left out")
            return
        if self.dry_run:
            return
        if self.policy == "fail":
            raise BadInput(f"{item.where}: conflict: {text}; nothing was imported (--on-duplicate fail)")
        ids = " ".join(concept_id for concept_id, _, _ in matches[:2])
        raise BadInput(
            f"{item.where}: conflict: {text}, so it cannot be merged into one of them; nothing was "
            f"imported (if they are one concept, merge them first: glossary concept merge {ids}; "
            "else use --on-duplicate skip, or --continue to leave this entry out)"
        )

    # -- writing ---------------------------------------------------------

    def _rows(self, item: Incoming) -> Rows:
        """The rows of one new concept (prepared once; ``item.rows`` keeps them)."""
        if item.rows is not None:
            rows, item.rows = item.rows, None
            return rows
        try:
            if item.flat is not None:
                version = item.flat[6] if item.exact else 1
                return self.tx.flat_rows(item.flat, version=version, origin_hash=item.origin_hash)
            concept = item.concept
            return self.tx.rows_of(
                concept, version=concept.version if item.exact else 1, origin_hash=item.origin_hash
            )
        except InvalidField as exc:  # a field limit of the write door: say where in the file
            raise BadInput(f"{item.where}: {exc}") from None

    def _write(
        self,
        statements: list[Statement],
        merges: dict[str, Concept],
        wheres: dict[str, str],
        refs: list[tuple[str, str, str]],
    ) -> None:
        """The batch's writes (in the writer thread; nothing else uses the session meanwhile)."""
        self.tx.run(statements)
        # Concepts not in ``wheres`` were read for comparison only: nothing new.
        self.tx.merge_many([concept for concept_id, concept in merges.items() if concept_id in wheres])
        self.tx.add_source_refs(refs)

    def finish(self) -> None:
        report = self.report
        report.sources_added = len(self.tx.sources.ids) - self.sources_before
        if report.added or report.merged or report.sources_added:
            self.tx.log(
                "import",
                None,
                {
                    "file": report.file,
                    "format": self.fmt,
                    "added": report.added,
                    "merged": report.merged,
                    "skipped": report.skipped,
                    "merged_into": [a.stored_id for a in report.actions if a.action == "merge"][:100],
                },
            )
            self.tx.touch(())
