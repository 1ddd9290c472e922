"""``glossary scan`` measured: the shipped glossary's pairs on their report lines, and no
terms where there are none (ordinary English and Chinese prose, testdata/scan/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import settings
from glossary.scan import scanner
from glossary.service import Glossary
from glossary.store import Store
from glossary.terms_csv import read_concepts
from testdata.scan_eval import ORDINARY
from testdata.scan_eval import false_spans
from testdata.scan_eval import recognition


@pytest.fixture
def shipped_glossary(shipped: Store):  # type: ignore[no-untyped-def]
    opened = Glossary(store=shipped)
    yield opened
    opened.close()


def test_every_pair_of_the_glossary_is_recognised_on_its_line(
    shipped_glossary: Glossary, shared_dir: Path
) -> None:
    concepts = list(read_concepts(settings.shipped_terms_path()))
    measured = recognition(scanner(shipped_glossary), concepts, shared_dir / "reports")
    assert measured.cited > 400
    assert measured.rate >= 0.95, measured.missed
    assert measured.pair_rate >= 0.95


def test_ordinary_prose_gets_at_most_one_span_per_10000_characters(shipped_glossary: Glossary) -> None:
    assert len(ORDINARY) == 2
    found, chars = false_spans(scanner(shipped_glossary))
    assert chars >= 10_000
    assert len(found) <= chars / 10_000, [(t["text"], t["id"]) for t in found]
