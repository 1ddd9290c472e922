"""The pieces every exchange format shares: format detection, size limits, atomic output files."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.atomic import atomic_write as atomic_output
from glossary.errors import BadInput
from glossary.exchange.common import check_readable
from glossary.exchange.common import format_for
from glossary.exchange.common import xml_illegal
from tests.exchange_helpers import write_file

# ---------------------------------------------------------------- tests of the shared pieces


@pytest.mark.parametrize(
    ("name", "given", "expected"),
    [
        ("a.tbx", None, "tbx"),
        ("a.TBX", None, "tbx"),
        ("a.xml", None, "tbx"),
        ("a.csv", None, "csv"),
        ("a.xlsx", None, "xlsx"),
        ("a.json", None, "json"),
        ("a.txt", "csv", "csv"),
        ("a.tbx", "tbx3", "tbx"),
    ],
)
def test_the_format_comes_from_the_option_or_the_extension(
    name: str, given: str | None, expected: str
) -> None:
    assert format_for(Path(name), given) == expected


def test_an_unknown_extension_asks_for_format() -> None:
    with pytest.raises(BadInput, match=r"a\.dat: cannot tell the format.*--format"):
        format_for(Path("a.dat"), None)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="nope.csv: no such file"):
        check_readable(tmp_path / "nope.csv")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write_file(tmp_path / "big.csv", "x" * 100)
    with pytest.raises(BadInput, match="more than the 10-byte limit"):
        check_readable(path, limit=10)


def test_xml_illegal_characters_are_found() -> None:
    assert xml_illegal("數位\t\nok 😀") is None
    assert xml_illegal("a\ufffeb") == "\ufffe"


def test_a_failed_export_leaves_the_previous_file_alone(tmp_path: Path) -> None:
    target = write_file(tmp_path / "out.csv", "old")
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with atomic_output(target) as out:
        out.write(b"new")
    assert target.read_text() == "new"
