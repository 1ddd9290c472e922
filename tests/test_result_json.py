"""``results.result_json``: the API's result bytes, cut from the stored summary's bytes, are
exactly the compact JSON of ``result_from_summary`` (keys in order, UTF-8 unescaped)."""

from __future__ import annotations

import json

import pytest

from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.results import result_from_summary
from glossary.results import result_json
from glossary.search.live import concept_payload
from glossary.settings import shipped_terms_path
from glossary.terms_csv import read_concepts


def compact(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


HOW = {
    "score": 87.456,
    "matched_text": 'the "form"',
    "matched_lang": "en",
    "matched_type": "fullForm",
    "how": "fuzzy",
    "notice": 'ITE is a deprecated form of ITF ("quoted", \\ and 中文)',
    "quality": "close",
}


def expected(payload: bytes, **how: object) -> bytes:
    return compact(result_from_summary(json.loads(payload), **how))  # type: ignore[arg-type]


def test_every_shipped_concept_gives_the_bytes_of_result_from_summary() -> None:
    concepts = list(read_concepts(shipped_terms_path()))
    assert len(concepts) > 100
    for concept in concepts:
        payload = concept_payload(concept)
        exact = {**HOW, "notice": None, "score": 100.0, "quality": "exact", "review_status": "proposed"}
        for how in (HOW, exact):
            assert result_json(payload, **how) == expected(payload, **how), concept.id  # type: ignore[arg-type]


def tricky() -> Concept:
    """Forms whose text holds the very keys the bytes are cut at."""
    return Concept(
        id="tricky",
        kind="org",
        review_status="proposed",
        terms=[
            Term(text='A,"variants":[x]', lang="en", type="fullForm", status="preferred"),
            Term(text='數位,"review_status":"x"}', lang="zh-Hant", type="fullForm", status="preferred"),
            Term(text='B,"variants":', lang="en", type="variant", status="admitted"),
        ],
        definitions=[Definition(text='"review_status":', lang="en", citation=Citation(doc="d.txt", line=3))],
        citations=[Citation(doc="a.txt", line=1, section='x,"review_status":"y"', quote='",\\"')],
    )


@pytest.mark.parametrize("review_status", [None, "proposed"])
def test_keys_inside_the_texts_do_not_mislead_the_cut(review_status: str | None) -> None:
    payload = concept_payload(tricky())
    summary = json.loads(payload)
    assert ',"variants":' in summary["en"] and ',"review_status":' in summary["zh"]
    got = result_json(payload, review_status=review_status, **HOW)  # type: ignore[arg-type]
    assert got == expected(payload, review_status=review_status, **HOW)
    assert json.loads(got)["review_status"] == "proposed"


def test_a_summary_without_review_status_is_approved_and_another_layout_is_parsed() -> None:
    summary = json.loads(concept_payload(tricky()))
    summary["review_status"] = None
    payload = compact(summary)
    assert json.loads(result_json(payload, **HOW))["review_status"] == "approved"  # type: ignore[arg-type]
    assert result_json(payload, **HOW) == expected(payload, **HOW)  # type: ignore[arg-type]
    reordered = compact({"kind": summary.pop("kind"), **summary})  # not the stored layout: parsed
    assert result_json(reordered, **HOW) == expected(reordered, **HOW)  # type: ignore[arg-type]


def test_the_api_body_is_what_jsonify_writes(client, app) -> None:  # type: ignore[no-untyped-def]
    from glossary import search
    from tests.api_helpers import glossary_of

    for query in ("DESG", "digital economy", "數位經濟", "数字经济", "PETs", "nothing like this"):
        raw = client.get("/api/v1/search", query_string={"q": query, "limit": 100}).get_data()
        total, results = search.find_page(glossary_of(app), query, limit=100)
        assert raw == compact({"query": query, "total": total, "results": results}) + b"\n", query



def test_a_summary_whose_last_key_is_not_review_status_is_parsed() -> None:
    summary = json.loads(concept_payload(tricky()))
    payload = compact({**summary, "extra": "x"})  # review_status no longer the last key
    assert result_json(payload, **HOW) == expected(payload, **HOW)  # type: ignore[arg-type]
