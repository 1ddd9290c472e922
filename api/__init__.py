"""The HTTP side of the glossary: a JSON API under /api/v1 and the web page at /.

- ``app``: ``create_app`` (the factory); ``db``: the store per app; ``spec``: flask-smorest
  with problem+json and status 400; ``errors``: the one error class and its handlers
- ``auth`` (bearer tokens), ``conditions`` (ETag / If-Match, media types), ``schemas``,
  ``cache`` (search answers per revision)
- one blueprint per resource: ``search``, ``concepts``, ``sources``, ``check``, ``export``,
  ``health``; ``docs`` serves /api/docs (Swagger UI, local assets) and the page at /
"""

from api.app import create_app

__all__ = ["create_app"]
