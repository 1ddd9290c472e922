"""The keys a form is indexed and queried under, and the hashes of its edit neighbourhood.

Every key function works on text that ``glossary.normalize.normalize`` has produced:

* ``zh_key``: script-folded (Traditional -> Simplified), without spaces, quotes or
  decorative brackets: ``"GGSD 論壇"`` -> ``"ggsd论坛"``.
* ``en_key``: the normalised text without trailing punctuation.
* ``loose_key``: letters and digits only (hyphen/space/dot variants meet:
  ``"Nature-based"`` and ``"nature based"``; acronyms ``"W.T.O."`` and ``"wto"``).
* ``tokens``: the words of an English key; a hyphenated word also yields its parts and its
  joined spelling (``co-operation`` -> ``co-operation``'s ``co``, ``operation``,
  ``cooperation``).
* ``neighbourhood_hashes``: 64-bit hashes of a key and of every key one deletion away; two
  keys within one edit (substitution, insertion, deletion, transposition) share a hash.  The
  vectorised build (``batch_neighbourhood``) and the per-query Python code compute the same
  polynomial hash, so the hashes can be persisted.
"""

from __future__ import annotations

import re

import numpy as np

_ZH_DROP = dict.fromkeys(map(ord, " '\"*_·•《》〈〉【】"), None)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_NON_ALNUM = re.compile(r"[\W_]+")

MASK = (1 << 64) - 1
_P = 0x100000001B3
_PINV = pow(_P, -1, 1 << 64)
_K1 = 0x9E3779B97F4A7C15
_K2 = 0xC2B2AE3D27D4EB4F
_K3 = 0x165667B19E3779F9
MAX_NEIGHBOURHOOD_LEN = 64  # longer keys get only their own hash (n-grams cover them)


def zh_table(t2s: dict[int, str]) -> dict[int, str | None]:
    """The one translation table of ``zh_key``: script folding plus dropped characters."""
    table: dict[int, str | None] = dict(t2s)
    table.update(_ZH_DROP)
    return table


def zh_key(norm: str, table: dict[int, str | None]) -> str:
    """``table`` is ``zh_table(t2s)``."""
    return norm.translate(table)


def en_key(norm: str) -> str:
    return norm.strip(" .,;:")


def loose_key(norm: str) -> str:
    return _NON_ALNUM.sub("", norm)


def tokens(key: str) -> list[str]:
    """Distinct words of an English key, in order."""
    if "-" not in key:
        return list(dict.fromkeys(_WORD.findall(key)))
    out: list[str] = []
    for word in _WORD.findall(key):
        if "-" in word:
            parts = word.split("-")
            candidates = [*parts, "".join(parts)]
        else:
            candidates = [word]
        for cand in candidates:
            if cand not in out:
                out.append(cand)
    return out


# --- hashing --------------------------------------------------------------------------


