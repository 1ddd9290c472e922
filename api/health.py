"""``/health``: is the service up, its search index ready and its database reachable (always
public, for load balancers: "starting" with 503 until the index is built or loaded)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask import jsonify

from api.db import get_glossary
from api.errors import PROBLEM
from api.schemas import HealthSchema
from api.spec import Blueprint

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Service status")


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.doc(
    responses={
        "503": {
            "description": "`starting`: the search index is being built or loaded (retry after "
            "`Retry-After` seconds); a problem when the database cannot be reached",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Health"}},
                PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}},
            },
        }
    }
)
def health() -> Any:
    """`ok` with the glossary's revision (and the database backend when reads are public);
    503 with status `starting` while the search index is being built or loaded at start-up
    (a load balancer then holds traffic back), 503 when the database cannot be reached."""
    glossary = get_glossary()
    store = glossary.store
    ready = glossary.index.ready.is_set()
    body: dict[str, Any] = {"status": "ok" if ready else "starting", "revision": store.revision()}
    if current_app.config["PUBLIC_READS"]:  # a private deployment tells anonymous callers no more
        body["database"] = store.engine.url.get_backend_name()
    response = jsonify(body)
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = "5"
    return response
