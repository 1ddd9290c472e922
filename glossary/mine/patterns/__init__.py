"""Candidate pair extraction: every way a text states a bilingual pair, one module per family.

* :mod:`.brackets` — 中文（English, ABBR）, 中文（ABBR）, ABBR（中文）, English (ABBR) and kin;
* :mod:`.dashes` — "Long Name - ABBR" in English text;
* :mod:`.side_by_side` — a Chinese and an English title on one line;
* :mod:`.columns` — tab- or wide-space-separated Chinese / English (/ ABBR) columns, and a
  Chinese heading with its English on the next line;
* :mod:`.sentences` — 英文名稱為… / 英文簡稱… / 其英文全稱為… / 以下簡稱… sentences;
* :mod:`.blocks` — a block of English lines, then a block of Chinese lines of the same count;
* :mod:`.logos` — an acronym alone on a line above the name it abbreviates.

Each is a pure function over a cleaned document (:class:`~glossary.mine.text.Flat`).
"""

from glossary.mine.candidate_pair import Candidate
from glossary.mine.candidate_pair import Count
from glossary.mine.english import strip_en_title
from glossary.mine.english import trim_english
from glossary.mine.patterns.blocks import card_candidates
from glossary.mine.patterns.brackets import Inner
from glossary.mine.patterns.brackets import bracket_candidates
from glossary.mine.patterns.brackets import parse_inner
from glossary.mine.patterns.columns import split_heading_candidates
from glossary.mine.patterns.columns import table_candidates
from glossary.mine.patterns.dashes import dash_candidates
from glossary.mine.patterns.logos import logo_candidates
from glossary.mine.patterns.sentences import sentence_candidates
from glossary.mine.patterns.side_by_side import side_by_side_candidates

__all__ = [
    "Candidate",
    "Count",
    "Inner",
    "bracket_candidates",
    "card_candidates",
    "dash_candidates",
    "logo_candidates",
    "parse_inner",
    "sentence_candidates",
    "side_by_side_candidates",
    "split_heading_candidates",
    "table_candidates",
    "strip_en_title",
    "trim_english",
]
