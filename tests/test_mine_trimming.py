"""Boundary rules added for the curated glossary: leading articles and full stops in English,
and a conjunction the Chinese term already contains (no report-specific lists)."""

from __future__ import annotations

import pytest

from glossary.mine import mine_documents
from glossary.mine.boundary import left_boundary
from glossary.mine.patterns import trim_english
from glossary.reader import Document


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("The National Foreign Trade Council", "National Foreign Trade Council"),
        ("the Master Plan on ASEAN Connectivity 2025", "Master Plan on ASEAN Connectivity 2025"),
        ("Workshop on Opportunities in APEC Economies.", "Workshop on Opportunities in APEC Economies"),
        ("The Hague", "The Hague"),  # a one-word name keeps its article
        ("Acme Co.", "Acme Co."),  # an abbreviation keeps its point
        ("U.S.", "U.S."),
    ],
)
def test_a_leading_article_and_a_sentence_full_stop_are_not_part_of_the_name(written: str, name: str) -> None:
    assert trim_english(written) == name


def test_a_quoted_title_keeps_a_capital_article() -> None:
    assert trim_english("The Open Future", title=True) == "The Open Future"
    assert (
        trim_english("the Master Plan on ASEAN Connectivity", title=True)
        == "Master Plan on ASEAN Connectivity"
    )


def test_mined_english_has_no_leading_article() -> None:
    doc = Document.from_text(
        "r.txt", "講者來自美國對外貿易委員會（The National Foreign Trade Council, NFTC）。"
    )
    (record,) = mine_documents([doc])
    # (the country 美國, which the English lacks, is left to the boundary rules)
    assert record.zh.endswith("對外貿易委員會")
    assert (record.en, record.abbr) == ("National Foreign Trade Council", "NFTC")


def test_a_conjunction_is_crossed_only_while_the_english_has_more_joins() -> None:
    en = "Organisation for Economic Co-operation and Development"
    run = "合辦與經濟合作與發展組織"
    assert run[left_boundary(run, en, "OECD") :] == "經濟合作與發展組織"
    two = "Office of Science and Technology and Innovation"
    run = "設立科學與技術與創新辦公室"
    assert run[left_boundary(run, two, None) :].startswith("科學與技術")


def test_a_parent_prefix_stays_when_the_rest_does_not_translate_the_englishs_first_word():
    # 國家 stands for "Formosa": without it the name no longer opens as the English does
    text = "文化部擴充國家數位典藏庫（Formosa Digital Archive）之內容。"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("國家數位典藏庫", "Formosa Digital Archive")}


def test_a_place_and_parent_the_english_lacks_are_still_trimmed():
    text = "會中介紹美國國家海洋研究局（Ocean Research Agency）之計畫。"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("海洋研究局", "Ocean Research Agency")}
