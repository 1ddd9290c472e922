"""The live index: the search index of one glossary database, kept at the database's revision.

A ``LiveIndex`` owns the index of one database (``url``); whoever opens the glossary
(``glossary.service.Glossary``) holds it beside the store.  The index file lives in the
data directory's ``index/`` folder, named after the database (its URL and the random
``instance`` id stamped at creation), its revision and the index format, so a fresh process
(a CLI call, a gunicorn worker) maps the file in milliseconds instead of rebuilding it.
Each concept's result JSON (``results.search_summary``) is stored in the index, so an
answer needs no ORM.

Every ``current()`` call reads the revision (``meta``), one indexed SELECT: with the
standard library's ``sqlite3`` for a SQLite file, through the store's engine otherwise
(a round trip to PostgreSQL).  A server reads it at most every ``recheck_s`` seconds
instead (``GLOSSARY_REVISION_CHECK_MS``), and at once after a write of its own process
(``glossary.writes``): other processes' writes then show within that interval more.
When it moved (a write in this or any other process, replica or worker), the concepts the
new revisions touched (``revision_changes``) are patched into an overlay; when too much
changed, the index is rebuilt from the database (revision read first, so a write during
the build only causes another rebuild), written beside its final name and renamed into
place; older files of the same database are then removed.

Builds happen before traffic and off the request path: ``prepare()`` (the app factory at
start-up, in a thread, with ``ready`` set when done; ``glossary index build``, ``db sync``
and import) brings the index to the current revision.  One process of a data directory
builds at a time (a lock file, ``<stem>.building``, in ``index/``); the others wait for its
file and map it.  When a long-lived index meets a bulk revision (an import, a sync), the
rebuild runs in a background thread while the previous revision keeps answering; a write
of a few concepts is patched in at once, so it is visible to the very next request.

For a SQLite file whose index is already built, nothing opens the store (nor imports
SQLAlchemy): that is the fast path of ``glossary find``.  Like Lucene's
``SearcherManager``, it hands out the index of the current revision; readers keep the one
they were given for their whole request.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar

from glossary import settings
from glossary import writes
from glossary.errors import BadInput
from glossary.forms import is_chinese
from glossary.location import SCHEMA_REVISION
from glossary.location import sqlite_file
from glossary.normalize import t2s_table
from glossary.records import Citation
from glossary.records import Concept
from glossary.search.index import SearchIndex
from glossary.search.persist import FORMAT_VERSION
from glossary.search.pinyin import pinyin_table

if TYPE_CHECKING:  # the store is opened lazily, so that ``find`` on SQLite never imports SQLAlchemy
    from glossary.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

INDEX_SUFFIX = ".idx"
OVERLAY_LIMIT = 2000  # concepts changed since the loaded index that are patched in, not rebuilt
SAVE_AFTER = 500  # overlay size from which a full index is saved (in the background)
LOCK_STALE_S = 3600.0  # a build lock older than this is ignored
BUILD_WAIT_S = 900.0  # how long a process waits for another one's build before building itself
POLL_S = 0.1  # how often a waiting process looks for the other one's file
PATCH_ALWAYS = 50  # a write of at most this many concepts is patched in even past OVERLAY_LIMIT


def index_dir() -> Path:
    """``index/`` in the data directory (created if needed)."""
    path = settings.home() / "index"
    path.mkdir(parents=True, exist_ok=True)
    return path


_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def concept_payload(concept: Concept) -> bytes:
    """What the index keeps of a concept: its result summary (``results.search_summary``)
    as compact JSON, made here without the records' helpers (a 1 M-concept build makes
    a million of them)."""
    zh = en = abbr = None
    variants = []
    for term in concept.terms:
        if term.status == "preferred":
            if term.type == "acronym":
                if abbr is None:
                    abbr = term
                    continue
            elif is_chinese(term.lang):
                if zh is None:
                    zh = term
                    continue
            elif en is None:
                en = term
                continue
        variants.append({"text": term.text, "lang": term.lang, "type": term.type, "status": term.status})
    definition = None
    if concept.definitions:
        first = concept.definitions[0]
        definition = {"text": first.text, "lang": first.lang, "citation": _cited(first.citation)}
    summary = {
        "id": concept.id,
        "zh": zh.text if zh else None,
        "en": en.text if en else None,
        "abbr": abbr.text if abbr else None,
        "kind": concept.kind,
        "variants": variants,
        "definition": definition,
        "citations": [_cited(c) for c in concept.citations],
        "review_status": concept.review_status,
    }
    return _DUMPS(summary).encode("utf-8")


def _cited(c: Citation | None) -> dict[str, Any] | None:
    """``Citation.to_dict`` without ``dataclasses.asdict``'s deep copy."""
    if c is None:
        return None
    out: dict[str, Any] = {"doc": c.doc, "line": c.line, "section": c.section, "quote": c.quote}
    if c.term is not None:
        out["term"] = c.term
    return out


