"""``/sources``: the reports the glossary cites, and the concepts each one states."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from api.auth import READS
from api.auth import read_access
from api.db import get_store
from api.schemas import SourceDetail
from api.schemas import SourceList
from api.spec import Blueprint
from glossary import catalog
from glossary.results import concept_summary

blp = Blueprint("sources", __name__, url_prefix="/api/v1", description="The reports the glossary cites")
READ = {"security": READS}


@blp.route("/sources")
@read_access
@blp.response(200, SourceList)
@blp.doc(**READ)
def list_sources() -> Any:
    """Every report, with how many concepts it states."""
    return jsonify({"sources": catalog.sources(get_store())})


@blp.route("/sources/<source_id>")
@read_access
@blp.response(200, SourceDetail)
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(**READ)
def get_source(source_id: str) -> Any:
    """One report (by source id or file name) and the concepts it states."""
    store = get_store()
    source, ids = catalog.source(store, source_id)
    concepts = store.get_concepts(ids)
    return jsonify(
        {"source": source, "concepts": [concept_summary(concepts[i]) for i in ids if i in concepts]}
    )
