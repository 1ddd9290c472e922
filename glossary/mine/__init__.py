"""Mining bilingual term pairs, acronyms and definitions from reports (``glossary mine``).

The pipeline, in order:

1. ``text`` cleans every line (markup, footnote markers) into one :class:`~.text.Flat` text
   per document; ``miner`` counts strings over the whole document set (``Corpus``).
2. ``pairs`` (the pair finder, also ``find_pairs`` for one text) runs the pattern families of
   ``patterns`` — brackets, dashes, side by side, tables and split headings, sentences
   (英文名稱為…), a standard's code before its Chinese title (ISO/IEC 42001（…）, IFRS S1「…」),
   cards, logos — each yielding ``candidate_pair.Candidate`` pairs; ``english`` holds
   the English span rules, ``acronyms`` the letter agreement (Schwartz–Hearst).
3. For a Chinese run before a bracket or a name phrase, ``boundary`` chooses where the term
   starts: stop words bound it, then the boundary model scores every start with named
   features — translation coverage of the English (``translations``, CC-CEDICT: by word,
   by the English root without its derivational ending, or by a content word's characters),
   untranslated leading words, length against the English or acronym, accessor variety in the document —
   over the words ``segment`` gives (rjieba on t2s-folded text), and keeps one confidence.
   Place, parent-body (a ministry, a Yuan) and legal-form prefixes the English lacks are
   trimmed.
4. ``pagebreak`` rejoins pairs cut by page furniture; ``miner`` drops a pair without Chinese
   that a full pair over the same text holds and reads English that the document gives as a
   name's short form as that short form; evidence from other occurrences widens a cut
   (``miner``) and finds bare acronyms beside a known name (``apposition``).
5. Each candidate becomes a ``records.MinedRecord`` with its ``kinds`` kind, ``sections``
   path, footnote or sentence definition (``footnotes``, ``definitions``) and quote;
   ``output`` writes CSV or JSON Lines.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:  # the same names, typed, for mypy and editors
    from glossary.mine.mined import COLUMNS as COLUMNS
    from glossary.mine.mined import CONTRACT_COLUMNS as CONTRACT_COLUMNS
    from glossary.mine.mined import MinedRecord as MinedRecord
    from glossary.mine.miner import mine_documents as mine_documents
    from glossary.mine.miner import mine_paths as mine_paths
    from glossary.mine.output import write_csv as write_csv
    from glossary.mine.output import write_jsonl as write_jsonl
    from glossary.mine.output import write_records as write_records
    from glossary.mine.pairs import find_pairs as find_pairs

# The package's face, loaded on first use (PEP 562): ``glossary check`` imports a few light
# modules of the miner (acronyms, text, pairs) and must not pay for the whole pipeline.
_HOMES = {
    "mine_documents": "glossary.mine.miner",
    "mine_paths": "glossary.mine.miner",
    "write_csv": "glossary.mine.output",
    "write_jsonl": "glossary.mine.output",
    "write_records": "glossary.mine.output",
    "find_pairs": "glossary.mine.pairs",
    "COLUMNS": "glossary.mine.mined",
    "CONTRACT_COLUMNS": "glossary.mine.mined",
    "MinedRecord": "glossary.mine.mined",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'glossary.mine' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
