"""The lookup engine: an index of every form of every concept, queried in layers.

``SearchIndex.build(concepts)`` indexes ``Concept`` objects; ``index.save(path)`` and
``SearchIndex.load(path)`` persist it (memory-mapped); ``index.search(query, ...)`` returns
``Hit`` objects, ``index.suggest(prefix)`` autocompletes, and ``find(...)`` turns hits into
the result objects of CONTRACTS.md.  ``MIN_SCORE`` is the documented cut-off.

Modules: ``keys`` (what a form is indexed under), ``tables`` (packed arrays), ``build``,
``persist``, ``rank`` (scores by layer), ``index`` (query paths), ``pinyin``, ``find``.
"""

from glossary.search.find import find
from glossary.search.index import Hit
from glossary.search.index import SearchIndex
from glossary.search.rank import MIN_SCORE

__all__ = ["MIN_SCORE", "Hit", "SearchIndex", "find"]
