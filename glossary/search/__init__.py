"""All of search: analysis, building, the persisted index, the live index, and ``find``.

- ``analysis``: the keys a form is indexed and queried under (one set, build and query time)
- ``pasted``: the parts of a pasted query (pairs, plural acronyms);
  ``pinyin``: toneless pinyin keys; ``arrays``: packed arrays; ``rank``: scores by layer
- ``build``: writing the index file from concepts; ``persist``: the file (memory-mapped)
- ``index``: ``SearchIndex``: filters, ranking of the candidates, and the overlay that
  follows writes; its query paths, one module each: ``chinese_paths``, ``english_paths``
  (and pinyin), ``pasted_paths`` (pairs, forms inside a longer query), over the
  ``candidates`` one query gathers
- ``live``: ``LiveIndex``, the index kept at the database's revision
- ``find``: the entry points the CLI, the API and ``check`` call: ``find``, ``find_page``,
  ``find_page_json`` (the API's: results as JSON bytes), ``find_batch``, ``suggest``, with
  the one query validator ``check_query``

``MIN_SCORE`` is the documented cut-off.  The package never imports the miner, and loads
rapidfuzz, OpenCC and pypinyin only when a query path or a build needs them.
"""

import os

# The index uses numpy for packed arrays only, never BLAS: one OpenBLAS thread spares the
# start-up of its thread pool in every fresh process (``glossary find``'s cold start, each
# server worker).  ``setdefault``: a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from glossary.search.find import DEFAULT_LIMIT
from glossary.search.find import MAX_LIMIT
from glossary.search.find import MAX_QUERY
from glossary.search.find import check_filters
from glossary.search.find import check_query
from glossary.search.find import check_source
from glossary.search.find import find
from glossary.search.find import find_batch
from glossary.search.find import find_page
from glossary.search.find import find_page_json
from glossary.search.find import suggest
from glossary.search.index import Hit
from glossary.search.index import SearchIndex
from glossary.search.live import LiveIndex
from glossary.search.rank import HOWS
from glossary.search.rank import MIN_SCORE
from glossary.search.rank import QUALITIES

__all__ = [
    "DEFAULT_LIMIT",
    "HOWS",
    "MAX_LIMIT",
    "MAX_QUERY",
    "MIN_SCORE",
    "QUALITIES",
    "Hit",
    "LiveIndex",
    "SearchIndex",
    "check_filters",
    "check_query",
    "check_source",
    "find",
    "find_batch",
    "find_page",
    "find_page_json",
    "suggest",
]
