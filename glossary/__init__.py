"""glossary: a bilingual (Traditional Chinese <-> English) terminology service.

Table of contents (one module per step of the data's journey):

- ``records``: plain Concept/Term/Definition/Citation records
- ``models``: the SQLAlchemy data model; ``rows`` converts rows <-> records
- ``store``: opening the database; ``load``: filling it from the CSV; ``migrate``: schema
- ``terms_csv``: the data/terms.csv format; ``catalog``: read-only listings
- ``lookup``: answering queries; ``results``: the result objects of CONTRACTS.md
"""

from glossary.errors import GlossaryError
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term

__all__ = ["Citation", "Concept", "Definition", "GlossaryError", "Term"]
