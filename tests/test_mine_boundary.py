"""The Chinese left boundary and right-edge trimming."""

from __future__ import annotations

from glossary.mine import mine_documents
from glossary.mine.boundary import left_boundary
from glossary.mine.boundary import strip_title
from glossary.reader import Document


def mine_text(text: str, name: str = "sample.txt"):
    return mine_documents([Document.from_text(name, text)])


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.zh, r.en, r.abbr) for r in mine_text(text)}


def zh_of(text: str) -> set[str]:
    return {z for z, _, _ in pairs(text)}


def test_a_verb_before_the_term_is_not_part_of_it():
    assert "資料治理框架" in zh_of("該國採用資料治理框架（Data Governance Framework）進行管理。")


def test_function_words_and_particles_stop_the_term():
    assert "邊緣運算" in zh_of("他們的工廠包含邊緣運算（Edge Computing）設備。")


def test_a_preposition_is_not_the_start_of_a_term():
    assert "部長級對話" in zh_of("除部長級對話（Ministerial Dialogue）以外，尚有工作坊。")


def test_the_conjunction_is_kept_when_the_english_has_and():
    assert "能源與環境研究院" in zh_of("訪問能源與環境研究院（Institute of Energy and Environment）。")


def test_the_conjunction_is_a_boundary_when_the_english_has_none():
    got = zh_of("以提升透明度（Transparency）和問責性（Accountability）。")
    assert {"透明度", "問責性"} <= got


def test_job_title_after_an_org_name_is_trimmed():
    got = pairs("2. Jane Roe_全球海洋聯盟執行長（Global Ocean Alliance, Chief Executive）")
    assert ("全球海洋聯盟", "Global Ocean Alliance", "") in got


def test_strip_title_keeps_short_names():
    assert strip_title("數位發展協會主席") == "數位發展協會"
    assert strip_title("主席") == "主席"


def test_a_classifier_after_a_number_is_not_part_of_the_term():
    assert "綠色金融論壇" in zh_of("出席 2025 年綠色金融論壇（GFF）。")


def test_other_occurrences_trim_a_leading_verb():
    text = "我們推廣量子安全通訊（Quantum Secure Communication）。量子安全通訊是重點。各國發展量子安全通訊。"
    assert "量子安全通訊" in zh_of(text)


def test_known_form_from_another_pair_extends_a_short_cut():
    text = (
        "出席國際電信暨資訊聯盟（International Telecommunication and Information Union, ITIU）。"
        "之後由國際電信暨資訊聯盟（ITIU）秘書長致詞。"
    )
    got = pairs(text)
    assert ("國際電信暨資訊聯盟", "", "ITIU") in got


def test_acronym_prefix_is_kept_when_it_spells_the_english():
    assert "WCS 論壇" in zh_of("每年舉辦 WCS 論壇（World Cities Summit）。")


def test_a_whole_short_title_after_a_dash_is_kept():
    assert "萬事皆有解" in zh_of("他的口號—萬事皆有解（there is always a way out）令人印象深刻。")


def test_left_boundary_returns_none_for_a_bare_function_word():
    assert left_boundary("的", "Thing") is None


def test_a_country_the_english_lacks_is_not_part_of_the_name():
    assert "海洋漁業研究所" in zh_of("會中由智利海洋漁業研究所（Institute of Marine Fisheries）報告。")


def test_a_country_the_english_names_is_kept():
    got = zh_of("會中由智利海洋漁業研究所（Chilean Institute of Marine Fisheries）報告。")
    assert "智利海洋漁業研究所" in got


def test_a_country_and_its_parent_ministry_the_english_lacks_are_dropped():
    got = zh_of("講者來自加拿大農業部食品檢驗管理局（Food Inspection Administration）。")
    assert "食品檢驗管理局" in got


def test_a_parent_ministry_the_english_names_is_kept():
    got = zh_of(
        "講者來自加拿大農業部食品檢驗管理局（Ministry of Agriculture Food Inspection Administration）。"
    )
    assert "農業部食品檢驗管理局" in got


