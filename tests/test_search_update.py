"""Search index following writes (``update``) without a rebuild."""

from __future__ import annotations

from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex


def c(cid, en, abbr):
    return Concept(id=cid, terms=[Term(en, "en"), Term(abbr, "en", type="acronym")])


def test_update_adds_edits_and_deletes():
    index = SearchIndex.build(
        [c("a", "Key Focus Area", "KFA"), c("b", "Digital Economy Steering Group", "DESG")]
    )
    index.update(upserts=[c("n", "Data Privacy Subgroup", "DPS")])
    assert index.search("dps")[0].concept_id == "n"
    index.update(upserts=[c("a", "Key Focus Areas", "KFAS")])  # edit: the old forms are gone
    assert [h.concept_id for h in index.search("kfas")] == ["a"]
    assert all(h.matched_text != "KFA" for h in index.search("kfa"))
    index.update(deletes=["b"])
    assert index.search("desg") == []
    assert index.search("Digital Economy Steering Group") == []
    assert index.search("dps")[0].concept_id == "n"
    assert {h.concept_id for h in index.suggest("k")} == {"a"}
