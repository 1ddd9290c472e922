"""The miner on text it was not tuned to: one test per class of issue #14, each with short
sentences written for these tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from glossary.mine import find_pairs
from glossary.mine import mine_documents
from glossary.mine.boundary import WEIGHTS
from glossary.mine.boundary import choose_start
from glossary.mine.segment import segment
from glossary.reader import Document


def pairs(*lines: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_documents([Document(name="t.txt", lines=list(lines))])}


# ---------------------------------------------------------------- left boundary too far


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        (
            "本公司和台灣電力公司（Taiwan Power Company）簽訂購電合約。",
            ("台灣電力公司", "Taiwan Power Company", ""),
        ),
        ("該法案經歐洲議會（European Parliament）三讀通過。", ("歐洲議會", "European Parliament", "")),
        (
            "隨著跨境電子商務（Cross-border E-commerce）興起，詐騙增加。",
            ("跨境電子商務", "Cross-border E-commerce", ""),
        ),
        (
            "本局另查歐洲環境署（European Environment Agency, EEA）之資料。",
            ("歐洲環境署", "European Environment Agency", "EEA"),
        ),
        (
            "部長王小明出席世界衛生組織（World Health Organization, WHO）大會。",
            ("世界衛生組織", "World Health Organization", "WHO"),
        ),
        ("我們委託顧問公司麥肯錫（McKinsey & Company）進行研究。", ("麥肯錫", "McKinsey & Company", "")),
        (
            "貳、參訪紀要國際能源總署（International Energy Agency, IEA）發布報告。",
            ("國際能源總署", "International Energy Agency", "IEA"),
        ),
        (
            "廠商應定期提交定期安全性更新報告（Periodic Safety Update Report）。",
            ("定期安全性更新報告", "Periodic Safety Update Report", ""),
        ),
    ],
)
def test_left_boundary_not_too_far(line, pair):
    assert pair in pairs(line)


# ---------------------------------------------------------------- left boundary too short


def test_a_name_keeps_words_the_english_translates():
    got = pairs("計畫由國家發展委員會（National Development Council, NDC）審議。")
    assert ("國家發展委員會", "National Development Council", "NDC") in got


def test_a_country_the_english_lacks_is_trimmed_and_nothing_more():
    got = pairs("代表團出席團拜會日本經濟產業省（Ministry of Economy, Trade and Industry, METI）官員致詞。")
    assert ("經濟產業省", "Ministry of Economy, Trade and Industry", "METI") in got


def test_a_parent_ministry_the_english_lacks_is_trimmed():
    got = pairs("補助案由經濟部產業發展署（Industrial Development Administration, IDA）受理。")
    assert ("產業發展署", "Industrial Development Administration", "IDA") in got


def test_a_country_the_english_names_is_kept():
    got = pairs("本局查閱美國專利商標局（United States Patent and Trademark Office, USPTO）資料。")
    assert ("美國專利商標局", "United States Patent and Trademark Office", "USPTO") in got


# ---------------------------------------------------------------- Latin letters and digits inside


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("今年推動5G專網（5G Private Network）應用。", ("5G專網", "5G Private Network", "")),
        (
            "企業須發布ESG永續報告書（ESG Sustainability Report）。",
            ("ESG永續報告書", "ESG Sustainability Report", ""),
        ),
        ("立法院審議促進AI發展條例（AI Promotion Act）草案。", ("促進AI發展條例", "AI Promotion Act", "")),
        (
            "政府公布2030年淨零路徑（2030 Net-Zero Pathway）。",
            ("2030年淨零路徑", "2030 Net-Zero Pathway", ""),
        ),
    ],
)
def test_latin_and_digits_the_english_repeats_stay_in_the_term(line, pair):
    assert pair in pairs(line)


# ---------------------------------------------------------------- not in brackets


def test_table_rows_tab_and_space_separated():
    got = pairs(
        "日期\t議題\tTopic",
        "第一天\t淨零轉型\tNet-Zero Transition",
        "第二天    智慧農業    Smart Agriculture",
    )
    assert ("淨零轉型", "Net-Zero Transition", "") in got
    assert ("智慧農業", "Smart Agriculture", "") in got
    assert not any(en == "Topic" for _, en, _ in got)


def test_slide_line_with_both_titles():
    assert ("循環經濟", "Circular Economy", "") in pairs("二、循環經濟　Circular Economy")


def test_chinese_heading_with_english_on_the_next_line():
    got = pairs("海洋保育行動計畫", "Ocean Conservation Action Plan", "", "本計畫自明年起實施。")
    assert ("海洋保育行動計畫", "Ocean Conservation Action Plan", "") in got


def test_english_name_sentence_with_acronym():
    got = pairs("本署推動「綠色採購平台」，其英文名稱為Green Procurement Platform，英文簡稱GPP。")
    assert ("綠色採購平台", "Green Procurement Platform", "GPP") in got


def test_acronym_then_full_name_then_chinese():
    got = pairs("業者常提到的EMS，其英文全稱為Energy Management System，即能源管理系統，可降低用電。")
    assert ("能源管理系統", "Energy Management System", "EMS") in got


def test_english_short_form_after_a_comma_is_the_abbreviation():
    got = pairs("歐盟通過數位市場法（Digital Markets Act, DM Act）。")
    assert ("數位市場法", "Digital Markets Act", "DM Act") in got


# ---------------------------------------------------------------- Chinese and acronym only


def test_chinese_with_acronym_only():
    got = pairs(
        "會中由數位發展部（MODA）說明政策。",
        "簡報提到TFDA（食品藥物管理署）的審查流程。",
        "另由國家通訊傳播委員會（以下簡稱NCC）負責監理。",
    )
    assert ("數位發展部", "", "MODA") in got
    assert ("食品藥物管理署", "", "TFDA") in got
    assert ("國家通訊傳播委員會", "", "NCC") in got


# ---------------------------------------------------------------- the boundary model


def test_boundary_features_are_named_and_give_one_confidence():
    run = "本局另查歐洲環境署"
    tokens = segment(run)
    starts = [0]
    for orig, *_ in tokens:
        starts.append(starts[-1] + len(orig))
    b = choose_start(run, tokens, starts[:-1], 0, "European Environment Agency", "EEA")
    assert run[b.start :] == "歐洲環境署"
    assert set(WEIGHTS) <= set(b.features)
    assert 0.0 <= b.confidence <= 1.0


def test_confidence_is_lower_for_a_weak_boundary():
    good = mine_documents(
        [Document(name="a.txt", lines=["推動歐洲環境署（European Environment Agency）合作。"])]
    )
    weak = mine_documents(
        [Document(name="b.txt", lines=["推動甲乙丙丁（European Environment Agency）合作。"])]
    )
    assert good[0].confidence > weak[0].confidence


# ---------------------------------------------------------------- find_pairs


def test_find_pairs_basic_mode_loads_no_segmenter_or_dictionary():
    code = (
        "import sys; from glossary.mine import find_pairs; "
        "ps = find_pairs('會中介紹智慧電網（Smart Grid, SG）。'); "
        "assert any(p.abbr == 'SG' for p in ps), ps; "
        "from glossary.mine import translations; "
        "bad = [m for m in sys.modules if m == 'rjieba' or 'cedict' in m]; "
        "assert not bad, bad; "
        "assert translations.dictionary.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_find_pairs_boundary_mode_uses_the_boundary_model():
    got = {
        (p.zh, p.en, p.abbr)
        for p in find_pairs("本局另查歐洲環境署（European Environment Agency，EEA）", boundary=True)
    }
    assert ("歐洲環境署", "European Environment Agency", "EEA") in got


# ---------------------------------------------------------------- more of the left boundary


def test_a_place_pronoun_before_a_name_is_not_part_of_it():
    # 該國 'that country' refers to a place; the Chinese does not state it, so it is no name part
    got = pairs("挪威代表介紹該國漁業及海岸管理局（Fisheries and Coast Authority of Norway，FCA）之制度。")
    assert ("漁業及海岸管理局", "Fisheries and Coast Authority of Norway", "FCA") in got


def test_a_term_does_not_open_on_a_bound_suffix():
    # 性 (-ness, -ive) ends the word before it (拘束性): cutting between them leaves no word
    got = pairs("公司得採用標準條款與拘束性資料規則（Binding Data Rules）傳輸個資。")
    assert ("拘束性資料規則", "Binding Data Rules", "") in got


def test_a_conjunction_the_english_lacks_ends_a_short_name():
    # 和 joins two company names; a short name after it is not read as the whole run
    got = pairs("晶片大廠如瑞昱和超微（Advanced Micro Devices）均表態支持。")
    assert ("超微", "Advanced Micro Devices", "") in got


def test_a_slash_between_english_words_joins_like_and():
    # Team/Center: the English joins two parts, so 暨 inside the Chinese name belongs to it
    got = pairs("報告由森林火災預防小組暨訓練中心（Forest Fire Prevention Team/Training Center）提出。")
    assert ("森林火災預防小組暨訓練中心", "Forest Fire Prevention Team/Training Center", "") in got


# ---------------------------------------------------------------- translation coverage


def test_derived_english_words_match_their_dictionary_root():
    from glossary.mine.translations import english

    # 社會 is glossed 'society', 中華民國 'Republic of China': the English says social, Chinese
    assert english("Social Housing Fund").covered("社会")
    assert english("Chinese Federation of Farmers").covered("中华民国")
    assert not english("Police Academy").covered("社会")


def test_a_place_the_english_names_as_an_adjective_stays():
    got = pairs("座談會邀請中華民國全國漁業總會（Chinese National Federation of Fisheries，CNFF）出席。")
    assert ("中華民國全國漁業總會", "Chinese National Federation of Fisheries", "CNFF") in got


def test_a_measure_word_before_the_year_is_not_the_terms():
    # 下一屆 'the next session' counts the meeting; the name starts at the year the acronym writes
    got = pairs("各國將出席下一屆2031年全球海洋大會（GOC-31）籌備會議。")
    assert ("2031年全球海洋大會", "", "GOC-31") in got


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        (
            "依據行政院國家防災應變會報（National Disaster Response Taskforce，NDRT）之決議辦理。",
            ("國家防災應變會報", "National Disaster Response Taskforce", "NDRT"),
        ),
        (
            "委員會依考試院國家文官學院（National Academy of Civil Service）建議辦理。",
            ("國家文官學院", "National Academy of Civil Service", ""),
        ),
        # the English names the parent (立法, Legislative): it stays
        (
            "依據立法院法制局（Legislative Research Bureau）報告。",
            ("立法院法制局", "Legislative Research Bureau", ""),
        ),
    ],
)
def test_a_parent_yuan_the_english_lacks_is_trimmed(line, pair):
    assert pair in pairs(line)


def test_a_content_word_translates_by_its_characters_when_the_dictionary_lacks_the_sense():
    from glossary.mine.translations import english

    # 法規 is glossed 'legislation; statute', its 規 'regulation'; 掃蕩 'to mop up', its 掃 'sweep'
    assert english("Regulatory Reliance").covered_by_parts("法规") == {"regul"}
    assert english("Border Sweep").covered_by_parts("扫荡") == {"sweep"}
    assert not english("Border Sweep").covered_by_parts("边境")  # it translates as a whole word
    # 'reliance' and 'rely' (信賴) share a root
    assert english("Regulatory Reliance").covered("信赖") == {"relia"}


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("各國海關聯合執行年度邊境掃蕩（Border Sweep）行動。", ("邊境掃蕩", "Border Sweep", "")),
        ("本會推動醫院法規調適（Regulatory Adaptation）工作。", ("法規調適", "Regulatory Adaptation", "")),
        ("該署另訂藥品法規信賴（Regulatory Reliance）機制。", ("法規信賴", "Regulatory Reliance", "")),
    ],
)
def test_character_coverage_bounds_the_term(line, pair):
    assert pair in pairs(line)


def test_a_quoted_english_sentence_is_no_name_even_capitalised():
    got = pairs(
        "主席引述公約序言所揭示之精神（Lasting prosperity can be achieved only if every nation shares it）。"
    )
    assert not any(en.startswith("Lasting") for _, en, _ in got)


def test_letters_right_after_a_number_are_a_unit_not_an_acronym():
    got = pairs("本期新增太陽光電裝置容量達5MW（百萬瓦），較去年成長。")
    assert not any(abbr == "MW" for _, _, abbr in got)


def test_a_number_the_chinese_also_has_keeps_the_letters_an_acronym():
    got = pairs("本會加入5GAA（第五代汽車聯盟）。")
    assert any(zh == "第五代汽車聯盟" for zh, _, _ in got)


def test_english_ending_in_the_number_the_chinese_repeats_before_its_bracket():
    got = pairs("該署引用年度報告Offshore Outlook 2030（離岸展望2030）之預測。")
    assert ("離岸展望2030", "Offshore Outlook 2030", "") in got
    got = pairs("依據新版Forecasts 2031（能源預測2031）之數據。")
    assert ("能源預測2031", "Forecasts 2031", "") in got
    assert not pairs("詳見Summary Table 5（附表6）。")  # the numbers differ: no pair


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        (
            "• 6G衛星通訊計畫　6G Satellite Communication Programme",
            ("6G衛星通訊計畫", "6G Satellite Communication Programme", ""),
        ),
        (
            "議題三　H5N1疫苗儲備策略　Stockpiling Strategy for H5N1 Vaccines",
            ("H5N1疫苗儲備策略", "Stockpiling Strategy for H5N1 Vaccines", ""),
        ),
    ],
)
def test_side_by_side_chinese_title_opening_with_latin_letters(line, pair):
    assert pair in pairs(line)


def test_a_date_opening_an_agenda_line_is_not_the_titles():
    got = pairs("3月8日 開幕典禮與5G展示 Opening Ceremony and 5G Showcase")
    assert ("開幕典禮與5G展示", "Opening Ceremony and 5G Showcase", "") in got


def test_a_table_cell_opening_with_a_long_latin_word_is_chinese():
    got = pairs("日本\tGreenTransformation推動法\tGreenTransformation Promotion Act")
    assert ("GreenTransformation推動法", "GreenTransformation Promotion Act", "") in got


# ---------------------------------------------------------------- 英文名稱為 sentences


def test_a_short_reference_between_the_quoted_name_and_its_english_is_skipped():
    got = pairs(
        "本署宣布推出「智慧漁港示範計畫」（下稱本計畫），英文名稱為Smart Fishing Port Demonstration Program。"
    )
    assert ("智慧漁港示範計畫", "Smart Fishing Port Demonstration Program", "") in got


def test_the_subject_opening_the_clause_is_the_name_its_english_gives():
    got = pairs(
        "二、參與情形：海洋資料研究中心成立於2001年，英文名稱為Ocean Data Research Center，英文簡稱ODRC。"
    )
    assert ("海洋資料研究中心", "Ocean Data Research Center", "ODRC") in got


def test_a_demonstrative_name_stands_for_the_earlier_name_with_its_head():
    got = pairs(
        "會中介紹南太平洋漁業聯盟之合作計畫；該聯盟英文名稱為South Pacific Fisheries Alliance，英文簡稱SPFA。"
    )
    assert ("南太平洋漁業聯盟", "South Pacific Fisheries Alliance", "SPFA") in got


def test_a_quoted_title_before_a_generic_word_the_english_lacks_is_the_term():
    got = pairs("依《2030年全球海洋現況》報告（State of the Global Ocean 2030）統計，海溫續升。")
    assert ("2030年全球海洋現況", "State of the Global Ocean 2030", "") in got
    got = pairs("依據《海洋保育法》施行細則（Enforcement Rules of the Ocean Conservation Act）辦理。")
    assert ("《海洋保育法》施行細則", "Enforcement Rules of the Ocean Conservation Act", "") in got or (
        "海洋保育法施行細則",
        "Enforcement Rules of the Ocean Conservation Act",
        "",
    ) in got


def test_a_leading_verb_the_english_opens_with_stays():
    # 自主 (self-initiated) is what the English opens with, though 節能方案 recurs without it
    got = pairs(
        "業者應提出自主節能方案（self-initiated energy saving scheme），",
        "並依節能方案執行；節能方案每年檢討，節能方案公開。",
    )
    assert ("自主節能方案", "self-initiated energy saving scheme", "") in got
    # … but a verb before a rest that opens with the English's first word goes (簡報 | 5G專網)
    got = pairs("廠商並簡報6G專網（6G Private Network）成果；6G專網將擴大，6G專網試驗持續。")
    assert ("6G專網", "6G Private Network", "") in got


def test_a_bracketed_code_before_a_number_is_a_citation():
    # 規則（EU）2031/77 cites 'Regulation (EU) 2031/77': EU is no acronym of 規則
    got = pairs("該法正式名稱為規則（EU）2031/77，同年生效。")
    assert not any(abbr == "EU" for _, _, abbr in got)


def test_an_english_only_pair_inside_a_fuller_pair_of_the_row_is_dropped():
    got = pairs("第3天\t海洋資料共享工作小組\tSEA Data Sharing Working Group (DSWG)")
    assert ("海洋資料共享工作小組", "SEA Data Sharing Working Group", "DSWG") in got
    assert not any(zh == "" for zh, _, _ in got)


def test_a_name_with_a_middle_initial_is_a_person_after_the_title():
    line = "該聯盟由WMO秘書長洪德（Peter K. Hongde）於2030年發起。"
    recs = mine_documents([Document(name="t.txt", lines=[line])])
    assert [(r.zh, r.kind) for r in recs if r.en == "Peter K. Hongde"] == [("洪德", "person")]


def test_an_acronym_and_a_word_the_chinese_translates_is_a_pair():
    # 人工智慧 spells AI: 'AI governance' translates the Chinese, unlike 'PACT project' (PACT計畫)
    got = pairs("學校將人工智慧治理（AI governance）列為課程主題。")
    assert ("人工智慧治理", "AI governance", "") in got


def test_english_that_the_document_gives_as_the_short_form_is_the_short_form():
    got = pairs(
        "歐盟提出海洋監測法（Ocean Monitoring Act，下稱OM Act）草案。",
        "會員國須依《海洋監測法》（OM Act）提交報告。",
    )
    assert ("海洋監測法", "", "OM Act") in got
    assert ("海洋監測法", "OM Act", "") not in got


# ---------------------------------------------------------------- definitions


def test_a_footnote_reached_through_a_bracketed_marker_defines_the_term():
    lines = [
        "本署將推動海洋碳匯盤查[2]（Blue Carbon Inventory, BCI），並逐年公布。",
        "",
        "[1] 其他說明。",
        "[2] 海洋碳匯盤查係指盤點紅樹林與海草床所吸存之碳量。",
    ]
    recs = mine_documents([Document(name="t.txt", lines=lines)])
    [rec] = [r for r in recs if r.abbr == "BCI"]
    assert (rec.zh, rec.definition_line) == ("海洋碳匯盤查", 4)
    assert rec.definition.startswith("海洋碳匯盤查係指")


def test_a_footnote_opening_with_the_acronym_and_a_copula_defines_the_pair():
    lines = [
        "會議討論藍碳信用（Blue Carbon Credit, BCC）之計算方法。",
        "",
        "[1] BCC係指經第三方查證之海洋碳匯減量額度。",
    ]
    recs = mine_documents([Document(name="t.txt", lines=lines)])
    [rec] = [r for r in recs if r.abbr == "BCC"]
    assert rec.definition_line == 3 and rec.definition.startswith("BCC係指")


def test_a_slide_label_beside_an_english_title_is_no_pair():
    assert not pairs("投影片8　Smart Grid")


def test_an_acronym_the_chinese_writes_too_makes_acronym_and_word_a_translation():
    got = pairs("進口商應繳交之MRV憑證（MRV certificates）數量，依排放量計算。")
    assert ("MRV憑證", "MRV certificates", "") in got
    assert not pairs("本計畫（MRV project）將於明年啟動。")  # the acronym names another concept


def test_a_split_heading_under_a_numbered_section_heading():
    got = pairs("貳、國際合作", "海洋塑膠減量", "Marine Plastic Reduction", "本節說明各國作法。")
    assert ("海洋塑膠減量", "Marine Plastic Reduction", "") in got


def test_a_title_ending_in_a_label_word_is_still_a_title():
    # 摘要 alone is a field label; a title ending with it is a title
    got = pairs("海洋保育法規重點摘要", "Summary of the Ocean Conservation Regulation", "海洋委員會　編譯")
    assert ("海洋保育法規重點摘要", "Summary of the Ocean Conservation Regulation", "") in got
    assert not pairs("會議摘要", "Meeting Summary", "本次會議討論三項議題。")


def test_a_split_heading_with_a_label_on_both_lines():
    got = pairs(
        "研究報告：海洋保育與漁業共存",
        "Research Report: Ocean Conservation and Fisheries Coexistence",
        "海洋委員會",
    )
    assert ("海洋保育與漁業共存", "Ocean Conservation and Fisheries Coexistence", "") in got


def test_an_english_title_opening_with_5g_on_the_next_line():
    got = pairs("投影片1", "6G衛星與Open RAN應用", "6G Satellites and Open RAN Applications", "某署　2030年")
    assert ("6G衛星與Open RAN應用", "6G Satellites and Open RAN Applications", "") in got


def test_quotes_around_part_of_a_side_by_side_title_are_left_out():
    got = pairs("- 「低碳」智慧城市　Low-Carbon Smart City")
    assert ("低碳智慧城市", "Low-Carbon Smart City", "") in got


# ---------------------------------------------------------------- a standard's code and its Chinese title


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        (
            "兩會共同發布GSSB/OTC 31000（海洋資料管理系統標準），供各國參考。",
            ("海洋資料管理系統標準", "", "GSSB/OTC 31000"),
        ),
        (
            "理事會發布兩項準則：GSSB S7「海洋相關揭露」及GSSB S8「生物多樣性揭露」。",
            ("海洋相關揭露", "", "GSSB S7"),
        ),
        (
            "理事會發布兩項準則：GSSB S7「海洋相關揭露」及GSSB S8「生物多樣性揭露」。",
            ("生物多樣性揭露", "", "GSSB S8"),
        ),
    ],
)
def test_a_standards_code_before_its_chinese_title(line, pair):
    assert pair in pairs(line)


def test_a_short_numbered_label_is_no_standards_code():
    assert not any(abbr == "KPI 3" for _, _, abbr in pairs("其中KPI 3「海洋垃圾減量」進度落後。"))


def test_an_acronym_ending_in_the_number_its_chinese_has():
    got = pairs("各國推動HTTPv4（超文本協定第4版）之部署。")
    assert ("超文本協定第4版", "", "HTTPv4") in got
    assert not pairs("詳見COVIDx9（附件第3版）。")  # the numbers differ


def test_an_acronym_whose_abbreviation_comes_from_an_english_name():
    got = pairs("值得一提的是，OMRA之縮寫源自該會舊名Ocean Monitoring and Research Alliance，與現名不同。")
    assert ("", "Ocean Monitoring and Research Alliance", "OMRA") in got
