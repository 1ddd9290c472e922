"""``/concepts``: list and read concepts, and curate them (token required for writes).

Reads use ``glossary.catalog`` and ``glossary.results``; writes call ``glossary.concepts`` (the write door),
which validates, checks the identity rule (409), the If-Match version (412), and records
the change. Every response that carries one concept carries its ETag.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import current_app
from flask import g
from flask import jsonify
from flask import url_for

from api.auth import BEARER
from api.auth import READS
from api.auth import curator_only
from api.auth import is_contributor
from api.auth import read_access
from api.auth import write_access
from api.conditions import accepts
from api.conditions import expected_version
from api.conditions import not_modified
from api.conditions import with_etag
from api.db import get_store
from api.errors import bad_parameter
from api.pages import LINK_HEADER
from api.pages import with_page_links
from api.schemas import ConceptCreateBody
from api.schemas import ConceptDetailSchema
from api.schemas import ConceptEditBody
from api.schemas import ConceptListArgs
from api.schemas import ConceptPage
from api.schemas import DeprecateBody
from api.schemas import MergeBody
from api.schemas import TermBody
from api.schemas import TermEditBody
from api.spec import Blueprint
from glossary import catalog
from glossary import concepts as edits
from glossary.concepts import proposals
from glossary.concepts import review
from glossary.errors import NotFound
from glossary.records import Concept
from glossary.results import concept_detail
from glossary.results import concept_summary

blp = Blueprint("concepts", __name__, url_prefix="/api/v1", description="Concepts: read and curate")
READ = {"security": READS}
WRITE = {"security": [BEARER]}
JSON = "application/json"
ETAG_HEADER = {"ETag": {"description": "the concept's version, for If-Match", "schema": {"type": "string"}}}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": 'the ETag you read (e.g. "3"); the write fails with 412 if the concept changed since',
}
WRITE_ERRORS = (400, 401, 403, 404, 409, 412, 413, 415)


def _document_write_errors(view: Any) -> Any:
    for status in WRITE_ERRORS:
        view = blp.alt_response(status, response=HTTPStatus(status).name)(view)
    return view


def _concept_response(concept: Concept, status: int = 200) -> Any:
    response = jsonify(concept_detail(concept))
    response.status_code = status
    return with_etag(response, concept.version)


@blp.route("/concepts")
@read_access
@blp.arguments(ConceptListArgs(), location="query", as_kwargs=True)
@blp.response(200, ConceptPage, headers=LINK_HEADER)
@blp.doc(**READ)
def list_concepts(limit: int, offset: int, status: str | None = None, **filters: str | None) -> Any:
    """A page of concepts in id order, filtered by kind, source, review status or subject."""
    store = get_store()
    try:
        total, ids = catalog.concept_ids(store, review_status=status, limit=limit, offset=offset, **filters)
    except NotFound as exc:
        raise bad_parameter("source", str(exc)) from None
    concepts = store.get_concepts(ids)
    page = [concept_summary(concepts[i]) for i in ids if i in concepts]
    body = jsonify({"total": total, "limit": limit, "offset": offset, "concepts": page})
    return with_page_links(body, total, limit, offset)


@blp.route("/concepts/<concept_id>")
@read_access
@blp.response(200, ConceptDetailSchema, headers=ETAG_HEADER)
@blp.alt_response(304, response="NOT_MODIFIED")
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(**READ)
def get_concept(concept_id: str) -> Any:
    """One concept in full: every term, definition and citation; its ETag is its version."""
    concept = get_store().get_concept(concept_id)
    if not_modified(concept.version):
        return with_etag(_empty(304), concept.version)
    return _concept_response(concept)


@blp.route("/concepts", methods=["POST"])
@write_access
@accepts(JSON)
@blp.arguments(ConceptCreateBody())
@blp.response(201, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(**WRITE)
def create_concept(body: dict[str, Any]) -> Any:
    """Add a concept; 409 when it exists (same Chinese form, or same acronym and English form).
    A contributor's token adds it as `proposed`."""
    if is_contributor():
        concept = proposals.propose_concept(get_store(), body, who=g.who)
    else:
        concept = edits.create_concept(get_store(), body, who=g.who)
    response = _concept_response(concept, 201)
    response.headers["Location"] = url_for("concepts.get_concept", concept_id=concept.id)
    return response


