"""Building the index file from ``Concept`` objects, in one streaming pass.

Only what ranking and filtering need is kept: for each concept its id, kind, review status,
number of citations and its citation documents; for each form (term) its text, language,
type, status and keys.  Full concepts are fetched by the caller for the top hits only.

Memory: the pass keeps one compact record per form (keys as ``bytes`` with the form's
number appended, numbers in ``array``s); each table is then sorted, written to the index
file (``persist.IndexWriter``) and freed before the next one is made, so the whole index is
never in memory at once.  The hashing of the edit neighbourhoods and the bigram postings
are vectorised with numpy and packed into single sorted ``uint64`` arrays.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from glossary.forms import is_chinese
from glossary.normalize import normalize
from glossary.normalize import t2s_table
from glossary.notices import form_notice
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES
from glossary.records import Concept
from glossary.search import analysis as K
from glossary.search.arrays import PREFIX_BYTES
from glossary.search.arrays import Postings
from glossary.search.arrays import SortedKeys
from glossary.search.persist import FORMAT_VERSION
from glossary.search.persist import IndexWriter
from glossary.search.pinyin import pinyin_table

COMMON_WORDS = 64  # words whose presence is kept as one bit per form


def build_index(
    concepts: Iterable[Concept],
    *,
    path: Path | None = None,
    with_pinyin: bool = True,
    meta: dict[str, Any] | None = None,
    payload: Callable[[Concept], bytes] | None = None,
) -> Any:
    """Write the index of ``concepts`` to ``path`` (or an anonymous temporary file) and
    return ``persist``'s (arrays, info, mmap, positions) for it.  ``payload`` (optional)
    gives bytes stored with each concept (``SearchIndex.payload``)."""
    writer = IndexWriter(path)
    try:
        info = _build(concepts, writer.put, with_pinyin=with_pinyin, meta=meta, payload=payload)
        return writer.finish(info)
    except BaseException:
        writer.abort()
        raise


@lru_cache(maxsize=1)
def _t2s_strings() -> tuple[str, str]:
    """The folding table as the index stores it (its keys in order, their values), made once
    per process: a live index's small patch builds would otherwise spend ~40 % of their time
    here."""
    t2s = t2s_table()
    keys = "".join(chr(k) for k in sorted(t2s))
    return keys, "".join(t2s[ord(c)] for c in keys)


def _code(table: dict[str, int], names: list[str], value: str) -> int:
    code = table.get(value)
    if code is None:
        code = table[value] = len(names)
        names.append(value)
    return code


def _np(values: array, dtype: Any) -> np.ndarray:
    return np.frombuffer(values, dtype=dtype).copy() if len(values) else np.zeros(0, dtype)


def _offsets(ends: array) -> np.ndarray:
    return np.concatenate([np.zeros(1, np.int64), _np(ends, np.int64)])


_SORT_PREFIX = 32


class KeyBuffer:
    """Keys (UTF-8) with the id each belongs to, kept in one byte buffer (no object per
    key), sorted with numpy on a 32-byte prefix and, for the rare runs of keys sharing
    that prefix, by whole key."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.ends = array("q")
        self.ids = array("i")

    def add(self, key: bytes, ident: int) -> None:
        self.blob += key
        self.ends.append(len(self.blob))
        self.ids.append(ident)

    def pack(self) -> dict[str, np.ndarray]:
        """``SortedKeys`` arrays (blob, off, ids, pre); empties the buffer."""
        n = len(self.ends)
        blob = np.frombuffer(bytes(self.blob), dtype=np.uint8)
        self.blob = bytearray()
        off = _offsets(self.ends)
        ids = _np(self.ids, np.int32)
        self.ends, self.ids = array("q"), array("i")
        klens = np.diff(off)
        pre = _prefixes(blob, off, klens, _SORT_PREFIX)
        order = np.argsort(pre, kind="stable")
        spre = pre[order]
        del pre
        if n > 1:
            same = np.flatnonzero(spre[1:] == spre[:-1])
            if len(same):
                raw = blob.tobytes()
                run_start = same[np.r_[True, same[1:] != same[:-1] + 1]]
                run_end = same[np.r_[same[1:] != same[:-1] + 1, True]] + 2
                for a, b in zip(run_start.tolist(), run_end.tolist(), strict=True):
                    members = order[a:b]
                    if (klens[members] > _SORT_PREFIX).any():
                        order[a:b] = sorted(members.tolist(), key=lambda i: raw[off[i] : off[i + 1]])
                del raw
        sorted_lens = klens[order]
        new_off = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(sorted_lens, out=new_off[1:])
        out = np.empty(len(blob), dtype=np.uint8)
        step = 1 << 18
        for r0 in range(0, n, step):
            r1 = min(n, r0 + step)
            lens = sorted_lens[r0:r1]
            total = int(lens.sum())
            if not total:
                continue
            starts = off[order[r0:r1]]
            idx = np.arange(total, dtype=np.int64) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
            out[new_off[r0] : new_off[r1]] = blob[idx]
        pre16 = np.ascontiguousarray(spre.view(np.uint8).reshape(n, _SORT_PREFIX)[:, :PREFIX_BYTES])
        return {
            "blob": out,
            "off": new_off,
            "ids": ids[order],
            "pre": pre16.view(f"S{PREFIX_BYTES}").reshape(n),
        }


