"""The one door for writes: every change to the glossary is a ``Transaction``.

``transaction(store, who)`` opens one database transaction and hands out a
``Transaction``; everything written through it is committed together or not at all:

- ``take(id, expected_version)`` locks a concept (its version bumped by one UPDATE that
  also checks ``expected_version``: ``PreconditionFailed`` when someone changed it,
  ``NotFound`` when there is none) and returns its record;
- ``add(concept)`` checks the record (``fields.check_concept``), mints its id when it has
  none, refuses a duplicate (the identity rule: ``Conflict``) and inserts it;
- ``put(concept)`` checks a taken concept's new record, applies the identity rule to it
  and writes it back; ``delete(id)`` removes a taken concept;
- ``duplicates(concept)`` asks the identity rule of the database (``terms.match_key``);
- every add, put and delete also keeps the concept's identity claims
  (``forms.identity_claims``) in ``identity_keys``, whose primary key holds each claim
  once: a writer that loses a race to another (both checked, neither saw the other) gets
  ``LostRace`` (a ``Conflict``) and nothing of its transaction is kept;
- ``log(action, id, detail)`` adds a change-log entry.

When the block ends without an error, the revision is bumped once, recording every
concept the transaction touched (search indexes follow them), and the transaction
commits.  ``within(session, who)`` is the same door on a session the caller holds (the
first fill of a new database).  The bulk mode for imports is ``glossary.concepts.bulk``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from glossary.concepts import history
from glossary.concepts.fields import InvalidField
from glossary.concepts.fields import check_concept
from glossary.concepts.sources import SourceRegistry
from glossary.concepts.sources import UnknownReport
from glossary.errors import Conflict
from glossary.errors import LostRace
from glossary.errors import NotFound
from glossary.errors import PreconditionFailed
from glossary.errors import quoted
from glossary.forms import identity_claims
from glossary.forms import identity_keys
from glossary.forms import role
from glossary.ids import mint_id
from glossary.models import ConceptRow
from glossary.models import DefinitionRow
from glossary.models import IdentityKey
from glossary.models import SourceRef
from glossary.models import TermRow
from glossary.records import Concept
from glossary.records import Term
from glossary.rows import concept_from_row
from glossary.rows import fill_row
from glossary.store import Store
from glossary.store import lost_race


class Transaction:
    """One write to the glossary in progress (see the module docstring)."""

    def __init__(self, session: Session, who: str) -> None:
        self.session = session
        self.who = who
        self.sources = SourceRegistry(session)
        # Concepts written so far (None: too many to list, "anything may have changed").
        self.touched: set[str] | None = set()
        self.changed = False  # something was written (a revision is due)

    # -- reading ---------------------------------------------------------

    def get(self, concept_id: str) -> Concept:
        """The concept's current record (as this transaction has written it so far)."""
        return concept_from_row(self._row(concept_id), self.sources.file_names())

    def exists(self, concept_id: str) -> bool:
        return self.session.get(ConceptRow, concept_id) is not None

    def origin_hash(self, concept_id: str) -> str | None:
        """The fingerprint of the shipped CSV row the concept was last synced from (None: made here)."""
        return self.session.scalar(select(ConceptRow.origin_hash).where(ConceptRow.id == concept_id))

    def set_origin_hash(self, concept_id: str, origin_hash: str) -> None:
        """Record that the concept equals the shipped CSV row with this fingerprint (bookkeeping)."""
        self.session.execute(
            update(ConceptRow).where(ConceptRow.id == concept_id).values(origin_hash=origin_hash),
            execution_options={"synchronize_session": False},
        )

    def duplicates(self, concept: Concept, exclude: Iterable[str] = ()) -> list[str]:
        """Ids of stored concepts that are the same concept as ``concept`` (the identity rule).

        Candidates are narrowed by the indexed ``terms.match_key`` (each form's
        ``identity_key``), so forms differing only in case, width, spacing or dashes count."""
        zh, en, abbr = identity_keys(concept)
        keys = zh | en | abbr
        if not keys:
            return []
        candidates = set(
            self.session.scalars(select(TermRow.concept_id).where(TermRow.match_key.in_(sorted(keys))))
        )
        candidates -= set(exclude)
        if not candidates:
            return []
        rows = self.session.execute(
            select(TermRow.concept_id, TermRow.match_key, TermRow.lang, TermRow.type).where(
                TermRow.concept_id.in_(sorted(candidates))
            )
        ).all()
        found: dict[str, dict[str, set[str]]] = {}
        for row in rows:
            slots = found.setdefault(row.concept_id, {"zh": set(), "en": set(), "abbr": set()})
            slots[_role_of_row(row.lang, row.type)].add(row.match_key)
        return sorted(cid for cid, c in found.items() if zh & c["zh"] or (abbr & c["abbr"] and en & c["en"]))

    # -- writing ---------------------------------------------------------

    def take(self, concept_id: str, expected_version: int | None = None) -> Concept:
        """Lock the concept (bumping its version, checking ``expected_version``) and return it."""
        query = update(ConceptRow).where(ConceptRow.id == concept_id)
        if expected_version is not None:
            query = query.where(ConceptRow.version == expected_version)
        possible = expected_version is None or 0 < expected_version < 2**31  # else no row can match
        if possible:
            result = self.session.execute(
                query.values(version=ConceptRow.version + 1), execution_options={"synchronize_session": False}
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                return self.get(concept_id)
        current = self.session.scalar(select(ConceptRow.version).where(ConceptRow.id == concept_id))
        if current is None:
            raise NotFound(f"no concept with id {quoted(concept_id)}")
        raise PreconditionFailed(
            f"concept {quoted(concept_id)} is at version {current}, not {expected_version}: "
            "someone changed it meanwhile; reload it and apply your change again"
        )

    def add(
        self,
        concept: Concept,
        *,
        action: str | None = "create",
        detail: Any = None,
        new_reports: bool = True,
        origin_hash: str | None = None,
        curated: bool = False,
    ) -> Concept:
        """Insert a new concept (id minted when empty); ``Conflict`` on a duplicate or a taken id.

        ``new_reports``: citations of a report the glossary lacks add it (else ``InvalidField``).
        ``action``: the change-log entry's action (``None``: no entry).
        ``curated``: the concept comes from the curated glossary CSV, which a curator has
        already reviewed as a whole; it is stored as it stands (field limits are still checked,
        the identity rule is the curator's call there)."""
        check_concept(concept)
        if concept.id:
            if self.exists(concept.id):
                raise Conflict(f"a concept with id {quoted(concept.id)} already exists")
        else:
            concept.id = mint_id(concept.zh, concept.en, concept.abbr, self.exists)
        if not curated:
            self.refuse_duplicates(concept)
        row = ConceptRow(id=concept.id, version=1, origin_hash=origin_hash)
        fill_row(row, concept, self._source_ids(concept, new_reports))
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            # Two writers minted or chose the same id at once: the loser is told, not crashed.
            raise Conflict(
                f"a concept with id {quoted(concept.id)} was created meanwhile; try again"
            ) from None
        self.claim(concept, strict=not curated, new=True)
        self.touch([concept.id])
        if action:
            self.log(action, concept.id, detail)
        return concept

    def add_curated(self, concepts: Sequence[Concept], origin_hashes: Sequence[str]) -> None:
        """Insert the concepts of the curated glossary CSV into an empty glossary, in one flush
        (the CSV is reviewed as a whole: field limits are checked, ids must be new and unique,
        the identity rule is the curator's call there)."""
        seen: set[str] = set()
        for concept, origin_hash in zip(concepts, origin_hashes, strict=True):
            try:
                check_concept(concept)
            except InvalidField as exc:
                raise InvalidField(exc.field, f"concept {quoted(concept.id)}: {exc.message}") from None
            if not concept.id or concept.id in seen:
                raise Conflict(
                    f"the glossary CSV holds concept id {quoted(concept.id)} more than once or empty"
                )
            seen.add(concept.id)
            row = ConceptRow(id=concept.id, version=1, origin_hash=origin_hash)
            fill_row(row, concept, self.sources.id_for)
            self.session.add(row)
        self.session.flush()
        claimed: dict[str, str] = {}  # the first concept of the CSV with a claim holds it
        for concept in concepts:
            for key in identity_claims(concept):
                claimed.setdefault(key, concept.id)
        self._insert_claims([{"key": k, "concept_id": c} for k, c in sorted(claimed.items())], strict=False)
        self.touch(seen)

    def put(
        self,
        concept: Concept,
        *,
        action: str | None = "edit",
        detail: Any = None,
        new_reports: bool = True,
        origin_hash: str | None = None,
        exclude: Iterable[str] = (),
        curated: bool = False,
    ) -> None:
        """Write back a taken concept's new record (same id), after the checks and the identity
        rule (``curated``: as in ``add``)."""
        check_concept(concept)
        if not curated:
            self.refuse_duplicates(concept, (concept.id, *exclude))
        row = self._row(concept.id)
        fill_row(row, concept, self._source_ids(concept, new_reports))
        if origin_hash is not None:
            row.origin_hash = origin_hash
        self.session.flush()
        self.claim(concept, strict=not curated, take_from=exclude)
        self.touch([concept.id])
        if action:
            self.log(action, concept.id, detail)

    def delete(self, concept_id: str, *, action: str | None = "delete", detail: Any = None) -> None:
        """Remove a taken concept with its terms, definitions, citations and identity claims."""
        row = self._row(concept_id)
        self.session.execute(
            delete(IdentityKey).where(IdentityKey.concept_id == concept_id),
            execution_options={"synchronize_session": False},
        )
        self.session.delete(row)
        self.session.flush()
        self.touch([concept_id])
        if action:
            self.log(action, concept_id, detail)

    def move_source_refs(self, from_id: str, to_id: str) -> int:
        """Give ``to_id`` the partner ids (``source_refs``) ``from_id`` was imported under, as a
        merge of the two must: each (file, entry id) once. Returns how many moved; the others
        go with ``from_id``."""
        have = {
            (row.file, row.entry_id)
            for row in self.session.execute(
                select(SourceRef.file, SourceRef.entry_id).where(SourceRef.concept_id == to_id)
            )
        }
        moving: list[int] = []
        query = select(SourceRef.id, SourceRef.file, SourceRef.entry_id).where(
            SourceRef.concept_id == from_id
        )
        for row in self.session.execute(query.order_by(SourceRef.id)):
            if (row.file, row.entry_id) not in have:
                have.add((row.file, row.entry_id))
                moving.append(row.id)
        if moving:
            self.session.execute(
                update(SourceRef).where(SourceRef.id.in_(moving)).values(concept_id=to_id),
                execution_options={"synchronize_session": False},
            )
            self.touch([to_id])
        return len(moving)

    def log(self, action: str, concept_id: str | None, detail: Any = None) -> None:
        """A change-log entry, written with the rest."""
        history.record(self.session, self.who, action, concept_id, detail)

    def touch(self, concept_ids: Iterable[str] | None) -> None:
        """Count concepts as written (``None``: anything may have changed)."""
        self.changed = True
        if concept_ids is None or self.touched is None:
            self.touched = None
            return
        self.touched.update(concept_ids)
        if len(self.touched) > history.CHANGE_LIMIT:
            self.touched = None

    def finish(self) -> int | None:
        """Bump the revision once for everything written (nothing written: nothing bumped)."""
        if not self.changed:
            return None
        self.session.flush()
        return history.bump_revision(self.session, self.touched)

    # -- the identity claims ---------------------------------------------

    def claim(
        self, concept: Concept, *, strict: bool = True, take_from: Iterable[str] = (), new: bool = False
    ) -> None:
        """Make ``identity_keys`` hold exactly ``concept``'s claims for it (its row is written).

        Claims it no longer makes are released; claims held by a concept of ``take_from``
        (one being merged into it) pass to it; the others are inserted. ``strict``: a claim
        another concept holds (taken meanwhile by a writer this one did not see) is
        ``LostRace``; else (the curated CSV, the curator's call) it is left to that concept.
        ``new``: the concept holds no claims yet."""
        wanted = identity_claims(concept)
        held: set[str] = set()
        if not new:
            held = set(
                self.session.scalars(select(IdentityKey.key).where(IdentityKey.concept_id == concept.id))
            )
        gone = held - wanted
        if gone:
            self.session.execute(
                delete(IdentityKey).where(
                    IdentityKey.concept_id == concept.id, IdentityKey.key.in_(sorted(gone))
                ),
                execution_options={"synchronize_session": False},
            )
        missing = wanted - held
        others = sorted(set(take_from) - {concept.id})
        if missing and others:
            passed = set(
                self.session.scalars(
                    select(IdentityKey.key).where(
                        IdentityKey.key.in_(sorted(missing)), IdentityKey.concept_id.in_(others)
                    )
                )
            )
            if passed:
                self.session.execute(
                    update(IdentityKey)
                    .where(IdentityKey.key.in_(sorted(passed)))
                    .values(concept_id=concept.id),
                    execution_options={"synchronize_session": False},
                )
                missing -= passed
        rows = [{"key": key, "concept_id": concept.id} for key in sorted(missing)]  # one lock order
        with lost_race_is(f"{_named(concept)}: {RACED}"):
            self._insert_claims(rows, strict=strict)

    def _insert_claims(self, rows: list[dict[str, str]], *, strict: bool) -> None:
        if not rows:
            return
        if strict:
            self.session.execute(insert(IdentityKey), rows)
            return
        backend = self.session.get_bind().dialect.name
        if backend in ("sqlite", "postgresql"):
            dialect = sqlite if backend == "sqlite" else postgresql
            self.session.execute(dialect.insert(IdentityKey).on_conflict_do_nothing(), rows)
            return
        taken = set(
            self.session.scalars(select(IdentityKey.key).where(IdentityKey.key.in_([r["key"] for r in rows])))
        )
        free = [row for row in rows if row["key"] not in taken]
        if free:
            self.session.execute(insert(IdentityKey), free)

    # -- the rules -------------------------------------------------------

    def refuse_duplicates(self, concept: Concept, exclude: Iterable[str] = ()) -> None:
        """``Conflict`` naming the stored concept(s) ``concept`` duplicates."""
        found = self.duplicates(concept, exclude)
        if found:
            raise Conflict(
                f"{_named(concept)} duplicates concept {', '.join(repr(f) for f in found)} (same Chinese "
                "form, or same acronym and English form): edit or merge that concept instead"
            )

    def _source_ids(self, concept: Concept, new_reports: bool) -> Any:
        if new_reports:
            return self.sources.id_for
        cited = [*concept.citations, *(d.citation for d in concept.definitions if d.citation)]
        for i, citation in enumerate(cited):
            try:
                self.sources.known_id(citation.doc)
            except UnknownReport:
                raise InvalidField(
                    f"citations[{i}].doc",
                    f"no report {quoted(citation.doc)} in the glossary (see GET /api/v1/sources)",
                ) from None
        return self.sources.known_id

    def _row(self, concept_id: str) -> ConceptRow:
        query = (
            select(ConceptRow)
            .where(ConceptRow.id == concept_id)
            .options(
                selectinload(ConceptRow.terms),
                selectinload(ConceptRow.definitions).selectinload(DefinitionRow.citation),
                selectinload(ConceptRow.citations),
            )
            .execution_options(populate_existing=True)
        )
        row = self.session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(f"no concept with id {quoted(concept_id)}")
        return row


RACED = (
    "another writer added or changed a concept with the same Chinese form, or the same acronym and "
    "English form, meanwhile; nothing was written: look that concept up, then edit or merge it"
)


@contextlib.contextmanager
def lost_race_is(message: str) -> Iterator[None]:
    """Database errors that say another writer got there first (``store.lost_race``) become
    ``LostRace(message)``; any other error passes unchanged."""
    try:
        yield
    except DBAPIError as exc:
        if lost_race(exc):
            raise LostRace(message) from None
        raise


def _named(concept: Concept, limit: int = 80) -> str:
    """A concept's preferred forms for a message (at most about ``limit`` characters)."""
    what = " / ".join(x for x in (concept.zh, concept.en, concept.abbr) if x) or concept.id
    return what if len(what) <= limit else what[: limit - 1] + "…"


def _role_of_row(lang: str, type_: str) -> str:
    """A stored term's role, by the same rule as a record's."""
    return role(Term(text="", lang=lang, type=type_))


@contextlib.contextmanager
def within(session: Session, who: str) -> Iterator[Transaction]:
    """The write door on a session the caller holds (and commits)."""
    tx = Transaction(session, who)
    yield tx
    tx.finish()


@contextlib.contextmanager
def transaction(store: Store, who: str) -> Iterator[Transaction]:
    """One write to the glossary: committed with its revision bump on success, rolled back on any error."""
    with store.session() as session, within(session, who) as tx:
        yield tx
