"""Schwartz–Hearst long forms and letter agreement."""

from __future__ import annotations

from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import letter_agreement


def test_long_form_is_the_shortest_tail_that_spells_the_acronym():
    assert find_long_form("WHO", "the report of the World Health Organization") == "World Health Organization"


def test_word_initials_are_preferred_over_inner_letters():
    assert find_long_form("EEA", "the European Environment Agency") == "European Environment Agency"


def test_function_words_may_give_a_letter():
    assert find_long_form("FoMO", "worries such as fear of missing out") == "fear of missing out"


def test_hyphenated_words_give_one_letter_per_part():
    assert find_long_form("EMCC", "Euro-Mediterranean Center on Climate Change") == (
        "Euro-Mediterranean Center on Climate Change"
    )


def test_no_long_form_when_letters_do_not_occur():
    assert find_long_form("XYZ", "Board of Trade") is None


def test_letter_agreement_is_high_for_a_fitting_expansion():
    assert letter_agreement("DESG", "Digital Economy Steering Group") == 1.0


def test_letter_agreement_is_low_for_an_acronym_of_another_language():
    assert letter_agreement("IHLLA", "Plain Hydrology Institute") < 0.5


def test_plural_s_is_not_a_letter():
    assert letter_agreement("SMEs", "Small and Medium Enterprises") == 1.0


def test_is_acronym_accepts_mixed_forms_and_rejects_words():
    for tok in ("OECD", "SMEs", "IoT", "B4NZ", "W3C", "TWh", "FoMO"):
        assert is_acronym(tok), tok
    for tok in ("Forum", "data", "A", "2024"):
        assert not is_acronym(tok), tok


def test_a_name_in_capitals_with_a_head_word_is_no_compound_acronym():
    from glossary.mine.acronyms import is_compound_acronym

    assert not is_compound_acronym("IOWN GLOBAL FORUM")
    assert not is_compound_acronym("O-RAN ALLIANCE")
    assert is_compound_acronym("EU ETS")
    assert is_compound_acronym("MEPC 83")


def test_a_name_in_capitals_in_brackets_is_the_english():
    from glossary.mine import mine_documents
    from glossary.reader import Document

    got = {
        (r.zh, r.en, r.abbr)
        for r in mine_documents(
            [Document.from_text("a.txt", "本公司已加入IOWN全球論壇（IOWN GLOBAL FORUM）。")]
        )
    }
    assert got == {("IOWN全球論壇", "IOWN GLOBAL FORUM", "")}
