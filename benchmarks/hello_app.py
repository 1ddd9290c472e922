"""The ceiling for ``bench_api.py --hello``: a bare Flask app on the same WSGI server.

``GET /hello`` answers a constant small JSON body; ``/api/v1/health`` says ``ok`` so the
benchmark's start-up wait works unchanged. Nothing of the glossary is imported.
"""

from __future__ import annotations

from flask import Flask
from flask import Response

app = Flask(__name__)
BODY = b'{"hello":"world"}'


@app.get("/hello")
def hello() -> Response:
    return Response(BODY, mimetype="application/json")


@app.get("/api/v1/health")
def health() -> Response:
    return Response(b'{"status":"ok"}', mimetype="application/json")
