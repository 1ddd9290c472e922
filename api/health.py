"""``/health``: is the service up and its database reachable (always public, for load balancers)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask import jsonify

from api.db import get_store
from api.schemas import HealthSchema
from api.spec import Blueprint

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Service status")


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
@blp.doc(security=[{}])
def health() -> Any:
    """`ok` with the glossary's revision (and the database backend when reads are public);
    503 when the database cannot be reached."""
    store = get_store()
    body: dict[str, Any] = {"status": "ok", "revision": store.revision()}
    if current_app.config["PUBLIC_READS"]:  # a private deployment tells anonymous callers no more
        body["database"] = store.engine.url.get_backend_name()
    return jsonify(body)
