"""The pasted-query paths of :class:`~glossary.search.index.SearchIndex`: a pair whose parts are
looked up and weighed together, and the forms contained in a longer query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from glossary.forms import is_chinese
from glossary.normalize import detect_script
from glossary.normalize import normalize
from glossary.search import analysis as K
from glossary.search import chinese_paths as zh_paths
from glossary.search import pasted as P
from glossary.search import rank as R
from glossary.search.candidates import Candidates

if TYPE_CHECKING:
    from glossary.search.index import SearchIndex


def by_concept(ix: SearchIndex, cands: Candidates) -> dict[int, tuple[float, int, bool]]:
    """Each concept's best (score, form, exact) among ``cands`` above the cut-off."""
    out: dict[int, tuple[float, int, bool]] = {}
    for f, (score, _how, exact) in cands.best.items():
        if score < R.MIN_SCORE:
            continue
        c = int(ix._f_concept[f])
        old = out.get(c)
        if old is None or (score, exact) > (old[0], old[2]):
            out[c] = (score, f, exact)
    return out


def pair(
    ix: SearchIndex,
    parts: tuple[P.Part, ...],
    bracketed: bool,
    route: Any,
    cands: Candidates,
    flt: Any,
    other: Any,
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
        pc = Candidates()
        pscript = route or detect_script(pnorm)
        ix._collect(pnorm, part.text, pscript, pc, flt, other)
        if part.role == "term" and not pc.has_exact():
            contained(ix, pnorm, pscript, pc, flt)
        found.append((part, by_concept(ix, pc)))
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
        contradiction(ix, found, cands)


def contradiction(ix: SearchIndex, found: Any, cands: Candidates) -> None:
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
    owner = label(ix, ac)
    term_owner = label(ix, tc)
    notice = f"{a_part.text} is the acronym of {owner}, not of {t_part.text}"
    if term_owner:
        notice += f" ({term_owner})"
    cands.notes[tf] = notice
    cands.notes[af] = notice


def label(ix: SearchIndex, c: int) -> str:
    """``中文 (English, ABBR)`` from a concept's preferred forms."""
    info = ix.info
    acronym = info["types"].index("acronym")
    preferred = info["statuses"].index("preferred")
    zh = en = abbr = None
    for g in range(int(ix._c_form_off[c]), int(ix._c_form_off[c + 1])):
        if ix._f_status[g] != preferred:
            continue
        text = ix._f_text.get(g)
        if ix._f_type[g] == acronym:
            abbr = abbr or text
        elif is_chinese(info["langs"][ix._f_lang[g]]):
            zh = zh or text
        else:
            en = en or text
    inner = ", ".join(x for x in (en, abbr) if x)
    if zh and inner:
        return f"{zh} ({inner})"
    return zh or inner


def explains_all(ix: SearchIndex, cands: Candidates, query_len: int) -> bool:
    """Whether a form accounts for the whole query: the query is a part of it (prefix,
    token) or within an edit or so of it (fuzzy, the form no shorter than the query).
    A form inside the query is then less likely what was meant (``EXPLAINED``)."""
    for f, (score, how, _exact) in cands.best.items():
        if score < 70:
            continue
        if how in ("prefix", "token"):
            return True
        if how == "fuzzy" and int(ix._f_klen[f]) >= query_len:
            return True
    return False


def contained(
    ix: SearchIndex,
    norm: str,
    script: str,
    cands: Candidates,
    flt: Any,
    factor: float = 1.0,
    fuzzy: bool = True,
) -> None:
    """Forms inside a longer query (``contained``), scored by the share of the query
    they cover (times ``factor``): every substring of the query that is a form's key,
    found by walking the sorted keys (a substring no key starts with ends the walk
    from that start); then, with ``fuzzy`` and when nothing much is inside as written,
    forms inside with a character or so wrong."""
    if script in ("zh", "mixed"):
        key, bounds = zh_key_with_words(ix, norm)
        cover = contained_in(ix, key, bounds, bounds, cands, flt, factor)
        if fuzzy and cover < 0.5 and len(key) >= 4:  # nothing (much) inside as written: then fuzzy
            zh_paths.zh_inside_fuzzy(ix, key, cands, flt, factor)
    if script in ("en", "mixed"):
        ekey = K.en_key(norm)
        words = list(K._WORD.finditer(ekey))
        if len(words) >= 2:
            starts = {m.start() for m in words}
            ends = {m.end() for m in words}
            contained_in(ix, ekey, starts, ends, cands, flt, factor)


def zh_key_with_words(ix: SearchIndex, norm: str) -> tuple[str, set[int]]:
    """``zh_key(norm)`` and the positions in it where a Latin word may start or end
    (the key drops the spaces that separated them)."""
    out: list[str] = []
    bounds = {0}
    length = 0
    for char in norm:
        mapped = char.translate(ix._t2s)
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


def contained_in(
    ix: SearchIndex, key: str, starts: set[int], ends: set[int], cands: Candidates, flt: Any, factor: float
) -> float:
    """Add the forms inside ``key`` (from a start to an end position); returns the
    largest share of the query one of them covers."""
    n = len(key)
    best = 0.0
    if n < 3:
        return best
    table = ix._x
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
            forms = ix._keep(table.ids[lo:hi], flt)
            score = factor * R.contained_score((j - i) / n)
            for f in forms.tolist():
                cands.add(f, score, "contained")
            if len(forms):
                best = max(best, (j - i) / n)
    return best
