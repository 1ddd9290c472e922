"""The notice users read about a form not in good use: where the reports write it, bilingual."""

from __future__ import annotations

from glossary.check.checker import check_lines
from glossary.check.knowledge import Knowledge
from glossary.notices import form_notice
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term


def cite(doc: str, line: int, quote: str, term: str | None = None) -> Citation:
    return Citation(doc=doc, line=line, quote=quote, term=term)


def test_a_deprecated_form_names_the_report_and_line_in_both_languages() -> None:
    citations = [cite("a.txt", 279, "國際交通論壇（ITF）"), cite("a.txt", 773, "國際交通論壇(ITE)")]
    assert form_notice("ITE", "deprecated", citations) == (
        "報告 a.txt 第 773 行誤作 ITE / the report a.txt has ITE in error at line 773"
    )


def test_several_lines_and_reports_are_listed_at_most_three_per_report() -> None:
    citations = [cite("a.txt", n, "EPA here") for n in (280, 281, 425, 500)] + [cite("b.txt", 9, "epa")]
    assert form_notice("EPA", "deprecated", citations) == (
        "報告 a.txt 第 280、281、425 行誤作 EPA；報告 b.txt 第 9 行誤作 EPA"
        " / the report a.txt has EPA in error at lines 280, 281 and 425;"
        " the report b.txt has EPA in error at line 9"
    )


def test_a_superseded_form_is_a_former_name() -> None:
    citations = [cite("a.txt", 58, "", term="Green Growth Knowledge Platform")]
    assert form_notice("Green Growth Knowledge Platform", "superseded", citations) == (
        "報告 a.txt 第 58 行用此舊稱 / the report a.txt uses this former name at line 58"
    )


def test_no_notice_when_no_citation_writes_the_form_or_it_is_in_good_use() -> None:
    assert form_notice("OICD", "deprecated", [cite("a.txt", 1, "OECD")]) is None
    assert form_notice("ITE", "admitted", [cite("a.txt", 1, "ITE")]) is None


def test_check_says_where_the_reports_write_a_deprecated_english_name() -> None:
    concept = Concept(
        id="cbpr",
        kind="program",
        terms=[
            Term("跨境隱私規則", "zh-Hant"),
            Term("Cross-Border Privacy Rules", "en"),
            Term("CBPR", "en", type="acronym"),
            Term("Cross-Broder Privacy Rules", "en", status="deprecated", note="typo, line 206"),
        ],
        citations=[cite("r.txt", 206, "跨境隱私規則（Cross-Broder Privacy Rules, CBPR）")],
    )
    found = check_lines(["另見 Cross-Broder Privacy Rules 之說明。"], Knowledge.build([concept]))
    [finding] = [f for f in found if f.type == "deprecated_form"]
    assert finding.message == (
        "Cross-Broder Privacy Rules is a deprecated form; use Cross-Border Privacy Rules"
        " (報告 r.txt 第 206 行誤作 Cross-Broder Privacy Rules"
        " / the report r.txt has Cross-Broder Privacy Rules in error at line 206)"
    )
