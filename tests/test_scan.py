"""Term recognition (``glossary.scan``): every kind of form, once per occurrence, longest first.

A small glossary of the tests' own (``make_glossary``), so each rule is seen in isolation;
the shipped glossary on the reports is ``test_scan_reports``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from glossary import concepts
from glossary.records import Concept
from glossary.records import Term
from glossary.scan import FIELDS
from glossary.scan import Folder
from glossary.scan import Scanner
from glossary.scan import scan_text
from glossary.scan import scanner
from glossary.service import Glossary

ZH = "zh-Hant"


def concept(cid: str, zh: str | None, en: str | None, abbr: str | None, *extra: Term, **kw: Any) -> Concept:
    terms = []
    if zh:
        terms.append(Term(zh, ZH))
    if en:
        terms.append(Term(en, "en"))
    if abbr:
        terms.append(Term(abbr, "en", type="acronym"))
    return Concept(id=cid, kind=kw.pop("kind", "org"), terms=[*terms, *extra], **kw)


SMALL = [
    concept("desg", "數位經濟指導小組", "Digital Economy Steering Group", "DESG"),
    concept("digital-economy", "數位經濟", "Digital Economy", None, kind="term"),
    concept("pets", "隱私強化技術", "Privacy Enhancing Technologies", "PET", kind="term"),
    concept("pact", "碳透明度合作夥伴關係", None, "PACT", kind="program"),
    concept("sic", "哥倫比亞工商監管局", None, "SIC"),
    concept("ey", "安永", None, "EY"),
    concept(
        "ai",
        "人工智慧",
        "Artificial Intelligence",
        "AI",
        Term("人工智能", ZH, type="variant", status="deprecated", note="Mainland usage"),
        kind="term",
    ),
    concept("nbs", "以自然為本的解決方案", "Nature-based Solutions", "NBS", kind="term"),
    concept("apec-report", "APEC 經濟政策報告", None, "AEPR", kind="other"),
]


@pytest.fixture
def small(make_glossary: Callable[[list[Concept]], Glossary]) -> Glossary:
    return make_glossary(SMALL)


def found(glossary: Glossary, text: str, **kw: Any) -> list[tuple[str, str, str, str]]:
    """(text, id, status, how) of each term found."""
    return [(t["text"], t["id"], t["status"], t["how"]) for t in scan_text(glossary, text, **kw)]


def test_traditional_chinese_is_found_where_it_is_written(small: Glossary) -> None:
    [term] = scan_text(small, "第二行\n本次隱私強化技術的討論")
    assert term == {
        "line": 2,
        "column": 3,
        "text": "隱私強化技術",
        "id": "pets",
        "zh": "隱私強化技術",
        "en": "Privacy Enhancing Technologies",
        "abbr": "PET",
        "kind": "term",
        "status": "preferred",
        "how": "exact",
    }
    assert tuple(term) == FIELDS  # the keys in CONTRACTS.md's order


def test_simplified_chinese_meets_its_traditional_form(small: Glossary) -> None:
    assert found(small, "关于隐私强化技术与数位经济指导小组") == [
        ("隐私强化技术", "pets", "preferred", "script"),
        ("数位经济指导小组", "desg", "preferred", "script"),
    ]


def test_full_width_forms_are_found_with_their_own_offsets(small: Glossary) -> None:
    terms = scan_text(small, "在ＤＥＳＧ會議，Ｄｉｇｉｔａｌ　Ｅｃｏｎｏｍｙ")
    assert [(t["column"], t["text"], t["id"], t["how"]) for t in terms] == [
        (2, "ＤＥＳＧ", "desg", "acronym"),
        (9, "Ｄｉｇｉｔａｌ　Ｅｃｏｎｏｍｙ", "digital-economy", "normalized"),
    ]


def test_english_is_case_blind_on_word_boundaries(small: Glossary) -> None:
    text = "The DIGITAL ECONOMY STEERING GROUP and the digital economy steering group met; nondigital economy"
    assert found(small, text) == [
        ("DIGITAL ECONOMY STEERING GROUP", "desg", "preferred", "normalized"),
        ("digital economy steering group", "desg", "preferred", "normalized"),
    ]


def test_english_forms_take_a_plural_s_and_hyphen_or_space(small: Glossary) -> None:
    assert found(small, "Digital Economies? No: nature based solutions and Nature-based Solutions.") == [
        ("nature based solutions", "nbs", "preferred", "normalized"),
        ("Nature-based Solutions", "nbs", "preferred", "exact"),
    ]
    assert found(small, "two Digital Economys")[0][:2] == ("Digital Economys", "digital-economy")


def test_acronyms_are_case_sensitive_whole_tokens(small: Glossary) -> None:
    text = "The impact of the pact, sic, they say: PACT, SIC and EY; PACTS, xEY, EY2, DESG-led, (AI)."
    assert found(small, text) == [
        ("PACT", "pact", "preferred", "exact"),
        ("SIC", "sic", "preferred", "exact"),
        ("EY", "ey", "preferred", "exact"),
        ("DESG", "desg", "preferred", "exact"),
        ("AI", "ai", "preferred", "exact"),
    ]


def test_an_acronym_takes_a_lowercase_plural_s(small: Glossary) -> None:
    assert found(small, "two SICs and PETs, not SICS or PETS")[:2] == [
        ("SICs", "sic", "preferred", "acronym"),
        ("PETs", "pets", "preferred", "acronym"),
    ]
    assert len(found(small, "two SICs and PETs, not SICS or PETS")) == 2


def test_acronyms_next_to_chinese_are_whole_tokens(small: Glossary) -> None:
    assert [t[0] for t in found(small, "參加DESG會議與APEC 經濟政策報告及APEC經濟政策報告")] == [
        "DESG",
        "APEC 經濟政策報告",
        "APEC經濟政策報告",
    ]


def test_a_deprecated_form_comes_with_the_preferred_forms(small: Glossary) -> None:
    [term] = scan_text(small, "發展人工智能")
    assert (term["text"], term["status"], term["zh"], term["en"], term["abbr"]) == (
        "人工智能",
        "deprecated",
        "人工智慧",
        "Artificial Intelligence",
        "AI",
    )


def test_the_longest_match_wins_where_matches_overlap(small: Glossary) -> None:
    assert found(small, "數位經濟指導小組與數位經濟") == [
        ("數位經濟指導小組", "desg", "preferred", "exact"),
        ("數位經濟", "digital-economy", "preferred", "exact"),
    ]
    assert [t[1] for t in found(small, "Digital Economy Steering Group; Digital Economy")] == [
        "desg",
        "digital-economy",
    ]


def test_every_occurrence_is_reported_once(small: Glossary) -> None:
    terms = scan_text(small, "DESG DESG\nDESG")
    assert [(t["line"], t["column"]) for t in terms] == [(1, 1), (1, 6), (2, 1)]


def test_offsets_map_back_through_space_runs_and_characters_that_change_length(small: Glossary) -> None:
    text = "ß…\u200b  x  Digital   Economy\t\tthen ﬁve DESG"
    terms = scan_text(small, text)
    assert [(t["column"], t["text"]) for t in terms] == [
        (text.index("Digital") + 1, "Digital   Economy"),
        (text.index("DESG") + 1, "DESG"),
    ]


def test_a_term_does_not_span_lines(small: Glossary) -> None:
    assert found(small, "Digital\nEconomy") == []


def test_proposed_concepts_only_with_include_proposed() -> None:
    """A concept whose review status is ``proposed`` (when its summary says so)."""
    forms = [("q", "量子信任框架", ZH, "fullForm", "preferred"), ("d", "DESG", "en", "acronym", "preferred")]
    summaries = {
        "q": {"zh": "量子信任框架", "en": None, "abbr": None, "kind": "term", "review_status": "proposed"},
        "d": {"zh": None, "en": None, "abbr": "DESG", "kind": "org", "review_status": "approved"},
    }
    made = Scanner(forms, {}, summaries.get)
    assert [t["id"] for t in made.scan("量子信任框架 DESG")] == ["d"]
    assert [t["id"] for t in made.scan("量子信任框架 DESG", include_proposed=True)] == ["q", "d"]


def test_proposed_forms_only_with_include_proposed() -> None:
    """Term status ``proposed`` (the intake issue): filtered unless asked for."""
    forms = [
        ("x", "Quantum Trust", "en", "fullForm", "preferred"),
        ("x", "量子信任", ZH, "variant", "proposed"),
    ]
    made = Scanner(forms, {}, lambda cid: {"zh": None, "en": "Quantum Trust", "abbr": None, "kind": "term"})
    assert [t["text"] for t in made.scan("Quantum Trust 量子信任")] == ["Quantum Trust"]
    assert [t["status"] for t in made.scan("Quantum Trust 量子信任", include_proposed=True)] == [
        "preferred",
        "proposed",
    ]


def test_the_scanner_is_made_once_per_revision_and_follows_writes(small: Glossary) -> None:
    first = scanner(small)
    assert scanner(small) is first
    assert found(small, "開放銀行") == []
    concepts.create_concept(small.store, {"zh": "開放銀行", "en": "Open Banking"}, who="t")
    assert [t[0] for t in found(small, "開放銀行與 open banking")] == ["開放銀行", "open banking"]
    assert scanner(small) is not first
    concepts.delete_concept(small.store, "desg", who="t")
    assert [t[1] for t in found(small, "DESG 數位經濟指導小組")] == ["digital-economy"]


def test_folding_keeps_offsets_or_maps_them() -> None:
    folder = Folder({ord("數"): "数"})
    assert folder.fold("數位 DESG") == ("数位 desg", None)
    folded, offsets = folder.fold("a  ß b")
    assert folded == "a ss b"
    assert offsets is not None
    assert [offsets[i] for i in range(len(folded))] == [0, 1, 3, 3, 4, 5]


def test_no_glossary_no_terms(make_glossary: Callable[[list[Concept]], Glossary]) -> None:
    assert scan_text(make_glossary([]), "DESG 數位經濟") == []
