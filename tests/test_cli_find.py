"""``glossary find``, ``show`` and ``stats`` as a user runs them: output, JSON contract, exit status."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.contract import RESULT_KEYS


def test_find_desg_shows_the_pair_and_its_citation(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "find", "DESG")
    assert ran.status == 0
    for expected in ("數位經濟指導小組", "Digital", "DESG", "org", "003_8e85de5ac7b80fbc.txt:5"):
        assert expected in ran.out


def test_find_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "find", "desg", "--json")
    assert ran.status == 0
    results = json.loads(ran.out)
    assert set(results[0]) == RESULT_KEYS
    first = results[0]
    assert (first["zh"], first["en"], first["abbr"]) == (
        "數位經濟指導小組",
        "Digital Economy Steering Group",
        "DESG",
    )
    assert set(first["matched"]) == {"text", "lang", "type", "how"}
    assert first["matched"]["type"] == "acronym"
    assert 0 <= first["score"] <= 100
    assert {"doc", "line", "section", "quote"} <= set(first["citations"][0])
    assert "數位經濟指導小組" in ran.out, "Chinese must not be escaped"


def test_find_by_chinese_and_by_english(capsys: pytest.CaptureFixture[str]) -> None:
    by_zh = json.loads(run(capsys, "find", "隱私強化技術", "--json").out)
    by_en = json.loads(run(capsys, "find", "privacy enhancing technologies", "--json").out)
    assert by_zh[0]["abbr"] == by_en[0]["abbr"] == "PETs"


def test_nothing_found_exits_1_with_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "find", "zzzzqqqq-nothing", "--json")
    assert ran.status == 1
    assert json.loads(ran.out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("find", "   "), "Error: the query is empty"),
        (("find", "x" * 501), "Error: the query is 501 characters long"),
        (("find", "a\x01b"), "Error: the query contains a control character"),
        (("find", "DESG", "--limit", "0"), "Error: limit must be between 1 and 100"),
        (("find", "DESG", "--kind", "planet"), "Error: unknown kind 'planet'"),
        (("find",), "Error: give a QUERY or --batch FILE"),
        (("find", "--batch", "/no/such/file.txt"), "Error: /no/such/file.txt: no such file"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    ran = run(capsys, *args)
    assert ran.status == 2
    assert ran.err.startswith(message)
    assert ran.err.count("\n") == 1, "exactly one line on stderr"
    assert ran.out == ""


def test_batch_writes_one_json_line_per_query_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("DESG\r\n\n  \nzzzz-none\n" + "y" * 501 + "\n隱私強化技術\n", encoding="utf-8")
    ran = run(capsys, "find", "--batch", str(queries), "--json")
    assert ran.status == 0
    lines = [json.loads(line) for line in ran.out.splitlines()]
    assert [item["query"] for item in lines] == ["DESG", "zzzz-none", "y" * 501, "隱私強化技術"]
    assert lines[0]["results"][0]["abbr"] == "DESG"
    assert lines[1]["results"] == [] and "error" not in lines[1]
    assert lines[2]["results"] == [] and "501 characters" in lines[2]["error"]
    assert lines[3]["results"][0]["abbr"] == "PETs"


def test_show_prints_one_concept_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "show", "digital-economy-steering-group", "--json")
    assert ran.status == 0
    detail = json.loads(ran.out)
    assert detail["abbr"] == "DESG" and detail["terms"] and "history" in detail
    missing = run(capsys, "show", "no-such-concept")
    assert missing.status == 2 and missing.err.startswith(
        "Error: no concept with the id or form 'no-such-concept'"
    )


@pytest.mark.parametrize(
    "name",
    ["DESG", "desg", "數位經濟指導小組", "Digital Economy Steering Group", "digital economy steering-group"],
)
def test_show_takes_any_form_of_a_concept(capsys: pytest.CaptureFixture[str], name: str) -> None:
    ran = run(capsys, "show", name, "--json")
    assert ran.status == 0, ran.err
    assert json.loads(ran.out)["id"] == "digital-economy-steering-group"


def test_show_lists_the_concepts_that_share_a_form_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "show", "EPA")
    assert ran.status == 1
    ids = [line.split("\t")[0] for line in ran.out.splitlines()]
    assert len(ids) >= 2 and "environmental-protection-agency" in ids
    assert "EPA is a form of" in ran.err and "glossary show " in ran.err
    listed = json.loads(run(capsys, "show", "EPA", "--json").out)
    assert [c["id"] for c in listed] == ids


def test_show_suggests_ids_on_a_miss(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "show", "digital-econmy-steering-group")
    assert ran.status == 2
    assert "did you mean digital-economy-steering-group" in ran.err


def test_show_suggests_the_ids_whose_words_begin_as_typed_first(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "show", "digital-econ")
    assert ran.status == 2
    suggested = ran.err.split("did you mean ", 1)[1].rstrip("?\n").split(", ")
    assert "digital-economy-steering-group" in suggested
    assert all(i.startswith("digital-econ") for i in suggested[:2])


def test_stats_counts_by_kind_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    counts = json.loads(run(capsys, "stats", "--json").out)
    assert counts["concepts"] == sum(counts["by_kind"].values()) >= 40
    assert set(counts["by_source"]) == {"000_6335a8691290a983.txt", "003_8e85de5ac7b80fbc.txt"}
    cross = counts["by_source_and_kind"]
    assert set(cross) == set(counts["by_source"])
    for report, by_kind in cross.items():
        assert sum(by_kind.values()) == counts["by_source"][report]  # each concept once per report
        assert all(n <= counts["by_kind"][kind] for kind, n in by_kind.items())
    assert cross["003_8e85de5ac7b80fbc.txt"]["org"] > 0


def test_stats_prints_kind_by_report_as_the_readme_says(capsys: pytest.CaptureFixture[str]) -> None:
    counts = json.loads(run(capsys, "stats", "--json").out)
    ran = run(capsys, "stats")
    assert ran.status == 0
    rows = {line.split("│")[1].strip(): line for line in ran.out.splitlines() if line.count("│") > 2}
    header = next(line for line in ran.out.splitlines() if "報告 Report" in line)
    kinds = [cell.strip() for cell in header.split("┃")[2:-1]]
    assert kinds == [*sorted(counts["by_kind"]), "all"]
    for report, by_kind in counts["by_source_and_kind"].items():
        cells = [cell.strip() for cell in rows[report].split("│")[2:-1]]
        assert cells == [str(by_kind.get(k, 0)) for k in kinds[:-1]] + [str(counts["by_source"][report])]
    totals = [cell.strip() for cell in rows["詞彙表 Glossary"].split("│")[2:-1]]
    assert totals[-1] == str(counts["concepts"])


def test_a_bad_database_url_is_one_error_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "GLOSSARY_DATABASE_URL", "postgresql+psycopg://bob:hunter2@127.0.0.1:1/x?connect_timeout=2"
    )
    ran = run(capsys, "find", "DESG")
    assert ran.status == 2
    assert ran.err.startswith("Error: cannot open database postgresql+psycopg://bob:***@127.0.0.1:1/x")
    assert "hunter2" not in ran.err


def test_the_installed_command_works_from_another_directory(tmp_path: Path, isolated_home: Path) -> None:
    exe = Path(sys.executable).with_name("glossary")
    if not exe.exists():
        pytest.skip(f"no installed 'glossary' script beside {sys.executable}")
    env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
    done = subprocess.run(
        [str(exe), "find", "DESG", "--json"], cwd=tmp_path, env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))[0]["zh"] == "數位經濟指導小組"
    assert done.stderr == b"", "nothing but data on stdout, and no chatter on stderr for a plain lookup"


def test_a_deprecated_form_is_marked_in_the_card_and_explained_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary.terms_csv import COLUMNS

    variants = json.dumps(
        [{"text": "ABX", "lang": "en", "type": "acronym", "status": "deprecated", "note": "a typo for ABC"}]
    )
    row = [
        "alpha",
        "org",
        "甲組織",
        "Alpha Body Committee",
        "",
        "ABC",
        "",
        "",
        "",
        "approved",
        variants,
        "",
        json.dumps([{"doc": "r.txt", "line": 12, "quote": "甲組織（ABX）"}], ensure_ascii=False),
    ]
    terms = tmp_path / "terms.csv"
    with terms.open("w", encoding="utf-8", newline="") as fp:
        csv.writer(fp).writerows([COLUMNS, row])
    monkeypatch.setenv("GLOSSARY_TERMS", str(terms))
    ran = run(capsys, "find", "ABX")
    assert ran.status == 0
    assert "甲組織" in ran.out and "ABX (誤用 deprecated)" in ran.out
    assert "ABX is a deprecated form of ABC (報告 r.txt 第 12 行誤作 ABX" in ran.err
    assert "a typo for ABC" not in ran.err  # the curator's note is not the reason users read