def _prefixes(blob: np.ndarray, off: np.ndarray, klens: np.ndarray, width: int) -> np.ndarray:
    """Each key's first ``width`` bytes, zero-padded, as numpy ``S{width}``."""
    n = len(klens)
    pre = np.zeros(n, dtype=f"S{width}")
    view = pre.view(np.uint8).reshape(n, width)
    if not len(blob):
        return pre
    cols = np.arange(width)
    step = 1 << 17
    for r0 in range(0, n, step):
        r1 = min(n, r0 + step)
        idx = np.minimum(off[r0:r1, None] + cols, len(blob) - 1)
        view[r0:r1] = np.where(cols < klens[r0:r1, None], blob[idx], 0)
    return pre


def _char_lengths(blob: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Length in characters of each (non-empty) UTF-8 key."""
    if not len(blob):
        return np.zeros(len(off) - 1, dtype=np.int32)
    starts = (blob & 0xC0) != 0x80
    return np.add.reduceat(starts, off[:-1], dtype=np.int32).astype(np.int32)


def _table(put: Callable[[str, np.ndarray], None], prefix: str, keys: KeyBuffer) -> np.ndarray:
    """Write the sorted table of ``keys``; return its ids."""
    parts = keys.pack()
    for name, arr in parts.items():
        put(f"{prefix}_{name}", arr)
    return parts["ids"]


def _build(
    concepts: Iterable[Concept],
    put: Callable[[str, np.ndarray], None],
    *,
    with_pinyin: bool,
    meta: dict[str, Any] | None,
    payload: Callable[[Concept], bytes] | None = None,
) -> dict[str, Any]:
    """One streaming pass over ``concepts``, then each table written in turn and freed."""
    t2s = t2s_table()
    py_table = pinyin_table() if with_pinyin else None
    collected = _Collector(K.zh_table(t2s), K.zh_table(py_table) if py_table is not None else None, payload)
    for concept in concepts:
        collected.add(concept)
    collected.finish()
    is_zh, klen = _write_forms(put, collected, _write_concepts(put, collected))
    _write_chinese(put, collected, is_zh, klen)
    word_bits = _write_english(put, collected, is_zh)
    table_keys, table_values = _t2s_strings()
    return {
        "format": FORMAT_VERSION,
        "concepts": collected.n_concepts,
        "forms": collected.n_forms,
        "kinds": collected.kinds,
        "langs": collected.langs,
        "types": collected.types,
        "statuses": collected.statuses,
        "docs": collected.docs,
        "notes": collected.notes,
        "t2s_keys": table_keys,
        "t2s_values": table_values,
        "pinyin": collected.py_trans is not None,
        "form_bits": collected.form_bits,
        "word_bits": word_bits,
        "user": dict(meta or {}),
    }


class _Collector:
    """What the streaming pass keeps: one compact record per concept and per form, in
    ``array``s and byte buffers (no object per form), and the key buffers of the tables."""

    def __init__(
        self,
        ztable: dict[int, str | None],
        py_trans: dict[int, str | None] | None,
        payload: Callable[[Concept], bytes] | None,
    ) -> None:
        self.ztable = ztable
        self.py_trans = py_trans
        self.payload = payload
        self.kinds: list[str] = []
        self.kind_codes: dict[str, int] = {}
        self.langs: list[str] = []
        self.lang_codes: dict[str, int] = {}
        self.types = list(TERM_TYPES)
        self.type_codes = {t: i for i, t in enumerate(self.types)}
        self.statuses = list(TERM_STATUSES)
        self.status_codes = {s: i for i, s in enumerate(self.statuses)}
        self.docs: list[str] = []
        self.doc_codes: dict[str, int] = {}
        # (lang, type, status) -> (lang << 16 | type << 8 | status, is Chinese)
        self.combos: dict[tuple[str, str, str], tuple[int, bool]] = {}
        # concepts
        self.cid_blob = bytearray()
        self.cid_end = array("q")
        self.pl_blob = bytearray()
        self.pl_end = array("q")
        self.c_kind = array("B")
        self.c_review = array("B")  # 1: approved, 0: proposed
        self.c_cites = array("i")
        self.c_form_end = array("q")
        self.c_doc_end = array("q")
        self.c_docs = array("i")
        # forms
        self.text_blob = bytearray()
        self.text_end = array("q")
        self.x_keys = KeyBuffer()  # exact keys
        self.l_keys = KeyBuffer()  # loose English keys
        self.p_keys = KeyBuffer()  # pinyin keys
        self.f_code = array("i")
        self.notes: dict[str, str] = {}
        self.zh_chunks: list[str] = []  # Chinese keys, joined in chunks
        self.zh_pending: list[str] = []
        self.vocab: dict[str, int] = {}  # English word -> id in order of first sight
        self.tok_ids = array("i")
        self.tok_count = array("i")
        self.n_forms = 0
        self.n_concepts = 0
        self.form_bits = 0

    def add(self, concept: Concept) -> None:
        """Keep ``concept``'s record, then its forms'."""
        self.cid_blob += str(concept.id).encode("utf-8")
        self.cid_end.append(len(self.cid_blob))
        if self.payload is not None:
            self.pl_blob += self.payload(concept)
            self.pl_end.append(len(self.pl_blob))
        kind = concept.kind or "term"
        code = self.kind_codes.get(kind)
        self.c_kind.append(code if code is not None else _code(self.kind_codes, self.kinds, kind))
        citations = concept.citations
        if citations or concept.definitions:
            cited = {c.doc for c in citations if c.doc}
            for definition in concept.definitions:
                if definition.citation and definition.citation.doc:
                    cited.add(definition.citation.doc)
            for doc in sorted(cited):
                code = self.doc_codes.get(doc)
                self.c_docs.append(code if code is not None else _code(self.doc_codes, self.docs, doc))
        self.c_doc_end.append(len(self.c_docs))
        self.c_review.append(1 if concept.review_status == "approved" else 0)
        self.c_cites.append(len(citations))
        self._add_forms(concept)
        self.c_form_end.append(self.n_forms)

    def _add_forms(self, concept: Concept) -> None:
        combos, ztable, py_trans = self.combos, self.ztable, self.py_trans
        x_blob, x_ends = self.x_keys.blob, self.x_keys.ends  # bytearray += extends in place
        l_keys, p_keys = self.l_keys, self.p_keys
        text_blob, text_end, f_code, zh_pending = self.text_blob, self.text_end, self.f_code, self.zh_pending
        vocab_id = self.vocab.setdefault
        n_forms = self.n_forms
        for term in concept.terms:
            text = term.text
            if not isinstance(text, str):
                continue
            norm = normalize(text)
            if not norm:
                continue
            combo = (term.lang or "", term.type, term.status)
            fcode = combos.get(combo)
            if fcode is None:
                fcode = combos[combo] = self._form_code(combo)
            zh = fcode[1]
            key = norm.translate(ztable) if zh else norm.strip(" .,;:")
            if not key:
                continue
            fi = n_forms
            n_forms += 1
            text_blob += text.strip().encode("utf-8")
            text_end.append(len(text_blob))
            x_blob += key.encode("utf-8")
            x_ends.append(len(x_blob))
            f_code.append(fcode[0])
            if combo[2] in ("deprecated", "superseded"):
                # for users; term.note is the curator's
                notice = form_notice(text, combo[2], concept.citations)
                if notice:
                    self.notes[str(fi)] = notice
            if zh:
                zh_pending.append(key)
                if len(zh_pending) >= 65536:
                    self.zh_chunks.append("".join(zh_pending))
                    zh_pending.clear()
                if py_trans is not None:
                    pk = key.translate(py_trans)
                    if pk != key:
                        pk = K._NON_ALNUM.sub("", pk)
                        if pk:
                            p_keys.add(pk.encode("utf-8"), fi)
            else:
                loose = K.loose_key(key)
                if loose:
                    l_keys.add(loose.encode("utf-8"), fi)
                toks = K.tokens(key)
                self.tok_ids.extend([vocab_id(t, len(self.vocab)) for t in toks])
                self.tok_count.append(len(toks))
        self.n_forms = n_forms

    def _form_code(self, combo: tuple[str, str, str]) -> tuple[int, bool]:
        lang, term_type, status = combo
        return (
            _code(self.lang_codes, self.langs, lang) << 16
            | self.type_codes.get(term_type, self.type_codes["variant"]) << 8
            | self.status_codes.get(status, self.status_codes["admitted"]),
            is_chinese(lang),
        )

    def finish(self) -> None:
        """End of the pass: the counts, and the exact keys' ids (a form's id is its number)."""
        self.n_concepts = len(self.c_kind)
        if self.n_forms >= 2**31 or self.n_concepts >= 2**31:  # pragma: no cover
            raise ValueError("too many forms for one index")
        self.x_keys.ids = array("i", range(self.n_forms))
        self.zh_chunks.append("".join(self.zh_pending))
        self.zh_pending.clear()
        self.form_bits = K.id_bits(self.n_forms)


def _write_concepts(put: Callable[[str, np.ndarray], None], c: _Collector) -> np.ndarray:
    """The concept columns, the id table and the document postings; returns each concept's
    first form (offsets)."""
    n_concepts = c.n_concepts
    cid_keys = KeyBuffer()
    cid_keys.blob, cid_keys.ends, cid_keys.ids = (
        bytearray(c.cid_blob),
        array("q", c.cid_end),
        array("i", range(n_concepts)),
    )
    put("c_id_blob", np.frombuffer(bytes(c.cid_blob), dtype=np.uint8))
    put("c_id_off", _offsets(c.cid_end))
    if c.payload is not None:
        put("c_payload_blob", np.frombuffer(bytes(c.pl_blob), dtype=np.uint8))
        put("c_payload_off", _offsets(c.pl_end))
        c.pl_blob = bytearray()
    c.cid_blob, c.cid_end = bytearray(), array("q")
    _table(put, "cid", cid_keys)
    put("c_kind", _np(c.c_kind, np.uint8))
    put("c_review", _np(c.c_review, np.uint8))
    put("c_cites", _np(c.c_cites, np.int32))
    form_off = _offsets(c.c_form_end)
    put("c_form_off", form_off)
    doc_off = _offsets(c.c_doc_end)
    put("c_doc_off", doc_off)
    c_docs_arr = _np(c.c_docs, np.int32)
    put("c_docs", c_docs_arr)
    doc_owner = np.repeat(np.arange(n_concepts, dtype=np.int32), np.diff(doc_off))
    for name, arr in Postings.pack(c_docs_arr.astype(np.uint64), doc_owner).items():
        put(f"dc_{name}", arr)
    del doc_owner, c_docs_arr, doc_off
    return form_off


def _write_forms(
    put: Callable[[str, np.ndarray], None], c: _Collector, form_off: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The form columns and the exact, loose and pinyin key tables; returns which forms are
    Chinese and each form's key length in characters."""
    n_concepts, n_forms = c.n_concepts, c.n_forms
    put("f_text_blob", np.frombuffer(bytes(c.text_blob), dtype=np.uint8))
    c.text_blob = bytearray()
    put("f_text_off", _offsets(c.text_end))
    put("f_concept", np.repeat(np.arange(n_concepts, dtype=np.int32), np.diff(form_off)))
    del form_off
    codes = _np(c.f_code, np.int32)
    c.f_code = array("i")
    f_lang = (codes >> 16).astype(np.uint8)
    put("f_lang", f_lang)
    put("f_type", ((codes >> 8) & 0xFF).astype(np.uint8))
    put("f_status", (codes & 0xFF).astype(np.uint8))
    del codes
    lang_zh = np.array([is_chinese(lang) for lang in c.langs] or [False], dtype=bool)
    is_zh = lang_zh[f_lang]
    del f_lang
    klen = _char_lengths(np.frombuffer(c.x_keys.blob, dtype=np.uint8), _offsets(c.x_keys.ends))
    put("f_klen", klen)
    # exact keys: every form by its key; f_pos is each form's position in that table
    ids = _table(put, "x", c.x_keys)
    pos = np.empty(n_forms, dtype=np.int32)
    pos[ids] = np.arange(n_forms, dtype=np.int32)
    put("f_pos", pos)
    del ids, pos
    _table(put, "l", c.l_keys)
    if c.py_trans is not None:
        _table(put, "p", c.p_keys)
    return is_zh, klen


