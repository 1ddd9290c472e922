"""From mined records to the glossary: proposals, curation files, the shipped build.

Mined records (one per occurrence) -> proposed concepts -> corrected by the curation
files -> ``data/terms.csv``; or -> proposals in the database (``mine --into-db``).

- ``grouping``: records -> proposed concepts, by the identity rule
- ``lines``: does a report line state a form; its section; a quote from it
- ``curation_files``: reading and validating ``data/curation/*.toml``
- ``corrections``: applying their entries (reject, correct, add, concept, variant)
- ``build``: the reproducible build of ``data/terms.csv`` (``glossary build-glossary``)
- ``into_db``: ``glossary mine --into-db``, through the write door

Approving proposals is ``glossary.concepts.review``.
"""

from glossary.harvest.grouping import records_to_concepts
from glossary.harvest.into_db import MergeReport
from glossary.harvest.into_db import merge_into_db

__all__ = ["MergeReport", "merge_into_db", "records_to_concepts"]
