"""``glossary mine`` as a user runs it: formats, files and folders, bad inputs, --into-db."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from glossary.mine import CONTRACT_COLUMNS
from glossary.service import open_store
from tests.cli_helpers import run

TEXT = "本次會議交流隱私強化技術（Privacy Enhancing Technologies，PETs）之應用。\n"
OTHER = "各方討論數位信任框架（Digital Trust Framework, DTF）之推動。\n"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(OTHER, encoding="utf-8")
    (folder / "sub" / "ignored.csv").write_text("x,y\n", encoding="utf-8")
    return folder


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_on_stdout_has_the_contract_columns(capsys: pytest.CaptureFixture[str], reports: Path) -> None:
    ran = run(capsys, "mine", str(reports / "a.txt"))
    assert ran.status == 0
    assert ran.out.split("\n")[0].split(",")[: len(CONTRACT_COLUMNS)] == list(CONTRACT_COLUMNS)
    (row,) = rows(ran.out)
    assert (row["doc"], row["line"], row["zh"], row["abbr"]) == ("a.txt", "1", "隱私強化技術", "PETs")
    assert not ran.out.startswith("\ufeff")
    assert "Mined 1 occurrence from 1 document." in ran.err


def test_a_folder_is_read_recursively_txt_and_md_only(
    capsys: pytest.CaptureFixture[str], reports: Path
) -> None:
    ran = run(capsys, "mine", str(reports), "--format", "jsonl")
    assert ran.status == 0
    records = [json.loads(line) for line in ran.out.splitlines()]
    assert {r["doc"] for r in records} == {"a.txt", "b.md"}
    assert {r["abbr"] for r in records} == {"PETs", "DTF"}


def test_a_folder_s_readme_is_not_a_report(capsys: pytest.CaptureFixture[str], reports: Path) -> None:
    (reports / "README.md").write_text("資料隱私次級小組（Data Privacy Subgroup, DPS）\n", encoding="utf-8")
    (reports / "sub" / "readme.txt").write_text(
        "數位信任框架（Digital Trust Framework, DTF）\n", encoding="utf-8"
    )
    ran = run(capsys, "mine", str(reports), "--format", "jsonl")
    assert ran.status == 0
    assert {json.loads(line)["doc"] for line in ran.out.splitlines()} == {"a.txt", "b.md"}
    assert "from 2 documents." in ran.err
    alone = run(capsys, "mine", str(reports / "README.md"), "--format", "jsonl")  # named: read
    assert {json.loads(line)["abbr"] for line in alone.out.splitlines()} == {"DPS"}


def test_output_file_and_excel_bom(capsys: pytest.CaptureFixture[str], reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "mined.csv"
    ran = run(capsys, "mine", str(reports), "-o", str(out), "--excel")
    assert ran.status == 0 and ran.out == ""
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode()) and len(rows(data.decode("utf-8-sig"))) == 2


def test_two_inputs_with_one_base_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], reports: Path, tmp_path: Path
) -> None:
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "a.txt").write_text(OTHER, encoding="utf-8")
    ran = run(capsys, "mine", str(reports / "a.txt"), str(tmp_path / "copy" / "a.txt"))
    assert ran.status == 2
    assert ran.err.startswith("Error: ") and "same base name" in ran.err and ran.out == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", b"\x00\x01\x02PK\x00" * 20, "looks like a binary file"),
        ("missing.txt", None, "no such file"),
    ],
)
def test_a_bad_file_is_named_and_the_others_are_still_mined(
    capsys: pytest.CaptureFixture[str],
    reports: Path,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    ran = run(capsys, "mine", str(bad), str(reports / "a.txt"))
    assert ran.status == 1
    assert f"Error: {bad}: {message}" in ran.err
    assert "Traceback" not in ran.err
    assert [r["doc"] for r in rows(ran.out)] == ["a.txt"]


def test_a_big5_file_is_decoded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TEXT.encode("cp950"))
    ran = run(capsys, "mine", str(path))
    assert ran.status == 0
    assert rows(ran.out)[0]["zh"] == "隱私強化技術"


def test_help_ends_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "mine", "--help")
    assert ran.status == 0
    lines = [line.strip() for line in ran.out.splitlines() if line.strip()]
    assert "Example:" in lines and lines.index("Example:") < len(lines) - 1
    assert lines[lines.index("Example:") + 1].startswith("glossary mine ")


def test_into_db_leaves_approved_concepts_alone_and_proposes_new_ones(
    capsys: pytest.CaptureFixture[str], reports: Path
) -> None:
    """Mining only proposes: an approved concept gets no citation from a new, unreviewed text."""
    with open_store() as store:
        known = store.get_concept("privacy-enhancing-technologies")
        revision = store.revision()
    ran = run(capsys, "mine", str(reports), "--into-db", "--who", "tester")
    assert ran.status == 0, ran.err
    assert ran.out == "" and "1 new proposed" in ran.err
    with open_store() as store:
        assert store.revision() == revision + 1
        pets = store.get_concept("privacy-enhancing-technologies")
        assert pets.review_status == "approved"
        assert pets.terms == known.terms and pets.definitions == known.definitions
        assert pets.citations == known.citations
        proposed = list(store.all_concepts(review_status="proposed"))
    assert [(c.zh, c.en, c.abbr) for c in proposed] == [("數位信任框架", "Digital Trust Framework", "DTF")]
    assert proposed[0].citations[0].doc == "b.md" and proposed[0].citations[0].line == 1
