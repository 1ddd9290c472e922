"""``SearchIndex``: the index (always a memory-mapped index file: the saved one, or an
anonymous temporary file right after ``build``) and its query paths.

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
import math
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import numpy as np

from glossary.errors import BadInput
from glossary.forms import is_chinese
from glossary.normalize import detect_script
from glossary.normalize import normalize
from glossary.normalize import to_taiwan
from glossary.records import KINDS
from glossary.records import Concept
from glossary.search import analysis as K
from glossary.search import pasted as P
from glossary.search import rank as R
from glossary.search.arrays import Buffer
from glossary.search.arrays import Postings
from glossary.search.arrays import SortedKeys
from glossary.search.arrays import Strings
from glossary.search.build import build_index
from glossary.search.persist import FORMAT_VERSION
from glossary.search.persist import copy_index
from glossary.search.persist import load_arrays
from glossary.search.pinyin import query_pinyin

_TOP = 40  # candidates re-scored with rapidfuzz per path
_PREFIX_TOP = 30
_BUDGET = 60_000  # postings read per query by the word / bigram vote
_PROBE_CAP = 200  # forms taken per deletion-neighbourhood probe


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
class _Group:
    """One query word (its vocabulary alternatives) or one bigram, for the vote."""

    arrays: list[np.ndarray]  # postings of the alternatives that are not common words
    bits: int  # common-word bits of the alternatives that are
    words: tuple[int, ...]  # the alternatives' word ids
    weight: float
    size: int


class _Candidates:
    """Best (score, how, exact) per form, and notices on forms (a pasted pair whose parts
    contradict each other)."""

    def __init__(self) -> None:
        self.best: dict[int, tuple[float, str, bool]] = {}
        self.notes: dict[int, str] = {}

    def add(self, form: int, score: float, how: str, exact: bool | None = None) -> None:
        old = self.best.get(form)
        if old is None or score > old[0]:
            self.best[form] = (score, how, how in R.EXACT_HOWS if exact is None else exact)

    def top_score(self) -> float:
        return max((s for s, _, _ in self.best.values()), default=0.0)

    def has_exact(self) -> bool:
        return any(exact for _, _, exact in self.best.values())


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
    cands: _Candidates
    query_len: int

    def explained(self) -> bool:
        return self.index._explains_all(self.cands, self.query_len)


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
        self._t2s = K.zh_table(dict(zip(map(ord, info["t2s_keys"]), info["t2s_values"], strict=True)))
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
        cands = _Candidates()
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
                self._pair(parts, bracketed, g.route, g.cands, g.flt, g.other)
            top = g.cands.top_score()
            # a form inside the query covers at most (n-1)/n of it: when a match that
            # accounts for the whole query already scores above that, the search is skipped
            n = max(g.query_len, 1)
            if not (explained and top >= factor * R.contained_score((n - 1) / n)):
                self._contained(g.norm, g.script, g.cands, g.flt, factor, fuzzy=not explained and top < 70)
        return self._resolve(g.cands, limit, P.query_type(g.raw, g.script))

    def _collect(self, norm: str, raw: str, script: str, cands: _Candidates, flt: Any, other: Any) -> None:
        """The candidates of one term (the query, or one part of a pasted pair)."""
        if script in ("zh", "mixed"):
            self._search_zh(norm, raw, cands, flt)
        if script in ("en", "mixed"):
            self._search_en(norm, raw, cands, flt, other)
            if script == "en" and self._p is not None:
                self._search_pinyin(norm, cands, flt)

    # pasted queries -----------------------------------------------------------------------

    def _by_concept(self, cands: _Candidates) -> dict[int, tuple[float, int, bool]]:
        """Each concept's best (score, form, exact) among ``cands`` above the cut-off."""
        out: dict[int, tuple[float, int, bool]] = {}
        for f, (score, _how, exact) in cands.best.items():
            if score < R.MIN_SCORE:
                continue
            c = int(self._f_concept[f])
            old = out.get(c)
            if old is None or (score, exact) > (old[0], old[2]):
                out[c] = (score, f, exact)
        return out

    def _pair(
        self, parts: tuple[P.Part, ...], bracketed: bool, route: Any, cands: _Candidates, flt: Any, other: Any
    ) -> None:
        """Look the parts of a pasted pair up together: a concept that several parts find is
        a ``pair`` match (``PAIR`` when they all find it exactly); one that a single part
        finds is ``contained`` (scored ``PART_ONLY`` x that part's score).  When the query
        defines an acronym (brackets) and its parts find different concepts exactly, both
        results carry a notice, as ``check`` would give."""
        found: list[tuple[P.Part, dict[int, tuple[float, int, bool]]]] = []
        query_norm = normalize(" ".join(p.text for p in parts))
        for part in parts:
            pnorm = normalize(part.text)
            if not pnorm:
                continue
            pc = _Candidates()
            pscript = route or detect_script(pnorm)
            self._collect(pnorm, part.text, pscript, pc, flt, other)
            if part.role == "term" and not pc.has_exact():
                self._contained(pnorm, pscript, pc, flt)
            found.append((part, self._by_concept(pc)))
        if len(found) < 2:
            return
        n = len(found)
        agreed = False
        for c in set().union(*(hits for _, hits in found)):
            mine = [(part, hits[c]) for part, hits in found if c in hits]
            if len(mine) >= 2 and all(score >= 65 for _, (score, _f, _e) in mine):
                exact = len(mine) == n and all(e for _, (_s, _f, e) in mine)
                scores = [score for _, (score, _f, _e) in mine]
                score = R.PAIR if exact else R.pair_score(scores, n)
                term = [f for part, (_s, f, _e) in mine if part.role == "term"]
                cands.add(term[0] if term else mine[0][1][1], score, "pair", exact)
                agreed = True
            else:
                part, (score, f, _e) = mine[0]
                if bracketed:  # the query defines a term: each part stands for it
                    factor = R.PART_ONLY_ABBR if part.role == "abbr" else R.PART_ONLY
                    cands.add(f, factor * score, "contained", False)
                else:  # side by side, the reading is only a guess: as a form inside the query
                    cover = len(normalize(part.text)) / max(len(query_norm), 1)
                    cands.add(f, R.contained_score(cover) * score / 100.0, "contained", False)
        if bracketed and not agreed:
            self._contradiction(found, cands)

    def _contradiction(self, found: Any, cands: _Candidates) -> None:
        """Notices for a bracketed pair whose acronym and term find different concepts."""
        abbr = [(p, hits) for p, hits in found if p.role == "abbr"]
        terms = [(p, hits) for p, hits in found if p.role == "term"]
        if not abbr or not terms:
            return
        a_part, a_hits = abbr[0]
        a_best = [(s, f, c) for c, (s, f, e) in a_hits.items() if e]
        t_best = [(s, f, c, p) for p, hits in terms for c, (s, f, e) in hits.items() if e]
        if not a_best or not t_best:
            return
        _s, af, ac = max(a_best)
        _s, tf, tc, t_part = max(t_best, key=lambda x: x[:3])
        if ac == tc:
            return
        owner = self._label(ac)
        term_owner = self._label(tc)
        notice = f"{a_part.text} is the acronym of {owner}, not of {t_part.text}"
        if term_owner:
            notice += f" ({term_owner})"
        cands.notes[tf] = notice
        cands.notes[af] = notice

    def _label(self, c: int) -> str:
        """``中文 (English, ABBR)`` from a concept's preferred forms."""
        info = self.info
        acronym = info["types"].index("acronym")
        preferred = info["statuses"].index("preferred")
        zh = en = abbr = None
        for g in range(int(self._c_form_off[c]), int(self._c_form_off[c + 1])):
            if self._f_status[g] != preferred:
                continue
            text = self._f_text.get(g)
            if self._f_type[g] == acronym:
                abbr = abbr or text
            elif is_chinese(info["langs"][self._f_lang[g]]):
                zh = zh or text
            else:
                en = en or text
        inner = ", ".join(x for x in (en, abbr) if x)
        if zh and inner:
            return f"{zh} ({inner})"
        return zh or inner

    def _explains_all(self, cands: _Candidates, query_len: int) -> bool:
        """Whether a form accounts for the whole query: the query is a part of it (prefix,
        token) or within an edit or so of it (fuzzy, the form no shorter than the query).
        A form inside the query is then less likely what was meant (``EXPLAINED``)."""
        for f, (score, how, _exact) in cands.best.items():
            if score < 70:
                continue
            if how in ("prefix", "token"):
                return True
            if how == "fuzzy" and int(self._f_klen[f]) >= query_len:
                return True
        return False

    def _contained(
        self, norm: str, script: str, cands: _Candidates, flt: Any, factor: float = 1.0, fuzzy: bool = True
    ) -> None:
        """Forms inside a longer query (``contained``), scored by the share of the query
        they cover (times ``factor``): every substring of the query that is a form's key,
        found by walking the sorted keys (a substring no key starts with ends the walk
        from that start); then, with ``fuzzy`` and when nothing much is inside as written,
        forms inside with a character or so wrong."""
        if script in ("zh", "mixed"):
            key, bounds = self._zh_key_with_words(norm)
            cover = self._contained_in(key, bounds, bounds, cands, flt, factor)
            if fuzzy and cover < 0.5 and len(key) >= 4:  # nothing (much) inside as written: then fuzzy
                self._zh_inside_fuzzy(key, cands, flt, factor)
        if script in ("en", "mixed"):
            ekey = K.en_key(norm)
            words = list(K._WORD.finditer(ekey))
            if len(words) >= 2:
                starts = {m.start() for m in words}
                ends = {m.end() for m in words}
                self._contained_in(ekey, starts, ends, cands, flt, factor)

    def _zh_key_with_words(self, norm: str) -> tuple[str, set[int]]:
        """``zh_key(norm)`` and the positions in it where a Latin word may start or end
        (the key drops the spaces that separated them)."""
        out: list[str] = []
        bounds = {0}
        length = 0
        for char in norm:
            mapped = char.translate(self._t2s)
            if not mapped:
                bounds.add(length)
                continue
            out.append(mapped)
            length += len(mapped)
        key = "".join(out)
        for i in range(1, len(key)):
            if not (key[i - 1].isascii() and key[i - 1].isalnum() and key[i].isascii() and key[i].isalnum()):
                bounds.add(i)
        bounds.add(len(key))
        return key, bounds

    def _contained_in(
        self, key: str, starts: set[int], ends: set[int], cands: _Candidates, flt: Any, factor: float
    ) -> float:
        """Add the forms inside ``key`` (from a start to an end position); returns the
        largest share of the query one of them covers."""
        n = len(key)
        best = 0.0
        if n < 3:
            return best
        table = self._x
        for i in sorted(b for b in starts if b < n - 1):
            lo = 0
            for j in range(i + 2, n + 1):
                if j - i == n:
                    break
                sub = key[i:j].encode("utf-8")
                lo = table._bisect(sub, lo)
                if lo >= len(table) or not table[lo].startswith(sub):
                    break
                if j not in ends or table[lo] != sub:
                    continue
                hi = table._bisect(sub + b"\x00", lo)
                forms = self._keep(table.ids[lo:hi], flt)
                score = factor * R.contained_score((j - i) / n)
                for f in forms.tolist():
                    cands.add(f, score, "contained")
                if len(forms):
                    best = max(best, (j - i) / n)
        return best

    def _exact(self, key: str, raw: str, cands: _Candidates, flt: Any, score: float = R.NORMALIZED) -> int:
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

    def _search_zh(self, norm: str, raw: str, cands: _Candidates, flt: Any) -> None:
        zkey = K.zh_key(norm, self._t2s)
        if not zkey:
            return
        found = self._exact(zkey, raw, cands, flt)
        if not found:
            tw = K.zh_key(normalize(to_taiwan(norm)), self._t2s)
            if tw != zkey:
                self._exact(tw, raw, cands, flt, score=R.TAIWAN)
        n = len(zkey)
        # prefix
        lo, hi = self._x.prefix_range(zkey)
        for f in self._range_forms(self._x, lo, hi, _PREFIX_TOP, flt).tolist():
            klen = int(self._f_klen[f])
            if klen > n:
                cands.add(f, R.prefix_score(n, klen), "prefix")
        # part of a longer form
        if n >= 2:
            self._zh_contained(zkey, cands, flt)
        # one edit away
        if n >= 2:
            self._zh_neighbours(zkey, cands, flt)
        # several edits: IDF-weighted bigram vote
        if n >= 4 and cands.top_score() < 80:
            self._zh_bigram_vote(zkey, cands, flt)

    def _zh_contained(self, zkey: str, cands: _Candidates, flt: Any) -> None:
        codes = K.bigram_dense_codes(zkey, self._zb_chars)
        if codes is None:
            return
        lists = []
        for code in sorted(set(codes)):
            items = K.postings(self._zb, code, self._form_bits)
            if not len(items):
                return
            lists.append(items)
        lists.sort(key=len)
        cand = lists[0]
        for other in lists[1:]:
            if not len(cand):
                return
            idx = np.searchsorted(other, cand)
            idx[idx >= len(other)] = 0
            cand = cand[other[idx] == cand]
        cand = self._keep(cand, flt)
        if not len(cand):
            return
        n = len(zkey)
        lens = self._f_klen[cand]
        order = np.argsort(lens, kind="stable")
        verified = 0
        for i in order[:400].tolist():
            f = int(cand[i])
            klen = int(lens[i])
            if klen <= n:
                continue
            if n > 2 and zkey not in self._key_of(f):
                continue
            cands.add(f, R.token_score(R.containment_ratio(n, klen)), "token")
            verified += 1
            if verified >= _TOP:
                break

    def _zh_neighbours(self, zkey: str, cands: _Candidates, flt: Any) -> None:
        from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)
        from rapidfuzz.distance import OSA  # lazy, as above

        n = len(zkey)
        probes = K.neighbourhood_hashes(zkey, deletions=n >= 3)
        parts = K.probe(self._zd, probes, self._form_bits, _PROBE_CAP)
        if not parts:
            return
        forms = self._keep(np.unique(np.concatenate(parts)), flt)
        for f in self._shortest(forms, 4 * _TOP, n).tolist():
            if f in cands.best and cands.best[f][0] >= R.ACRONYM:
                continue
            key = self._key_of(f)
            ratio = fuzz.ratio(zkey, key)
            score = R.fuzzy_score(ratio, n, len(key))
            if n >= 3 and OSA.distance(zkey, key) <= 1:
                score = max(score, R.one_edit_score(ratio))
            cands.add(f, score, "fuzzy")

    def _vote(self, groups: list[_Group], flt: Any, target_len: int, budget: int = _BUDGET) -> np.ndarray:
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
                idx = np.searchsorted(arr, pool)
                idx[idx >= len(arr)] = 0
                member |= arr[idx] == pool
            scores += g.weight * member
        lens = self._f_klen[pool].astype(np.float64)
        order_key = -scores + 0.01 * np.abs(lens - target_len) / (target_len + 1)
        if len(pool) > _TOP:
            top = np.argpartition(order_key, _TOP)[:_TOP]
            pool, order_key = pool[top], order_key[top]
        return pool[np.argsort(order_key, kind="stable")]

    def _zh_bigram_vote(self, zkey: str, cands: _Candidates, flt: Any) -> None:
        from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)

        groups = []
        for code in set(K.bigram_dense_codes(zkey, self._zb_chars) or ()):
            items = K.postings(self._zb, code, self._form_bits)
            if len(items):
                groups.append(_Group([items], 0, (), math.log(1 + self._n_forms / len(items)), len(items)))
        n = len(zkey)
        for f in self._vote(groups, flt, n, budget=8000).tolist():
            key = self._key_of(f)
            cands.add(f, R.fuzzy_score(fuzz.ratio(zkey, key), n, len(key)), "fuzzy")

    def _zh_inside_fuzzy(self, zkey: str, cands: _Candidates, flt: Any, factor: float) -> None:
        """Forms inside the query a character or so off (``出席數位經濟指導小祖會議``): the
        bigram vote's forms shorter than the query, aligned with ``partial_ratio``."""
        from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)

        groups = []
        for code in set(K.known_bigram_codes(zkey, self._zb_chars)):
            items = K.postings(self._zb, code, self._form_bits)
            if len(items):
                groups.append(_Group([items], 0, (), math.log(1 + self._n_forms / len(items)), len(items)))
        n = len(zkey)
        for f in self._vote(groups, flt, n // 2, budget=8000).tolist():
            key = self._key_of(f)
            if 3 <= len(key) < n:
                partial = fuzz.partial_ratio(key, zkey)
                if partial >= 80:
                    score = factor * R.contained_score(len(key) / n) * partial / 100.0
                    cands.add(f, score, "contained")

    # Latin script -------------------------------------------------------------------------

    def _knows_word(self, tok: str) -> bool:
        """Whether ``tok`` is a word of a form that ``update`` did not hide."""
        lo, hi = self._w.range(tok)
        if hi <= lo:
            return False
        if self._hidden is None:
            return True
        w = int(self._w.ids[lo])
        a, b = int(self._ew_off[w]), int(self._ew_off[w + 1])
        return bool((~self._hidden[self._f_concept[self._ew_forms[a:b]]]).any())

    def _word_alternatives(self, tok: str, other: SearchIndex | None = None) -> list[tuple[int, float]]:
        lo, hi = self._w.range(tok)
        if hi > lo and (self._hidden is None or self._knows_word(tok)):
            return [(int(self._w.ids[lo]), 1.0)]
        if other is not None and other._knows_word(tok):
            return []  # a known word (of the other index's forms): no neighbours
        if len(tok) < 3:
            return []
        from rapidfuzz.distance import OSA  # lazy, as above

        parts = K.probe(self._wd, K.neighbourhood_hashes(tok), self._word_bits, 50)
        words = {int(w) for part in parts for w in part.tolist()}
        out = []
        for w in words:
            word = self._word(w)
            if OSA.distance(tok, word) <= 1 and (self._hidden is None or self._knows_word(word)):
                out.append((w, 0.8))
        return out

    def _word(self, w: int) -> str:
        # word ids are positions in the sorted vocabulary
        return self._w.key(w)

    def _search_en(
        self, norm: str, raw: str, cands: _Candidates, flt: Any, other: SearchIndex | None = None
    ) -> None:
        from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)

        ekey = K.en_key(norm)
        if not ekey:
            return
        self._exact(ekey, raw, cands, flt)
        loose = K.loose_key(ekey)
        if loose:
            acronym = self.info["types"].index("acronym")
            for f in self._keep(self._l.lookup(loose), flt).tolist():
                if self._f_type[f] == acronym:
                    text = self._f_text.get(f)
                    cands.add(f, R.EXACT if text == raw else R.ACRONYM, "exact" if text == raw else "acronym")
                else:
                    cands.add(f, R.LOOSE, "normalized")
            self._plural(raw, loose, cands, flt)
        n = len(ekey)
        # prefix at a word boundary
        for sep in (" ", "-"):
            lo, hi = self._x.prefix_range(ekey + sep)
            for f in self._range_forms(self._x, lo, hi, _PREFIX_TOP, flt).tolist():
                cands.add(f, R.prefix_score(n, int(self._f_klen[f])), "prefix")
        # words
        qtoks = K.tokens(ekey)
        if not qtoks:
            return
        groups = []
        for tok in qtoks:
            alts = self._word_alternatives(tok, other)
            if not alts:
                continue
            arrays, bits, size, best_df = [], 0, 0, None
            for w, _factor in alts:
                a, b = int(self._ew_off[w]), int(self._ew_off[w + 1])
                bit = int(self._w_bit[w])
                if bit >= 0:
                    bits |= 1 << bit
                else:
                    arrays.append(self._ew_forms[a:b])
                size += b - a
                best_df = b - a if best_df is None else min(best_df, b - a)
            if size:
                factor = max(f for _, f in alts)
                weight = factor * math.log(1 + self._n_forms / max(best_df or 0, 1))
                groups.append(_Group(arrays, bits, tuple(w for w, _ in alts), weight, size))
        if not groups:
            return
        qset = set(qtoks)
        for f in self._vote(groups, flt, n).tolist():
            if f in cands.best and cands.best[f][0] >= R.LOOSE:
                continue
            key = self._key_of(f)
            ratio = fuzz.ratio(ekey, key)
            score = R.fuzzy_score(max(ratio, 0.95 * fuzz.token_sort_ratio(ekey, key)))
            how = "fuzzy"
            if qset.issubset(K.tokens(key)):
                token = R.token_score(ratio)
                if token >= score:
                    score, how = token, "token"
            cands.add(f, score, how)

    def _plural(self, raw: str, loose: str, cands: _Candidates, flt: Any) -> None:
        """A plural acronym finds its singular (``DPPs`` -> DPP), and a singular one the
        plural form (``SME`` -> SMEs): ``PLURAL``, an exact match after normalisation."""
        if " " in raw or not loose.isalnum():
            return
        acronym = self.info["types"].index("acronym")
        stem = P.singular(P.fold(raw))
        others = [stem.lower()] if stem else []
        if P.is_acronym(P.fold(raw)) or raw.islower():
            others.append(loose + "s")
        for other in others:
            for f in self._keep(self._l.lookup(other), flt).tolist():
                if self._f_type[f] == acronym:
                    cands.add(f, R.PLURAL, "acronym")

    def _search_pinyin(self, norm: str, cands: _Candidates, flt: Any) -> None:
        pq = query_pinyin(norm)
        if pq is None or self._p is None:
            return
        lo, hi = self._p.prefix_range(pq)
        if hi <= lo:
            return
        positions = np.arange(lo, min(hi, lo + 5000))
        forms = self._p.ids[positions]
        ok = self._keep_mask(forms, flt)
        positions, forms = positions[ok], forms[ok]
        if len(forms) > _PREFIX_TOP:
            top = np.argpartition(self._f_klen[forms], _PREFIX_TOP)[:_PREFIX_TOP]
            positions, forms = positions[top], forms[top]
        for pos, f in zip(positions.tolist(), forms.tolist(), strict=True):
            pkey = self._p.key(pos)
            if len(pq) <= self._latin_lead(f):
                continue  # the query only reaches the form's Latin letters: not a pinyin match
            score = R.PINYIN if pkey == pq else R.pinyin_prefix_score(len(pq), len(pkey))
            cands.add(f, score, "pinyin")

    def _latin_lead(self, f: int) -> int:
        """How many letters and digits a Chinese form's key starts with before its first
        other character (``OECD 關於…`` -> 4): its pinyin key starts with them unchanged."""
        count = 0
        for char in self._key_of(f):
            if not (char.isascii() and char.isalnum()):
                break
            count += 1
        return count

    # results ---------------------------------------------------------------------------------

    def _form_type(self, f: int) -> str:
        """``acronym``, ``zh`` or ``en``: the sort of form, as ``pasted.query_type``."""
        info = self.info
        if info["types"][self._f_type[f]] in ("acronym", "abbreviation"):
            return "acronym"
        return "zh" if is_chinese(info["langs"][self._f_lang[f]]) else "en"

    def _resolve(self, cands: _Candidates, limit: int, query_type: str | None = None) -> list[Hit]:
        """The best form of each concept represents it; concepts in ``rank``'s order: score,
        then the tie rule (``rank.TIE_RULE``)."""
        statuses = self.info["statuses"]
        best: dict[int, tuple] = {}
        for f, (score, how, exact) in cands.best.items():
            if score < R.MIN_SCORE:
                continue
            c = int(self._f_concept[f])
            rank_key = (
                -round(score, 2),
                0 if query_type is None or self._form_type(f) == query_type else 1,
                -int(self._c_review[c]),  # approved (1) before proposed (0)
                -int(self._c_cites[c]),
                R.STATUS_RANK.get(statuses[self._f_status[f]], 1),
                int(self._f_klen[f]),
                f,
            )
            rank_key = (rank_key[0], int(rank_key[4] >= R.STATUS_RANK["superseded"]), *rank_key[1:])  # type: ignore[assignment]
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
        cands = _Candidates()
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
            for f in self._range_forms(self._x, lo, hi, max(limit * 3, _PREFIX_TOP), flt).tolist():
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
