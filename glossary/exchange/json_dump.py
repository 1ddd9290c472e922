"""The JSON dump: every concept, term, definition, citation and source, restorable exactly.

Layout (UTF-8, keys in a fixed order, nothing volatile such as timestamps, so that
dump -> restore into an empty database -> dump gives the same bytes)::

    {"format":"glossary-dump","version":1,
    "sources":[
    {"id":…,"file_name":…,"title":…,"issuing_body":…,"date":…},
    …],
    "concepts":[
    {"id":…,"kind":…,"subject":…,"issuing_body":…,"note":…,"review_status":…,"version":…,
     "origin_hash":…,"terms":[…],"definitions":[…],"citations":[…]},
    …]}

one source or concept per line, concepts in id order. The reader streams: it parses
the top-level object key by key and the ``concepts`` array one element at a time, so
a dump of a million concepts is never held in memory; any key order is accepted.
"""

from __future__ import annotations

import codecs
import itertools
import json
import math
from collections.abc import Iterable
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from typing import BinaryIO

from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.exchange.common import Incoming
from glossary.exchange.common import Refused
from glossary.exchange.common import SourceInfo
from glossary.exchange.common import check_readable
from glossary.exchange.common import entry
from glossary.ids import is_valid_id
from glossary.languages import canonical_lang
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.terms_csv import UTF16
from glossary.terms_csv import encoding_hint
from glossary.validate import check_choice
from glossary.validate import check_text

FORMAT = "glossary-dump"
VERSION = 1
SOURCE_FIELDS = ("id", "file_name", "title", "issuing_body", "date")
CONCEPT_FIELDS = (
    "id",
    "kind",
    "subject",
    "issuing_body",
    "note",
    "review_status",
    "version",
    "origin_hash",
    "terms",
    "definitions",
    "citations",
)
TERM_FIELDS = ("text", "lang", "type", "status", "note", "confidence", "letter_agreement")
DEFINITION_FIELDS = ("text", "lang", "citation")
CITATION_FIELDS = ("doc", "line", "section", "quote", "term")
MAX_VALUE_CHARS = 16 * 1024 * 1024  # one concept (or the sources list) larger than this is refused
_CHUNK = 1024 * 1024


# ---------------------------------------------------------------- writing


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def citation_dict(citation: Citation) -> dict[str, Any]:
    return {
        "doc": citation.doc,
        "line": citation.line,
        "section": citation.section,
        "quote": citation.quote,
        "term": citation.term,
    }


def concept_dict(concept: Concept, origin_hash: str | None) -> dict[str, Any]:
    """The dump's object for one concept (keys in the fixed order above)."""
    return {
        "id": concept.id,
        "kind": concept.kind,
        "subject": concept.subject,
        "issuing_body": concept.issuing_body,
        "note": concept.note,
        "review_status": concept.review_status,
        "version": concept.version,
        "origin_hash": origin_hash,
        "terms": [{name: getattr(t, name) for name in TERM_FIELDS} for t in concept.terms],
        "definitions": [
            {
                "text": d.text,
                "lang": d.lang,
                "citation": citation_dict(d.citation) if d.citation else None,
            }
            for d in concept.definitions
        ],
        "citations": [citation_dict(c) for c in concept.citations],
    }


def write_dump(
    items: Iterable[tuple[Concept, str | None]], sources: Iterable[SourceInfo], out: BinaryIO
) -> int:
    """Write the dump of ``(concept, origin_hash)`` pairs; returns the number of concepts."""

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    write(f'{{"format":"{FORMAT}","version":{VERSION},\n"sources":[')
    for n, source in enumerate(sources):
        write(("," if n else "") + "\n" + _dumps({name: getattr(source, name) for name in SOURCE_FIELDS}))
    write('],\n"concepts":[')
    count = 0
    for concept, origin_hash in items:
        write(("," if count else "") + "\n" + _dumps(concept_dict(concept, origin_hash)))
        count += 1
    write("]}\n")
    return count


# ---------------------------------------------------------------- reading


