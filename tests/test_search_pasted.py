"""Search: what translators paste (issue 18) — pairs, terms inside a longer selection,
plural acronyms — and the honest ``quality`` of every result and the stated tie rule."""

from __future__ import annotations

import pytest

from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.search import HOWS
from glossary.search import SearchIndex
from glossary.search import find
from glossary.search import pasted


def concept(cid, zh=None, en=None, abbr=None, kind="term", extra=(), cites=1, review="approved"):
    terms = []
    if zh:
        terms.append(Term(zh, "zh-Hant"))
    if en:
        terms.append(Term(en, "en"))
    if abbr:
        terms.append(Term(abbr, "en", type="acronym"))
    terms.extend(extra)
    citations = [Citation(doc="a.txt", line=n + 1) for n in range(cites)]
    return Concept(id=cid, kind=kind, terms=terms, citations=citations, review_status=review)


GLOSSARY = [
    concept("desg", "數位經濟指導小組", "Digital Economy Steering Group", "DESG", kind="org"),
    concept("dps", "資料隱私次級小組", "Data Privacy Subgroup", "DPS", kind="org"),
    concept("dpp", "數位產品護照", "Digital Product Passport", "DPP"),
    concept("pets", "隱私強化技術", "Privacy Enhancing Technologies", "PETs"),
    concept("smes", "中小企業", None, "SMEs"),
    concept("oecd", "經濟合作暨發展組織", "Organisation for Economic Co-operation and Development", "OECD"),
    concept("oecd-ai", "OECD 關於人工智慧的建議", "OECD Recommendation on AI"),
    concept("apec", "亞太經濟合作", "Asia-Pacific Economic Cooperation", "APEC", kind="org"),
    concept("ec", "經濟委員會", "Economic Committee", "EC", kind="org"),
    concept("ai", "人工智慧", "Artificial Intelligence", "AI"),
    concept("genai", "生成式人工智慧", "Generative AI"),
    concept("gpai", None, "Global Partnership on AI", "GPAI", kind="org"),
    concept(
        "itf",
        "國際交通論壇",
        "International Transport Forum",
        "ITF",
        kind="org",
        extra=[Term("ITE", "en", type="acronym", status="deprecated", note="a typo on a slide")],
    ),
    concept("un", "聯合國", "United Nations", "UN", kind="org"),
    concept("week", "數位週", "Digital Week", kind="program"),
]


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build(GLOSSARY)


def top(index, query):
    hits = index.search(query)
    assert hits, query
    return hits[0]


# --- reading the query ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        ("數位經濟指導小組（DESG）", [("數位經濟指導小組", "term"), ("DESG", "abbr")]),
        ("數位經濟指導小組(DESG)", [("數位經濟指導小組", "term"), ("DESG", "abbr")]),
        (
            "數位經濟指導小組（Digital Economy Steering Group，DESG）",
            [("數位經濟指導小組", "term"), ("Digital Economy Steering Group", "term"), ("DESG", "abbr")],
        ),
        ("Digital Product Passport (DPP)", [("Digital Product Passport", "term"), ("DPP", "abbr")]),
        ("DESG（數位經濟指導小組）", [("DESG", "abbr"), ("數位經濟指導小組", "term")]),
    ],
)
def test_bracketed_pairs_split(query, parts):
    (found, bracketed), *_ = pasted.pair_splits(query)
    assert bracketed
    assert [(p.text, p.role) for p in found] == parts


def test_side_by_side_pairs_split_either_order():
    assert [[p.text for p in parts] for parts, _ in pasted.pair_splits("PETs 隱私強化技術")] == [
        ["PETs", "隱私強化技術"]
    ]
    assert [[p.text for p in parts] for parts, _ in pasted.pair_splits("隱私強化技術 PETs")] == [
        ["隱私強化技術", "PETs"]
    ]


@pytest.mark.parametrize("query", ["ORGANISATION FOR ECONOMIC COOPERATION", "privacy enhancing", "數位週"])
def test_no_pair_where_there_is_none(query):
    assert pasted.pair_splits(query) == []


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("DESG", True),
        ("IoT", True),
        ("TWh", True),
        ("B4NZ", True),
        ("W3C", True),
        ("SMEs", True),
        ("Data", False),
    ],
)
def test_acronym_shapes(token, expected):
    assert pasted.is_acronym(token) is expected


def test_singular_of_plural_acronyms():
    assert pasted.singular("DPPs") == "DPP"
    assert pasted.singular("dpps") == "dpp"
    assert pasted.singular("Data") is None


# --- each pasted kind ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "數位經濟指導小組（DESG）",
        "數位經濟指導小組(DESG)",
        "數位經濟指導小組（Digital Economy Steering Group，DESG）",
        "數位經濟指導小組 (Digital Economy Steering Group, DESG)",
    ],
)
def test_zh_paren_is_an_exact_pair(index, query):
    hit = top(index, query)
    assert (hit.concept_id, hit.how, hit.quality) == ("desg", "pair", "exact")
    assert hit.score >= 99


@pytest.mark.parametrize(
    ("query", "cid"),
    [
        ("PETs 隱私強化技術", "pets"),
        ("隱私強化技術 PETs", "pets"),
        ("Digital Product Passport (DPP)", "dpp"),
        ("DPP Digital Product Passport", "dpp"),
        ("SMEs 中小企業", "smes"),
        ("Global Partnership on AI (GPAI)", "gpai"),
    ],
)
def test_mixed_pairs(index, query, cid):
    hit = top(index, query)
    assert (hit.concept_id, hit.how, hit.quality) == (cid, "pair", "exact")


def test_pair_with_a_deprecated_acronym_agrees_with_a_notice(index):
    hit = top(index, "國際交通論壇（ITE）")
    assert (hit.concept_id, hit.how) == ("itf", "pair")


