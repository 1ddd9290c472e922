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
    t2s = t2s_table()
    ztable = K.zh_table(t2s)
    py_table = pinyin_table() if with_pinyin else None
    py_trans = K.zh_table(py_table) if py_table is not None else None

    kinds: list[str] = []
    kind_codes: dict[str, int] = {}
    langs: list[str] = []
    lang_codes: dict[str, int] = {}
    types = list(TERM_TYPES)
    type_codes = {t: i for i, t in enumerate(types)}
    statuses = list(TERM_STATUSES)
    status_codes = {s: i for i, s in enumerate(statuses)}
    docs: list[str] = []
    doc_codes: dict[str, int] = {}
    # (lang, type, status) -> (lang << 16 | type << 8 | status, is Chinese)
    combos: dict[tuple[str, str, str], tuple[int, bool]] = {}

    cid_blob = bytearray()
    cid_end = array("q")
    pl_blob = bytearray()
    pl_end = array("q")
    c_kind = array("B")
    c_review = array("B")  # 1: approved, 0: proposed
    c_cites = array("i")
    c_form_end = array("q")
    c_doc_end = array("q")
    c_docs = array("i")
    text_blob = bytearray()
    text_end = array("q")
    x_keys = KeyBuffer()
    x_blob, x_ends = x_keys.blob, x_keys.ends
    f_code = array("i")
    notes: dict[str, str] = {}
    zh_chunks: list[str] = []
    zh_pending: list[str] = []
    l_keys = KeyBuffer()
    l_blob, l_ends, l_ids = l_keys.blob, l_keys.ends, l_keys.ids
    p_keys = KeyBuffer()
    vocab: dict[str, int] = {}
    vocab_id = vocab.setdefault
    tok_ids = array("i")
    tok_count = array("i")
    tokens = K.tokens
    loose_key = K.loose_key
    non_alnum = K._NON_ALNUM
    n_forms = 0

    for concept in concepts:
        cid_blob += str(concept.id).encode("utf-8")
        cid_end.append(len(cid_blob))
        if payload is not None:
            pl_blob += payload(concept)
            pl_end.append(len(pl_blob))
        kind = concept.kind or "term"
        code = kind_codes.get(kind)
        c_kind.append(code if code is not None else _code(kind_codes, kinds, kind))
        citations = concept.citations
        if citations or concept.definitions:
            cited = {c.doc for c in citations if c.doc}
            for definition in concept.definitions:
                if definition.citation and definition.citation.doc:
                    cited.add(definition.citation.doc)
            for doc in sorted(cited):
                code = doc_codes.get(doc)
                c_docs.append(code if code is not None else _code(doc_codes, docs, doc))
        c_doc_end.append(len(c_docs))
        c_review.append(1 if concept.review_status == "approved" else 0)
        c_cites.append(len(citations))
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
                lang = combo[0]
                fcode = combos[combo] = (
                    _code(lang_codes, langs, lang) << 16
                    | type_codes.get(combo[1], type_codes["variant"]) << 8
                    | status_codes.get(combo[2], status_codes["admitted"]),
                    is_chinese(lang),
                )
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
                notice = form_notice(text, combo[2], citations)  # for users; term.note is the curator's
                if notice:
                    notes[str(fi)] = notice
            if zh:
                zh_pending.append(key)
                if len(zh_pending) >= 65536:
                    zh_chunks.append("".join(zh_pending))
                    zh_pending.clear()
                if py_trans is not None:
                    pk = key.translate(py_trans)
                    if pk != key:
                        pk = non_alnum.sub("", pk)
                        if pk:
                            p_keys.blob += pk.encode("utf-8")
                            p_keys.ends.append(len(p_keys.blob))
                            p_keys.ids.append(fi)
            else:
                loose = loose_key(key)
                if loose:
                    l_blob += loose.encode("utf-8")
                    l_ends.append(len(l_blob))
                    l_ids.append(fi)
                toks = tokens(key)
                tok_ids.extend([vocab_id(t, len(vocab)) for t in toks])
                tok_count.append(len(toks))
        c_form_end.append(n_forms)

    del x_blob, x_ends, l_blob, l_ends, l_ids  # still held by the buffers
    n_concepts = len(c_kind)
    if n_forms >= 2**31 or n_concepts >= 2**31:  # pragma: no cover
        raise ValueError("too many forms for one index")
    x_keys.ids = array("i", range(n_forms))
    # concepts
    cid_keys = KeyBuffer()
    cid_keys.blob, cid_keys.ends, cid_keys.ids = (
        bytearray(cid_blob),
        array("q", cid_end),
        array("i", range(n_concepts)),
    )
    put("c_id_blob", np.frombuffer(bytes(cid_blob), dtype=np.uint8))
    put("c_id_off", _offsets(cid_end))
    if payload is not None:
        put("c_payload_blob", np.frombuffer(bytes(pl_blob), dtype=np.uint8))
        put("c_payload_off", _offsets(pl_end))
        del pl_blob
    del cid_blob, cid_end
    _table(put, "cid", cid_keys)
    put("c_kind", _np(c_kind, np.uint8))
    put("c_review", _np(c_review, np.uint8))
    put("c_cites", _np(c_cites, np.int32))
    form_off = _offsets(c_form_end)
    put("c_form_off", form_off)
    doc_off = _offsets(c_doc_end)
    put("c_doc_off", doc_off)
    c_docs_arr = _np(c_docs, np.int32)
    put("c_docs", c_docs_arr)
    doc_owner = np.repeat(np.arange(n_concepts, dtype=np.int32), np.diff(doc_off))
    for name, arr in Postings.pack(c_docs_arr.astype(np.uint64), doc_owner).items():
        put(f"dc_{name}", arr)
    del doc_owner, c_docs_arr, doc_off
    # forms
    put("f_text_blob", np.frombuffer(bytes(text_blob), dtype=np.uint8))
    del text_blob
    put("f_text_off", _offsets(text_end))
    put("f_concept", np.repeat(np.arange(n_concepts, dtype=np.int32), np.diff(form_off)))
    del form_off
    codes = _np(f_code, np.int32)
    del f_code
    f_lang = (codes >> 16).astype(np.uint8)
    put("f_lang", f_lang)
    put("f_type", ((codes >> 8) & 0xFF).astype(np.uint8))
    put("f_status", (codes & 0xFF).astype(np.uint8))
    del codes
    lang_zh = np.array([is_chinese(lang) for lang in langs] or [False], dtype=bool)
    is_zh = lang_zh[f_lang]
    del f_lang
    klen = _char_lengths(np.frombuffer(x_keys.blob, dtype=np.uint8), _offsets(x_keys.ends))
    put("f_klen", klen)
    # exact keys: every form by its key; f_pos is each form's position in that table
    ids = _table(put, "x", x_keys)
    pos = np.empty(n_forms, dtype=np.int32)
    pos[ids] = np.arange(n_forms, dtype=np.int32)
    put("f_pos", pos)
    del ids, pos
    _table(put, "l", l_keys)
    if py_trans is not None:
        _table(put, "p", p_keys)
    # Chinese: bigram postings and one-deletion neighbourhoods, packed
    zh_chunks.append("".join(zh_pending))
    zh_pending.clear()
    zf = np.flatnonzero(is_zh).astype(np.int32)
    cps = np.concatenate([np.frombuffer(c.encode("utf-32-le"), dtype=np.uint32) for c in zh_chunks])
    del zh_chunks
    lengths = klen[zf].astype(np.int64)
    form_bits = K.id_bits(n_forms)
    chars, packed = K.packed_bigrams(cps, lengths, zf, form_bits)
    put("zb_chars", chars)
    put("zb_packed", packed)
    del chars, packed
    put("zd_packed", K.packed_neighbourhood(cps, lengths, zf, form_bits))
    del cps, lengths, zf
    # English words: vocabulary (sorted; a word's id is its position), postings, neighbourhoods
    words = sorted(vocab)
    remap = np.empty(len(vocab), dtype=np.int64)
    remap[np.fromiter((vocab[w] for w in words), dtype=np.int64, count=len(words))] = np.arange(len(words))
    del vocab
    wids = remap[_np(tok_ids, np.int32)] if len(tok_ids) else np.zeros(0, np.int64)
    tforms = np.repeat(np.flatnonzero(~is_zh).astype(np.int32), _np(tok_count, np.int32))
    del tok_ids, tok_count, is_zh
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
    f_common = np.zeros(n_forms, dtype=np.uint64)
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

    table_keys = "".join(chr(k) for k in sorted(t2s))
    return {
        "format": FORMAT_VERSION,
        "concepts": n_concepts,
        "forms": n_forms,
        "kinds": kinds,
        "langs": langs,
        "types": types,
        "statuses": statuses,
        "docs": docs,
        "notes": notes,
        "t2s_keys": table_keys,
        "t2s_values": "".join(t2s[ord(c)] for c in table_keys),
        "pinyin": py_trans is not None,
        "form_bits": form_bits,
        "word_bits": word_bits,
        "user": dict(meta or {}),
    }
