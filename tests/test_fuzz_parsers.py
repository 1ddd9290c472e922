"""The parsers we own, fuzzed with hypothesis (Reliability II): whatever bytes come in, a
reader yields records or raises ``BadInput`` naming the file — never another exception.

About 30 s in all on this machine (the budget is 90 s): 400 inputs for each of the CSV, TBX,
JSON and plain-text readers, 150 workbooks (read as .xlsx and as .docx), mutations of a valid
file and raw bytes; 1,000 texts for the query parser.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from glossary.errors import BadInput
from glossary.exchange.csv_format import read_csv
from glossary.exchange.json_dump import read_dump
from glossary.exchange.tbx import read_tbx
from glossary.exchange.xlsx import read_xlsx
from glossary.reader import read_document
from glossary.search.find import check_query
from glossary.terms_csv import COLUMNS

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CSV = (",".join(COLUMNS) + "\n" + "a,term,甲,Alpha,,AL,,,,approved,[],[],[]\n").encode()
TBX = (
    b'<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="en" '
    b'xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="a"><langSec xml:lang="zh-Hant">'
    b"<termSec><term>\xe7\x94\xb2</term></termSec></langSec></conceptEntry></body></text></tbx>"
)
JSON = (
    b'{"format": "glossary-dump", "version": 1, "concepts": '
    b'[{"id": "a", "terms": [{"text": "x", "lang": "en"}]}]}'
)


def mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """A valid file with bytes flipped, cut, or spliced in; or anything at all."""

    def mutate(data: tuple[int, int, bytes]) -> bytes:
        at, cut, insert = data
        at %= len(seed) + 1
        return seed[:at] + insert + seed[at + cut :]

    spliced = st.tuples(st.integers(0, 10_000), st.integers(0, 20), st.binary(max_size=40)).map(mutate)
    return st.one_of(spliced, st.binary(max_size=400), st.just(seed[: len(seed) // 2]))


def drain(reader: Callable[[Path], Any], data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            result = reader(path)
            if not hasattr(result, "lines"):
                for _ in result:
                    pass
        except BadInput as exc:
            assert "fuzz" in str(exc) or str(exc), exc  # a message, naming the file where it can


@FUZZ
@given(mutations(CSV))
def test_the_csv_reader_raises_only_bad_input(data: bytes) -> None:
    drain(read_csv, data, ".csv")


@FUZZ
@given(mutations(TBX))
def test_the_tbx_reader_raises_only_bad_input(data: bytes) -> None:
    drain(read_tbx, data, ".tbx")


@FUZZ
@given(mutations(JSON))
def test_the_json_dump_reader_raises_only_bad_input(data: bytes) -> None:
    drain(read_dump, data, ".json")


@pytest.fixture(scope="module")
def xlsx_seed() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(["a", "term", "甲", "Alpha", "", "AL", "", "", "", "approved", "[]", "[]", "[]"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_the_xlsx_and_docx_readers_raise_only_bad_input(xlsx_seed: bytes, data: st.DataObject) -> None:
    blob = data.draw(mutations(xlsx_seed))
    drain(read_xlsx, blob, ".xlsx")
    drain(read_document, blob, ".docx")  # the same zip container


@FUZZ
@given(st.binary(max_size=300))
def test_the_text_document_reader_raises_only_bad_input(data: bytes) -> None:
    drain(read_document, data, ".txt")


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=600), st.none(), st.integers()))
def test_the_query_parser_raises_only_bad_input(query: object) -> None:
    try:
        checked = check_query(query)
    except BadInput:
        return
    assert checked == checked.strip() and 0 < len(checked) <= 500
