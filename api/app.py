"""The app factory: configuration, the store, error handlers, blueprints, CORS. Nothing is built at import.

Configuration comes from the declared settings (``glossary.settings``) and, for tests,
from ``test_config``: ``DATABASE_URL``, ``PUBLIC_READS``, ``MAX_UPLOAD_MB``,
``CORS_ORIGINS``, ``SEARCH_CACHE``, ``REVISION_CHECK_MS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from api import cache
from api import check
from api import concepts
from api import db
from api import docs
from api import errors
from api import export
from api import guards
from api import headers
from api import health
from api import heavy
from api import imports
from api import scan
from api import search
from api import sources
from api.spec import Api
from glossary import settings
from glossary.errors import ConfigError


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        DATABASE_URL=None,  # None: GLOSSARY_DATABASE_URL, else the SQLite file in GLOSSARY_HOME
        PUBLIC_READS=settings.get("GLOSSARY_PUBLIC_READS") != "0",
        MAX_UPLOAD_MB=settings.get("GLOSSARY_MAX_UPLOAD_MB"),
        CORS_ORIGINS=settings.get("GLOSSARY_CORS_ORIGINS") or "",
        SEARCH_CACHE=settings.get("GLOSSARY_SEARCH_CACHE"),
        REVISION_CHECK_MS=settings.get("GLOSSARY_REVISION_CHECK_MS"),
        MAX_CHECK_CHARS=settings.get("GLOSSARY_MAX_CHECK_CHARS"),
        MAX_CHECK_LINES=settings.get("GLOSSARY_MAX_CHECK_LINES"),
        HEAVY_SECONDS=settings.get("GLOSSARY_HEAVY_SECONDS"),
        HEAVY_WORKERS=settings.get("GLOSSARY_HEAVY_WORKERS"),
        API_TITLE="glossary",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {
                "description": "Bilingual (Traditional Chinese <-> English) glossary of official terms. "
                "Errors are application/problem+json (RFC 9457). Writes need `Authorization: Bearer <token>` "
                "(`glossary token create NAME`). Interactive: Authorize, then Try it out."
            },
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        },
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.config["MAX_CONTENT_LENGTH"] = _upload_limit(app.config["MAX_UPLOAD_MB"])
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    errors.init_app(app)
    headers.init_app(app)
    guards.init_app(app)
    heavy.init_app(app)
    db.init_app(app, _count(app.config["REVISION_CHECK_MS"], "GLOSSARY_REVISION_CHECK_MS") / 1000)
    cache.init_app(app, _count(app.config["SEARCH_CACHE"], "GLOSSARY_SEARCH_CACHE"))
    api = Api(app)
    for module in (search, concepts, sources, check, scan, export, imports, health):
        api.register_blueprint(module.blp)
    app.register_blueprint(docs.blp)
    app.register_blueprint(docs.web)
    _cors(app, app.config["CORS_ORIGINS"])
    return app


def _count(value: Any, name: str) -> int:
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise ConfigError(f"{name} must be a whole number (0 or more), got {value!r}")
    return count


def _upload_limit(value: Any) -> int:
    try:
        megabytes = float(value)
    except (TypeError, ValueError):
        megabytes = -1
    if megabytes <= 0:
        raise ConfigError(f"GLOSSARY_MAX_UPLOAD_MB must be a positive number of megabytes, got {value!r}")
    return int(megabytes * 1024 * 1024)


def _cors(app: Flask, origins: str | list[str]) -> None:
    """Let browser-based CAT-tool plug-ins from the configured origins call the API."""
    if isinstance(origins, str):
        origins = [o.strip() for o in origins.split(",") if o.strip()]
    if not origins:
        return
    from flask_cors import CORS  # lazy: only when GLOSSARY_CORS_ORIGINS is set

    anyone = "*" in origins
    CORS(
        app,
        resources={r"/api/v1/*": {"origins": "*" if anyone else origins}},
        send_wildcard=anyone,
        allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match"],
        expose_headers=["ETag", "Location", "Link"],
        methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        max_age=600,
    )
