"""CSV exchange: the ``data/terms.csv`` format (``glossary.terms_csv``), streamed both ways.

Export writes UTF-8, one concept per row, optionally with the byte-order mark Excel
needs to recognise UTF-8 (``--excel``). Import reads the file line by line (a
1,000,000-row file never sits in memory), validates every row through
``terms_csv`` (``concept_from_row``; for large files in helper processes, so validation
overlaps with the database writes), each row an entry of ``common.entry`` (so an unknown
language tag refuses only its row under ``--continue``) and, when a line is not
UTF-8, says so and where, and whether the file looks like Big5 (what Excel on a
Taiwanese Windows machine saves).
"""

from __future__ import annotations

import codecs
import csv
import io
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Iterable
from collections.abc import Iterator
from concurrent.futures import Executor
from concurrent.futures import Future
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any
from typing import BinaryIO

from glossary.cells import as_written
from glossary.errors import BadInput
from glossary.errors import ConfigError
from glossary.errors import quoted
from glossary.exchange import plain
from glossary.exchange.common import Incoming
from glossary.exchange.common import Refused
from glossary.exchange.common import check_readable
from glossary.exchange.common import entry
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.records import Concept
from glossary.records import flatten
from glossary.terms_csv import REQUIRED_COLUMNS
from glossary.terms_csv import UTF16
from glossary.terms_csv import check_unique
from glossary.terms_csv import concept_from_row
from glossary.terms_csv import encoding_hint
from glossary.terms_csv import parse_concepts
from glossary.terms_csv import read_rows
from glossary.terms_csv import write_concepts

ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "big5": "cp950", "cp950": "cp950"}
BIG5_HINT = (
    " It looks like Big5 (cp950), as Excel saves CSV on a Traditional Chinese Windows: "
    "save it as 'CSV UTF-8' in Excel, or import it with --encoding big5."
)


def write_csv(concepts: Iterable[Concept], out: BinaryIO, *, excel: bool = False) -> int:
    """Write the glossary CSV (header first) to a binary stream; returns the row count."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        return write_concepts(concepts, text, bom=excel, for_people=True)
    finally:
        text.detach()  # leave ``out`` open for the caller


def read_csv(
    path: Path,
    *,
    encoding: str = "utf-8",
    progress: Progress = NO_PROGRESS,
    workers: int | None = 0,
    keep_going: bool = False,
) -> Iterator[Incoming | Refused]:
    """Yield every row of a glossary CSV as an ``Incoming`` concept; BadInput on the first bad row
    (``keep_going``: a row the glossary refuses, ``common.entry``, is yielded as ``Refused``).

    With ``workers`` (None: one fewer than the CPUs, at most 4, for files of
    ``PARALLEL_MIN_BYTES`` or more) the rows are decoded and validated in helper processes
    while the caller writes the database; the result, and every message, is the same.
    The helpers are started with "spawn", which imports the calling program's main module
    again: a script must keep its top-level code under ``if __name__ == "__main__":`` (the
    ``glossary`` command does). They end with the calling process, however it ends (even
    killed with ``kill -9``: ``_end_with_parent``), and so does the resource tracker that
    multiprocessing starts beside them.
    """
    path = Path(path)
    codec = ENCODINGS.get(encoding.lower().replace("_", "-"))
    if codec is None:
        raise BadInput(f"unknown encoding {quoted(encoding)}; expected utf-8 or big5")
    size = check_readable(path)
    progress.start(size)
    name = str(path)
    if workers is None:
        workers = max(0, min(4, (os.cpu_count() or 1) - 1)) if size >= PARALLEL_MIN_BYTES else 0
    with open(path, "rb") as raw:
        if encoding_hint(raw.read(4096)) == UTF16:  # UTF-16 text can be valid UTF-8 (NUL bytes)
            raise BadInput(f"{name}: not UTF-8.{UTF16}")
        raw.seek(0)
        first = _first_row(raw.readline(), codec)
        plan = plain.plan_for(first, name)
        raw.seek(0)
        if plan is not None:
            yield from _read_plain(raw, name, codec, progress, plan)
            return
        missing = [c for c in REQUIRED_COLUMNS if c not in first]
        if any(first) and missing and not set(plain.OURS) & set(first):  # neither ours nor plain
            raise BadInput(
                f"{name}: missing column {', '.join(repr(c) for c in missing)} in the header row{plain.HINT}"
            )
        pool = _pool(workers) if workers > 0 else None
        if pool is None:
            lines = DecodedLines(raw, name, codec, progress)
            seen: set[str] = set()
            try:
                for where, row in read_rows(lines, name):  # type: ignore[arg-type]
                    concept = entry(where, partial(concept_from_row, row, where), keep_going)
                    if isinstance(concept, Refused):
                        yield concept
                        continue
                    check_unique(concept.id, seen, where)
                    yield Incoming(concept, where)
            except csv.Error as exc:
                raise BadInput(f"{name}: line {lines.line}: malformed CSV ({csv_problem(exc)})") from None
            return
        produced = 0
        try:
            for item in _read_parallel(raw, name, codec, progress, pool, workers, keep_going):
                produced += 1
                yield item
        except BrokenProcessPool:
            if produced:
                raise ConfigError(
                    f"{name}: the helper processes reading the file stopped; import it with --workers 0"
                ) from None
            # The helpers could not start (e.g. an embedded Python): read the file here instead.
            yield from read_csv(
                path, encoding=encoding, progress=NO_PROGRESS, workers=0, keep_going=keep_going
            )
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _first_row(data: bytes, codec: str) -> list[str]:
    """The cells of a CSV's first line (for telling a plain glossary from ours)."""
    text = data.removeprefix(codecs.BOM_UTF8).decode(codec, errors="replace")
    try:
        return next(csv.reader([text]), [])
    except csv.Error:
        return []


