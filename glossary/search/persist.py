"""The index file: aligned raw arrays written as they are built, memory-mapped on load.

Layout: 8-byte magic; each array's bytes at a 64-byte aligned offset; a JSON footer (the
index's metadata plus, for every array, its dtype, shape and offset); the footer's length
(8 bytes, little-endian) and the magic again.  Because the footer comes last, the builder
streams every finished array to the file and frees it (``IndexWriter``), so building never
holds the whole index in memory.  ``load_arrays`` maps the file read-only, pre-faulting its
pages by default, and wraps the arrays with ``numpy.frombuffer`` without copying, so
loading costs milliseconds and the pages are shared between processes (gunicorn workers)
that map the same file.  Files are written beside their target and renamed over it, so a
reader never sees half a file.
"""

from __future__ import annotations

import json
import mmap
import struct
import tempfile
from pathlib import Path
from typing import IO
from typing import Any

import numpy as np

from glossary.atomic import AtomicFile
from glossary.atomic import atomic_write
from glossary.errors import BadInput

MAGIC = b"GLSIDX04"
FORMAT_VERSION = 6  # of the index's content (``info["format"]``); bump when the arrays change
_ALIGN = 64


def _pad(n: int) -> int:
    return (-n) % _ALIGN


class IndexWriter:
    """Streams arrays to an index file (``path``) or to an anonymous temporary file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.target: AtomicFile | None = None
        self.file: IO[bytes]
        if self.path is not None:
            self.target = AtomicFile(self.path)  # renamed into place by finish, kept open to map
            self.file = self.target.file
        else:
            self.file = tempfile.TemporaryFile(prefix="glossary-index-")  # noqa: SIM115 - closed in finish
        self.file.write(MAGIC)
        self.entries: dict[str, dict[str, Any]] = {}

    def put(self, name: str, arr: np.ndarray) -> None:
        arr = np.ascontiguousarray(arr)
        f = self.file
        f.write(b"\0" * _pad(f.tell()))
        self.entries[name] = {"dtype": arr.dtype.str, "shape": list(arr.shape), "offset": f.tell()}
        if arr.nbytes:
            f.write(memoryview(arr.reshape(-1).view(np.uint8)))  # type: ignore[arg-type]

    def finish(
        self, meta: dict[str, Any]
    ) -> tuple[dict[str, np.ndarray], dict[str, Any], mmap.mmap, dict[str, int]]:
        footer = json.dumps({"meta": meta, "arrays": self.entries}, ensure_ascii=False).encode("utf-8")
        f = self.file
        f.write(b"\0" * _pad(f.tell()))
        f.write(footer)
        f.write(struct.pack("<Q", len(footer)))
        f.write(MAGIC)
        f.flush()
        if self.target is not None:
            self.target.commit(durable=True)
            self.target = None
        mm = mmap.mmap(f.fileno(), 0, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ)
        f.close()
        return _views(mm, meta, self.entries, self.path or "index")

    def abort(self) -> None:
        if self.target is not None:
            self.target.abort()
        else:
            self.file.close()


def _views(
    mm: mmap.mmap, meta: Any, entries: Any, path: Any
) -> tuple[dict[str, np.ndarray], dict[str, Any], mmap.mmap, dict[str, int]]:
    arrays, positions = {}, {}
    for name, e in entries.items():
        dtype = np.dtype(e["dtype"])
        count = int(np.prod(e["shape"])) if e["shape"] else 1
        if e["offset"] + count * dtype.itemsize > len(mm):
            raise BadInput(f"{path}: truncated search index (array {name})")
        arrays[name] = np.frombuffer(mm, dtype=dtype, count=count, offset=e["offset"]).reshape(e["shape"])
        positions[name] = e["offset"]
    return arrays, meta, mm, positions


def copy_index(mm: mmap.mmap, path: Path) -> None:
    """Write the mapped index file ``mm`` to ``path`` (atomically)."""
    with atomic_write(Path(path)) as out:
        step = 64 << 20
        for start in range(0, len(mm), step):
            out.write(mm[start : start + step])


def load_arrays(
    path: Path, populate: bool = True
) -> tuple[dict[str, np.ndarray], dict[str, Any], mmap.mmap, dict[str, int]]:
    """The arrays (read-only views of the mapped file), the metadata, the map itself and
    each array's byte position in the map (byte blobs are sliced from the map directly).
    ``populate`` maps every page at once (Linux ``MAP_POPULATE``: no page faults later, so
    the first queries are as fast as the others); the pages stay shared between processes."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            flags = mmap.MAP_SHARED | (getattr(mmap, "MAP_POPULATE", 0) if populate else 0)
            mm = mmap.mmap(f.fileno(), 0, flags=flags, prot=mmap.PROT_READ)
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path}: cannot read the search index ({exc})") from exc
    if len(mm) < 2 * len(MAGIC) + 8 or mm[: len(MAGIC)] != MAGIC or mm[-len(MAGIC) :] != MAGIC:
        raise BadInput(f"{path}: not a search index of this version; rebuild it")
    (flen,) = struct.unpack("<Q", mm[-len(MAGIC) - 8 : -len(MAGIC)])
    end = len(mm) - len(MAGIC) - 8
    try:
        footer = json.loads(mm[end - flen : end].decode("utf-8"))
    except ValueError as exc:
        raise BadInput(f"{path}: corrupt search index footer") from exc
    return _views(mm, footer["meta"], footer["arrays"], path)