def _write_chinese(
    put: Callable[[str, np.ndarray], None], c: _Collector, is_zh: np.ndarray, klen: np.ndarray
) -> None:
    """Chinese keys: bigram postings and one-deletion neighbourhoods, packed."""
    zf = np.flatnonzero(is_zh).astype(np.int32)
    cps = np.concatenate([np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32) for s in c.zh_chunks])
    c.zh_chunks = []
    lengths = klen[zf].astype(np.int64)
    chars, packed = K.packed_bigrams(cps, lengths, zf, c.form_bits)
    put("zb_chars", chars)
    put("zb_packed", packed)
    del chars, packed
    put("zd_packed", K.packed_neighbourhood(cps, lengths, zf, c.form_bits))


def _write_english(put: Callable[[str, np.ndarray], None], c: _Collector, is_zh: np.ndarray) -> int:
    """English words: the sorted vocabulary (a word's id is its position), each word's forms,
    a bit per form for the most frequent words, and the words' edit neighbourhoods.  Returns
    the bits of a word id."""
    words = sorted(c.vocab)
    remap = np.empty(len(c.vocab), dtype=np.int64)
    remap[np.fromiter((c.vocab[w] for w in words), dtype=np.int64, count=len(words))] = np.arange(len(words))
    c.vocab = {}
    wids = remap[_np(c.tok_ids, np.int32)] if len(c.tok_ids) else np.zeros(0, np.int64)
    tforms = np.repeat(np.flatnonzero(~is_zh).astype(np.int32), _np(c.tok_count, np.int32))
    c.tok_ids, c.tok_count = array("i"), array("i")
    order = np.argsort(wids, kind="stable")
    ew_forms = tforms[order]
    del tforms, order
    ew_off = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.bincount(wids, minlength=len(words)), out=ew_off[1:])
    del wids
    put("ew_forms", ew_forms)
    put("ew_off", ew_off)
    # the most frequent words: one bit each per form, so that queries never read their postings
    common = np.argsort(-np.diff(ew_off), kind="stable")[:COMMON_WORDS]
    w_bit = np.full(len(words), -1, dtype=np.int8)
    f_common = np.zeros(c.n_forms, dtype=np.uint64)
    for bit, w in enumerate(common.tolist()):
        w_bit[w] = bit
        f_common[ew_forms[ew_off[w] : ew_off[w + 1]]] |= np.uint64(1 << bit)
    put("w_bit", w_bit)
    put("f_common", f_common)
    del f_common, ew_forms
    for name, arr in SortedKeys.pack(words, np.arange(len(words))).items():
        put(f"w_{name}", arr)
    word_bits = K.id_bits(len(words))
    put("wd_packed", K.batch_neighbourhood(words, np.arange(len(words)), word_bits))
    return word_bits