class LiveIndex:
    """The current search index of the database at ``url``.

    ``open_store()`` gives the open store when the index must read concepts (a build, an
    overlay); it is not called on the fast path.  Thread-safe: searches share the current
    index; a rebuild happens under a lock and replaces it in one assignment."""

    def __init__(self, url: str, open_store: Callable[[], Store]) -> None:
        self.url = url
        self._open_store = open_store
        self._file = sqlite_file(self.url)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._index: SearchIndex | None = None
        self._state: tuple[str, int] | None = None  # (instance, revision) of self._index
        self.builds = 0  # full index builds by this live index (tests, benchmarks)
        self.updates = 0  # overlay updates (writes followed without a build)
        self.loads = 0  # saved indexes of a newer revision picked up
        self.saves = 0  # background saves finished
        self.background = True  # bulk rebuilds and saves (SAVE_AFTER) in a background thread
        self.ready = threading.Event()  # set once an index is in place (``/health`` says "starting" before)
        self._saving: threading.Thread | None = None
        self._saved = False
        self._stale_checked = False  # the shipped-CSV notice is given once per live index
        self._derived: dict[str, tuple[SearchIndex, Any]] = {}  # name -> (index, value), see derived()
        self._preparing: threading.Thread | None = None
        self._replacing = False  # the background build replaces the loaded index (bulk revision)
        self.recheck_s = 0.0  # read the revision at most this often (0: at every ``current()``)
        self._checked: tuple[float, int] = (float("-inf"), -1)  # (when, writes.count()) it was read

    # -- the database -------------------------------------------------------------------

    def store(self) -> Store:
        """The open store (opened, and created on first use, when the index needs it)."""
        return self._open_store()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _sqlite(self) -> sqlite3.Connection | None:
        """A plain sqlite3 connection to a ready SQLite file of this schema, else ``None``."""
        if self._conn is not None:
            return self._conn
        if self._file is None or not self._file.is_file() or self._file.stat().st_size == 0:
            return None
        try:
            conn = sqlite3.connect(
                self._file.resolve().as_uri() + "?mode=rw",
                uri=True,
                timeout=30,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error:
            return None
        try:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            found = None
        if not found or found[0] != SCHEMA_REVISION:
            conn.close()
            return None  # the store reports it properly (or creates the schema)
        self._conn = conn
        return conn

    def state(self) -> tuple[str, int]:
        """The database's (instance id, revision), read now."""
        return _state(self._query("SELECT key, value FROM meta WHERE key IN ('revision', 'instance')", {}))

    def _query(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Rows of one read-only SELECT (named ``:params``), through sqlite3 when possible."""
        with self._lock:
            conn = self._sqlite()
            if conn is not None:
                try:
                    return [tuple(row) for row in conn.execute(sql, params).fetchall()]
                except sqlite3.Error:
                    pass
            store = self.store()
        return store.select(sql, params)

    def changes(self, after: int, upto: int) -> set[str] | None:
        """The concepts written by revisions ``after`` (excluded) to ``upto``, or ``None``
        when that is unknown (a bulk write, pruned or unrecorded revisions) or more than
        ``OVERLAY_LIMIT``."""
        if upto - after > OVERLAY_LIMIT:
            return None
        cap = OVERLAY_LIMIT + (upto - after) + 1
        rows = self._query(
            "SELECT DISTINCT revision, concept_id FROM revision_changes "
            "WHERE revision > :lo AND revision <= :hi LIMIT :cap",
            {"lo": after, "hi": upto, "cap": cap},
        )
        if len(rows) >= cap or any(cid is None for _, cid in rows):
            return None
        if {int(rev) for rev, _ in rows} != set(range(after + 1, upto + 1)):
            return None  # revisions with no record: written by older code, or pruned
        ids = {str(cid) for _, cid in rows if cid}
        return ids if len(ids) <= OVERLAY_LIMIT else None

    # -- the index ----------------------------------------------------------------------

    def _notice_if_stale(self) -> None:
        """Say once, on stderr, when the glossary CSV differs from the one this database last
        merged (a newer shipped glossary after an update): ``glossary db sync`` merges it."""
        self._stale_checked = True
        sql = "SELECT value FROM meta WHERE key = 'terms_sha256'"
        try:
            conn = self._sqlite()
            if conn is not None:
                row = conn.execute(sql).fetchone()
            else:
                rows = self.store().select(sql, {})
                row = rows[0] if rows else None
            path = settings.shipped_terms_path()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
            stale = row is not None and digest is not None and row[0] != digest
        except Exception:  # a notice must never stop a lookup; 'glossary db status' says more
            return
        if stale:
            log.warning(
                "Note: %s is newer than the glossary in the database: "
                "run 'glossary db sync' to merge it (your own edits are kept).",
                path,
            )

    def current(self) -> SearchIndex:
        """The index of the database as it is now: the loaded one, patched with the concepts
        written since (``SearchIndex.update``), or a newer saved one, or rebuilt.  When a
        bulk revision needs a rebuild and an index is loaded, the loaded one answers while
        the rebuild runs in the background (``background``).  With ``recheck_s``, the
        revision read less than that long ago stands unless this process wrote since."""
        current = self._index
        now = time.monotonic()
        written = writes.count()
        if self.recheck_s > 0 and current is not None and not self._saved:
            when, seen = self._checked
            if written == seen and now - when < self.recheck_s:
                return current
        state = self.state()
        self._checked = (now, written)  # the count before the read: a later write reads again
        if current is not None and state == self._state and not self._saved:
            return current
        if not self._stale_checked:
            self._notice_if_stale()
        with self._lock:
            if self._index is not None and state == self._state and not self._saved:
                return self._index
            if self._index is not None and self._rebuilding():
                return self._index  # the previous revision answers until the rebuild is done
            self._saved = False
            index = self._follow(state)
            if index is None:
                same_db = self._state is not None and self._state[0] == state[0]
                if self._index is not None and self.background and same_db:
                    self._save_later(state, replace=True)
                    return self._index
                index = self._build_shared(state)
            self._index, self._state = index, state
            self.ready.set()
            return index

    def prepare(self) -> SearchIndex:
        """Bring the index to the database's revision now (load, follow, wait for another
        process's build, or build) and set ``ready``: before a server takes traffic, and
        after a bulk write (``db sync``, import)."""
        with self._lock:
            state = self.state()
            if self._index is None or state != self._state or self._saved:
                self._saved = False
                index = self._follow(state) or self._build_shared(state)
                self._index, self._state = index, state
            self.ready.set()
            return self._index

    def prepare_in_background(self) -> threading.Thread:
        """``prepare()`` in a daemon thread (the app factory: the server answers ``/health``
        with "starting" meanwhile), after loading the tables that patching a write in needs
        (``preload_build_tables``), so that a server which mapped its index follows the first
        write as fast as the next.  A failure is logged; requests then build on demand."""

        def run() -> None:
            started = time.perf_counter()
            try:
                preload_build_tables()
                index = self.prepare()
                how = "built" if self.builds else "loaded"
                log.info(
                    "Search index %s: %d concepts, revision %s (%.1f s).",
                    how,
                    len(index),
                    index.meta.get("revision"),
                    time.perf_counter() - started,
                )
            except Exception:  # noqa: BLE001 - logged; the first request tries again and reports it
                log.exception("building the search index at start-up failed")
                return
            try:
                self._warm_follow(index)
            except Exception:  # noqa: BLE001 - only a warm-up: the first write is followed anyway, slower
                log.debug("warming the follow path at start-up failed", exc_info=True)

        thread = threading.Thread(target=run, name="glossary-index-prepare", daemon=True)
        thread.start()
        self._preparing = thread
        return thread

    def _warm_follow(self, index: SearchIndex) -> None:
        """Follow one stored concept into a throwaway copy of ``index`` and search it, so that
        the first real write this server follows costs what the next ones do: at 1 M concepts
        on PostgreSQL the first patch took 52 ms and the first search after it 12 ms, later
        ones 8-10 ms and 0.5 ms (code paths and pages touched once)."""
        rows = self._query("SELECT id FROM concepts ORDER BY id LIMIT 1", {})
        if rows:
            copy = index.patched([str(rows[0][0])], self._current_concepts, payload=concept_payload)
            copy.search(str(rows[0][0]), limit=1)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a start-up preparation or a background rebuild to finish (tests, shutdown)."""
        for thread in (getattr(self, "_preparing", None), self._saving):
            if thread is not None and thread.is_alive():
                thread.join(timeout)
        return not self._rebuilding()

    def _rebuilding(self) -> bool:
        return self._saving is not None and self._saving.is_alive() and self._replacing

    def derived(self, name: str, make: Callable[[SearchIndex], T]) -> T:
        """``make(index)`` for the current index, made once per index (so once per revision):
        structures built from the index (``glossary.scan``'s automaton) follow writes as
        the index does.  ``name`` keeps different structures apart."""
        index = self.current()
        found = self._derived.get(name)
        if found is not None and found[0] is index:
            return found[1]
        value = make(index)
        with self._lock:
            self._derived[name] = (index, value)
        return value

    def _follow(self, state: tuple[str, int]) -> SearchIndex | None:
        """The index at ``state`` without a full build: from the newest saved index of this
        database (when newer than the loaded one) or the loaded one, plus an overlay of the
        concepts written since; ``None`` when too much (or an unknown set) changed."""
        instance, revision = state
        current = self._index if self._state is not None and self._state[0] == instance else None
        base_revision = int(current.meta.get("revision", -1)) if current is not None else -1
        saved = self._newest_saved(state, newer_than=base_revision)
        if saved is not None:
            start, since = saved, int(saved.meta["revision"])
            if since == revision:
                self.loads += 1
                return saved
        elif current is not None and self._state is not None and self._state[1] < revision:
            start, since = current, self._state[1]
        else:
            return None
        changed = self.changes(since, revision)
        if changed is None:
            return None
        if start.overlay_size() + len(changed) > OVERLAY_LIMIT and len(changed) > PATCH_ALWAYS:
            return None
        index = start.patched(changed, self._current_concepts, payload=concept_payload)
        if changed:
            index.meta["sources"] = self._sources()
        if saved is not None:
            self.loads += 1
        self.updates += 1
        if index.overlay_size() >= SAVE_AFTER:
            self._save_later(state)
        return index

    def _current_concepts(self, ids: list[str]) -> dict[str, Concept]:
        return self.store().get_concepts(ids)

    def _sources(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._query("SELECT id, file_name FROM sources", {})}

    def _path(self, state: tuple[str, int]) -> Path:
        return index_dir() / f"{self._stem(state[0])}-r{state[1]}-v{FORMAT_VERSION}{INDEX_SUFFIX}"

    def _stem(self, instance: str) -> str:
        where = str(self._file.resolve()) if self._file is not None else self.url
        return hashlib.sha256(f"{where}\n{instance}".encode()).hexdigest()[:16]

    def _newest_saved(self, state: tuple[str, int], newer_than: int) -> SearchIndex | None:
        """The saved index of this database with the highest revision in
        (``newer_than``, the current revision], loaded; ``None`` if there is none."""
        instance, revision = state
        found = []
        suffix = f"-v{FORMAT_VERSION}{INDEX_SUFFIX}"
        for path in index_dir().glob(f"{self._stem(instance)}-r*{suffix}"):
            try:
                rev = int(path.name[: -len(suffix)].rsplit("-r", 1)[1])
            except ValueError:
                continue
            if newer_than < rev <= revision:
                found.append((rev, path))
        for rev, path in sorted(found, reverse=True):
            try:
                index = SearchIndex.load(path)
            except BadInput:
                continue  # damaged, or removed meanwhile
            if index.meta.get("revision") == rev and index.meta.get("instance") == instance:
                return index
        return None

    def _saved_at(self, state: tuple[str, int]) -> SearchIndex | None:
        """The saved index of exactly ``state``, if another process wrote it."""
        path = self._path(state)
        if not path.is_file():
            return None
        try:
            index = SearchIndex.load(path)
        except BadInput:
            return None
        return index if index.meta.get("instance") == state[0] else None

    def _build_shared(self, state: tuple[str, int]) -> SearchIndex:
        """The index at ``state``, built by one process of the data directory at a time:
        the one holding the build lock builds; the others wait for its file (or for the
        lock to be free) and map it, or follow the file it wrote from there."""
        try:
            lock = index_dir() / f"{self._stem(state[0])}.building"
        except OSError:
            return self._build(state)  # no index folder: build into a temporary file
        deadline = time.monotonic() + BUILD_WAIT_S
        while True:
            saved = self._saved_at(state)
            if saved is not None:
                self.loads += 1
                return saved
            if _take_lock(lock):
                try:
                    saved = self._saved_at(state)  # finished just before the lock was taken
                    if saved is not None:
                        self.loads += 1
                        return saved
                    return self._build(state)
                finally:
                    with contextlib.suppress(OSError):
                        lock.unlink()
            if time.monotonic() > deadline:
                return self._build(state)  # the other build hangs: do without it
            time.sleep(POLL_S)
            followed = self._follow(self.state()) if not lock.exists() else None
            if followed is not None:  # the other process built a revision close to this one
                return followed

    def _build(self, state: tuple[str, int]) -> SearchIndex:
        """Build the index from one snapshot of the database (its revision and its concepts
        read in one transaction, in batches), written to its file in the index folder."""
        from glossary.snapshot import read_snapshot  # lazy: SQLAlchemy, only to build

        with read_snapshot(self.store()) as snapshot:
            state = snapshot.state
            meta = {"revision": state[1], "instance": state[0], "sources": snapshot.files}
            path = self._path(state)
            try:
                index = SearchIndex.build(snapshot.concepts(), path=path, meta=meta, payload=concept_payload)
            except OSError:  # no writable index folder: keep this index in a temporary file
                index = SearchIndex.build(snapshot.concepts(), meta=meta, payload=concept_payload)
            else:
                _remove_older(path)
        self.builds += 1
        return index

    # -- building in the background -----------------------------------------------------

    def _save_later(self, state: tuple[str, int], replace: bool = False) -> None:
        """Build and save the index at the database's revision in a background thread
        (``background``; else now): so that fresh processes need no long overlay, or
        (``replace``) to take over from the loaded index after a bulk revision, which
        answers meanwhile.  One process of the data directory at a time (the build lock);
        the next ``current()`` call picks the saved file up."""
        if self._saving is not None and self._saving.is_alive():
            return
        self._replacing = replace
        builder = LiveIndex(self.url, self._open_store)  # its own connections: this one keeps answering

        def run() -> None:
            try:
                built = builder._build_shared(builder.state())
                self.saves += 1
                if replace:
                    self.builds += builder.builds
                    with self._lock:
                        built_state = builder._state_of(built)
                        if self._state is None or built_state[1] >= self._state[1]:
                            self._index, self._state = built, built_state
                else:
                    self._saved = True  # the next ``current()`` maps it (and drops the overlay)
            except Exception:  # noqa: BLE001 - best effort: the loaded index keeps answering
                log.exception("building the search index in the background failed")
            finally:
                builder.close()

        if not self.background:
            run()
            return
        self._saving = threading.Thread(target=run, name="glossary-index-build", daemon=True)
        self._saving.start()

    @staticmethod
    def _state_of(index: SearchIndex) -> tuple[str, int]:
        return str(index.meta.get("instance") or ""), int(index.meta.get("revision") or 0)


def preload_build_tables() -> None:
    """Load what building an index (or an overlay of a few written concepts) reads besides
    the concepts: pypinyin's table and OpenCC's Traditional-to-Simplified one.  Loaded on
    first use otherwise: 1-4 s on the first write a server follows after mapping its index
    (measured with ``benchmarks/bench_follow.py --serve``), while a built index has them."""
    pinyin_table()
    t2s_table()


def _state(rows: Any) -> tuple[str, int]:
    values = dict(rows)
    try:
        revision = int(values.get("revision") or 0)
    except ValueError:
        revision = 0
    return str(values.get("instance") or ""), revision


def _take_lock(lock: Path) -> bool:
    """Create ``lock`` (holding this process's id) unless another live process holds it."""
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                pid = int(lock.read_text() or 0)
                stale = time.time() - lock.stat().st_mtime > LOCK_STALE_S or not _alive(pid)
            except (OSError, ValueError):
                stale = True
            if not stale:
                return False
            with contextlib.suppress(OSError):
                lock.unlink()
            continue
        except OSError:
            return False
        with os.fdopen(fd, "w") as out:
            out.write(str(os.getpid()))
        return True
    return False


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _remove_older(path: Path) -> None:
    """Other index files of the same database (older revisions); best effort."""
    stem = path.name.split("-r", 1)[0]
    for other in path.parent.glob(f"{stem}-r*{INDEX_SUFFIX}"):
        if other != path:  # may be in use (Windows) or already removed by another process
            with contextlib.suppress(OSError):
                other.unlink()
