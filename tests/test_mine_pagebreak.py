"""Pairs and footnote bodies cut by page furniture (blank lines, rules, page numbers, footnotes)."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.reader import Document


def mine_text(text: str, name: str = "sample.txt"):
    return mine_documents([Document.from_text(name, text)])


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_text(text)}


def test_chinese_name_cut_before_its_last_character():
    text = "本場次的第二位講者為田中博士，來自日本宇宙航空研究開發機\n\n構（JAXA），介紹衛星觀測資料的應用。"
    got = pairs(text)
    assert ("日本宇宙航空研究開發機構", "", "JAXA") in got or ("宇宙航空研究開發機構", "", "JAXA") in got
    assert not any(zh == "構" for zh, _, _ in got)


def test_english_cut_by_a_rule_and_a_footnote_body():
    text = (
        "會議邀請了多個國際組織，包括全球數位治理聯盟<sup>3</sup>（Global Digital Governance\n"
        "\n---\n\n"
        "<sup>3</sup> 一個由多國政府組成的合作平台。\n"
        "\n"
        "Alliance, GDGA）及其他觀察員出席。"
    )
    records = mine_text(text)
    hit = [r for r in records if r.abbr == "GDGA"]
    assert hit and hit[0].en == "Global Digital Governance Alliance"
    assert hit[0].zh == "全球數位治理聯盟"
    assert hit[0].line == 1
    assert "一個由多國政府" not in hit[0].quote


def test_page_number_between_the_halves():
    text = (
        "我方代表於會中說明，我國正在推動個人資料保護\n\n12\n\n法（Personal Data Protection Act）之修法進度。"
    )
    assert ("個人資料保護法", "Personal Data Protection Act", "") in pairs(text)


def test_a_heading_is_not_joined_to_the_next_paragraph():
    text = "## 貳、會議過程與重點摘要整理說明\n\n數位部（MODA）代表出席。"
    got = pairs(text)
    assert all("摘要" not in zh for zh, _, _ in got)


def test_a_complete_sentence_is_not_joined():
    text = "本次會議於巴黎舉行並圓滿結束了各項議程。\n\n數位部（MODA）代表出席。"
    got = {zh for zh, _, abbr in pairs(text) if abbr == "MODA"}
    assert got == {"數位部"}


def test_footnote_body_cut_by_a_page_break_goes_on_after_the_next_rule():
    text = (
        "我們參考了開放資料憲章<sup>1</sup>（Open Data Charter）的原則。\n"
        "\n---\n\n"
        "<sup>1</sup> 開放資料憲章是一套由各國政府共同簽署的原\n"
        "\n"
        "下一頁的正文繼續說明會議的其他重點。\n"
        "\n---\n\n"
        "則，要求資料預設開放。\n"
    )
    hit = [r for r in mine_text(text) if r.en == "Open Data Charter"]
    assert hit and hit[0].definition.endswith("要求資料預設開放。")
    assert "下一頁" not in hit[0].definition


def test_complete_footnote_body_takes_nothing_from_the_next_page():
    text = (
        "我們參考了開放資料憲章<sup>1</sup>（Open Data Charter）的原則。\n"
        "\n---\n\n"
        "<sup>1</sup> 開放資料憲章是一套由各國政府共同簽署的原則。\n"
        "\n"
        "下一頁的正文。\n"
        "\n---\n\n"
        "另一段文字。\n"
    )
    hit = [r for r in mine_text(text) if r.en == "Open Data Charter"]
    assert hit and hit[0].definition == "開放資料憲章是一套由各國政府共同簽署的原則。"
