"""The miner's CC-CEDICT dictionary is parsed once per installation, then loaded from the
start-up cache (``mine`` starts in a fraction of the parse time); a damaged cache is parsed again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.mine import translations


@pytest.fixture
def fresh_dictionary() -> Iterator[None]:
    translations.dictionary.cache_clear()
    yield
    translations.dictionary.cache_clear()


def test_the_second_load_comes_from_the_cache(
    fresh_dictionary: None, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = translations.dictionary()
    assert {"economy", "economic"} <= first["经济"]
    [cached] = (isolated_home / "index").glob("cedict-*.pkl")

    def no_parse(path: Path) -> dict[str, str]:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(translations, "_parse", no_parse)
    translations.dictionary.cache_clear()
    again = translations.dictionary()
    assert len(again) == len(first) and again["經濟"] == first["經濟"]
    assert cached.exists()


def test_a_damaged_cache_is_parsed_again(fresh_dictionary: None, isolated_home: Path) -> None:
    translations.dictionary()
    [cached] = (isolated_home / "index").glob("cedict-*.pkl")
    cached.write_bytes(b"not a pickle")
    translations.dictionary.cache_clear()
    assert "economy" in translations.dictionary()["经济"]
    assert cached.read_bytes() != b"not a pickle"