@blp.route("/concepts/<concept_id>", methods=["PATCH"])
@write_access
@accepts(JSON)
@blp.arguments(ConceptEditBody())
@blp.response(200, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(parameters=[IF_MATCH], **WRITE)
def edit_concept(body: dict[str, Any], concept_id: str) -> Any:
    """Change fields of a concept; `terms` or `definitions`, when given, replace the whole list.
    A contributor's token proposes `zh`, `en`, `abbr` and `definitions` of an approved concept
    (attached as `proposed`; other fields: 403) and edits a proposed concept."""
    if is_contributor():
        concept = proposals.propose_changes(
            get_store(), concept_id, body, who=g.who, expected_version=expected_version()
        )
        return _concept_response(concept)
    concept = edits.edit_concept(
        get_store(), concept_id, body, who=g.who, expected_version=expected_version()
    )
    return _concept_response(concept)


@blp.route("/concepts/<concept_id>", methods=["DELETE"])
@write_access
@blp.response(204)
@_document_write_errors
@blp.doc(parameters=[IF_MATCH], **WRITE)
def delete_concept(concept_id: str) -> Any:
    """Delete a concept with its terms, definitions and citations (a curator's token)."""
    curator_only("deleting a concept")
    edits.delete_concept(get_store(), concept_id, who=g.who, expected_version=expected_version())
    return _empty(204)


@blp.route("/concepts/<concept_id>/terms", methods=["POST"])
@write_access
@accepts(JSON)
@blp.arguments(TermBody())
@blp.response(201, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(parameters=[IF_MATCH], **WRITE)
def add_term(body: dict[str, Any], concept_id: str) -> Any:
    """Add a term; a preferred one demotes the previous preferred form of its language (or acronym).
    A contributor's token adds it to an approved concept as `proposed`."""
    if is_contributor():
        concept = proposals.propose_term(
            get_store(), concept_id, body, who=g.who, expected_version=expected_version()
        )
        return _concept_response(concept, 201)
    concept = edits.add_term(get_store(), concept_id, body, who=g.who, expected_version=expected_version())
    return _concept_response(concept, 201)


@blp.route("/concepts/<concept_id>/terms/<int:index>", methods=["PATCH"])
@write_access
@accepts(JSON)
@blp.arguments(TermEditBody())
@blp.response(200, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(parameters=[IF_MATCH], **WRITE)
def edit_term(body: dict[str, Any], concept_id: str, index: int) -> Any:
    """Change the term at `index` (its position in `terms`, from 0; a curator's token)."""
    curator_only("editing a term")
    concept = edits.edit_term(
        get_store(), concept_id, index, body, who=g.who, expected_version=expected_version()
    )
    return _concept_response(concept)


@blp.route("/concepts/<concept_id>/terms/<int:index>/deprecate", methods=["POST"])
@write_access
@accepts(JSON)
@blp.arguments(DeprecateBody(), required=False)
@blp.response(200, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(parameters=[IF_MATCH], **WRITE)
def deprecate_term(body: dict[str, Any], concept_id: str, index: int) -> Any:
    """Mark the term at `index` deprecated, with a note saying what to use instead (a curator's token)."""
    curator_only("deprecating a term")
    concept = edits.deprecate_term(
        get_store(),
        concept_id,
        index,
        note=(body or {}).get("note"),
        who=g.who,
        expected_version=expected_version(),
    )
    return _concept_response(concept)


@blp.route("/concepts/<concept_id>/merge", methods=["POST"])
@write_access
@accepts(JSON)
@blp.arguments(MergeBody())
@blp.response(200, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(parameters=[IF_MATCH], **WRITE)
def merge(body: dict[str, Any], concept_id: str) -> Any:
    """Merge concept `other` into this one (terms, definitions, citations move; `other` is deleted;
    a curator's token)."""
    curator_only("merging concepts")
    concept = edits.merge_concepts(
        get_store(),
        concept_id,
        body["other"],
        who=g.who,
        expected_version=expected_version(),
        other_version=body.get("other_version"),
    )
    return _concept_response(concept)


@blp.route("/concepts/<concept_id>/approve", methods=["POST"])
@write_access
@blp.response(200, ConceptDetailSchema, headers=ETAG_HEADER)
@_document_write_errors
@blp.doc(**WRITE)
def approve(concept_id: str) -> Any:
    """Approve a proposed concept, or an approved concept's proposed forms and definitions
    (a curator's token; as `glossary review approve`)."""
    curator_only("approving")
    return _concept_response(review.approve(get_store(), [concept_id], who=g.who)[0])


@blp.route("/concepts/<concept_id>/reject", methods=["POST"])
@write_access
@blp.response(204)
@_document_write_errors
@blp.doc(**WRITE)
def reject(concept_id: str) -> Any:
    """Reject a proposed concept (deleted), or an approved concept's proposed forms and
    definitions (removed); a curator's token, as `glossary review reject`."""
    curator_only("rejecting")
    review.reject(get_store(), [concept_id], who=g.who)
    return _empty(204)


def _empty(status: int) -> Any:
    return current_app.response_class(status=status)
