"""What every exchange format shares: the items readers yield, format names, limits, safe output.

Readers (``tbx``, ``csv_format``, ``xlsx``, ``json_dump``) turn a file into a stream of
``Incoming`` concepts (and, for the JSON dump, ``SourceInfo`` rows) that the importer
writes, each entry built through ``entry`` (which, for ``--continue``, turns an entry the
glossary refuses into a ``Refused`` item); writers turn a stream of ``Concept`` records
into bytes. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import TypeVar

from glossary.errors import BadInput
from glossary.languages import SIMPLIFIED
from glossary.languages import UnknownLanguage
from glossary.normalize import to_taiwan
from glossary.records import ZH
from glossary.records import Concept
from glossary.records import Term
from glossary.records import unflatten

EXPORT_FORMATS = ("tbx", "tbx3", "csv", "xlsx", "json")
IMPORT_FORMATS = ("tbx", "csv", "xlsx", "json")
BINARY_FORMATS = ("xlsx",)
SUFFIXES = {
    ".tbx": "tbx",
    ".xml": "tbx",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
}
# Largest file an import reads. XML and JSON are parsed as streams, so this bounds disk
# and time rather than memory; a 1,000,000-concept CSV is about 500 MB.
MAX_IMPORT_BYTES = 2 * 1024**3


class Incoming:
    """One concept read from a file, with where it came from (for messages).

    A reader may hand the concept over ``flat`` (plain tuples, see ``flatten``), as the CSV
    reader's helper processes do: tuples cross process boundaries quickly, the importer
    writes most concepts straight from them, and the ``Concept`` is only built if asked for.
    """

    __slots__ = ("_concept", "flat", "where", "origin_hash", "exact", "rows", "entry_id")

    def __init__(
        self,
        concept: Concept | None,
        where: str,
        origin_hash: str | None = None,
        exact: bool = False,
        *,
        flat: tuple[Any, ...] | None = None,
    ) -> None:
        self._concept = concept
        self.flat = flat if concept is None else None
        self.where = where
        # Set by the JSON dump only: restored exactly instead of starting at version 1.
        self.origin_hash = origin_hash
        self.exact = exact
        # The importer's prepared database rows (None: not prepared, or stale).
        self.rows: tuple[Any, ...] | None = None
        # The entry's id as the file gives it (set by the importer; kept as a source reference
        # when the concept gets another id here).
        self.entry_id = ""

    @property
    def concept(self) -> Concept:
        if self._concept is None:
            self._concept = unflatten(self.flat)  # type: ignore[arg-type]
            self.flat = None  # from now on the record is the truth (it may be changed)
        return self._concept

    @concept.setter
    def concept(self, value: Concept) -> None:
        self._concept = value
        self.flat = None

    @property
    def id(self) -> str:
        return self.flat[0] if self.flat is not None else self.concept.id

    @property
    def texts(self) -> list[str]:
        """The text of every term."""
        if self.flat is not None:
            return [t[0] for t in self.flat[7]]
        return [t.text for t in self.concept.terms]


@dataclass
class SourceInfo:
    """A report's metadata, as the JSON dump carries it."""

    id: str
    file_name: str
    title: str | None = None
    issuing_body: str | None = None
    date: str | None = None


@dataclass
class Refused:
    """An entry a reader refused but skipped (``import --continue``): where, and why."""

    where: str
    message: str


Item = Incoming | SourceInfo | Refused  # what a reader yields

T = TypeVar("T")


def entry(where: str, build: Callable[[], T], keep_going: bool) -> T | Refused:
    """One entry of a file, built by ``build``: the one rule of ``import --continue`` that every
    reader (TBX, CSV, XLSX, JSON) applies to each entry it reads.

    An entry the glossary must refuse (a language tag it does not know: ``UnknownLanguage``)
    stops the import (the error names the file and the entry), or with ``keep_going`` comes
    back as ``Refused`` (where, and why) for the importer to list while the rest comes in.
    Any other error in the entry stops the import either way."""
    try:
        return build()
    except UnknownLanguage as exc:
        if not keep_going:
            raise
        return Refused(where, str(exc))


def traditional(concept: Concept) -> Concept:
    """``concept`` with its Simplified forms (lang zh-Hans, other than variants) in Traditional
    (OpenCC s2twp, Taiwan phrasing) and each original kept as an admitted ``variant`` in
    zh-Hans; Simplified definitions become Traditional. Changed in place, and returned."""
    terms: list[Term] = [t for t in concept.terms if t.lang != SIMPLIFIED or t.type == "variant"]
    originals: list[Term] = []
    for term in concept.terms:
        if term in terms:
            continue
        converted = to_taiwan(term.text)
        if not any(t.text == converted and t.lang == ZH for t in terms):
            new = Term(converted, ZH, term.type, term.status, term.note)
            if new.status == "preferred" and any(
                t.status == "preferred" and t.lang == ZH and t.type == new.type for t in terms
            ):  # the entry names it in Traditional too: that stays the preferred form
                new.status, new.type = "admitted", "variant" if new.type == "fullForm" else new.type
            terms.append(new)
        if converted != term.text:
            originals.append(Term(term.text, SIMPLIFIED, "variant", "admitted"))
    concept.terms = terms + [t for t in originals if t not in terms]
    for definition in concept.definitions:
        if definition.lang == SIMPLIFIED:
            definition.text, definition.lang = to_taiwan(definition.text), ZH
    return concept


def format_for(path: Path, given: str | None) -> str:
    """The import format: ``given`` (tbx3 means tbx), else from the file name's suffix."""
    if given:
        fmt = "tbx" if given == "tbx3" else given
        if fmt not in IMPORT_FORMATS:
            raise BadInput(f"unknown format {given!r}; expected one of {', '.join(IMPORT_FORMATS)}")
        return fmt
    guessed = SUFFIXES.get(path.suffix.lower())
    if guessed is None:
        raise BadInput(
            f"{path}: cannot tell the format from the name; give --format ({', '.join(IMPORT_FORMATS)})"
        )
    return guessed


def check_readable(path: Path, limit: int = MAX_IMPORT_BYTES) -> int:
    """The file's size, or BadInput when it is missing, not a file, or over ``limit``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    if not path.is_file():
        raise BadInput(f"{path}: not a file")
    if size > limit:
        raise BadInput(f"{path}: {size:,} bytes is more than the {limit:,}-byte limit for an import")
    return size


_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_illegal(text: str) -> str | None:
    """The first character XML 1.0 cannot hold (e.g. U+FFFE), or None."""
    match = _XML_ILLEGAL.search(text)
    return match.group() if match else None
