"""The WSGI server ``glossary serve`` runs (waitress), with the settings the app relies on.

``channel_request_lookahead`` lets waitress read ahead on a connection while a request runs,
so that it notices a client that has hung up and offers ``waitress.client_disconnected`` in
the request's environ: a heavy job (``api.heavy``) then stops instead of burning CPU for
nobody.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

LOOKAHEAD = 5  # requests waitress may read ahead per connection (0 would hide disconnects)


def create_server(app: Flask, host: str, port: int, threads: int) -> Any:
    """A bound waitress server for ``app`` (``run()`` serves, ``close()`` stops)."""
    from waitress import create_server as waitress_server

    return waitress_server(
        app, host=host, port=port, threads=threads, ident="glossary", channel_request_lookahead=LOOKAHEAD
    )