def _fmix(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & MASK
    h ^= h >> 33
    return h


def _finish(h: int, length: int) -> int:
    return _fmix((h + length * _K3) & MASK)


def neighbourhood_hashes(key: str, deletions: bool = True) -> list[int]:
    """The hash of ``key`` followed by the hashes of its one-character deletions."""
    n = len(key)
    terms = []
    power = 1
    for char in key:
        terms.append((((ord(char) * _K1) & MASK) ^ _K2) * power & MASK)
        power = (power * _P) & MASK
    prefix = [0]
    for t in terms:
        prefix.append((prefix[-1] + t) & MASK)
    total = prefix[-1]
    out = [_finish(total, n)]
    if deletions and 2 <= n <= MAX_NEIGHBOURHOOD_LEN:
        for j in range(n):
            suffix = (total - prefix[j + 1]) & MASK
            out.append(_finish((prefix[j] + _PINV * suffix) & MASK, n - 1))
    return out


def _np_fmix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def codepoints(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """All keys' code points concatenated, and each key's length."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    cps = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)
    return cps, lengths


def batch_neighbourhood(keys: list[str], ids: np.ndarray, bits: int) -> np.ndarray:
    """``packed_neighbourhood`` of a list of keys."""
    cps, lengths = codepoints(keys)
    return packed_neighbourhood(cps, lengths, ids, bits)


def packed_neighbourhood(cps: np.ndarray, lengths: np.ndarray, ids: np.ndarray, bits: int) -> np.ndarray:
    """Every key's hash and its one-deletion neighbours' hashes (as ``neighbourhood_hashes``),
    each packed with the id of its key: the hash's top ``64 - bits`` bits, then the id in the
    low ``bits`` bits (``ids < 2**bits``).  Sorted, duplicates removed; look up with
    ``probe``.  Computed in chunks of keys so that temporaries stay small."""
    lengths = np.asarray(lengths, dtype=np.int64)
    ids = np.asarray(ids, dtype=np.uint64)
    n_keys = len(lengths)
    if n_keys == 0 or len(cps) == 0:
        return np.zeros(0, np.uint64)
    maxlen = int(lengths.max())
    powers = np.empty(maxlen, dtype=np.uint64)
    p = 1
    for i in range(maxlen):
        powers[i] = p
        p = (p * _P) & MASK
    starts_all = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts_all[1:])
    keep_mask = np.uint64((1 << 64) - (1 << bits))
    out = []
    chunk = 200_000
    for k0 in range(0, n_keys, chunk):
        k1 = min(n_keys, k0 + chunk)
        lens = lengths[k0:k1]
        c = cps[starts_all[k0] : starts_all[k1]]
        starts = starts_all[k0:k1] - starts_all[k0]
        owner = np.repeat(np.arange(k1 - k0), lens)
        pos = np.arange(len(c), dtype=np.int64) - starts[owner]
        with np.errstate(over="ignore"):
            terms = ((c.astype(np.uint64) * np.uint64(_K1)) ^ np.uint64(_K2)) * powers[pos]
            del pos
            csum = np.zeros(len(c) + 1, dtype=np.uint64)
            np.cumsum(terms, out=csum[1:])
            del terms
            key_start = csum[starts]
            key_total = csum[starts + lens] - key_start
            full = _np_fmix(key_total + lens.astype(np.uint64) * np.uint64(_K3))
            out.append((full & keep_mask) | ids[k0:k1])
            del full
            ok = (lens[owner] >= 2) & (lens[owner] <= MAX_NEIGHBOURHOOD_LEN)
            g = np.nonzero(ok)[0]
            o = owner[g]
            del ok, owner
            before = csum[g] - key_start[o]
            after = key_total[o] - (csum[g + 1] - key_start[o])
            del csum, g
            dele = _np_fmix(
                before + np.uint64(_PINV) * after + (lens[o] - 1).astype(np.uint64) * np.uint64(_K3)
            )
            del before, after
            out.append((dele & keep_mask) | ids[k0:k1][o])
            del dele, o
    packed = np.concatenate(out)
    del out
    packed.sort()
    if len(packed) > 1:
        dup = np.flatnonzero(packed[1:] == packed[:-1])
        if len(dup):
            packed = np.delete(packed, dup + 1)
    return packed


def probe(packed: np.ndarray, hashes: list[int], bits: int, cap: int) -> list[np.ndarray]:
    """Ids stored under each of ``hashes`` (at most ``cap`` per hash)."""
    if not len(packed):
        return []
    low = (1 << bits) - 1
    q_lo = np.asarray([h & ~low & MASK for h in hashes], dtype=np.uint64)
    a = packed.searchsorted(q_lo, "left")
    b = packed.searchsorted(q_lo | np.uint64(low), "right")
    out = []
    for s, e in zip(a.tolist(), b.tolist(), strict=True):
        if e > s:
            out.append((packed[s : min(e, s + cap)] & np.uint64(low)).astype(np.int64))
    return out


def id_bits(n: int) -> int:
    return max(1, int(n).bit_length())


def packed_bigrams(
    cps: np.ndarray, lengths: np.ndarray, ids: np.ndarray, shift: int
) -> tuple[np.ndarray, np.ndarray]:
    """Bigram postings of Chinese keys.  Returns (chars, packed): the sorted distinct code
    points, and sorted uint64 values ``(code << shift) | id`` where ``code = i * len(chars) + j``
    for the bigram of the i-th and j-th chars (``ids < 2**shift``)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    chars = np.unique(cps)
    if len(cps) < 2:
        return chars, np.zeros(0, np.uint64)
    if (len(chars) ** 2).bit_length() + shift > 64:  # pragma: no cover - needs millions of distinct chars
        raise ValueError("too many distinct characters for packed bigram postings")
    dense = chars.searchsorted(cps).astype(np.uint64)
    owner = np.repeat(np.asarray(ids, dtype=np.uint64), lengths)
    same = owner[:-1] == owner[1:]
    code = dense[:-1][same] * np.uint64(len(chars)) + dense[1:][same]
    del dense
    packed = (code << np.uint64(shift)) | owner[:-1][same]
    del code, owner, same
    packed.sort()
    if len(packed) > 1:
        dup = np.flatnonzero(packed[1:] == packed[:-1])
        if len(dup):
            packed = np.delete(packed, dup + 1)
    return chars, packed


def bigram_dense_codes(key: str, chars: np.ndarray) -> list[int] | None:
    """The query's bigram codes for ``packed_bigrams``; ``None`` when a char is unknown."""
    if len(key) < 2:
        return []
    if not len(chars):
        return None
    cps = np.fromiter(map(ord, key), dtype=np.uint32, count=len(key))
    pos = chars.searchsorted(cps)
    if (pos >= len(chars)).any() or (chars[np.minimum(pos, len(chars) - 1)] != cps).any():
        return None
    n = len(chars)
    return [int(a) * n + int(b) for a, b in zip(pos[:-1].tolist(), pos[1:].tolist(), strict=True)]


def known_bigram_codes(key: str, chars: np.ndarray) -> list[int]:
    """``bigram_dense_codes`` of the bigrams whose characters are both indexed (a pasted
    query has characters no form has: they are skipped, not fatal)."""
    if len(key) < 2 or not len(chars):
        return []
    cps = np.fromiter(map(ord, key), dtype=np.uint32, count=len(key))
    pos = chars.searchsorted(cps)
    known = (pos < len(chars)) & (chars[np.minimum(pos, len(chars) - 1)] == cps)
    n = len(chars)
    ok = known[:-1] & known[1:]
    return [int(a) * n + int(b) for a, b in zip(pos[:-1][ok].tolist(), pos[1:][ok].tolist(), strict=True)]


def postings(packed: np.ndarray, code: int, shift: int) -> np.ndarray:
    """The ids stored under ``code`` in a packed postings array (sorted)."""
    a = int(packed.searchsorted(np.uint64(code << shift), "left"))
    b = int(packed.searchsorted(np.uint64(min(((code + 1) << shift) - 1, MASK)), "right"))
    return (packed[a:b] & np.uint64((1 << shift) - 1)).astype(np.int32)
