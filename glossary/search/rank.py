"""Layered scores (0-100) and the order of results.

A candidate form gets the best score of the layers it qualifies for; the layers are
ordered as the issue asks and their ranges barely overlap:

=============  ===========================================================  ==========
how            when                                                         score
=============  ===========================================================  ==========
exact          the query is the form as written (surrounding spaces aside)  100
normalized     same key after normalisation and script folding               98
normalized     same letters and digits (hyphen/space/dot variants)           96
acronym        an acronym in another case (``desg`` -> DESG)                 95
pair           a pasted pair whose parts all find the concept exactly        99
               (``中文（ABBR）``, ``English (ABBR)``, ``中文 ABBR``); parts that  80-98
               agree less than exactly score by how well they matched
acronym        a plural acronym's singular (``DPPs`` -> DPP) or the reverse  94
pinyin         the query is the form's toneless pinyin                      85
contained      the form is inside a longer query (``出席數位經濟指導小組會議``):  50-90
               50 + 40 x the share of the query it covers; a part of a pasted
               pair that only one part finds scores 0.88 x its own score;
               0.9 x when a form accounts for the whole query (prefix, token,
               fuzzy with a form no shorter than the query)
               (0.85 x for the acronym part)
prefix         the query starts the form (at a word boundary in English)   70-90
token          every query word is a word of the form / the Chinese query   65-85
               is a part of the form; higher the more of the form it covers
fuzzy          one or a few edits away (rapidfuzz ``fuzz.ratio``; word       0.9 x ratio
               order variants via ``token_sort_ratio``); 0.85 x ratio when
               the form is shorter than the query; at least 70 + ratio/20 for
               a Chinese form one edit from a query of 3+ characters
=============  ===========================================================  ==========

``MIN_SCORE`` is the cut-off: a candidate scoring below it is not a result, so an empty
list means nothing was found.  A proposal (a proposed concept, or a match through a
proposed form) never outranks an approved concept matched through a reviewed form of
equal or better ``quality``: results are ordered by quality, then reviewed before
proposed, then by score.  A match through a deprecated or superseded form ranks after
one through a form in good use at the same score (it comes with a notice).  Between equal
scores (``TIE_RULE``): first the result whose
matched form has the query's type (an acronym query -> an acronym form, Chinese -> a
Chinese form), then approved concepts before proposed ones, then the concept the reports
state more often (citations); then a preferred form before an admitted one before a
deprecated one, then the shorter form.

Every result's ``quality`` (``quality``): ``exact`` when the query is one of the concept's
forms after normalisation (case, width, Traditional/Simplified, spacing and hyphens, a
plural acronym) or a pasted pair whose parts all agree with the concept; otherwise
``close`` from a score of ``CLOSE`` (80) up, ``weak`` below.
"""

from __future__ import annotations

EXACT = 100.0
NORMALIZED = 98.0
LOOSE = 96.0
ACRONYM = 95.0
TAIWAN = 97.0  # a Simplified query read with OpenCC s2twp meets the form's key exactly
PINYIN = 85.0
PAIR = 99.0  # every part of a pasted pair finds the concept exactly
PLURAL = 94.0  # DPPs -> DPP (and SME -> SMEs)
CLOSE = 80.0
MIN_SCORE = 60.0
EXPLAINED = 0.9  # contained, when another form accounts for the whole query (a part, a typo)
PART_ONLY = 0.88  # a concept only one part of a pasted pair finds
PART_ONLY_ABBR = 0.85  # ... when that part is the acronym (shorter, more often ambiguous)

# every ``matched.how`` of a result (CONTRACTS' list), and every ``quality``
HOWS = ("exact", "normalized", "acronym", "prefix", "token", "fuzzy", "pinyin", "pair", "contained")
QUALITIES = ("exact", "close", "weak")

# how a candidate matched that means the query *is* the form (after normalisation)
EXACT_HOWS = frozenset({"exact", "normalized", "acronym"})
TIE_RULE = ("query type", "review status", "citations", "term status", "form length")

STATUS_RANK = {"preferred": 0, "admitted": 1, "proposed": 1, "superseded": 2, "deprecated": 3}
QUALITY_RANK = {"exact": 0, "close": 1, "weak": 2}


def prefix_score(query_len: int, key_len: int) -> float:
    return 70.0 + 20.0 * min(1.0, query_len / max(key_len, 1))


def pinyin_prefix_score(query_len: int, key_len: int) -> float:
    return 70.0 + 10.0 * min(1.0, query_len / max(key_len, 1))


def token_score(ratio: float) -> float:
    return 65.0 + 20.0 * ratio / 100.0


def word_prefix_score(ratio: float) -> float:
    """Autocomplete only: a later word of the form starts with what was typed (60-70, under
    every form that starts with the whole query)."""
    return MIN_SCORE + 9.9 * ratio / 100.0


def fuzzy_score(ratio: float, query_len: int = 0, key_len: int = 0) -> float:
    """A form shorter than the query (the query has characters the form lacks) scores
    lower than one the query falls short of: a query that is wholly part of a longer form
    (``token``) then beats a shorter form plus an extra character."""
    return (0.85 if key_len < query_len else 0.9) * ratio


def one_edit_score(ratio: float) -> float:
    """Floor for a Chinese form one edit from a query of 3+ characters: a short term with
    a character wrong (韌性 / 韌姓 has a ratio of only 50) is still a likely meaning."""
    return 70.0 + ratio / 20.0


def containment_ratio(query_len: int, key_len: int) -> float:
    """``fuzz.ratio`` of a query against a form that contains it."""
    return 200.0 * query_len / (query_len + key_len)


def quality(score: float, exact: bool) -> str:
    """``exact`` / ``close`` / ``weak`` (see the module docstring)."""
    if exact:
        return "exact"
    return "close" if score >= CLOSE else "weak"


def contained_score(coverage: float) -> float:
    """A form inside a longer query: ``coverage`` is the share of the query it covers."""
    return 50.0 + 40.0 * min(max(coverage, 0.0), 1.0)


def pair_score(part_scores: list[float], parts: int) -> float:
    """Parts of a pasted pair that find the same concept, not all exactly: 80-98 by their
    mean score, 3 less for each part that does not find it."""
    mean = sum(part_scores) / max(len(part_scores), 1)
    missing = parts - len(part_scores)
    return max(80.0, min(98.0, 80.0 + 18.0 * (mean - 60.0) / 40.0) - 3.0 * missing)
