"""The curated glossary: mined records -> proposed concepts -> curation files -> data/terms.csv.

Modules: ``lines`` (does a report line state a form), ``harvest`` (records -> proposed
concepts by the identity rule), ``files`` (reading and validating data/curation/*.toml),
``apply`` (applying their entries), ``build`` (the reproducible glossary build),
``intodb`` (``glossary mine --into-db``) and ``review`` (``glossary review``).
"""

from glossary.curation.harvest import records_to_concepts
from glossary.curation.intodb import MergeReport
from glossary.curation.intodb import merge_into_db

__all__ = ["MergeReport", "merge_into_db", "records_to_concepts"]
