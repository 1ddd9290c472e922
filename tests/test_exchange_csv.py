"""CSV: the data/terms.csv format both ways, Excel's BOM, Big5 told apart, streamed in parallel."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings

from glossary import settings as glossary_settings
from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.exchange.csv_format import read_csv
from glossary.records import Concept
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.exchange_helpers import count
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import glossaries
from tests.exchange_helpers import round_trip
from tests.exchange_helpers import write_file

HEADER = ",".join(COLUMNS)


def row(concept_id: str, zh: str, en: str = "", abbr: str = "") -> str:
    return f"{concept_id},term,{zh},{en},,{abbr},,,,approved,,,"


def test_the_csv_export_is_the_shipped_format(shipped: Store) -> None:
    """Exporting the shipped glossary gives data/terms.csv back, byte for byte."""
    assert export_bytes(shipped, "csv") == glossary_settings.shipped_terms_path().read_bytes()


def test_export_import_export_is_byte_identical(shipped: Store, empty: Store, tmp_path: Path) -> None:
    first = export_bytes(shipped, "csv")
    import_file(empty, write_file(tmp_path / "g.csv", first))
    assert export_bytes(empty, "csv") == first


def test_excel_csv_starts_with_a_bom_and_reads_back(shipped: Store, empty: Store, tmp_path: Path) -> None:
    data = export_bytes(shipped, "csv", excel=True)
    assert data.startswith(b"\xef\xbb\xbfid,kind,zh,en")
    import_file(empty, write_file(tmp_path / "excel.csv", data))
    assert export_bytes(empty, "csv") == export_bytes(shipped, "csv")


def test_excel_applies_to_csv_only(shipped: Store) -> None:
    with pytest.raises(BadInput, match="--excel applies to --format csv only"):
        export_bytes(shipped, "json", excel=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(xml_safe=False, exact=False, csv=True))
def test_random_glossaries_survive_csv_round_trips(found: list[Concept]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = round_trip("csv", found, Path(tmp))
    assert first == second
    assert first.decode("utf-8").count("\n") >= len(found)


def test_filters_choose_what_is_exported(shipped: Store) -> None:
    text = export_bytes(shipped, "csv", kind="org").decode("utf-8")
    kinds = {line.split(",")[1] for line in text.splitlines()[1:]}
    assert kinds == {"org"}
    ggsd = export_bytes(shipped, "csv", source="ggsd-2023").decode("utf-8")
    assert "000_6335a8691290a983.txt" in ggsd and "digital-economy-steering-group" not in ggsd
    with pytest.raises(BadInput, match="unknown kind 'orgs'"):
        export_bytes(shipped, "csv", kind="orgs")


# ---------------------------------------------------------------- malformed CSV


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", r"bad\.csv: the file is empty"),
        (
            "id,kind,zh,en\n" + "a,term,甲,A\n",
            r"bad\.csv: missing column 'abbr', 'variants', 'definitions', 'citations'",
        ),
        (HEADER + "\n" + row("a", "甲") + ",extra\n", r"bad\.csv: row 2: more cells than header columns"),
        (HEADER + "\n" + row("A B", "甲") + "\n", r"bad\.csv: row 2: column 'id': 'A B' is not a valid id"),
        (
            HEADER + "\n" + row("a", "甲") + "\n" + row("a", "乙") + "\n",
            r"bad\.csv: row 3: column 'id': duplicate id 'a'",
        ),
        (
            HEADER + "\n" + "a,term,甲,A,xx-YY,,,,,approved,,,\n",
            r"bad\.csv: row 2: column 'en_lang': unknown language tag 'xx-YY'",
        ),
        (HEADER + "\n" + "a,thing,甲,,,,,,,approved,,,\n", r"bad\.csv: row 2: field 'kind' is 'thing'"),
        (
            HEADER + "\n" + 'a,term,甲,,,,,,,approved,"[{""text"":1",,\n',
            r"bad\.csv: row 2: column 'variants': invalid JSON",
        ),
    ],
)
def test_malformed_csv_is_refused_with_the_place(
    empty: Store, tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(BadInput, match=message):
        import_file(empty, write_file(tmp_path / "bad.csv", content))
    assert count(empty, "concepts") == 0


@pytest.mark.parametrize("workers", [0, 2])
def test_a_quote_never_closed_is_refused_not_swallowed(tmp_path: Path, workers: int) -> None:
    rows = [HEADER, 'a,term,"甲\n乙",,,,,,,approved,,,', 'b,term,"乙,,,,,,,approved,,,', row("c", "丙")]
    path = write_file(tmp_path / "quote.csv", "\n".join(rows) + "\n")
    with pytest.raises(BadInput, match=r"quote\.csv: line 4: a quoted cell is never closed"):
        list(read_csv(path, workers=workers))


@pytest.mark.parametrize("workers", [0, 2])
def test_helper_processes_name_the_same_line_and_byte(tmp_path: Path, workers: int) -> None:
    lines = [HEADER, *(row(f"c-{i}", f"詞{i}") for i in range(2500))]
    data = ("\n".join(lines) + "\n").encode("utf-8") + "d,term,數位,,,,,,,approved,,,\n".encode("cp950")
    path = write_file(tmp_path / "late.csv", data)
    offset = data.index("數位".encode("cp950"))
    with pytest.raises(
        BadInput, match=rf"late\.csv: line 2502: invalid UTF-8 at byte {offset}\. It looks like Big5"
    ):
        list(read_csv(path, workers=workers))


def test_invalid_utf8_is_refused_with_the_line(empty: Store, tmp_path: Path) -> None:
    data = (HEADER + "\n" + row("a", "甲") + "\n").encode("utf-8") + b"b,term,\xff\xfe,,,,,,,approved,,,\n"
    with pytest.raises(BadInput, match=r"bad\.csv: line 3: invalid UTF-8 at byte \d+\.$"):
        import_file(empty, write_file(tmp_path / "bad.csv", data))
    assert count(empty, "concepts") == 0


def test_big5_is_recognised_and_can_be_read(empty: Store, tmp_path: Path) -> None:
    """What Excel on a Traditional Chinese Windows saves: the message says so and how to fix it."""
    text = HEADER + "\n" + row("digital-ministry", "數位發展部", "Ministry of Digital Affairs", "MODA") + "\n"
    path = write_file(tmp_path / "big5.csv", text.encode("cp950"))
    with pytest.raises(
        BadInput, match=r"big5\.csv: line 2: invalid UTF-8 .* looks like Big5 .*--encoding big5"
    ):
        import_file(empty, path)
    assert count(empty, "concepts") == 0
    import_file(empty, path, encoding="big5")
    assert empty.get_concept("digital-ministry").zh == "數位發展部"


def test_the_encoding_option_is_for_csv_only(empty: Store, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="--encoding applies to CSV only"):
        import_file(empty, write_file(tmp_path / "a.json", "{}"), encoding="big5")


# ---------------------------------------------------------------- large files


def big_csv(path: Path, n: int, bad_row: int | None = None) -> Path:
    lines = [HEADER]
    for i in range(n):
        zh = "".join(chr(0x4E00 + (i // 400**k) % 400) for k in range(3))
        lines.append(row(f"c-{i}", f"測試{zh}", f"Test Term {i}", f"TT{i}"))
    if bad_row is not None:
        lines[bad_row - 1] = row(f"c-{bad_row}", f"測試{bad_row}", "", "").replace("approved", "maybe")
    return write_file(path, "\n".join(lines) + "\n")


def test_helper_processes_read_the_same_concepts(tmp_path: Path) -> None:
    path = big_csv(tmp_path / "big.csv", 5000)
    serial = [(i.where, i.concept) for i in read_csv(path, workers=0)]
    parallel = [(i.where, i.concept) for i in read_csv(path, workers=2)]
    assert parallel == serial
    assert serial[-1][0].endswith("big.csv: row 5001")


def test_helper_processes_report_the_first_bad_row(tmp_path: Path) -> None:
    path = big_csv(tmp_path / "big.csv", 5000, bad_row=4500)
    with pytest.raises(BadInput, match=r"big\.csv: row 4500: field 'review_status' is 'maybe'"):
        list(read_csv(path, workers=2))


def test_without_helper_processes_the_file_is_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where helper processes cannot start (an embedded Python, say), reading falls back to one process."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    import glossary.exchange.csv_format as csv_format

    class Broken:
        def submit(self, *args: object) -> Future[object]:
            future: Future[object] = Future()
            future.set_exception(BrokenProcessPool("cannot start"))
            return future

        def shutdown(self, **options: object) -> None:
            pass

    path = big_csv(tmp_path / "big.csv", 3000)
    monkeypatch.setattr(csv_format, "_pool", lambda workers: Broken())
    assert [(i.where, i.concept) for i in read_csv(path, workers=2)] == [
        (i.where, i.concept) for i in read_csv(path, workers=0)
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_is_named_as_such(empty: Store, tmp_path: Path, codec: str) -> None:
    """Excel's "Unicode Text" is UTF-16: the message says so (not "invalid UTF-8 at byte 0")."""
    data = (HEADER + "\n" + row("a", "甲") + "\n").encode(codec)
    with pytest.raises(BadInput, match=r"u16\.csv: not UTF-8\. It is UTF-16") as caught:
        import_file(empty, write_file(tmp_path / "u16.csv", data))
    assert "byte 0" not in str(caught.value)
    assert count(empty, "concepts") == 0


def test_a_utf16_json_dump_is_named_as_such(empty: Store, tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_bytes('{"format": "glossary-dump"}'.encode("utf-16"))
    with pytest.raises(BadInput, match=r"dump\.json: not UTF-8\. It is UTF-16"):
        import_file(empty, path)


def test_csv_errors_speak_of_cells_not_of_python(empty: Store, tmp_path: Path) -> None:
    data = (HEADER + "\n" + row("a", "甲") + "\n").encode() + b'b,term,"x"\ry,,,,,,,approved,,,\n'
    with pytest.raises(BadInput) as caught:
        import_file(empty, write_file(tmp_path / "cr.csv", data))
    assert str(caught.value).endswith(
        "cr.csv: line 3: malformed CSV (a line break inside a cell that is not quoted)"
    )
