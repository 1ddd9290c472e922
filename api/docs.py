"""``/api/docs``: Swagger UI for the OpenAPI document, its assets served from the ``swagger_ui_bundle``
package (users' networks may not reach a CDN), and ``/``: the web page for translators."""

from __future__ import annotations

from typing import Any

import swagger_ui_bundle
from flask import Blueprint
from flask import render_template
from flask import send_from_directory

blp = Blueprint("docs", __name__)
web = Blueprint("web", __name__)


@blp.route("/api/docs")
@blp.route("/api/docs/")
def swagger_ui() -> Any:
    return render_template("docs.html")


@blp.route("/api/docs/assets/<path:filename>")
def asset(filename: str) -> Any:
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)


@web.route("/")
def index() -> Any:
    return render_template("index.html")
