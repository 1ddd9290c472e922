"""Search: exact, normalised and acronym layers; deprecated forms; the score cut-off."""

from __future__ import annotations

import pytest

from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.search import MIN_SCORE
from glossary.search import Hit
from glossary.search import SearchIndex


def concept(cid, zh=None, en=None, abbr=None, kind="term", extra=(), docs=("a.txt",)):
    terms = []
    if zh:
        terms.append(Term(zh, "zh-Hant"))
    if en:
        terms.append(Term(en, "en"))
    if abbr:
        terms.append(Term(abbr, "en", type="acronym"))
    terms.extend(extra)
    return Concept(id=cid, kind=kind, terms=terms, citations=[Citation(doc=d, line=1) for d in docs])


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build(
        [
            concept("desg", "數位經濟指導小組", "Digital Economy Steering Group", "DESG", kind="org"),
            concept("pets", "隱私強化技術", "Privacy Enhancing Technologies", "PETs"),
            concept(
                "itf",
                "國際交通論壇",
                "International Transport Forum",
                "ITF",
                kind="org",
                extra=[Term("ITE", "en", type="acronym", status="deprecated", note="a typo on slide 773")],
            ),
            concept("apa1", "巴黎協定特設工作小組", None, "APA", kind="org"),
            concept(
                "apa2",
                None,
                "Aotearoa Plan of Action",
                "APA",
                kind="program",
                docs=("a.txt", "b.txt", "c.txt"),
            ),
            concept("nbs", "以自然為本的解決方案", "Nature-based Solutions", "NbS"),
            concept("ai", "人工智慧", "Artificial Intelligence", "AI"),
            concept("genai", "生成式人工智慧", "Generative AI"),
        ]
    )


def test_exact_form_scores_100(index):
    hits = index.search("DESG")
    assert hits[0] == Hit("desg", 100.0, "DESG", "en", "acronym", "exact", None, "exact")


def test_acronym_in_lower_case(index):
    hit = index.search("desg")[0]
    assert (hit.concept_id, hit.how, hit.score) == ("desg", "acronym", 95.0)


@pytest.mark.parametrize("query", ["pets", "PETS", "Pets", "ＰＥＴｓ"])
def test_acronym_in_any_case_and_width(query):
    idx = SearchIndex.build([concept("pets", "隱私強化技術", "Privacy Enhancing Technologies", "PETs")])
    assert idx.search(query)[0].concept_id == "pets"


def test_normalized_english_case_and_spacing(index):
    hit = index.search("  digital ECONOMY   steering group ")[0]
    assert (hit.concept_id, hit.how, hit.matched_text) == (
        "desg",
        "normalized",
        "Digital Economy Steering Group",
    )


def test_hyphen_and_space_variants_meet(index):
    for query in ("Nature based Solutions", "nature\u2011based solutions", "naturebased solutions"):
        hit = index.search(query)[0]
        assert hit.concept_id == "nbs" and hit.score >= 95, query


def test_chinese_exact_and_traditional_form_reported(index):
    hit = index.search("隱私強化技術")[0]
    assert (hit.concept_id, hit.how, hit.matched_lang, hit.score) == ("pets", "exact", "zh-Hant", 100.0)


def test_deprecated_form_resolves_with_notice(index):
    hit = index.search("ite")[0]
    assert hit.concept_id == "itf"
    assert hit.notice == "ITE is a deprecated form of ITF"  # the curator's note is not shown to users
    assert index.search("itf")[0].notice is None


def test_one_acronym_several_concepts_all_ranked(index):
    hits = index.search("apa")
    assert {h.concept_id for h in hits[:2]} == {"apa1", "apa2"}
    assert hits[0].score == hits[1].score == 95.0
    # equal scores: the concept with more citations (the prior) first
    assert hits[0].concept_id == "apa2"


def test_acronym_beats_a_word_in_a_longer_name(index):
    hits = index.search("AI")
    assert hits[0].concept_id == "ai"
    assert "genai" in [h.concept_id for h in hits]
    assert hits[0].score > [h for h in hits if h.concept_id == "genai"][0].score


def test_nonsense_finds_nothing(index):
    assert index.search("zzqxv") == []
    assert index.search("鬱鬱蔥蔥") == []


def test_results_respect_cut_off_and_limit(index):
    hits = index.search("digital", limit=1)
    assert len(hits) == 1
    assert all(h.score >= MIN_SCORE for h in index.search("International"))


def test_scores_are_ordered(index):
    hits = index.search("International Transport")
    assert hits == sorted(hits, key=lambda h: -h.score)
