"""The result object of ``glossary find --json`` and the API, as CONTRACTS.md fixes it.

One function turns a ``Concept`` plus how it matched into the JSON-ready dict; the
CLI, the API and ``glossary check`` all use it, so the shape is defined once.
``result_json`` writes the same object as compact JSON bytes straight from the summary
bytes the search index stores (the API's answers: no parsing, no dict per result); a
test holds it to ``result_from_summary``, key order and bytes included.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any

from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term


def concept_summary(concept: Concept) -> dict[str, Any]:
    """The parts of a result that do not depend on the query."""
    definition = None
    approved = concept.approved_definitions  # a proposed definition is never a result's
    if approved:
        first = approved[0]
        definition = {
            "text": first.text,
            "lang": first.lang,
            "citation": first.citation.to_dict() if first.citation else None,
        }
    return {
        "id": concept.id,
        "zh": concept.zh,
        "en": concept.en,
        "abbr": concept.abbr,
        "kind": concept.kind,
        "variants": [
            {"text": t.text, "lang": t.lang, "type": t.type, "status": t.status} for t in concept.variants
        ],
        "definition": definition,
        "citations": [c.to_dict() for c in concept.citations],
    }


def search_summary(concept: Concept) -> dict[str, Any]:
    """What the search index keeps of a concept for its results: ``concept_summary`` plus
    the concept's review status."""
    return {**concept_summary(concept), "review_status": concept.review_status}


def result_object(
    concept: Concept,
    *,
    score: float,
    matched_text: str,
    matched_lang: str,
    matched_type: str,
    how: str,
    notice: str | None = None,
    quality: str = "weak",
) -> dict[str, Any]:
    """A full result: the concept summary plus score, ``matched``, ``notice`` and ``quality``."""
    return result_from_summary(
        search_summary(concept),
        score=score,
        matched_text=matched_text,
        matched_lang=matched_lang,
        matched_type=matched_type,
        how=how,
        notice=notice,
        quality=quality,
    )


def result_from_summary(
    summary: dict[str, Any],
    *,
    score: float,
    matched_text: str,
    matched_lang: str,
    matched_type: str,
    how: str,
    notice: str | None = None,
    quality: str = "weak",
    review_status: str | None = None,
) -> dict[str, Any]:
    """``result_object`` from a stored ``search_summary`` (the search index keeps them).
    ``quality``: ``exact``, ``close`` or ``weak`` (``glossary.search.rank.quality``);
    ``review_status``: ``proposed`` when the match went through a proposed form (default:
    the concept's)."""
    return {
        "id": summary["id"],
        "zh": summary["zh"],
        "en": summary["en"],
        "abbr": summary["abbr"],
        "kind": summary["kind"],
        "score": round(float(score), 2),
        "matched": {"text": matched_text, "lang": matched_lang, "type": matched_type, "how": how},
        "notice": notice,
        "review_status": review_status or summary.get("review_status") or "approved",
        "quality": quality,
        "variants": summary["variants"],
        "definition": summary["definition"],
        "citations": summary["citations"],
    }


_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_HEAD = b'{"id":'
_VARIANTS = b',"variants":'
_REVIEW = b',"review_status":'


def result_json(
    payload: bytes,
    *,
    score: float,
    matched_text: str,
    matched_lang: str,
    matched_type: str,
    how: str,
    notice: str | None = None,
    quality: str = "weak",
    review_status: str | None = None,
) -> bytes:
    """``result_from_summary(json.loads(payload), ...)`` as compact JSON (``ensure_ascii``
    off, keys in its order), from ``payload``: a ``search_summary`` as the search index
    stores it (compact JSON, keys id, zh, en, abbr, kind, variants, definition, citations,
    review_status).  The summary's bytes are cut, not parsed: inside a JSON string every
    quote is escaped, so the first ``,"variants":`` and the last ``,"review_status":`` are
    the keys themselves.  Bytes of another layout are parsed and written in full."""
    start = payload.find(_VARIANTS) if payload.startswith(_HEAD) and payload.endswith(b"}") else -1
    end = payload.rfind(_REVIEW)
    rounded = round(float(score), 2)
    status = payload[end + len(_REVIEW) : -1]
    if status in (b"null", b'""', b"false"):  # result_from_summary's ``or "approved"``
        status = b'"approved"'
    is_word = status[:1] == b'"' and status[-1:] == b'"' and b'"' not in status[1:-1]
    if start < 0 or end < start or not is_word or not math.isfinite(rounded):
        summary = json.loads(payload)  # not the stored layout (or a score JSON writes as NaN)
        return _DUMPS(
            result_from_summary(
                summary,
                score=score,
                matched_text=matched_text,
                matched_lang=matched_lang,
                matched_type=matched_type,
                how=how,
                notice=notice,
                quality=quality,
                review_status=review_status,
            )
        ).encode("utf-8")
    if review_status:
        status = encode_basestring(review_status).encode("utf-8")
    said = "null" if notice is None else encode_basestring(notice)
    middle = (
        f',"score":{rounded!r},"matched":{{"text":{encode_basestring(matched_text)},'
        f'"lang":{encode_basestring(matched_lang)},"type":{encode_basestring(matched_type)},'
        f'"how":{encode_basestring(how)}}},"notice":{said},"review_status":'
    ).encode()
    quality_part = f',"quality":{encode_basestring(quality)}'.encode()
    return b"".join((payload[:start], middle, status, quality_part, payload[start:end], b"}"))


def concept_detail(concept: Concept) -> dict[str, Any]:
    """Everything about a concept (``glossary show --json``, ``GET /concepts/{id}``)."""
    summary = concept_summary(concept)
    return {
        **summary,
        "subject": concept.subject,
        "issuing_body": concept.issuing_body,
        "note": concept.note,
        "review_status": concept.review_status,
        "version": concept.version,
        "terms": [term_detail(t) for t in concept.terms],
        "definitions": [definition_detail(d) for d in concept.definitions],
    }


def term_detail(term: Term) -> dict[str, Any]:
    """One term in full: form, language, type, status and note, and the miner's evidence."""
    return {
        "text": term.text,
        "lang": term.lang,
        "type": term.type,
        "status": term.status,
        "note": term.note,
        "confidence": term.confidence,
        "letter_agreement": term.letter_agreement,
    }


def definition_detail(definition: Definition) -> dict[str, Any]:
    """One definition with its citation (``None`` when the source is not recorded)."""
    citation = definition.citation.to_dict() if definition.citation else None
    return {
        "text": definition.text,
        "lang": definition.lang,
        "citation": citation,
        "status": definition.status,
    }
