"""Writers for mined records: CSV (contract columns first, extra columns after) and JSON Lines.

CSV has no BOM unless ``excel=True`` (Excel needs one to read UTF-8); JSON is written
with ``ensure_ascii=False``, one compact object per line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from glossary.mine.mined import COLUMNS
from glossary.mine.mined import MinedRecord


def _row(record: MinedRecord) -> dict:
    d = record.to_dict()
    return {k: ("" if v is None else v) for k, v in d.items()}


def write_csv(records: Iterable[MinedRecord], out: TextIO, excel: bool = False) -> None:
    if excel:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for record in records:
        writer.writerow(_row(record))


def write_jsonl(records: Iterable[MinedRecord], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


def write_records(records: Iterable[MinedRecord], out: TextIO, fmt: str = "csv", excel: bool = False) -> None:
    if fmt == "csv":
        write_csv(records, out, excel=excel)
    elif fmt == "jsonl":
        write_jsonl(records, out)
    else:
        raise ValueError(f"unknown format {fmt!r} (csv or jsonl)")
