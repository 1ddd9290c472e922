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


def run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    """Serve with gunicorn (POSIX): ``workers`` processes of ``threads`` threads each
    (gthread), each worker calling the app factory after the fork (no preload, so every
    worker opens its own database connections and maps the shared index file).  No
    access log.  Returns when gunicorn stops (Ctrl-C, SIGTERM)."""
    from gunicorn.app.base import BaseApplication  # lazy: POSIX only, the deploy extra

    from api.app import create_app

    class Server(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "accesslog": None,
                "loglevel": "warning",
                "graceful_timeout": 10,
                "timeout": 120,
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return create_app()

    Server().run()
