"""Citation quotes: the clause around a term, at most ~120 characters, never cut mid-word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glossary.quotes import QUOTE_MAX
from glossary.quotes import quote_around


def _quote(text: str, term: str) -> str:
    at = text.index(term)
    return quote_around(text, at, at + len(term))


def test_a_short_sentence_is_quoted_whole() -> None:
    text = "第一句話。本部推動數位韌性（Digital Resilience）相關工作。第三句。"
    expected = "本部推動數位韌性（Digital Resilience）相關工作。"
    assert _quote(text, "數位韌性（Digital Resilience）") == expected


def test_a_long_sentence_is_shortened_at_clause_boundaries() -> None:
    before = "，".join(f"甲乙丙丁戊己庚辛壬癸第{i}段" for i in range(8))
    after = "，".join(f"子丑寅卯辰巳午未申酉第{i}段" for i in range(8))
    text = f"{before}，會中介紹隱私強化技術（Privacy Enhancing Technologies，PETs）之實踐，{after}。"
    quote = _quote(text, "隱私強化技術（Privacy Enhancing Technologies，PETs）")
    assert len(quote) <= QUOTE_MAX
    assert "隱私強化技術（Privacy Enhancing Technologies，PETs）" in quote
    assert quote.startswith("甲") or quote.startswith("會中")  # a clause start, not mid-clause
    assert not quote.startswith("，") and not quote.endswith("，")
    assert quote in text


def test_an_over_long_clause_is_cut_with_an_ellipsis_but_never_inside_an_english_word() -> None:
    words = " ".join(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"] * 6)
    text = f"{words} Digital Economy Steering Group (DESG) {words}"
    quote = _quote(text, "Digital Economy Steering Group (DESG)")
    assert len(quote) <= QUOTE_MAX
    assert "Digital Economy Steering Group (DESG)" in quote
    assert quote.startswith("…") and quote.endswith("…")
    inner = quote.strip("…").strip()
    known = {*words.split(), "Digital", "Economy", "Steering", "Group", "(DESG)"}
    assert all(word in known for word in inner.split())


@given(st.text(max_size=400), st.data())
def test_quotes_are_bounded_and_contain_the_span_when_it_fits(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 60)))
    quote = quote_around(text, start, end)
    assert len(quote) <= QUOTE_MAX
    span = text[start:end].strip(" \t，、：,:；;")
    if span and "\n" not in span and not set(span) & set("。！？；!?;"):
        assert span in quote.replace("…", "") or len(span) > QUOTE_MAX - 2
