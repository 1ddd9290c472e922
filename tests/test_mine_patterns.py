"""Candidate pair patterns: one test per way a report states a pair."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.reader import Document


def mine_text(text: str, name: str = "sample.txt"):
    return mine_documents([Document.from_text(name, text)])


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_text(text)}


def test_fullwidth_brackets_chinese_then_english():
    text = "本署推動碳足跡標籤（Carbon Footprint Label）制度。"
    assert ("碳足跡標籤", "Carbon Footprint Label", "") in pairs(text)


def test_halfwidth_brackets_with_acronym_after_comma():
    text = "會中介紹了智慧電網(Smart Grid, SG)的發展。"
    assert ("智慧電網", "Smart Grid", "SG") in pairs(text)


def test_mixed_width_brackets_and_commas():
    text = "講者說明區塊鏈服務網路（Blockchain Service Network, BSN）的架構。"
    assert ("區塊鏈服務網路", "Blockchain Service Network", "BSN") in pairs(text)


def test_hereafter_called_marker_gives_the_acronym():
    text = "本計畫導入機器學習（Machine Learning，以下簡稱 ML）技術。"
    assert ("機器學習", "Machine Learning", "ML") in pairs(text)


def test_short_marker_variants():
    assert ("開放資料", "Open Data", "OD") in pairs("推廣開放資料（Open Data，下稱OD）。")
    assert ("數位身分", "Digital Identity", "DID") in pairs("建置數位身分（Digital Identity，簡稱 DID）。")


def test_chinese_with_acronym_only():
    assert ("國際標準組織", "", "ISO") in pairs("依據國際標準組織（ISO）的規範。")


def test_full_name_marker_after_acronym():
    text = "參與世界貿易組織（WTO，全名為 World Trade Organization）舉辦之會議。"
    assert ("世界貿易組織", "World Trade Organization", "WTO") in pairs(text)


def test_quoted_title_before_brackets():
    text = "報告名為「智慧城市白皮書」(Smart City White Paper)，內容豐富。"
    assert ("智慧城市白皮書", "Smart City White Paper", "") in pairs(text)


def test_brackets_inside_the_quote():
    text = "主題訂為「連結、共享：邁向韌性(Connect and Share: Towards Resilience)」。"
    assert ("連結、共享：邁向韌性", "Connect and Share: Towards Resilience", "") in pairs(text)


def test_book_title_quotes():
    text = "他推薦《開放的未來》（The Open Future）一書。"
    assert ("開放的未來", "The Open Future", "") in pairs(text)


def test_bold_markdown_marks_the_start_of_the_term():
    text = "公司推出**綠色雲端認證計畫**（Green Cloud Certification Program），協助中小企業。"
    assert ("綠色雲端認證計畫", "Green Cloud Certification Program", "") in pairs(text)


def test_english_then_chinese_in_brackets():
    assert ("", "", "") not in pairs("")
    got = pairs("各國代表參加 OECD 舉辦之 Digital Trust Forum（數位信任論壇）。")
    assert ("數位信任論壇", "Digital Trust Forum", "") in got


def test_acronym_then_english_expansion():
    text = "並與 GPN（Global Policy Network）合作。"
    assert ("", "Global Policy Network", "GPN") in pairs(text)


def test_english_only_long_name_with_acronym():
    text = "The Regional Innovation Council (RIC) met twice. Small Island Developing States (SIDS) spoke."
    got = pairs(text)
    assert ("", "Regional Innovation Council", "RIC") in got
    assert ("", "Small Island Developing States", "SIDS") in got


def test_english_only_acronym_of_another_language_needs_an_org_name():
    text = "09:00\tMaria Lopez National Water Quality Institute (INCAGUA) – Chile\n"
    assert ("", "National Water Quality Institute", "INCAGUA") in pairs(text)
    assert not pairs("Panel discussion (VIRTUAL) and lunch (TBC)")


def test_english_dash_acronym_form():
    text = "Use of Unmanned Aerial Vehicle - UAV for Forest Surveys"
    assert ("", "Unmanned Aerial Vehicle", "UAV") in pairs(text)


def test_html_table_cells_and_list_items():
    text = "<ul><li>• 亞洲開發銀行（Asian Development Bank, ADB）</li><li>其他</li></ul>"
    assert ("亞洲開發銀行", "Asian Development Bank", "ADB") in pairs(text)


def test_pair_broken_across_lines_reports_the_starting_line():
    text = "前言\n出席全球數位治理論壇\n(Global Digital Governance\nForum, GDGF) 年會"
    recs = [r for r in mine_text(text) if r.abbr == "GDGF"]
    assert recs and recs[0].zh == "全球數位治理論壇" and recs[0].line == 2
    assert recs[0].en == "Global Digital Governance Forum"


def test_side_by_side_titles_in_a_heading():
    text = "## 二、開放資料週 Open Data Week 議程\n"
    assert ("開放資料週", "Open Data Week", "") in pairs(text)


def test_side_by_side_english_first_in_an_agenda_line():
    text = "Session 2: Data flows for inclusive growth 促進包容成長的資料流通\n"
    assert ("促進包容成長的資料流通", "Data flows for inclusive growth", "") in pairs(text)


def test_side_by_side_skips_a_speaker_and_title():
    assert not pairs("Anna Berg 世界銀行資深顧問\n")


def test_table_of_contents_line_with_dot_leaders():
    text = "(三)藝術之橋 Pont des Arts.....\t12\n"
    assert ("藝術之橋", "Pont des Arts", "") in pairs(text)


def test_bilingual_logo_block():
    text = "\n臺灣氣候聯盟\nTaiwan Climate Alliance\n\n"
    assert ("臺灣氣候聯盟", "Taiwan Climate Alliance", "") in pairs(text)


def test_speaker_card_aligns_english_and_chinese_lines():
    text = "\nMarta Rossi\nNordic Energy Agency\nSenior Analyst\n北歐能源署\n資深分析師\n\n"
    got = pairs(text)
    assert ("北歐能源署", "Nordic Energy Agency", "") in got
    assert ("資深分析師", "Senior Analyst", "") in got


def test_acronym_logo_above_its_name():
    text = "dgov\n\nDepartment of Government\n"
    assert ("", "Department of Government", "dgov") in pairs(text)


def test_person_with_romanisation_is_kind_person():
    recs = mine_text("由主席林志明（Chih-Ming Lin）主持會議。")
    person = [r for r in recs if r.en == "Chih-Ming Lin"]
    assert person and person[0].kind == "person" and person[0].zh == "林志明"


def test_quote_is_a_short_clause_around_the_pair():
    long_text = "甲" * 200 + "，推動國際能源總署（International Energy Agency, IEA）的合作，" + "乙" * 200
    rec = next(r for r in mine_text(long_text) if r.abbr == "IEA")
    assert len(rec.quote) <= 120 and "國際能源總署" in rec.quote


def test_an_acronym_plus_a_generic_word_is_not_a_translation():
    assert not any(r.en == "ABC project" for r in mine_text("建立共同平台(ABC project)。"))


def test_a_short_form_of_several_words_after_a_marker_is_the_abbreviation():
    text = "該國通過資料治理法（Data Governance Act，下稱DG Act），規範資料共享。"
    got = {(r.zh, r.en, r.abbr) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("資料治理法", "Data Governance Act", "DG Act")}


def test_a_table_cells_own_acronym_comes_before_the_next_cells_body():
    text = "計畫\t英文名稱\t主辦\n全球海洋觀測系統\tGlobal Ocean Observing System (GOOS)\tUNESCO\n"
    got = {(r.zh, r.en, r.abbr) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert ("全球海洋觀測系統", "Global Ocean Observing System", "GOOS") in got
    assert not any(abbr == "UNESCO" for _, _, abbr in got)


def test_a_note_in_brackets_in_a_table_cell_is_no_acronym():
    text = "議程\n數位治理論壇\tDigital Governance Forum (DRAFT)\n"
    got = {(r.zh, r.en, r.abbr) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert ("數位治理論壇", "Digital Governance Forum", "") in got


def test_a_chinese_reference_after_the_marker_is_no_short_form():
    text = "依據《數位韌性促進法》（Digital Resilience Promotion Act，下稱本法）規定辦理。"
    got = {(r.zh, r.en, r.abbr) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("數位韌性促進法", "Digital Resilience Promotion Act", "")}


def test_a_chinese_short_form_is_the_abbreviation_and_shows_where_the_name_starts():
    # without the short form the term would stop at 及 (the English has no "and")
    text = "部長表示，國民及幼兒健康署（Child Health Administration，簡稱國健署）將擴大服務。"
    got = {(r.zh, r.en, r.abbr) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("國民及幼兒健康署", "Child Health Administration", "國健署")}


def test_capitalised_english_before_its_chinese_is_a_pair_when_the_chinese_translates_it():
    text = "建議各國參考世界銀行發布之Open Data Principles（開放資料原則）指引。"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("開放資料原則", "Open Data Principles")}


def test_a_persons_name_before_a_chinese_note_is_no_pair():
    text = "左起：與談人 Jane Roe（遠端連線參與）、主持人王小明。"
    assert mine_documents([Document.from_text("a.txt", text)]) == []


def test_the_english_before_its_chinese_does_not_take_chinese_characters():
    text = "本部參考OECD出版之Digital Futures Report（數位未來報告），研訂指引。"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("數位未來報告", "Digital Futures Report")}


def test_a_footnote_marker_between_the_term_and_its_bracket_is_skipped():
    text = "本署推動永續航空燃料[2]（Sustainable Aviation Fuel, SAF），降低排放。\n\n[2] 以廢油製成之燃料。\n"
    got = {(r.zh, r.en, r.abbr) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert ("永續航空燃料", "Sustainable Aviation Fuel", "SAF") in got


def test_a_number_the_english_repeats_ends_the_chinese_term():
    text = "市府依據智慧城市願景2050（Smart City Vision 2050）推動建設。"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("智慧城市願景2050", "Smart City Vision 2050")}


def test_an_ordinal_label_before_a_side_by_side_title_is_not_the_titles():
    text = "參、議程\n單元二　智慧農業概論　Introduction to Smart Agriculture\n"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("智慧農業概論", "Introduction to Smart Agriculture")}


def test_a_quoted_title_the_english_translates_joins_the_run_after_it():
    text = "依《數位韌性促進法》施行細則（Enforcement Rules of the Digital Resilience Promotion Act）"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("數位韌性促進法施行細則", "Enforcement Rules of the Digital Resilience Promotion Act")}


def test_a_quoted_word_the_english_lacks_stays_outside():
    text = "部長稱「很好」的數位韌性計畫（Digital Resilience Programme）將續辦。"
    got = {(r.zh, r.en) for r in mine_documents([Document.from_text("a.txt", text)])}
    assert got == {("數位韌性計畫", "Digital Resilience Programme")}
