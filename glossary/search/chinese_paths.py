"""The Chinese query paths of :class:`~glossary.search.index.SearchIndex`: by key, as a part of a
longer form (bigram postings), within one edit (deletion neighbourhoods), and by the bigram vote.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from typing import Any

import numpy as np

from glossary.normalize import normalize
from glossary.normalize import to_taiwan
from glossary.search import analysis as K
from glossary.search import rank as R
from glossary.search.candidates import PREFIX_TOP
from glossary.search.candidates import PROBE_CAP
from glossary.search.candidates import TOP
from glossary.search.candidates import Candidates
from glossary.search.candidates import Group

if TYPE_CHECKING:
    from glossary.search.index import SearchIndex


def search_zh(ix: SearchIndex, norm: str, raw: str, cands: Candidates, flt: Any) -> None:
    zkey = K.zh_key(norm, ix._t2s)
    if not zkey:
        return
    found = ix._exact(zkey, raw, cands, flt)
    if not found:
        tw = K.zh_key(normalize(to_taiwan(norm)), ix._t2s)
        if tw != zkey:
            ix._exact(tw, raw, cands, flt, score=R.TAIWAN)
    n = len(zkey)
    # prefix
    lo, hi = ix._x.prefix_range(zkey)
    for f in ix._range_forms(ix._x, lo, hi, PREFIX_TOP, flt).tolist():
        klen = int(ix._f_klen[f])
        if klen > n:
            cands.add(f, R.prefix_score(n, klen), "prefix")
    # part of a longer form
    if n >= 2:
        zh_contained(ix, zkey, cands, flt)
    # one edit away
    if n >= 2:
        zh_neighbours(ix, zkey, cands, flt)
    # several edits: IDF-weighted bigram vote
    if n >= 4 and cands.top_score() < 80:
        zh_bigram_vote(ix, zkey, cands, flt)


def zh_contained(ix: SearchIndex, zkey: str, cands: Candidates, flt: Any) -> None:
    codes = K.bigram_dense_codes(zkey, ix._zb_chars)
    if codes is None:
        return
    lists = []
    for code in sorted(set(codes)):
        items = K.postings(ix._zb, code, ix._form_bits)
        if not len(items):
            return
        lists.append(items)
    lists.sort(key=len)
    cand = lists[0]
    for other in lists[1:]:
        if not len(cand):
            return
        idx = other.searchsorted(cand)
        idx[idx >= len(other)] = 0
        cand = cand[other[idx] == cand]
    cand = ix._keep(cand, flt)
    if not len(cand):
        return
    n = len(zkey)
    lens = ix._f_klen[cand]
    order = np.argsort(lens, kind="stable")
    verified = 0
    for i in order[:400].tolist():
        f = int(cand[i])
        klen = int(lens[i])
        if klen <= n:
            continue
        if n > 2 and zkey not in ix._key_of(f):
            continue
        cands.add(f, R.token_score(R.containment_ratio(n, klen)), "token")
        verified += 1
        if verified >= TOP:
            break


def zh_neighbours(ix: SearchIndex, zkey: str, cands: Candidates, flt: Any) -> None:
    from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)
    from rapidfuzz.distance import OSA  # lazy, as above

    n = len(zkey)
    probes = K.neighbourhood_hashes(zkey, deletions=n >= 3)
    parts = K.probe(ix._zd, probes, ix._form_bits, PROBE_CAP)
    if not parts:
        return
    forms = ix._keep(np.unique(np.concatenate(parts)), flt)
    for f in ix._shortest(forms, 4 * TOP, n).tolist():
        if f in cands.best and cands.best[f][0] >= R.ACRONYM:
            continue
        key = ix._key_of(f)
        ratio = fuzz.ratio(zkey, key)
        score = R.fuzzy_score(ratio, n, len(key))
        if n >= 3 and OSA.distance(zkey, key) <= 1:
            score = max(score, R.one_edit_score(ratio))
        cands.add(f, score, "fuzzy")


def zh_bigram_vote(ix: SearchIndex, zkey: str, cands: Candidates, flt: Any) -> None:
    from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)

    groups = []
    for code in set(K.bigram_dense_codes(zkey, ix._zb_chars) or ()):
        items = K.postings(ix._zb, code, ix._form_bits)
        if len(items):
            groups.append(Group([items], 0, (), math.log(1 + ix._n_forms / len(items)), len(items)))
    n = len(zkey)
    for f in ix._vote(groups, flt, n, budget=8000).tolist():
        key = ix._key_of(f)
        cands.add(f, R.fuzzy_score(fuzz.ratio(zkey, key), n, len(key)), "fuzzy")


def zh_inside_fuzzy(ix: SearchIndex, zkey: str, cands: Candidates, flt: Any, factor: float) -> None:
    """Forms inside the query a character or so off (``出席數位經濟指導小祖會議``): the
    bigram vote's forms shorter than the query, aligned with ``partial_ratio``."""
    from rapidfuzz import fuzz  # lazy: only fuzzy paths need it (cold start)

    groups = []
    for code in set(K.known_bigram_codes(zkey, ix._zb_chars)):
        items = K.postings(ix._zb, code, ix._form_bits)
        if len(items):
            groups.append(Group([items], 0, (), math.log(1 + ix._n_forms / len(items)), len(items)))
    n = len(zkey)
    for f in ix._vote(groups, flt, n // 2, budget=8000).tolist():
        key = ix._key_of(f)
        if 3 <= len(key) < n:
            partial = fuzz.partial_ratio(key, zkey)
            if partial >= 80:
                score = factor * R.contained_score(len(key) / n) * partial / 100.0
                cands.add(f, score, "contained")