def test_a_country_is_kept_when_only_an_acronym_follows():
    assert "日本海洋研究開發機構" in zh_of("參訪日本海洋研究開發機構（JAMSTEC）。")


def test_latin_words_before_the_term_that_the_english_has_are_kept():
    assert "WHO GMP 準則" in zh_of("各國參考 WHO GMP 準則（WHO GMP Guidelines）辦理。")


def test_latin_words_before_the_term_that_the_english_lacks_are_not_taken():
    assert "WHO GMP 準則" not in zh_of("各國參考 WHO GMP 準則（Good Manufacturing Guidelines）辦理。")


# ---- general rules found on the dev sets, tested on sentences of their own


def test_a_non_verb_stop_word_that_translates_the_english_is_inside_the_name() -> None:
    from glossary.mine.boundary import explain_boundary

    for run, en, term in [
        ("各國應提交最終報告", "Final Report", "最終報告"),
        ("該公司隱瞞最終控制人", "Ultimate Controlling Party", "最終控制人"),
    ]:
        chosen = explain_boundary(run, en, None, True)
        assert chosen is not None and run[chosen.start :] == term


def test_a_particle_glued_to_the_next_word_is_split_unless_the_pair_is_a_word() -> None:
    from glossary.mine.boundary import unglue_particles

    assert unglue_particles((("之反", "之反", "v"), ("漂綠", "漂绿", "v"))) == (
        ("之", "之", "u"),
        ("反", "反", "v"),
        ("漂綠", "漂绿", "v"),
    )
    assert unglue_particles((("之前", "之前", "f"),)) == (("之前", "之前", "f"),)  # a dictionary word


def test_a_stop_word_glued_to_the_word_before_is_split_unless_the_pair_is_a_word() -> None:
    from glossary.mine.boundary import explain_boundary
    from glossary.mine.boundary import unglue_particles

    assert unglue_particles((("已於", "已于", "d"),)) == (("已", "已", "d"), ("於", "于", "p"))
    assert unglue_particles((("關於", "关于", "p"),)) == (("關於", "关于", "p"),)  # a dictionary word
    run = "理事會已於第12屆國際標準委員會"
    chosen = explain_boundary(run, None, "ISC 12", False)
    assert chosen is not None and run[chosen.start :] == "第12屆國際標準委員會"


def test_a_bracket_may_hold_an_acronym_in_parts() -> None:
    from glossary.mine import find_pairs
    from glossary.mine.acronyms import is_compound_acronym

    assert all(map(is_compound_acronym, ["MEPC 83", "EU ETS", "IFRS S1", "TWCERT/CC", "SaMD & AI WG"]))
    assert not any(map(is_compound_acronym, ["AI Act", "New York", "A B", "Covid 19"]))
    found = find_pairs("會中介紹亞洲碳交易體系（Asia Carbon Trading System, AC TS）之進展。", boundary=True)
    assert [(c.en, c.abbr) for c in found if c.abbr] == [("Asia Carbon Trading System", "AC TS")]


def test_an_acronym_explained_by_its_expansion_in_a_sentence_is_a_pair() -> None:
    from glossary.mine import find_pairs

    found = find_pairs("本計畫採用 GTI 標準，GTI為Global Testing Initiative之縮寫。")
    assert [(c.en, c.abbr) for c in found if c.pattern == "ABBR為en"] == [
        ("Global Testing Initiative", "GTI")
    ]
    unrelated = find_pairs("XYZ為Another Name Entirely之簡稱。")  # the initials do not spell it
    assert not [c for c in unrelated if c.pattern == "ABBR為en"]


def test_an_enumeration_comma_inside_a_name_is_kept_when_the_english_has_one() -> None:
    from glossary.mine import find_pairs

    text = "出席國際海洋、氣候及能源組織（International Ocean, Climate and Energy Organization, IOCEO）會議。"
    [pair] = [c for c in find_pairs(text, boundary=True) if c.abbr == "IOCEO"]
    assert pair.zh == "國際海洋、氣候及能源組織"


