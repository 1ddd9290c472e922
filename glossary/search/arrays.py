"""Compact read-only structures the index is made of, all backed by numpy arrays and one
byte buffer each, so that they can be memory-mapped from the persisted file.

* ``Strings``: strings by number (UTF-8 blob + offsets).
* ``SortedKeys``: UTF-8 keys in sorted byte order, each with the id of what it keys (a form,
  a word, a concept); exact lookup and prefix ranges by binary search (UTF-8 byte order is
  code point order, so Python's own string sort produces it).
* ``Postings``: for each of a sorted set of 64-bit codes, a sorted list of int32 ids (CSR).
"""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np


class Buffer:
    """Bytes sliced out of a buffer at a base position (a ``bytes`` object or an ``mmap``)."""

    __slots__ = ("buf", "base")

    def __init__(self, buf: Any, base: int = 0) -> None:
        self.buf = buf
        self.base = base

    def slice(self, a: int, b: int) -> bytes:
        return self.buf[self.base + a : self.base + b]


class Strings:
    def __init__(self, blob: Buffer, off: np.ndarray) -> None:
        self.blob = blob
        self.off = off
        self._off = off.tolist() if len(off) < 200_000 else None

    def __len__(self) -> int:
        return len(self.off) - 1

    def get(self, i: int) -> str:
        if self._off is not None:
            return self.blob.slice(self._off[i], self._off[i + 1]).decode("utf-8")
        off = self.off
        return self.blob.slice(int(off[i]), int(off[i + 1])).decode("utf-8")


PREFIX_BYTES = 16


class SortedKeys:
    """Sorted UTF-8 keys; ``ids[i]`` is the id the i-th key belongs to.

    ``pre`` holds each key's first 16 bytes (numpy ``S16``): a binary search with numpy
    narrows a lookup to the keys sharing the first 16 bytes before the (slower) Python
    binary search over whole keys.  A small table (up to ``SMALL`` keys, e.g. the shipped
    glossary's) keeps its keys in a Python list on first use instead: a plain ``bisect``
    over it costs a fraction of a microsecond, much less than numpy's per-call overhead."""

    SMALL = 50_000

    def __init__(self, blob: Buffer, off: np.ndarray, ids: np.ndarray, pre: np.ndarray | None = None) -> None:
        self.blob = blob
        self.off = off
        self.ids = ids
        self.pre = pre
        self._keys: list[bytes] | None = None

    @staticmethod
    def pack(keys: list[str], ids: list[int] | np.ndarray) -> dict[str, np.ndarray]:
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return pack_sorted([keys[i].encode("utf-8") for i in order], np.asarray(ids, dtype=np.int32)[order])

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i: int) -> bytes:
        off = self.off
        return self.blob.slice(int(off[i]), int(off[i + 1]))

    def key(self, i: int) -> str:
        return self[i].decode("utf-8")

    def _bisect(self, k: bytes, lo: int = 0) -> int:
        keys = self._keys
        if keys is None and len(self.ids) <= self.SMALL:
            off = self.off.tolist()
            keys = self._keys = [self.blob.slice(off[i], off[i + 1]) for i in range(len(off) - 1)]
        if keys is not None:
            return bisect.bisect_left(keys, k, lo)
        if self.pre is None or not len(self.pre):
            return bisect.bisect_left(self, k, lo)
        kp = k[:PREFIX_BYTES]
        a = max(lo, int(self.pre.searchsorted(kp, "left")))
        b = int(self.pre.searchsorted(kp, "right"))
        return bisect.bisect_left(self, k, a, b) if b > a else a

    def range(self, key: str) -> tuple[int, int]:
        """Positions ``lo, hi`` of the keys equal to ``key``."""
        k = key.encode("utf-8")
        lo = self._bisect(k)
        # keys equal to k sort before k + NUL, and no key contains NUL after k
        return lo, self._bisect(k + b"\x00", lo)

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        """Positions ``lo, hi`` of the keys starting with ``prefix``."""
        k = prefix.encode("utf-8")
        lo = self._bisect(k)
        return lo, self._bisect(k + b"\xff", lo)  # 0xFF never occurs in UTF-8

    def lookup(self, key: str) -> np.ndarray:
        lo, hi = self.range(key)
        return self.ids[lo:hi]


def pack_sorted(sorted_keys: list[bytes], ids: np.ndarray) -> dict[str, np.ndarray]:
    """The arrays of a ``SortedKeys`` from keys already in byte order."""
    off = np.zeros(len(sorted_keys) + 1, dtype=np.int64)
    if sorted_keys:
        np.cumsum(np.fromiter(map(len, sorted_keys), dtype=np.int64, count=len(sorted_keys)), out=off[1:])
    pre = np.array([k[:PREFIX_BYTES] for k in sorted_keys], dtype=f"S{PREFIX_BYTES}")
    return {
        "blob": np.frombuffer(b"".join(sorted_keys), dtype=np.uint8),
        "off": off,
        "ids": np.ascontiguousarray(ids, dtype=np.int32),
        "pre": pre,
    }


class Postings:
    """Sorted unique uint64 codes; ``items(code)`` is that code's sorted int32 id list."""

    def __init__(self, codes: np.ndarray, off: np.ndarray, ids: np.ndarray) -> None:
        self.codes = codes
        self.off = off
        self.ids = ids

    @staticmethod
    def pack(codes: np.ndarray, ids: np.ndarray) -> dict[str, np.ndarray]:
        """From parallel (code, id) arrays: group by code, ids ascending, duplicates dropped."""
        codes = np.asarray(codes, dtype=np.uint64)
        ids = np.asarray(ids, dtype=np.int32)
        order = np.lexsort((ids, codes))
        codes, ids = codes[order], ids[order]
        if len(codes):
            keep = np.ones(len(codes), dtype=bool)
            keep[1:] = (codes[1:] != codes[:-1]) | (ids[1:] != ids[:-1])
            codes, ids = codes[keep], ids[keep]
        uniq, starts = np.unique(codes, return_index=True)
        off = np.append(starts, len(codes)).astype(np.int64)
        return {"codes": uniq, "off": off, "ids": ids}

    def position(self, code: int) -> int:
        i = int(self.codes.searchsorted(np.uint64(code)))
        if i < len(self.codes) and int(self.codes[i]) == code:
            return i
        return -1

    def size(self, pos: int) -> int:
        return int(self.off[pos + 1] - self.off[pos])

    def items_at(self, pos: int) -> np.ndarray:
        return self.ids[int(self.off[pos]) : int(self.off[pos + 1])]

    def items(self, code: int) -> np.ndarray:
        pos = self.position(code)
        return self.items_at(pos) if pos >= 0 else self.ids[:0]

    def many(self, codes: list[int], cap: int | None = None) -> np.ndarray:
        """Ids of all ``codes`` (not deduplicated); each list cut at ``cap``."""
        if not codes or not len(self.codes):
            return self.ids[:0]
        q = np.asarray(codes, dtype=np.uint64)
        pos = self.codes.searchsorted(q)
        inside = pos < len(self.codes)
        pos, q = pos[inside], q[inside]
        pos = pos[self.codes[pos] == q]
        parts = []
        for p in pos.tolist():
            a, b = int(self.off[p]), int(self.off[p + 1])
            if cap is not None:
                b = min(b, a + cap)
            parts.append(self.ids[a:b])
        return np.concatenate(parts) if parts else self.ids[:0]
