"""glossary: a bilingual (Traditional Chinese <-> English) terminology service.

Table of contents (ARCHITECTURE.md draws the same map, with what may import what):

- records and rules: ``records`` (plain Concept/Term/Definition/Citation), ``forms`` (the
  rules about forms: identity key, role, what an acronym is, place prefixes), ``normalize``
  (query and display normalisers), ``languages``, ``ids``, ``errors``, ``settings``
- storage: ``models`` (the SQLAlchemy model), ``rows`` (rows <-> records), ``store``
  (opening a database, reading), ``migrate`` and ``migrations`` (alembic), ``load`` (first
  fill and ``db sync`` from ``data/terms.csv``), ``terms_csv`` (that file's format)
- ``concepts``: the one door for writes (unit of work, bulk mode, merge, change log)
- ``search``: the engine, its persisted index, the live index, ``find``
- ``service``: ``open_glossary`` — a store and its live index, what the faces hold
- ``mine``: term pairs from reports; ``harvest``: mined records -> proposals -> curation
  files -> ``data/terms.csv`` or the database
- ``check``: validating a draft's acronyms against the glossary; ``scan``: the glossary's
  terms in a text
- ``exchange``: TBX, CSV, XLSX and JSON import/export
- small helpers: ``atomic`` (atomic file writes), ``reader`` (.txt/.md/.docx input),
  ``catalog`` (read-only listings), ``results`` (CONTRACTS' result objects), ``tokens``
  (API tokens), ``batch``, ``location``, ``quotes``, ``validate``, ``progress``, ``cells``
  (spreadsheet formula injection), ``budget`` (what one long job may spend),
  ``startup_cache`` (what one-shot commands derive, kept between processes)

The faces live outside this package: ``api/`` (Flask), ``cli.py`` and ``console/``.
"""

from glossary.errors import GlossaryError
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term

__all__ = ["Citation", "Concept", "Definition", "GlossaryError", "Term"]
