"""``glossary find --batch``: text, .csv and .xlsx term lists in; JSON Lines, CSV and XLSX out."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl import load_workbook

from console.batch_table import COLUMNS
from tests.cli_helpers import run


def _xlsx(path: Path, *values: object) -> Path:
    book = Workbook()
    sheet = book.active
    for value in values:
        sheet.append([value, "ignored second column"])
    book.save(path)
    return path


def test_jsonl_lines_are_exactly_query_and_results(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("desg\n隐私强化技术\nnothing-like-this-zzz\n\x01\n", encoding="utf-8")
    ran = run(capsys, "find", "--batch", str(queries), "--json")
    assert ran.status == 0
    lines = ran.out.splitlines()
    assert len(lines) == 4 and all(line.startswith('{"query":') for line in lines), "compact JSON Lines"
    items = [json.loads(line) for line in lines]
    assert [list(i) for i in items[:3]] == [["query", "results"]] * 3
    assert items[0]["results"][0]["abbr"] == "DESG"
    assert items[1]["results"][0]["zh"] == "隱私強化技術"
    assert items[2]["results"] == []
    assert list(items[3]) == ["query", "results", "error"] and "control character" in items[3]["error"]


def test_a_csv_list_is_read_from_its_first_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    queries = tmp_path / "terms.csv"
    queries.write_text('DESG,數位經濟指導小組\n"Privacy Enhancing Technologies",x\n\n', encoding="utf-8")
    items = [json.loads(x) for x in run(capsys, "find", "--batch", str(queries), "--json").out.splitlines()]
    assert [i["query"] for i in items] == ["DESG", "Privacy Enhancing Technologies"]
    assert items[1]["results"][0]["abbr"] == "PETs"


def test_an_xlsx_list_is_read_from_its_first_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = _xlsx(tmp_path / "terms.xlsx", "PETs", None, "數位經濟指導小組")
    items = [json.loads(x) for x in run(capsys, "find", "--batch", str(queries), "--json").out.splitlines()]
    assert [i["query"] for i in items] == ["PETs", "數位經濟指導小組"]
    assert items[1]["results"][0]["abbr"] == "DESG"


def test_csv_output_has_a_row_per_result_and_one_per_miss(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("DESG\nzzzz-none-qq\n", encoding="utf-8")
    ran = run(capsys, "find", "--batch", str(queries), "--csv", "--limit", "2")
    assert ran.status == 0
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    assert tuple(rows[0]) == COLUMNS
    desg = [r for r in rows if r["query"] == "DESG"]
    assert 1 <= len(desg) <= 2 and desg[0]["rank"] == "1"
    assert (desg[0]["zh"], desg[0]["abbr"], desg[0]["how"]) == ("數位經濟指導小組", "DESG", "exact")
    assert desg[0]["citation"].startswith("003_8e85de5ac7b80fbc.txt:")
    [miss] = [r for r in rows if r["query"] == "zzzz-none-qq"]
    assert miss["rank"] == "" and miss["error"] == "nothing found"


def test_xlsx_output_is_a_workbook_with_the_same_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = _xlsx(tmp_path / "in.xlsx", "desg", "隐私强化技术")
    out = tmp_path / "found.xlsx"
    ran = run(capsys, "find", "--batch", str(queries), "--xlsx", str(out), "--limit", "1")
    assert ran.status == 0 and ran.out == "" and "Wrote 2 rows" in ran.err
    sheet = load_workbook(out, read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == COLUMNS
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [("desg", 1, "DESG"), ("隐私强化技术", 1, "PETs")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("find", "DESG", "--csv"), "Error: --csv and --xlsx go with --batch FILE"),
        (("find", "--batch", "{q}", "--csv", "--json"), "Error: choose one of --json, --csv and --xlsx"),
        (("find", "--batch", "{q}", "--json", "--kind", "planet"), "Error: unknown kind 'planet'"),
        (("find", "--batch", "{q}", "--csv", "--limit", "0"), "Error: limit must be between 1 and 100"),
        (("find", "--batch", "{q}", "--source", "no-such.txt"), "Error: no source with id or file name"),
        (("find", "--batch", "{bad}", "--json"), "Error: "),
        (("find", "DESG", "--limit", "many"), "Error: Invalid value for '--limit'"),
    ],
)
def test_bad_batch_options_exit_2_with_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("DESG\n", encoding="utf-8")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    ran = run(capsys, *(a.format(q=queries, bad=bad) for a in args))
    assert ran.status == 2
    assert ran.err.startswith(message) and ran.err.count("\n") == 1
    assert ran.out == ""
