"""Kinds from generic suffix and head-noun cues."""

from __future__ import annotations

from glossary.mine.kinds import classify


def test_org_suffixes_and_heads():
    assert classify("國際能源總署", "International Energy Agency", "IEA") == "org"
    assert classify("亞太數位委員會", "", "ADC") == "org"


def test_program_cues():
    assert classify("淨零轉型倡議", "Net Zero Transition Initiative", "") == "program"
    assert classify("資料治理工作坊", "", "") == "program"


def test_law_cues():
    assert classify("數位服務法", "Digital Services Act", "DSA") == "law"
    assert classify("兒童權利公約", "", "CRC") == "law"


def test_person_needs_a_surname_and_a_romanised_name():
    assert classify("王大明", "Da-Ming Wang", "") == "person"
    assert classify("合成資料", "Synthetic Data", "") != "person"


def test_job_titles_are_other():
    assert classify("資深顧問", "Senior Advisor", "") == "other"


def test_plain_terms_default_to_term():
    assert classify("邊緣運算", "Edge Computing", "") == "term"
