"""The one door for writes: every change to the glossary goes through this package.

- ``transaction``: ``transaction(store, who)`` / ``within(session, who)``, the unit of work:
  lock, validate, identity rule, write, change log, one revision bump, one transaction
- ``bulk``: its bulk mode for imports (batched identity checks, bulk inserts)
- ``fields``: incoming fields checked and made into records (the one set of field rules)
- ``merge``: the one merge of two records of the same concept
- ``sources``: the reports a write cites, created as needed
- ``history``: the change log and the revision counter (only this package writes them)
- ``edits``: the curator's edits (``glossary concept …``, the API); ``review``: ``glossary review``

Nothing outside this package writes concepts, the change log or the revision.
"""

from glossary.concepts.edits import add_term
from glossary.concepts.edits import create_concept
from glossary.concepts.edits import delete_concept
from glossary.concepts.edits import deprecate_term
from glossary.concepts.edits import edit_concept
from glossary.concepts.edits import edit_term
from glossary.concepts.edits import merge_concepts
from glossary.concepts.fields import InvalidField
from glossary.concepts.fields import build_concept
from glossary.concepts.transaction import Transaction
from glossary.concepts.transaction import transaction
from glossary.concepts.transaction import within

__all__ = [
    "InvalidField",
    "Transaction",
    "add_term",
    "build_concept",
    "create_concept",
    "delete_concept",
    "deprecate_term",
    "edit_concept",
    "edit_term",
    "merge_concepts",
    "transaction",
    "within",
]
