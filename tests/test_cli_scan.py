"""``glossary scan FILE... [--json]``: .txt, .md, .docx and standard input; JSON Lines; exit statuses."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from glossary.scan import FIELDS
from tests.cli_helpers import run
from tests.test_api_check import docx_bytes

TEXT = "APEC 數位經濟指導小組（DESG）\n发展人工智能"
FOUND = ["APEC", "數位經濟指導小組", "DESG", "人工智能"]


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_json_lines_one_object_per_input_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# 標題\n\n沒有術語", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(docx_bytes("第一段", *TEXT.split("\n")))
    ran = run(
        capsys, "scan", str(tmp_path / "a.txt"), str(tmp_path / "b.md"), str(tmp_path / "c.docx"), "--json"
    )
    assert ran.status == 0, ran.err
    a, b, c = lines(ran.out)
    assert (a["file"], b["file"], c["file"]) == ("a.txt", "b.md", "c.docx")
    assert [t["text"] for t in a["terms"]] == FOUND
    assert b["terms"] == []
    assert [(t["line"], t["text"]) for t in c["terms"]] == [
        (2, "APEC"),
        (2, "數位經濟指導小組"),
        (2, "DESG"),
        (3, "人工智能"),
    ]
    assert all(tuple(t) == FIELDS for t in a["terms"])
    assert a["terms"][3]["status"] == "deprecated"
    assert "8 terms in 3 files" in ran.err


def test_standard_input_has_file_null(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    ran = run(capsys, "scan", "-", "--json")
    assert ran.status == 0, ran.err
    [result] = lines(ran.out)
    assert result["file"] is None
    assert [t["text"] for t in result["terms"]] == FOUND


def test_human_lines_name_the_official_translation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ran = run(capsys, "scan", str(tmp_path / "a.txt"))
    assert (
        ran.out.splitlines()[2]
        == "a.txt:1:15: DESG = 數位經濟指導小組 | Digital Economy Steering Group (DESG)"
    )
    assert ran.out.splitlines()[3].endswith("[deprecated]")


def test_no_terms_is_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("nothing here", encoding="utf-8")
    ran = run(capsys, "scan", str(tmp_path / "a.txt"), "--json")
    assert (ran.status, lines(ran.out)) == (1, [{"file": "a.txt", "terms": []}])
    assert "No glossary terms in 1 file." in ran.err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("draft.pdf", b"%PDF", "only .txt, .md and .docx files can be scanned"),
        ("broken.docx", b"not a zip", "broken.docx: is not a readable .docx file"),
    ],
)
def test_an_unreadable_input_is_exit_2_before_any_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    if data is not None:
        (tmp_path / name).write_bytes(data)
    ran = run(capsys, "scan", str(tmp_path / "good.txt"), str(tmp_path / name), "--json")
    assert ran.status == 2
    assert ran.out == ""
    assert ran.err.startswith("Error: ") and message in ran.err
