"""Issue 2's bad input as a user meets it on the command line: a bad database URL or glossary CSV is
one line ``Error: …`` naming the URL (password masked) or the file/row/column, exit status 2, no
traceback, and no half-loaded database left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.terms_csv import COLUMNS
from tests.cli_helpers import run

HEADER = ",".join(COLUMNS)
GOOD = "desg,org,數位經濟指導小組,Digital Economy Steering Group,,DESG,,,,approved,,,"
GOOD2 = "pets,term,隱私強化技術,Privacy Enhancing Technologies,,PETs,privacy,,,approved,,,"


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("nosuchdialect://x/y", "unsupported driver"),
        ("postgresql+psycopg://carol:pa55word@127.0.0.1:1/x?connect_timeout=2", "carol:***@127.0.0.1:1/x"),
    ],
    ids=["malformed", "unknown-driver", "unreachable"],
)
def test_a_bad_database_url_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", url)
    ran = run(capsys, "find", "DESG")
    assert ran.status == 2 and ran.out == ""
    line = one_error_line(ran.err)
    assert message in line and "pa55word" not in line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,kind,zh,en\ndesg,org,\xe6\x95\xb8,D\n", r"terms.csv: missing column"),
        (
            (HEADER + "\nx,org,,,,,,,,approved,,,\n").encode(),
            "terms.csv: row 2: columns 'zh', 'en' and 'abbr' are all empty",
        ),
        (
            (HEADER + f"\n{GOOD}\n{GOOD2}\n{GOOD}\n").encode(),
            "terms.csv: row 4: column 'id': duplicate id 'desg'",
        ),
        (
            (HEADER + f"\n{GOOD2}\n").encode() + "desg,org,數位經濟,,,,,,,approved,,,\n".encode("big5"),
            "terms.csv: line 3: invalid UTF-8",
        ),
    ],
    ids=["missing-column", "empty-required-field", "duplicate-id", "invalid-utf8"],
)
def test_a_bad_glossary_csv_is_one_line_exit_2_and_loads_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    isolated_home: Path,
    content: bytes,
    message: str,
) -> None:
    terms = tmp_path / "terms.csv"
    terms.write_bytes(content)
    monkeypatch.setenv("GLOSSARY_TERMS", str(terms))
    ran = run(capsys, "find", "DESG")
    assert ran.status == 2 and ran.out == ""
    assert message in one_error_line(ran.err)
    assert not (isolated_home / "glossary.sqlite3").exists()  # nothing half-loaded
    assert not list(isolated_home.glob("*.building"))
    terms.write_text("\n".join([HEADER, GOOD, GOOD2]) + "\n", encoding="utf-8")  # fixed: it loads
    assert run(capsys, "find", "DESG").status == 0