def read_dump(
    path: Path, *, progress: Progress = NO_PROGRESS, keep_going: bool = False
) -> Iterator[Incoming | SourceInfo | Refused]:
    """Yield the dump's sources and concepts (validated) in file order (``keep_going``: a concept
    the glossary refuses, ``common.entry``, is yielded as ``Refused``)."""
    path = Path(path)
    size = check_readable(path)
    progress.start(size)
    name = str(path)
    with open(path, "rb") as raw:
        stream = _JsonStream(raw, name, progress)
        stream.expect("{", 'a glossary dump (a JSON object with "format": "glossary-dump")')
        seen: set[str] = set()
        while True:
            if stream.peek() == "}" and not seen:
                stream.pos += 1
                break
            key = stream.value("a key")
            if not isinstance(key, str):
                raise BadInput(f"{name}: {stream.where()}: expected a key")
            if key in seen:
                raise BadInput(f"{name}: {stream.where()}: key {quoted(key)} appears twice")
            seen.add(key)
            stream.expect(":", "':'")
            if key == "concepts":
                yield from _read_concepts(stream, name, keep_going)
            elif key == "sources":
                yield from _read_sources(stream.value("the sources list"), name)
            elif key == "format":
                value = stream.value("the format")
                if value != FORMAT:
                    raise BadInput(
                        f"{name}: 'format' is {quoted(value)}, not a glossary dump ({quoted(FORMAT)})"
                    )
            elif key == "version":
                value = stream.value("the version")
                if value != VERSION:
                    raise BadInput(
                        f"{name}: dump version {quoted(value)}; this program reads version {VERSION}"
                    )
            else:
                raise BadInput(f"{name}: {stream.where()}: unknown key {quoted(key)} in a glossary dump")
            if stream.peek() == ",":
                stream.pos += 1
                continue
            stream.expect("}", "',' or '}'")
            break
        if stream.peek() != "":
            raise BadInput(f"{name}: {stream.where()}: unexpected text after the dump")
        missing = [k for k in ("format", "concepts") if k not in seen]
        if missing:
            raise BadInput(f"{name}: not a glossary dump: no {' or '.join(repr(k) for k in missing)} key")


def _read_concepts(stream: _JsonStream, name: str, keep_going: bool) -> Iterator[Incoming | Refused]:
    stream.expect("[", "the concepts list '['")
    if stream.peek() == "]":
        stream.pos += 1
        return
    ids: set[str] = set()
    for n in itertools.count():
        where = f"{name}: concepts[{n}]"
        data = stream.value(f"concept {n}")
        read = entry(where, partial(concept_from_dict, data, where), keep_going)
        if isinstance(read, Refused):
            yield read
        else:
            concept, origin_hash = read
            if concept.id in ids:
                raise BadInput(f"{where}: field 'id': duplicate id {quoted(concept.id)}")
            ids.add(concept.id)
            where_id = f"{where} (id {quoted(concept.id)})"
            yield Incoming(concept, where_id, origin_hash=origin_hash, exact=True)
        if stream.peek() == ",":
            stream.pos += 1
            continue
        stream.expect("]", "',' or ']' in the concepts list")
        return


def _read_sources(value: Any, name: str) -> Iterator[SourceInfo]:
    if not isinstance(value, list):
        raise BadInput(f"{name}: 'sources' must be a list")
    for n, item in enumerate(value):
        where = f"{name}: sources[{n}]"
        data = _object(item, where, SOURCE_FIELDS)
        yield SourceInfo(
            id=_text(data, "id", where, required=True),
            file_name=_text(data, "file_name", where, required=True),
            title=_text(data, "title", where) or None,
            issuing_body=_text(data, "issuing_body", where) or None,
            date=_text(data, "date", where) or None,
        )