def test_pair_parts_that_agree_less_than_exactly_are_close(index):
    hit = top(index, "數位經濟指導小組（Digital Economy Steering Grup, DESG）")
    assert (hit.concept_id, hit.how, hit.quality) == ("desg", "pair", "close")
    assert 80 <= hit.score < 99


def test_contradicting_parts_give_a_notice(index):
    hits = index.search("數位經濟指導小組（DPS）")
    assert [h.concept_id for h in hits[:2]] == ["desg", "dps"]
    assert all("DPS is the acronym of 資料隱私次級小組" in (h.notice or "") for h in hits[:2])
    assert all(h.quality != "exact" for h in hits[:2])


def test_unknown_acronym_beside_a_known_term(index):
    hit = top(index, "數位週（DW）")
    assert (hit.concept_id, hit.how, hit.quality) == ("week", "contained", "close")


@pytest.mark.parametrize(
    ("query", "cid"),
    [
        ("出席數位經濟指導小組會議", "desg"),
        ("參與經濟合作暨發展組織等", "oecd"),
        ("針對中小企業的", "smes"),
        ("參與聯合國的", "un"),
        ("生成式人工智慧相關", "genai"),  # the longest form inside the query
        ("有關APEC 經濟委員會相關", "ec"),
        ("出席數位經濟指導小祖會議", "desg"),  # inside, with a character wrong
    ],
)
def test_zh_overselect_finds_the_term_inside(index, query, cid):
    hit = top(index, query)
    assert (hit.concept_id, hit.how) == (cid, "contained")
    assert hit.quality in ("close", "weak")


def test_contained_ranks_below_exact_and_above_noise(index):
    exact = top(index, "數位經濟指導小組")
    inside = top(index, "出席數位經濟指導小組會議")
    assert exact.score > inside.score >= 60
    assert index.search("總統府會議") == []


def test_english_overselect(index):
    hit = top(index, "the Digital Economy Steering Group meeting")
    assert hit.concept_id == "desg"


@pytest.mark.parametrize(("query", "cid"), [("DPPs", "dpp"), ("dpps", "dpp"), ("SME", "smes")])
def test_plural_acronyms_try_the_singular_first(index, query, cid):
    hits = index.search(query)
    assert hits[0].concept_id == cid
    assert hits[0].quality == "exact"
    if query == "DPPs":  # DPS is one letter away, but DPP is what DPPs means
        assert [h.concept_id for h in hits].index("dps") > 0


# --- quality -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "quality"),
    [
        ("DESG", "exact"),
        ("desg", "exact"),  # case
        ("ＤＥＳＧ", "exact"),  # width
        ("数位经济指导小组", "exact"),  # Simplified
        ("digital economy  steering group", "exact"),  # spacing
        ("Asia Pacific Economic Cooperation", "exact"),  # hyphen
        ("Digital Economy Steering Grop", "close"),  # a typo
        ("數位經濟指導", "close"),  # a part
        ("ＧＧ數位週", "weak"),
    ],
)
def test_quality_levels(index, query, quality):
    assert top(index, query).quality == quality


def test_pinyin_label_only_for_pinyin(index):
    """``oecd`` starts the pinyin key of ``OECD 關於…``: that is no pinyin match."""
    assert all(h.how != "pinyin" for h in index.search("oecd"))


# --- the tie rule --------------------------------------------------------------------------


def test_tie_acronym_query_prefers_an_acronym_form():
    idx = SearchIndex.build(
        [
            concept("word", None, "Dpxz", cites=9),  # an English word one letter off
            concept("abbr", "某單位", "Some Body", "DPXY", cites=1),  # an acronym one letter off
        ]
    )
    hits = idx.search("DPXQ")
    assert hits[0].score == hits[1].score
    assert [h.concept_id for h in hits] == ["abbr", "word"]


def test_tie_approved_before_proposed_then_citations():
    idx = SearchIndex.build(
        [
            concept("proposed", "甲組", "Alpha Group", "AG", review="proposed", cites=9),
            concept("rare", "乙組", "Another Group", "AG", cites=1),
            concept("often", "丙組", "Agile Group", "AG", cites=5),
        ]
    )
    hits = idx.search("AG")
    assert len({h.score for h in hits}) == 1
    assert [h.concept_id for h in hits] == ["often", "rare", "proposed"]


# --- the result objects --------------------------------------------------------------------


def test_results_carry_quality_and_review_status(make_glossary):
    glossary = make_glossary(GLOSSARY + [concept("new", "新名詞", "New Term", review="proposed")])
    results = find(glossary, "數位經濟指導小組（DESG）")
    first = results[0]
    assert (first["id"], first["quality"], first["review_status"]) == ("desg", "exact", "approved")
    assert first["matched"]["how"] == "pair"
    assert {r["matched"]["how"] for r in results} <= set(HOWS)
    assert find(glossary, "新名詞")[0]["review_status"] == "proposed"


def test_a_proposal_never_outranks_an_approved_result_of_equal_or_better_quality():
    idx = SearchIndex.build(
        [
            concept("proposed", "數位信任框架", "Digital Trust Framework", review="proposed", cites=9),
            concept("approved", "數位信任框架計畫", "Digital Trust Framework Programme", cites=1),
        ]
    )
    hits = idx.search("數位信任框")
    assert [(h.concept_id, h.quality) for h in hits] == [("approved", "close"), ("proposed", "close")]
    assert hits[1].score > hits[0].score  # the proposal scores higher, yet ranks second
    exact = idx.search("數位信任框架")  # an exact proposal beats an approved result of lower quality
    assert [h.concept_id for h in exact] == ["proposed", "approved"]
    assert exact[0].quality == "exact" and exact[1].quality != "exact"
