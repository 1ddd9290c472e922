"""glossary check's rules on drafts with planted errors and correct usages (our own small glossary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.check import TYPES
from glossary.check import Knowledge
from glossary.check import Options
from glossary.check import check_lines
from glossary.check.acronym_tokens import AllowList
from glossary.check.compare import MISSPELLED
from glossary.check.compare import SAME
from glossary.check.compare import expansion_difference
from glossary.forms import is_acronym_token
from glossary.terms_csv import read_concepts
from tests.check_helpers import DRAFT
from tests.check_helpers import PLANTED
from tests.check_helpers import write_glossary


@pytest.fixture
def knowledge(tmp_path: Path) -> Knowledge:
    return Knowledge.build(read_concepts(write_glossary(tmp_path / "terms.csv")))


def found(knowledge: Knowledge, text: str, **options) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    opts = Options(allow=AllowList(["AI", "APEC"]), **options)
    return [(f.line, f.type, f.text) for f in check_lines(text.split("\n"), knowledge, opts)]


def test_every_planted_error_is_found_with_its_type_and_nothing_else(knowledge: Knowledge) -> None:
    got = found(knowledge, DRAFT)
    assert {line: kind for line, kind, _ in got} == PLANTED
    assert set(PLANTED.values()) == set(TYPES)  # the draft plants every type


def test_spans_point_at_the_text_as_written(knowledge: Knowledge) -> None:
    findings = check_lines(DRAFT.split("\n"), knowledge, Options(allow=AllowList(["AI"])))
    lines = DRAFT.split("\n")
    for f in findings:
        assert lines[f.line - 1][f.column - 1 :].startswith(f.text), f
    by_line = {f.line: f for f in findings}
    assert by_line[3].text == "DESG" and by_line[3].acronym == "DESG"
    assert by_line[4].text == "Privacy Enhancing Techonlogies"
    assert by_line[4].suggestion.text == "Privacy Enhancing Technologies"  # type: ignore[union-attr]
    assert by_line[4].suggestion.concept_id == "pets"  # type: ignore[union-attr]
    assert by_line[5].suggestion.text == "ITF"  # type: ignore[union-attr]
    assert by_line[8].suggestion.text == "NIST"  # type: ignore[union-attr]
    assert by_line[12].text == "MSMEs" and "line 13" in by_line[12].message


@pytest.mark.parametrize(
    "text",
    [
        "數位經濟指導小組（Digital Economy Steering Group, DESG）",
        "數位經濟指導小組(Digital Economy Steering Group，DESG)",
        "APEC 數位經濟指導小組（DESG）",
        "美國國家標準暨技術研究院（NIST）",
        "The Data privacy subgroup (DPS) met.",
        "The DATA PRIVACY SUBGROUP (DPS) met.",
        "Organization for Economic Cooperation and Development (OECD)",
        "經濟合作暨發展組織（OECD，全名為 Organisation for Economic Co-operation and Development）",
        "隱私強化技術（Privacy Enhancing Technology, PET）",
        "隱私強化技術（PETs）與 PET 的應用",
        "可解釋隱私強化技術（XPETs）",
        "The Global Data Alliance (GDA) and AI.",
        "MAISON ZERO DECHET 是一家商店",
        "Visit https://www.example.org/DESG/ABCD.pdf for details.",
        "第 II 部分 與 Day1 議程",
    ],
)
def test_correct_usage_stays_quiet(knowledge: Knowledge, text: str) -> None:
    assert found(knowledge, text) == []


def test_a_later_different_definition_is_reported_not_the_first(knowledge: Knowledge) -> None:
    text = "綠色平台（Green Growth Knowledge Platform, GGKP）\n\nGreen Growth Knowledge Partnership (GGKP)"
    assert found(knowledge, text) == [(3, "defined_inconsistently", "Green Growth Knowledge Partnership")]


def test_one_name_given_two_acronyms_is_inconsistent(knowledge: Knowledge) -> None:
    text = "地中海氣候變遷中心（CMCC）成立。\n地中海氣候變遷中心（EMCC）的代表"
    assert found(knowledge, text) == [(2, "defined_inconsistently", "EMCC")]


def test_precedence_one_finding_per_definition(knowledge: Knowledge) -> None:
    # DESC is wrong for the glossary and differs from line 1: the glossary type comes first
    text = "數位經濟指導小組（DESG）\n數位經濟指導小組（DESC）"
    assert found(knowledge, text) == [(2, "wrong_acronym", "DESC")]
    assert found(knowledge, text, glossary=False) == [(2, "defined_inconsistently", "DESC")]


def test_glossary_only_and_document_only_split_the_types(knowledge: Knowledge) -> None:
    lines = DRAFT.split("\n")
    only_glossary = check_lines(lines, knowledge, Options(document=False, allow=AllowList(["AI"])))
    only_document = check_lines(lines, knowledge, Options(glossary=False, allow=AllowList(["AI"])))
    assert {f.type for f in only_glossary} == set(TYPES[:6])
    assert {f.type for f in only_document} == set(TYPES[6:])


def test_undefined_suggests_the_glossary_expansion_and_respects_the_allow_list(knowledge: Knowledge) -> None:
    findings = check_lines(
        ["會議由 DESG 主辦，AI 與 XYZQ 也討論。"], knowledge, Options(allow=AllowList(["ai"]))
    )
    assert [(f.type, f.acronym) for f in findings] == [("undefined", "DESG"), ("undefined", "XYZQ")]
    assert findings[0].suggestion.text == "數位經濟指導小組（Digital Economy Steering Group, DESG）"  # type: ignore[union-attr]
    assert findings[1].suggestion is None
    assert check_lines(["XYZQ 與 DESG"], knowledge, Options(allow=AllowList(["XYZQ", "DESG"]))) == []


def test_markup_does_not_shift_columns(knowledge: Knowledge) -> None:
    lines = ["# 標題", "**國際交通論壇**<sup>3</sup>（ITE）發表"]
    (f,) = check_lines(lines, knowledge, Options(allow=AllowList()))
    assert (f.line, f.type, f.text) == (2, "deprecated_form", "ITE")
    assert lines[1][f.column - 1 :].startswith("ITE")


@pytest.mark.parametrize(
    ("token", "expected"),
    [("PETs", True), ("MSMEs", True), ("G7", True), ("CO2", True), ("IoT", True), ("DESG", True),
     ("OpenAI", False), ("McKinsey", False), ("III", False), ("2024S", False), ("A", False), ("Day1", False)],
)  # fmt: skip
def test_what_counts_as_an_acronym(token: str, expected: bool) -> None:
    assert is_acronym_token(token) is expected


@pytest.mark.parametrize(
    ("written", "known", "expected"),
    [
        ("Privacy Enhancing Techonlogies", "Privacy Enhancing Technologies", MISSPELLED),
        ("Digital Economy Steerng Group", "Digital Economy Steering Group", MISSPELLED),
        ("Digital Economic Steering Group", "Digital Economy Steering Group", "different"),
        ("Digital Economy Group", "Digital Economy Steering Group", "different"),
        ("Organization for Economic Cooperation and Development",
         "Organisation for Economic Co-operation and Development", SAME),
        ("Key Focus Area", "Key Focus Areas", SAME),
        ("APEC Digital Economy Steering Group", "Digital Economy Steering Group", SAME),
    ],
)  # fmt: skip
def test_expansion_difference(written: str, known: str, expected: str) -> None:
    assert expansion_difference(written, known) == expected
