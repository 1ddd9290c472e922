"""``/health``: is the service up and its database reachable (always public, for load balancers)."""

from __future__ import annotations

from typing import Any

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
    """`ok` with the glossary's revision; 503 when the database cannot be reached."""
    store = get_store()
    revision = store.revision()
    return jsonify({"status": "ok", "revision": revision, "database": store.engine.url.get_backend_name()})
