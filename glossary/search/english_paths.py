"""The Latin-script query paths of :class:`~glossary.search.index.SearchIndex`: by words (each
word or its one-edit neighbours in the vocabulary, IDF-weighted vote, rapidfuzz re-score), plural
acronyms, and toneless pinyin.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from typing import Any

import numpy as np

from glossary.search import analysis as K
from glossary.search import pasted as P
from glossary.search import rank as R
from glossary.search.candidates import PREFIX_TOP
from glossary.search.candidates import Candidates
from glossary.search.candidates import Group
from glossary.search.pinyin import query_pinyin

if TYPE_CHECKING:
    from glossary.search.index import SearchIndex


def knows_word(ix: SearchIndex, tok: str) -> bool:
    """Whether ``tok`` is a word of a form that ``update`` did not hide."""
    lo, hi = ix._w.range(tok)
    if hi <= lo:
        return False
    if ix._hidden is None:
        return True
    w = int(ix._w.ids[lo])
    a, b = int(ix._ew_off[w]), int(ix._ew_off[w + 1])
    return bool((~ix._hidden[ix._f_concept[ix._ew_forms[a:b]]]).any())


def word_alternatives(ix: SearchIndex, tok: str, other: SearchIndex | None = None) -> list[tuple[int, float]]:
    lo, hi = ix._w.range(tok)
    if hi > lo and (ix._hidden is None or knows_word(ix, tok)):
        return [(int(ix._w.ids[lo]), 1.0)]
    if other is not None and knows_word(other, tok):
        return []  # a known word (of the other index's forms): no neighbours
    if len(tok) < 3:
        return []
    from rapidfuzz.distance import OSA  # lazy, as above

    parts = K.probe(ix._wd, K.neighbourhood_hashes(tok), ix._word_bits, 50)
    words = {int(w) for part in parts for w in part.tolist()}
    out = []
    for w in words:
        word = word_text(ix, w)
        if OSA.distance(tok, word) <= 1 and (ix._hidden is None or knows_word(ix, word)):
            out.append((w, 0.8))
    return out


def word_text(ix: SearchIndex, w: int) -> str:
    # word ids are positions in the sorted vocabulary
    return ix._w.key(w)


def search_en(
    ix: SearchIndex, norm: str, raw: str, cands: Candidates, flt: Any, other: SearchIndex | None = None
) -> None:
    from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)

    ekey = K.en_key(norm)
    if not ekey:
        return
    ix._exact(ekey, raw, cands, flt)
    loose = K.loose_key(ekey)
    if loose:
        acronym = ix.info["types"].index("acronym")
        for f in ix._keep(ix._l.lookup(loose), flt).tolist():
            if ix._f_type[f] == acronym:
                text = ix._f_text.get(f)
                cands.add(f, R.EXACT if text == raw else R.ACRONYM, "exact" if text == raw else "acronym")
            else:
                cands.add(f, R.LOOSE, "normalized")
        plural(ix, raw, loose, cands, flt)
    n = len(ekey)
    # prefix at a word boundary
    for sep in (" ", "-"):
        lo, hi = ix._x.prefix_range(ekey + sep)
        for f in ix._range_forms(ix._x, lo, hi, PREFIX_TOP, flt).tolist():
            cands.add(f, R.prefix_score(n, int(ix._f_klen[f])), "prefix")
    # words
    qtoks = K.tokens(ekey)
    if not qtoks:
        return
    groups = []
    for tok in qtoks:
        alts = word_alternatives(ix, tok, other)
        if not alts:
            continue
        arrays, bits, size, best_df = [], 0, 0, None
        for w, _factor in alts:
            a, b = int(ix._ew_off[w]), int(ix._ew_off[w + 1])
            bit = int(ix._w_bit[w])
            if bit >= 0:
                bits |= 1 << bit
            else:
                arrays.append(ix._ew_forms[a:b])
            size += b - a
            best_df = b - a if best_df is None else min(best_df, b - a)
        if size:
            factor = max(f for _, f in alts)
            weight = factor * math.log(1 + ix._n_forms / max(best_df or 0, 1))
            groups.append(Group(arrays, bits, tuple(w for w, _ in alts), weight, size))
    if not groups:
        return
    qset = set(qtoks)
    for f in ix._vote(groups, flt, n).tolist():
        if f in cands.best and cands.best[f][0] >= R.LOOSE:
            continue
        key = ix._key_of(f)
        ratio = fuzz.ratio(ekey, key)
        score = R.fuzzy_score(max(ratio, 0.95 * fuzz.token_sort_ratio(ekey, key)))
        how = "fuzzy"
        if qset.issubset(K.tokens(key)):
            token = R.token_score(ratio)
            if token >= score:
                score, how = token, "token"
        cands.add(f, score, how)


def plural(ix: SearchIndex, raw: str, loose: str, cands: Candidates, flt: Any) -> None:
    """A plural acronym finds its singular (``DPPs`` -> DPP), and a singular one the
    plural form (``SME`` -> SMEs): ``PLURAL``, an exact match after normalisation."""
    if " " in raw or not loose.isalnum():
        return
    acronym = ix.info["types"].index("acronym")
    stem = P.singular(P.fold(raw))
    others = [stem.lower()] if stem else []
    if P.is_acronym(P.fold(raw)) or raw.islower():
        others.append(loose + "s")
    for other in others:
        for f in ix._keep(ix._l.lookup(other), flt).tolist():
            if ix._f_type[f] == acronym:
                cands.add(f, R.PLURAL, "acronym")


def search_pinyin(ix: SearchIndex, norm: str, cands: Candidates, flt: Any) -> None:
    pq = query_pinyin(norm)
    if pq is None or ix._p is None:
        return
    lo, hi = ix._p.prefix_range(pq)
    if hi <= lo:
        return
    positions = np.arange(lo, min(hi, lo + 5000))
    forms = ix._p.ids[positions]
    ok = ix._keep_mask(forms, flt)
    positions, forms = positions[ok], forms[ok]
    if len(forms) > PREFIX_TOP:
        top = np.argpartition(ix._f_klen[forms], PREFIX_TOP)[:PREFIX_TOP]
        positions, forms = positions[top], forms[top]
    for pos, f in zip(positions.tolist(), forms.tolist(), strict=True):
        pkey = ix._p.key(pos)
        if len(pq) <= latin_lead(ix, f):
            continue  # the query only reaches the form's Latin letters: not a pinyin match
        score = R.PINYIN if pkey == pq else R.pinyin_prefix_score(len(pq), len(pkey))
        cands.add(f, score, "pinyin")


def latin_lead(ix: SearchIndex, f: int) -> int:
    """How many letters and digits a Chinese form's key starts with before its first
    other character (``OECD 關於…`` -> 4): its pinyin key starts with them unchanged."""
    count = 0
    for char in ix._key_of(f):
        if not (char.isascii() and char.isalnum()):
            break
        count += 1
    return count
