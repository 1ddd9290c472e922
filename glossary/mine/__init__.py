"""Mining bilingual term pairs, acronyms and definitions from reports (``glossary mine``).

Modules: ``text`` (markup clean-up), ``patterns`` (candidate pairs), ``boundary``
(Chinese left boundary), ``acronyms`` (Schwartz–Hearst letter agreement), ``kinds``,
``sections``, ``footnotes``, ``pagebreak`` (pairs and footnotes cut by page furniture),
``apposition`` (bare acronyms beside a Chinese name), ``definitions``, ``records``, ``output``, and ``miner``
which ties them together.
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
