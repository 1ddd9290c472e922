"""``glossary check``: a draft's acronyms and terms against the glossary and against itself.

Modules: ``acronym_tokens`` (the acronyms of a draft's text, the allow-list; what an
acronym is comes from ``glossary.forms``), ``defined_acronyms`` (where the draft defines
them, via the miner's pair finder), ``knowledge`` (the glossary's index), ``compare`` (when
two forms are the same), ``rules`` (the nine finding types), ``findings`` (the record and
the precedence), ``spans`` (lines and columns as written), ``checker`` (one document),
``printing`` (compiler-style lines, JSON Lines) and ``annotate`` (Word comments).
"""

from glossary.check.acronym_tokens import AllowList
from glossary.check.checker import Options
from glossary.check.checker import check_document
from glossary.check.checker import check_lines
from glossary.check.findings import TYPES
from glossary.check.findings import Finding
from glossary.check.knowledge import Knowledge

__all__ = ["TYPES", "AllowList", "Finding", "Knowledge", "Options", "check_document", "check_lines"]
