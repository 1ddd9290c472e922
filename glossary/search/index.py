"""``SearchIndex``: the index (always a memory-mapped index file: the saved one, or an
anonymous temporary file right after ``build``); the query paths it runs live one module
each (``chinese_paths``, ``english_paths``, ``pasted_paths``), this module routes, filters
and ranks.

A query is validated, normalised and routed by script (``lang`` overrides detection):

* Chinese (and mixed) queries are folded to Simplified and looked up by key (exact,
  then with OpenCC ``s2twp`` phrase conversion), by prefix (binary search in the sorted
  keys), as a part of a longer form (bigram postings intersected, then verified), and
  within one edit (a one-deletion hash neighbourhood of every key: short terms with one
  character missing or wrong share almost no n-grams with their target, but always share
  a deletion).  Longer queries with several errors fall back to IDF-weighted bigrams.
* Latin-script queries are looked up by key, by letters-and-digits key (acronyms in any
  case, hyphen/space variants), by prefix at a word boundary, and by words: each query word
  or, when it is not a known word, its one-edit neighbours in the vocabulary; the rarest
  words' postings make the pool of candidates (within a budget), every word votes on it
  (IDF-weighted; the 64 commonest words by one bit per form, so their huge postings are
  never read), and the best few are re-scored with rapidfuzz ``fuzz.ratio``.
  Queries that look like pinyin are also compared with the forms' toneless pinyin.

* A query that no form matches exactly may be pasted (``pasted``): a pair
  (``中文（ABBR）``, ``English (ABBR)``, ``中文 ABBR``) has its parts looked up as above and
  weighed together (``pair``); forms inside the query (``contained``) are found by walking
  the sorted keys from each start position, then, when none is, by aligning the bigram
  vote's shorter forms with the query; a plural acronym finds its singular.

Candidates are scored by layer (see ``rank``), each with whether it is an exact match after
normalisation (``quality``), the best form of each concept represents
it, and filters (kind, citation documents) apply before the top results are chosen.
Writes are followed with ``update``: changed concepts go to a small overlay index and
hide their old entries in the base one, until the caller rebuilds.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from glossary.errors import BadInput
from glossary.forms import is_chinese
from glossary.normalize import detect_script
from glossary.normalize import normalize
from glossary.records import KINDS
from glossary.records import Concept
from glossary.search import analysis as K
from glossary.search import chinese_paths as zh_paths
from glossary.search import english_paths as en_paths
from glossary.search import pasted as P
from glossary.search import pasted_paths
from glossary.search import rank as R
from glossary.search.arrays import Buffer
from glossary.search.arrays import Postings
from glossary.search.arrays import SortedKeys
from glossary.search.arrays import Strings
from glossary.search.candidates import BUDGET
from glossary.search.candidates import PREFIX_TOP
from glossary.search.candidates import TOP
from glossary.search.candidates import Candidates
from glossary.search.candidates import Group
from glossary.search.persist import FORMAT_VERSION
from glossary.search.persist import copy_index
from glossary.search.persist import load_arrays


@lru_cache(maxsize=4)
def _folding_table(keys: str, values: str) -> dict[int, str | None]:
    """The folding table an index stores, as ``zh_key``'s table; shared, read-only, by every
    index with the same table (a live index's patches would otherwise each rebuild it)."""
    return K.zh_table(dict(zip(map(ord, keys), values, strict=True)))


@dataclass(frozen=True)
class Hit:
    """One result: the concept, its score (0-100) and the form that matched, how."""

    concept_id: str
    score: float
    matched_text: str
    matched_lang: str
    matched_type: str
    how: str
    notice: str | None = None
    quality: str = "weak"  # exact / close / weak (``rank.quality``)
    proposed_form: bool = False  # matched through a form not yet reviewed
    # the ranking key (score, status, prior, length, id): merges overlay and base hits in
    # the order one index of all concepts gives
    order: tuple = field(default=(), compare=False, repr=False)


def _lang_route(lang: str | None) -> str | None:
    if lang is None:
        return None
    if not isinstance(lang, str):
        raise BadInput(f"lang must be text, not {type(lang).__name__}")
    low = lang.strip().lower()
    if low == "zh" or low.startswith("zh-"):
        return "zh"
    if low == "en" or low.startswith("en-"):
        return "en"
    raise BadInput(f"lang {lang!r} is not supported: use zh-Hant or en")


@dataclass
class _Gathered:
    """One index's candidates of a query as one term, and what the later steps need."""

    index: SearchIndex
    norm: str
    raw: str
    script: str
    route: str | None
    flt: Any
    other: SearchIndex | None
    cands: Candidates
    query_len: int

    def explained(self) -> bool:
        return pasted_paths.explains_all(self.index, self.cands, self.query_len)


class SearchIndex:
    """See the module docstring.  Build with ``SearchIndex.build``, persist with ``save`` and
    ``SearchIndex.load``; query with ``search`` and ``suggest``."""

    def __init__(
        self, arrays: dict[str, np.ndarray], info: dict[str, Any], mm: Any, positions: dict[str, int]
    ):
        """Use ``build`` or ``load``: an index is always backed by a mapped index file."""
        if info.get("format") != FORMAT_VERSION:
            raise BadInput(f"search index format {info.get('format')} is not {FORMAT_VERSION}; rebuild it")
        self._mmap = mm
        self.info = info
        a = arrays
        buffers = {name: Buffer(mm, positions[name]) for name in arrays if name.endswith("_blob")}
        self._c_kind = a["c_kind"]
        self._c_review = a["c_review"]
        self._c_cites = a["c_cites"]
        self._c_form_off = a["c_form_off"]
        self._c_ids = Strings(buffers["c_id_blob"], a["c_id_off"])
        self._payloads = (
            Strings(buffers["c_payload_blob"], a["c_payload_off"]) if "c_payload_off" in a else None
        )
        self._cid = SortedKeys(buffers["cid_blob"], a["cid_off"], a["cid_ids"], a["cid_pre"])
        self._dc = Postings(a["dc_codes"], a["dc_off"], a["dc_ids"])
        self._f_text = Strings(buffers["f_text_blob"], a["f_text_off"])
        self._f_concept = a["f_concept"]
        self._f_lang = a["f_lang"]
        self._f_type = a["f_type"]
        self._f_status = a["f_status"]
        self._f_klen = a["f_klen"]
        self._f_pos = a["f_pos"]
        self._x = SortedKeys(buffers["x_blob"], a["x_off"], a["x_ids"], a["x_pre"])
        self._l = SortedKeys(buffers["l_blob"], a["l_off"], a["l_ids"], a["l_pre"])
        self._p = SortedKeys(buffers["p_blob"], a["p_off"], a["p_ids"], a["p_pre"]) if "p_ids" in a else None
        self._zb_chars = a["zb_chars"]
        self._zb = a["zb_packed"]
        self._zd = a["zd_packed"]
        self._form_bits = int(info["form_bits"])
        self._w = SortedKeys(buffers["w_blob"], a["w_off"], a["w_ids"], a["w_pre"])
        self._ew_off = a["ew_off"]
        self._ew_forms = a["ew_forms"]
        self._wd = a["wd_packed"]
        self._word_bits = int(info["word_bits"])
        self._w_bit = a["w_bit"]
        self._f_common = a["f_common"]
        self._t2s = _folding_table(info["t2s_keys"], info["t2s_values"])
        self._kind_code = {k: i for i, k in enumerate(info["kinds"])}
        self._doc_code = {d: i for i, d in enumerate(info["docs"])}
        self._n_forms = max(int(info["forms"]), 1)
        self._changed: dict[str, Concept | None] = {}
        self._overlay: SearchIndex | None = None
        self._hidden: np.ndarray | None = None

    # --- construction and persistence -------------------------------------------------

    @classmethod
    def build(
        cls,
        concepts: Iterable[Concept],
        *,
        path: Path | None = None,
        with_pinyin: bool = True,
        meta: dict[str, Any] | None = None,
        payload: Callable[[Concept], bytes] | None = None,
    ) -> SearchIndex:
        """Index ``concepts`` (any iterable, consumed once).  The index is written as it is
        built to ``path`` when given (same as a later ``save(path)``, without the copy), else
        to an anonymous temporary file.  ``meta`` (e.g. the glossary's revision) is kept in
        ``index.meta`` and in the file.  ``payload(concept)`` (optional) gives bytes kept
        with each concept, read back with ``index.payload(id)`` (e.g. the concept's result
        JSON, so that answering needs no database).  Pinyin keys need pypinyin (skipped
        without it)."""
        from glossary.search.build import build_index  # lazy: a process that only queries never builds

        return cls(*build_index(concepts, path=path, with_pinyin=with_pinyin, meta=meta, payload=payload))

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (atomically: a temporary file renamed over it)."""
        copy_index(self._mmap, Path(path))

    @classmethod
    def load(cls, path: Path, *, populate: bool = True) -> SearchIndex:
        """Map a saved index (no copy; ``populate`` pre-faults the pages, about 0.1 s per
        500 MB when the file is in the page cache)."""
        try:
            return cls(*load_arrays(Path(path), populate=populate))
        except BadInput as exc:
            if str(path) in str(exc):
                raise
            raise BadInput(f"{path}: {exc}") from None

    @property
    def meta(self) -> dict[str, Any]:
        return self.info.get("user", {})

    def __len__(self) -> int:
        return int(self.info["concepts"])

    # --- following writes ---------------------------------------------------------------

    def update(
        self,
        upserts: Iterable[Concept] = (),
        deletes: Iterable[str] = (),
        payload: Callable[[Concept], bytes] | None = None,
    ) -> None:
        """Follow writes without a rebuild: ``upserts`` (new or edited concepts) and
        ``deletes`` (concept ids) go to a small overlay; the base index's entries for those
        ids are hidden.  Cheap while the overlay is small; rebuild the index from time to time.
        ``payload`` as for ``build`` (needed for ``index.payload`` of the changed concepts)."""
        for concept in upserts:
            self._changed[str(concept.id)] = concept
        for cid in deletes:
            self._changed[str(cid)] = None
        live = [c for c in self._changed.values() if c is not None]
        self._overlay = (
            SearchIndex.build(live, with_pinyin=self.info.get("pinyin", True), payload=payload)
            if live
            else None
        )
        hidden = np.zeros(len(self._c_kind), dtype=bool)
        for cid in self._changed:
            lo, hi = self._cid.range(cid)
            hidden[self._cid.ids[lo:hi]] = True
        self._hidden = hidden if hidden.any() else None

    def overlay_size(self) -> int:
        """How many concepts ``update`` has patched in since the index was built or loaded."""
        return len(self._changed)

    def patched(
        self,
        ids: Iterable[str],
        fetch: Callable[[list[str]], dict[str, Concept]],
        payload: Callable[[Concept], bytes] | None = None,
    ) -> SearchIndex:
        """A copy of this index (sharing its mapped arrays and metadata's values) that
        follows writes to the concepts ``ids``: ``fetch(ids)`` gives their current records,
        an id it leaves out was deleted.  This index is left as it is, so other threads can
        go on searching it while the copy is made."""
        new = copy.copy(self)
        new._changed = dict(self._changed)
        new.info = {**self.info, "user": dict(self.meta)}
        wanted = sorted({str(i) for i in ids})
        if wanted:
            found = fetch(wanted)
            new.update(
                [found[i] for i in wanted if i in found],
                [i for i in wanted if i not in found],
                payload=payload,
            )
        return new

    def payload(self, concept_id: str) -> bytes | None:
        """The bytes stored with ``concept_id`` at build time (``None``: no such concept,
        or the index was built without payloads)."""
        if concept_id in self._changed:
            return self._overlay.payload(concept_id) if self._overlay is not None else None
        if self._payloads is None:
            return None
        lo, hi = self._cid.range(concept_id)
        if hi <= lo:
            return None
        c = int(self._cid.ids[lo])
        off = self._payloads.off
        return bytes(self._payloads.blob.slice(int(off[c]), int(off[c + 1])))

    def forms(self) -> Iterable[tuple[str, str, str, str, str]]:
        """Every form of the index as it is now (base minus what writes replaced, plus the
        overlay): (concept id, text, lang, type, status).  For builders of derived
        structures, e.g. ``glossary.scan``'s automaton."""
        info = self.info
        langs, types, statuses = info["langs"], info["types"], info["statuses"]
        hidden = self._hidden
        concepts = self._f_concept.tolist()
        codes = zip(self._f_lang.tolist(), self._f_type.tolist(), self._f_status.tolist(), strict=True)
        for f, (c, (lang, ftype, status)) in enumerate(zip(concepts, codes, strict=True)):
            if hidden is None or not hidden[c]:
                yield self._c_ids.get(c), self._f_text.get(f), langs[lang], types[ftype], statuses[status]
        if self._overlay is not None:
            yield from self._overlay.forms()

    # --- helpers ------------------------------------------------------------------------------

    def _key_of(self, form: int) -> str:
        return self._x.key(int(self._f_pos[form]))

    def _make_filter(
        self, kind: str | None, docs: set[str] | None
    ) -> tuple[int | None, np.ndarray | None] | None:
        """(kind code, allowed-concept mask); ``None`` when nothing can pass."""
        kind_code = None
        if kind is not None:
            if kind not in KINDS:
                raise BadInput(f"kind {kind!r} is not one of {', '.join(KINDS)}")
            kind_code = self._kind_code.get(kind)
            if kind_code is None:
                return None
        mask = None
        if docs is not None:
            codes = [self._doc_code[d] for d in docs if d in self._doc_code]
            if not codes:
                return None
            mask = np.zeros(len(self._c_kind), dtype=bool)
            mask[self._dc.many(codes)] = True
        if self._hidden is not None:
            mask = ~self._hidden if mask is None else mask & ~self._hidden
        return kind_code, mask

    def _keep_mask(self, forms: np.ndarray, flt: tuple[int | None, np.ndarray | None]) -> np.ndarray:
        kind_code, mask = flt
        ok = np.ones(len(forms), dtype=bool)
        if kind_code is None and mask is None:
            return ok
        concepts = self._f_concept[forms]
        if kind_code is not None:
            ok &= self._c_kind[concepts] == kind_code
        if mask is not None:
            ok &= mask[concepts]
        return ok

    def _keep(self, forms: np.ndarray, flt: tuple[int | None, np.ndarray | None]) -> np.ndarray:
        if flt[0] is None and flt[1] is None:
            return forms
        return forms[self._keep_mask(forms, flt)]

    def _shortest(self, forms: np.ndarray, n: int, target_len: int | None = None) -> np.ndarray:
        if len(forms) <= n:
            return forms
        lens = self._f_klen[forms]
        if target_len is not None:
            lens = np.abs(lens - target_len)
        return forms[np.argpartition(lens, n)[:n]]

    def _range_forms(self, table: SortedKeys, lo: int, hi: int, n: int, flt: Any) -> np.ndarray:
        forms = self._keep(table.ids[lo : min(hi, lo + 200_000)], flt)
        return self._shortest(forms, n)

    # --- search ---------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        kind: str | None = None,
        docs: set[str] | None = None,
        lang: str | None = None,
    ) -> list[Hit]:
        """The concepts that ``query`` most likely means, best first, at most ``limit``.

        ``query`` is one that ``glossary.search.find.check_query`` accepted (the entry
        points validate queries and limits once, there); ``lang`` routes the query
        (``zh-*`` or ``en-*``), ``BadInput`` for another."""
        route = _lang_route(lang)
        if docs is not None:
            docs = {docs} if isinstance(docs, str) else set(docs)
        overlay = self._overlay
        mine = self._gather(query, kind, docs, route, overlay)
        theirs = overlay._gather(query, kind, docs, route, self) if overlay is not None else None
        # the pasted-query steps depend on what every index found (as in one index of all)
        exact = any(g is not None and g.cands.has_exact() for g in (mine, theirs))
        explained = any(g is not None and g.explained() for g in (mine, theirs))
        hits = self._finish(mine, limit, exact, explained)
        if overlay is not None:
            hits += overlay._finish(theirs, limit, exact, explained)
            hits = sorted(hits, key=lambda h: h.order)[:limit]
        return hits

    def _gather(
        self, query: str, kind: Any, docs: Any, route: Any, other: SearchIndex | None = None
    ) -> _Gathered | None:
        """The candidates of ``query`` as one term.  ``other``: the base index when this is
        its overlay, or the other way round (a word either one knows is a known word, as in
        one index of all concepts)."""
        flt = self._make_filter(kind, docs)
        if flt is None or not len(self._f_concept):
            return None
        norm = normalize(query)
        if not norm:
            return None
        raw = query.strip()
        script = route or detect_script(norm)
        cands = Candidates()
        self._collect(norm, raw, script, cands, flt, other)
        qlen = len(K.zh_key(norm, self._t2s) if script != "en" else K.en_key(norm))
        return _Gathered(self, norm, raw, script, route, flt, other, cands, qlen)

    def _finish(self, g: _Gathered | None, limit: int, exact: bool, explained: bool) -> list[Hit]:
        """Unless some form matched exactly, read the query as pasted: a pair, or a term
        with some of its sentence around it; then the ranked hits."""
        if g is None:
            return []
        if not exact:
            factor = R.EXPLAINED if explained else 1.0
            for parts, bracketed in P.pair_splits(g.raw):
                pasted_paths.pair(self, parts, bracketed, g.route, g.cands, g.flt, g.other)
            top = g.cands.top_score()
            # a form inside the query covers at most (n-1)/n of it: when a match that
            # accounts for the whole query already scores above that, the search is skipped
            n = max(g.query_len, 1)
            if not (explained and top >= factor * R.contained_score((n - 1) / n)):
                pasted_paths.contained(
                    self, g.norm, g.script, g.cands, g.flt, factor, fuzzy=not explained and top < 70
                )
        return self._resolve(g.cands, limit, P.query_type(g.raw, g.script))

    def _collect(self, norm: str, raw: str, script: str, cands: Candidates, flt: Any, other: Any) -> None:
        """The candidates of one term (the query, or one part of a pasted pair)."""
        if script in ("zh", "mixed"):
            zh_paths.search_zh(self, norm, raw, cands, flt)
        if script in ("en", "mixed"):
            en_paths.search_en(self, norm, raw, cands, flt, other)
            if script == "en" and self._p is not None:
                en_paths.search_pinyin(self, norm, cands, flt)

    # pasted queries -----------------------------------------------------------------------

    def _exact(self, key: str, raw: str, cands: Candidates, flt: Any, score: float = R.NORMALIZED) -> int:
        forms = self._keep(self._x.lookup(key), flt)
        acronym = self.info["types"].index("acronym")
        for f in forms.tolist():
            text = self._f_text.get(f)
            if text == raw:
                cands.add(f, R.EXACT, "exact")
            elif self._f_type[f] == acronym:
                cands.add(f, R.ACRONYM, "acronym")
            else:
                cands.add(f, score, "normalized")
        return len(forms)

    # Chinese ------------------------------------------------------------------------------

    def _vote(self, groups: list[Group], flt: Any, target_len: int, budget: int = BUDGET) -> np.ndarray:
        """Forms sharing the most IDF weight with the query's groups (words or bigrams).

        The pool of candidates comes from the rarest groups (within ``budget`` postings), or,
        when every group is a common word, from the smallest one narrowed to the forms with
        all of them (one bit each per form).  Every group then votes on the pool: common
        words by their bit, others by binary search in their postings."""
        if not groups:
            return np.zeros(0, np.int32)
        groups = sorted(groups, key=lambda g: g.size)
        rare = [g for g in groups if not g.bits]
        if rare:
            parts: list[np.ndarray] = []
            total = 0
            for g in rare:
                if parts and total + g.size > budget:
                    break
                parts.extend(g.arrays)
                total += g.size
            pool = np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        else:
            first = groups[0]
            pool = self._ew_forms[:0]
            for w in first.words:
                a, b = int(self._ew_off[w]), int(self._ew_off[w + 1])
                pool = np.union1d(pool, self._ew_forms[a:b]) if len(pool) else self._ew_forms[a:b]
            required = 0
            for g in groups:
                if len(g.words) == 1:
                    required |= g.bits
            if required:
                narrowed = pool[(self._f_common[pool] & np.uint64(required)) == np.uint64(required)]
                if self._hidden is not None:  # as if the forms ``update`` hid were not there
                    narrowed = narrowed[~self._hidden[self._f_concept[narrowed]]]
                if len(narrowed):
                    pool = narrowed
        if len(pool) > budget:
            pool = np.sort(self._shortest(pool, budget, target_len))
        pool = self._keep(pool, flt)
        if not len(pool):
            return pool
        scores = np.zeros(len(pool))
        common = None
        for g in groups:
            member = np.zeros(len(pool), dtype=bool)
            if g.bits:
                if common is None:
                    common = self._f_common[pool]
                member |= (common & np.uint64(g.bits)) != 0
            for arr in g.arrays:
                if len(arr) > 8 * budget:
                    continue
                idx = arr.searchsorted(pool)
                idx[idx >= len(arr)] = 0
                member |= arr[idx] == pool
            scores += g.weight * member
        lens = self._f_klen[pool].astype(np.float64)
        order_key = -scores + 0.01 * np.abs(lens - target_len) / (target_len + 1)
        if len(pool) > TOP:
            top = np.argpartition(order_key, TOP)[:TOP]
            pool, order_key = pool[top], order_key[top]
        return pool[np.argsort(order_key, kind="stable")]

    # Latin script -------------------------------------------------------------------------

    # results ---------------------------------------------------------------------------------

    def _form_type(self, f: int) -> str:
        """``acronym``, ``zh`` or ``en``: the sort of form, as ``pasted.query_type``."""
        info = self.info
        if info["types"][self._f_type[f]] in ("acronym", "abbreviation"):
            return "acronym"
        return "zh" if is_chinese(info["langs"][self._f_lang[f]]) else "en"

    def _resolve(self, cands: Candidates, limit: int, query_type: str | None = None) -> list[Hit]:
        """The best form of each concept represents it; concepts in ``rank``'s order: score,
        then the tie rule (``rank.TIE_RULE``)."""
        statuses = self.info["statuses"]
        best: dict[int, tuple] = {}
        for f, (score, how, exact) in cands.best.items():
            if score < R.MIN_SCORE:
                continue
            c = int(self._f_concept[f])
            unreviewed = not self._c_review[c] or statuses[self._f_status[f]] == "proposed"
            rank_key = (
                R.QUALITY_RANK[R.quality(score, exact)],  # a proposal never outranks an approved
                int(unreviewed),  # concept or form of equal or better quality
                -round(score, 2),
                0 if query_type is None or self._form_type(f) == query_type else 1,
                -int(self._c_review[c]),  # approved (1) before proposed (0)
                -int(self._c_cites[c]),
                R.STATUS_RANK.get(statuses[self._f_status[f]], 1),
                int(self._f_klen[f]),
                f,
            )
            rank_key = (*rank_key[:3], int(rank_key[6] >= R.STATUS_RANK["superseded"]), *rank_key[3:])  # type: ignore[assignment]
            if c not in best or rank_key < best[c][0]:
                best[c] = (rank_key, f, score, how, exact)
        ordered = sorted(best.items(), key=lambda item: item[1][0])[:limit]
        return [
            self._hit(c, f, score, how, key[:-1], exact, cands.notes.get(f))
            for c, (key, f, score, how, exact) in ordered
        ]

    def _hit(
        self,
        c: int,
        f: int,
        score: float,
        how: str,
        order: tuple = (),
        exact: bool = False,
        note: str | None = None,
    ) -> Hit:
        info = self.info
        text = self._f_text.get(f)
        status = info["statuses"][self._f_status[f]]
        ftype = info["types"][self._f_type[f]]
        notice = None
        if status == "proposed":
            preferred = self._preferred_like(c, f)
            notice = f"{text} is a proposed form" + (f" of {preferred}" if preferred else "")
            notice += ", not yet reviewed"
        if status in ("deprecated", "superseded"):
            preferred = self._preferred_like(c, f)
            notice = f"{text} is a {status} form"
            if preferred:
                notice += f" of {preferred}"
            why = info["notes"].get(str(f))
            if why:
                notice += f" ({why})"
        if note:
            notice = f"{notice}; {note}" if notice else note
        score = round(float(min(score, 100.0)), 2)
        return Hit(
            concept_id=self._c_ids.get(c),
            score=score,
            matched_text=text,
            matched_lang=info["langs"][self._f_lang[f]],
            matched_type=ftype,
            how=how,
            notice=notice,
            quality=R.quality(score, exact),
            proposed_form=status == "proposed",
            order=(*order, self._c_ids.get(c), f - int(self._c_form_off[c])),
        )

    def _preferred_like(self, c: int, f: int) -> str | None:
        """The concept's preferred form of the same sort (acronym, Chinese, other)."""
        info = self.info
        acronym = info["types"].index("acronym")
        preferred = info["statuses"].index("preferred")

        def sort(g: int) -> tuple[bool, bool]:
            return self._f_type[g] == acronym, is_chinese(info["langs"][self._f_lang[g]])

        start, end = int(self._c_form_off[c]), int(self._c_form_off[c + 1])
        fallback = None
        for g in range(start, end):
            if self._f_status[g] != preferred:
                continue
            if sort(g) == sort(f):
                return self._f_text.get(g)
            fallback = fallback or self._f_text.get(g)
        return fallback

    # autocomplete -------------------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 10) -> list[Hit]:
        """Forms starting with ``prefix`` (shortest first), then ordinary search results."""
        hits = self._suggest(prefix, limit)
        if self._overlay is not None:
            hits = sorted(hits + self._overlay._suggest(prefix, limit), key=lambda h: h.order)[:limit]
        if len(hits) < limit:
            seen = {h.concept_id for h in hits}
            hits += [h for h in self.search(prefix, limit=limit) if h.concept_id not in seen][
                : limit - len(hits)
            ]
        return hits

    def _suggest(self, prefix: str, limit: int) -> list[Hit]:
        flt = self._make_filter(None, None)
        norm = normalize(prefix)
        if flt is None or not norm or not len(self._f_concept):
            return []
        raw = prefix.strip()
        cands = Candidates()
        script = detect_script(norm)
        keys = []
        if script in ("zh", "mixed"):
            keys.append(K.zh_key(norm, self._t2s))
        if script in ("en", "mixed"):
            keys.append(K.en_key(norm) or norm)
        for key in keys:
            if not key:
                continue
            self._exact(key, raw, cands, flt)
            lo, hi = self._x.prefix_range(key)
            for f in self._range_forms(self._x, lo, hi, max(limit * 3, PREFIX_TOP), flt).tolist():
                cands.add(f, R.prefix_score(len(key), int(self._f_klen[f])), "prefix")
        if script == "en":
            # a word that starts with the last word typed, later in a form that has the
            # other words typed too; ranked after the forms that start with the whole query
            qtoks = K.tokens(K.en_key(norm))
            if qtoks:
                earlier = set(qtoks[:-1])
                lo, hi = self._w.prefix_range(qtoks[-1])
                for w in range(lo, min(hi, lo + 20)):
                    a, b = int(self._ew_off[w]), int(self._ew_off[w + 1])
                    forms = self._keep(self._shortest(self._ew_forms[a:b], 4 * limit), flt)
                    for f in forms.tolist():
                        if earlier and not earlier.issubset(K.tokens(self._key_of(f))):
                            continue
                        klen = int(self._f_klen[f])
                        cands.add(f, R.word_prefix_score(R.containment_ratio(len(norm), klen)), "token")
            loose = K.loose_key(norm)
            if loose:
                lo, hi = self._l.prefix_range(loose)
                for f in self._range_forms(self._l, lo, hi, limit, flt).tolist():
                    klen = max(int(self._f_klen[f]), len(loose))
                    cands.add(f, R.prefix_score(len(loose), klen), "prefix")
        return self._resolve(cands, limit)
