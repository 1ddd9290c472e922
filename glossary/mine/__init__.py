"""Mining bilingual term pairs, acronyms and definitions from reports (``glossary mine``).

The pipeline, in order:

1. ``text`` cleans every line (markup, footnote markers) into one :class:`~.text.Flat` text
   per document; ``miner`` counts strings over the whole document set (``Corpus``).
2. ``pairs`` (the pair finder, also ``find_pairs`` for one text) runs the pattern families of
   ``patterns`` — brackets, dashes, side by side, tables and split headings, sentences
   (英文名稱為…), cards, logos — each yielding ``candidates.Candidate`` pairs; ``english`` holds
   the English span rules, ``acronyms`` the letter agreement (Schwartz–Hearst).
3. For a Chinese run before a bracket or a name phrase, ``boundary`` chooses where the term
   starts: stop words bound it, then the boundary model scores every start with named
   features — translation coverage of the English (``translations``, CC-CEDICT), untranslated
   leading words, length against the English or acronym, accessor variety in the document —
   over the words ``segment`` gives (rjieba on t2s-folded text), and keeps one confidence.
   Place, parent-ministry and legal-form prefixes the English lacks are trimmed.
4. ``pagebreak`` rejoins pairs cut by page furniture; evidence from other occurrences widens
   a cut (``miner``) and finds bare acronyms beside a known name (``apposition``).
5. Each candidate becomes a ``records.MinedRecord`` with its ``kinds`` kind, ``sections``
   path, footnote or sentence definition (``footnotes``, ``definitions``) and quote;
   ``output`` writes CSV or JSON Lines.
"""

from glossary.mine.miner import mine_documents
from glossary.mine.miner import mine_paths
from glossary.mine.output import write_csv
from glossary.mine.output import write_jsonl
from glossary.mine.output import write_records
from glossary.mine.pairs import find_pairs
from glossary.mine.records import COLUMNS
from glossary.mine.records import CONTRACT_COLUMNS
from glossary.mine.records import MinedRecord

__all__ = [
    "COLUMNS",
    "CONTRACT_COLUMNS",
    "MinedRecord",
    "find_pairs",
    "mine_documents",
    "mine_paths",
    "write_csv",
    "write_jsonl",
    "write_records",
]
