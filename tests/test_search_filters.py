"""Search filters: kind, citation documents (``docs``), language override, limit."""

from __future__ import annotations

import pytest

from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex


@pytest.fixture(scope="module")
def index():
    def c(cid, en, abbr, kind, doc):
        return Concept(
            id=cid,
            kind=kind,
            terms=[Term(en, "en"), Term(abbr, "en", type="acronym")],
            citations=[Citation(doc=doc, line=3)],
        )

    return SearchIndex.build(
        [
            c("ec1", "Economic Committee", "EC", "org", "003_report.txt"),
            c("ec2", "European Commission", "EC", "org", "000_report.txt"),
            c("ec3", "Electronic Commerce", "EC", "term", "000_report.txt"),
            Concept(id="hua", terms=[Term("華語文", "zh-Hant"), Term("Chinese language", "en")]),
        ]
    )


def ids(hits):
    return {h.concept_id for h in hits}


def test_kind_filter(index):
    assert ids(index.search("ec")) == {"ec1", "ec2", "ec3"}
    assert ids(index.search("ec", kind="term")) == {"ec3"}
    assert ids(index.search("ec", kind="law")) == set()


def test_docs_filter(index):
    assert ids(index.search("ec", docs={"000_report.txt"})) == {"ec2", "ec3"}
    assert ids(index.search("ec", docs={"003_report.txt", "missing.txt"})) == {"ec1"}
    assert index.search("ec", docs={"missing.txt"}) == []


def test_filters_combine(index):
    assert ids(index.search("ec", kind="org", docs={"000_report.txt"})) == {"ec2"}


def test_limit(index):
    assert len(index.search("ec", limit=2)) == 2
    assert len(index.search("ec", limit=1)) == 1


def test_lang_override(index):
    assert index.search("華語")[0].how == "prefix"
    assert index.search("華語", lang="zh-TW")[0].concept_id == "hua"
    # read as English, a Chinese fragment gets no Chinese prefix/part/edit matching
    assert index.search("華語", lang="en") == []
    assert index.search("chinese", lang="en")[0].concept_id == "hua"