def _object(value: Any, where: str, fields: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadInput(f"{where}: expected an object, got {type(value).__name__}")
    unknown = [k for k in value if k not in fields]
    if unknown:
        raise BadInput(f"{where}: unknown field {quoted(unknown[0])} (expected {', '.join(fields)})")
    return value


def _text(data: dict[str, Any], field: str, where: str, *, required: bool = False, label: str = "") -> str:
    value = data.get(field)
    label = label or field
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadInput(f"{where}: field '{label}' must be text or null, got {type(value).__name__}")
    return check_text(value, label, where, required=required)


def _number(data: dict[str, Any], field: str, where: str) -> float | None:
    value = data.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadInput(f"{where}: field '{field}' must be a number or null, got {quoted(value)}")
    return float(value)


def _citation(value: Any, where: str, label: str) -> Citation:
    data = _object(value, f"{where}: {label}", CITATION_FIELDS)
    line = data.get("line")
    if isinstance(line, bool) or not isinstance(line, int) or line < 1:
        raise BadInput(f"{where}: field '{label}.line' must be a positive whole number, got {quoted(line)}")
    return Citation(
        doc=_text(data, "doc", where, required=True, label=f"{label}.doc"),
        line=line,
        section=_text(data, "section", where, label=f"{label}.section"),
        quote=_text(data, "quote", where, label=f"{label}.quote"),
        term=_text(data, "term", where, label=f"{label}.term") or None,
    )


def _list(data: dict[str, Any], field: str, where: str) -> list[Any]:
    value = data.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput(f"{where}: field '{field}' must be a list")
    return value


def concept_from_dict(value: Any, where: str) -> tuple[Concept, str | None]:
    """A validated Concept (and its origin hash) from one element of the dump's ``concepts``."""
    data = _object(value, where, CONCEPT_FIELDS)
    concept_id = _text(data, "id", where, required=True)
    if not is_valid_id(concept_id):
        raise BadInput(
            f"{where}: field 'id': {quoted(concept_id)} is not a valid id (lower-case letters, digits, '-')"
        )
    where = f"{where} (id {quoted(concept_id)})"
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadInput(f"{where}: field 'version' must be a positive whole number, got {quoted(version)}")
    terms = []
    for n, item in enumerate(_list(data, "terms", where)):
        label = f"terms[{n}]"
        term = _object(item, f"{where}: {label}", TERM_FIELDS)
        terms.append(
            Term(
                text=_text(term, "text", where, required=True, label=f"{label}.text"),
                lang=canonical_lang(
                    _text(term, "lang", where, label=f"{label}.lang"), f"{where}: {label}.lang"
                ),
                type=check_choice(term.get("type") or "fullForm", f"{label}.type", TERM_TYPES, where),
                status=check_choice(
                    term.get("status") or "preferred", f"{label}.status", TERM_STATUSES, where
                ),
                note=_text(term, "note", where, label=f"{label}.note") or None,
                confidence=_number(term, "confidence", f"{where}: {label}"),
                letter_agreement=_number(term, "letter_agreement", f"{where}: {label}"),
            )
        )
    if not terms:
        raise BadInput(f"{where}: field 'terms' is empty: a concept needs at least one term")
    definitions = []
    for n, item in enumerate(_list(data, "definitions", where)):
        label = f"definitions[{n}]"
        definition = _object(item, f"{where}: {label}", DEFINITION_FIELDS)
        citation = definition.get("citation")
        definitions.append(
            Definition(
                text=_text(definition, "text", where, required=True, label=f"{label}.text"),
                lang=canonical_lang(
                    _text(definition, "lang", where, label=f"{label}.lang"), f"{where}: {label}.lang"
                ),
                citation=_citation(citation, where, f"{label}.citation") if citation is not None else None,
            )
        )
    citations = [
        _citation(item, where, f"citations[{n}]") for n, item in enumerate(_list(data, "citations", where))
    ]
    origin_hash = _text(data, "origin_hash", where) or None
    return (
        Concept(
            id=concept_id,
            kind=check_choice(data.get("kind") or "term", "kind", KINDS, where),
            terms=terms,
            definitions=definitions,
            citations=citations,
            subject=_text(data, "subject", where) or None,
            issuing_body=_text(data, "issuing_body", where) or None,
            note=_text(data, "note", where) or None,
            review_status=check_choice(
                data.get("review_status") or "approved", "review_status", REVIEW_STATUSES, where
            ),
            version=version,
        ),
        origin_hash,
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


class _JsonStream:
    """Top-level JSON values read one at a time from a file, through a refilled text buffer."""

    def __init__(self, raw: BinaryIO, name: str, progress: Progress) -> None:
        self.raw = raw
        self.name = name
        self.progress = progress
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.json = json.JSONDecoder(parse_constant=_reject_constant)
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.bytes_read = 0
        self.lines_before = 0  # newlines in the part of the file already dropped from ``buf``
        self.cut_column = 0  # column (0-based) in its line of the first character of ``buf``
        self.first = True

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.raw.read(_CHUNK)
        self.progress.advance(len(data))
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            if self.bytes_read == 0 and encoding_hint(data) == UTF16:
                raise BadInput(f"{self.name}: not UTF-8.{UTF16}") from None
            raise BadInput(
                f"{self.name}: invalid UTF-8 at byte {self.bytes_read + max(exc.start, 0)} "
                f"(after {self.where()})"
            ) from None
        self.bytes_read += len(data)
        if self.first:
            text = text.removeprefix("\ufeff")
            self.first = False
        self.buf += text
        if not data:
            self.eof = True
        return bool(text) or not self.eof

    def where(self, pos: int | None = None) -> str:
        """``line L, column C`` of ``pos`` in the buffer (default: the current position)."""
        pos = self.pos if pos is None else pos
        line = self.lines_before + self.buf.count("\n", 0, pos) + 1
        newline = self.buf.rfind("\n", 0, pos)
        column = pos - (newline + 1) + (self.cut_column if newline < 0 else 0) + 1
        return f"line {line}, column {column}"

    def peek(self) -> str:
        """The next non-blank character (not consumed), or '' at the end of the file."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str, what: str) -> None:
        found = self.peek()
        if found != char:
            got = repr(found) if found else "the end of the file"
            raise BadInput(f"{self.name}: {self.where()}: expected {what}, found {got}")
        self.pos += 1

    def _compact(self) -> None:
        """Drop the part of the buffer already parsed (only between values: positions move)."""
        if self.pos <= _CHUNK:
            return
        newlines = self.buf.count("\n", 0, self.pos)
        if newlines:
            self.lines_before += newlines
            self.cut_column = self.pos - (self.buf.rfind("\n", 0, self.pos) + 1)
        else:
            self.cut_column += self.pos
        self.buf = self.buf[self.pos :]
        self.pos = 0

    def value(self, what: str) -> Any:
        self._compact()
        if not self.peek():
            raise BadInput(f"{self.name}: {self.where()}: the file ends where {what} should be (truncated?)")
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._grow():
                    continue
                ends = exc.msg.startswith("Unterminated") or exc.pos >= len(self.buf.rstrip())
                hint = "; the file ends too early (truncated?)" if ends else ""
                raise BadInput(
                    f"{self.name}: {self.where(exc.pos)}: invalid JSON in {what} ({exc.msg}{hint})"
                ) from None
            except ValueError as exc:  # NaN / Infinity, a number of thousands of digits
                problem = str(exc).split(";")[0]  # not Python's advice (sys.set_int_max_str_digits)
                if "integer string conversion" in problem:
                    problem = "a number too long to be any field's value"
                raise BadInput(f"{self.name}: {self.where()}: invalid JSON in {what} ({problem})") from None
            if end == len(self.buf) and self._grow():
                continue  # a number may go on in the next chunk
            self.pos = end
            return value

    def _grow(self) -> bool:
        if len(self.buf) - self.pos > MAX_VALUE_CHARS:
            raise BadInput(
                f"{self.name}: {self.where()}: one value is larger than {MAX_VALUE_CHARS:,} characters "
                "(or the JSON is broken)"
            )
        before = len(self.buf)
        while not self.eof and len(self.buf) == before:
            self._fill()
        return len(self.buf) > before