def test_a_job_title_the_english_names_is_the_term() -> None:
    assert strip_title("共同召集人", "co-convenors") == "共同召集人"
    kept = strip_title("數位中小企業永續發展焦點團體主席", "Digital SME Focus Group")
    assert kept == "數位中小企業永續發展焦點團體"
    assert "共同召集人" in zh_of("目前由澳洲及新加坡擔任共同召集人（co-convenors）。")


def test_an_unknown_word_before_a_fully_translated_name_is_not_part_of_it() -> None:
    # 檢驗局 translates nothing the rest leaves over: the English is explained without it
    got = zh_of(
        "可取得由標準檢驗局國家再生能源憑證中心（National Renewable Energy Certification Center）核發之憑證。"
    )
    assert got == {"國家再生能源憑證中心"}


def test_punctuation_is_no_transliteration() -> None:
    from glossary.mine.boundary import _transliteration

    assert not _transliteration(("、", "、", "x"))
    assert _transliteration(("柯瑞絲", "柯瑞丝", "nr"))


def test_an_ordinals_letters_are_no_english_word_to_translate():
    from glossary.mine.translations import English

    words = English("Plan for 21st-Century Ocean Cooperation").words
    assert words == ["plan", "century", "ocean", "cooperation"]


def test_an_ordinal_in_the_english_does_not_let_a_verb_onto_the_term():
    got = zh_of("代表團報告亞太21世紀海洋合作計畫（Asia-Pacific Plan for 21st-Century Ocean Cooperation）。")
    assert got == {"亞太21世紀海洋合作計畫"}


def test_a_one_character_body_after_a_verb_is_the_names_head():
    # 審議 | 會: the segmenter reads 會 as "can"; the English's last word (Committee) says it is the body
    assert zh_of("本市每年由物價審議會（Price Review Committee）公告新價格。") == {"物價審議會"}


def test_a_chinese_word_spelling_out_an_acronym_of_the_english_translates_it():
    from glossary.mine.translations import english

    assert english("AI Innovation Headquarters").covered("人工智慧") == {"ai"}
    assert english("Review Committee").covered("人工智慧") == frozenset()
    # with "AI" translated, the verb before 人工智慧 translates nothing and is not the term's
    assert zh_of("政府規劃人工智慧創新本部（AI Innovation Headquarters）。") == {"人工智慧創新本部"}


def test_a_british_spelling_matches_the_dictionarys_american_one():
    from glossary.mine.translations import stem

    assert stem("Centres") == stem("center")
    assert stem("future") != stem("futer")
    assert zh_of("市府籌組人工智慧倫理中心（AI Ethics Centre），研議規範。") == {"人工智慧倫理中心"}


def test_a_verb_that_translates_an_english_word_the_rest_does_not_is_inside_the_name():
    got = zh_of("該校並透過知識分享與創新中心（Knowledge Sharing and Innovation Center）輔導新創。")
    assert got == {"知識分享與創新中心"}


def test_a_verb_that_translates_no_english_word_still_bounds_the_name():
    got = zh_of("市府將推動數據分享與應用平台（Data Sharing and Application Platform）。")
    assert got == {"數據分享與應用平台"}


def test_common_predicate_verbs_of_official_prose_bound_the_name():
    assert zh_of("教育部並於各縣市增設數位學習中心（Digital Learning Center）。") == {"數位學習中心"}
    got = pairs("工會（Labour Union）辦理之職能認證（SCP），深受好評。")
    assert ("職能認證", "", "SCP") in got


def test_a_chinese_numeral_the_english_writes_in_digits_is_part_of_the_name():
    got = zh_of("部長說明政府推動之三項旗艦方案（3 Flagship Programmes），分年執行。")
    assert got == {"三項旗艦方案"}


def test_chinese_numerals_have_their_value():
    from glossary.mine.boundary import zh_number

    assert [zh_number(n) for n in ("十二", "二十一", "一百零五", "兩")] == [12, 21, 105, 2]


def test_a_final_hui_before_an_acronym_is_the_body_not_can():
    # no English to name the head: 會 ending the phrase is still the body (審議 | 會)
    assert pairs("市府每年召開都市設計審議會（UDRC）兩次。") == {("都市設計審議會", "", "UDRC")}
