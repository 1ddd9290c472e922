"""``clean_line``'s fast path: a line without any markup character comes back as it is, exactly
as the full rules would return it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from glossary.mine.text import SUPERSCRIPTS
from glossary.mine.text import clean_line
from glossary.mine.text import clean_markup

PIECES = list("ab 中文（）()<>&*_#\\/;:1 \t\r") + list(SUPERSCRIPTS[:3]) + ["<sup>", "</sup>", "**", "&amp;"]
LINE = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(LINE)
def test_the_fast_path_agrees_with_the_full_rules(line: str) -> None:
    assert clean_line(line) == clean_markup(line.rstrip("\r"))


def test_markup_still_goes_through_the_rules() -> None:
    cleaned = clean_line("## 標題 **粗體**³ &amp; <b>x</b>")
    assert cleaned.heading_level == 2
    assert [number for _, number in cleaned.marks] == ["3"]
    assert "&amp;" not in cleaned.text and "<b>" not in cleaned.text