def _read_plain(
    raw: BinaryIO, name: str, codec: str, progress: Progress, plan: plain.Plan
) -> Iterator[Incoming]:
    """The rows of a plain glossary (``exchange.plain``) as Incoming concepts."""
    lines = DecodedLines(raw, name, codec, progress)
    reader = csv.reader(lines)
    try:
        for cells in reader:
            if plan.header and reader.line_num == 1:
                continue
            where = f"{name}: row {reader.line_num}"
            concept = plan.concept([as_written(c) for c in cells], where)
            if concept is not None:
                yield Incoming(concept, where)
    except csv.Error as exc:
        raise BadInput(f"{name}: line {lines.line}: malformed CSV ({csv_problem(exc)})") from None


# ---------------------------------------------------------------- parallel validation

PARALLEL_MIN_BYTES = 8 * 1024 * 1024
_RECORDS_PER_TASK = 2000
_MAX_RECORD_BYTES = 16 * 1024 * 1024

Chunk = tuple[int, int, bytes]  # first line number, byte offset, whole records


def _pool(workers: int) -> Executor | None:
    """A process pool, or None where processes cannot be started (then rows are read here)."""
    try:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with_parent
        )
    except (OSError, NotImplementedError, ImportError, ValueError):
        return None


def _end_with_parent() -> None:
    """In a helper process: end it as soon as the process that started it is gone.

    A helper waits for work on a queue whose pipe it holds both ends of, so its parent's
    death (``kill -9`` gives it no chance to stop its helpers) would never reach it; the
    resource tracker in turn lives as long as any helper. A daemon thread waits on the
    parent's sentinel (readable, or signalled on Windows, once the parent is gone) instead."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="glossary-end-with-parent", daemon=True).start()


def _records(
    raw: BinaryIO, name: str, progress: Progress, per_chunk: int, line: int = 0, offset: int = 0
) -> Iterator[Chunk]:
    """The file's bytes in pieces of ``per_chunk`` whole CSV records, without decoding them.

    A record ends at the first line break after an even number of double quotes (a quoted
    cell may hold line breaks; a quote inside one is doubled). Neither UTF-8 nor Big5 uses
    the bytes of a quote or a line break inside a character, so this is safe undecoded.
    """
    start_line, start_offset = line + 1, offset  # ``line`` lines, ``offset`` bytes already read
    parts: list[bytes] = []
    records = quotes = record_bytes = 0
    record_line = start_line
    for data in raw:
        line += 1
        if not quotes:
            record_line = line
        offset += len(data)
        progress.advance(len(data))
        parts.append(data)
        quotes += data.count(b'"')
        record_bytes += len(data)
        if quotes % 2:
            if record_bytes > _MAX_RECORD_BYTES:
                raise BadInput(
                    f"{name}: line {line}: a quoted cell runs on for {record_bytes:,} bytes (a missing '\"'?)"
                )
            continue
        records += 1
        quotes = record_bytes = 0
        if records >= per_chunk:
            yield start_line, start_offset, b"".join(parts)
            parts, records = [], 0
            start_line, start_offset = line + 1, offset
    if quotes % 2:
        raise BadInput(unclosed_quote(name, record_line))
    if parts:
        yield start_line, start_offset, b"".join(parts)


def _read_parallel(
    raw: BinaryIO, name: str, codec: str, progress: Progress, pool: Executor, workers: int, keep_going: bool
) -> Iterator[Incoming | Refused]:
    chunks = _records(raw, name, progress, 1)
    first = next(chunks, None)
    header_text = "".join(_decode_lines(name, codec, *first)) if first else ""
    # The header's checks (empty file, missing columns) are parse_concepts' own.
    list(parse_concepts(io.StringIO(header_text, newline=""), name))
    header = next(csv.reader(io.StringIO(header_text, newline="")))
    chunks = _records(
        raw, name, progress, _RECORDS_PER_TASK, header_text.count("\n"), len(first[2]) if first else 0
    )
    pending: deque[Future[list[tuple[int, tuple[Any, ...] | Refused]]]] = deque()
    seen: set[str] = set()

    def results(future: Future[list[tuple[int, tuple[Any, ...] | Refused]]]) -> Iterator[Incoming | Refused]:
        for line, flat in future.result():
            if isinstance(flat, Refused):
                yield flat
                continue
            where = f"{name}: row {line}"
            check_unique(flat[0], seen, where)
            yield Incoming(None, where, flat=flat)

    for start_line, offset, blob in chunks:
        task = (name, codec, header, start_line, offset, blob, keep_going)
        pending.append(pool.submit(_validate_chunk, *task))
        if len(pending) > 2 * workers:
            yield from results(pending.popleft())
    while pending:
        yield from results(pending.popleft())


def _decode_lines(name: str, codec: str, first_line: int, offset: int, blob: bytes) -> Iterator[str]:
    """The lines of ``blob`` decoded, with DecodedLines' messages for a line that is not ``codec``."""
    pieces = blob.split(b"\n")
    last = len(pieces) - 1
    for n, piece in enumerate(pieces):
        data = piece if n == last else piece + b"\n"
        if not data:
            continue
        if first_line == 1 and n == 0 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
            offset += len(codecs.BOM_UTF8)
        try:
            yield data.decode(codec)
        except UnicodeDecodeError as exc:
            raise BadInput(decode_error(name, first_line + n, codec, data, offset, exc)) from None
        offset += len(data)


def _validate_chunk(
    name: str, codec: str, header: list[str], first_line: int, offset: int, blob: bytes, keep_going: bool
) -> list[tuple[int, tuple[Any, ...] | Refused]]:
    """In a helper process: decode, split and validate whole records (``terms_csv.concept_from_row``),
    returned as plain tuples, which cross the process boundary far faster than dataclasses (a row
    refused under ``keep_going``, ``common.entry``, as its ``Refused``)."""
    out: list[tuple[int, tuple[Any, ...] | Refused]] = []
    reader = csv.reader(_decode_lines(name, codec, first_line, offset, blob))
    try:
        for cells in reader:
            if not cells:
                continue  # csv.DictReader skips blank lines too
            where = f"{name}: row {first_line - 1 + reader.line_num}"
            if len(cells) > len(header):
                raise BadInput(f"{where}: more cells than header columns")
            row: dict[str, str | None] = dict(zip(header, cells, strict=False))
            concept = entry(where, partial(concept_from_row, row, where), keep_going)
            line = first_line - 1 + reader.line_num
            out.append((line, concept if isinstance(concept, Refused) else flatten(concept)))
    except csv.Error as exc:
        raise BadInput(
            f"{name}: line {first_line - 1 + reader.line_num}: malformed CSV ({csv_problem(exc)})"
        ) from None
    return out


def unclosed_quote(name: str, line: int) -> str:
    return (
        f"{name}: line {line}: a quoted cell is never closed (a '\"' is missing), "
        "so the rest of the file would become one cell"
    )


def csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in the user's terms (without its advice to the programmer)."""
    text = str(exc)
    if "new-line character seen in unquoted field" in text:
        return "a line break inside a cell that is not quoted"
    if "field larger than field limit" in text:
        return "a cell longer than the largest allowed"
    return text.split(" - ")[0]


def decode_error(name: str, line: int, codec: str, data: bytes, start: int, exc: UnicodeDecodeError) -> str:
    """The message for a line that is not ``codec``; for UTF-8, whether it looks like Big5."""
    where = f"{name}: line {line}"
    if codec != "utf-8":
        return f"{where}: not valid {codec} at byte {start + exc.start}"
    hint = encoding_hint(data)
    if hint == UTF16:
        return f"{name}: not UTF-8.{hint}"
    if hint:
        hint = BIG5_HINT
    return f"{where}: invalid UTF-8 at byte {start + exc.start}.{hint}"


class DecodedLines:
    """Text lines of a binary file, decoded one at a time, counting lines for messages.

    Splitting on the byte ``\\n`` is safe before decoding: neither UTF-8 nor Big5 uses
    that byte inside a character. The csv module reads only the lines a record needs,
    so after a row is parsed ``line`` is the line it ended on.
    """

    def __init__(self, raw: BinaryIO, name: str, codec: str, progress: Progress) -> None:
        self.raw = raw
        self.name = name
        self.codec = codec
        self.progress = progress
        self.line = 0
        self.offset = 0
        self.open_quote = False  # inside a quoted cell that goes on past this line
        self.record_line = 1

    def __iter__(self) -> DecodedLines:
        return self

    def __next__(self) -> str:
        data = self.raw.readline()
        if not data:
            if self.open_quote:
                raise BadInput(unclosed_quote(self.name, self.record_line))
            raise StopIteration
        self.line += 1
        if not self.open_quote:
            self.record_line = self.line
        if data.count(b'"') % 2:
            self.open_quote = not self.open_quote
        start = self.offset
        self.offset += len(data)
        self.progress.advance(len(data))
        if self.line == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
            start += len(codecs.BOM_UTF8)
        try:
            return data.decode(self.codec)
        except UnicodeDecodeError as exc:
            raise BadInput(decode_error(self.name, self.line, self.codec, data, start, exc)) from None
