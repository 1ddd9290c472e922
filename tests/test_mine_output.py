"""Writers, mine_paths error handling, and a quiet segmenter."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from glossary.mine import CONTRACT_COLUMNS
from glossary.mine import mine_paths
from glossary.mine import write_csv
from glossary.mine import write_jsonl

ROOT = Path(__file__).resolve().parents[1]
TEXT = "推動開放銀行（Open Banking, OB）政策。\n"


def test_csv_header_starts_with_the_contract_columns_and_has_no_bom(tmp_path: Path):
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    records, failures = mine_paths([tmp_path / "r.txt"])
    out = io.StringIO()
    write_csv(records, out)
    header = out.getvalue().splitlines()[0]
    assert header.startswith(",".join(CONTRACT_COLUMNS)) and not header.startswith("\ufeff")
    assert failures == []


def test_excel_csv_has_a_bom():
    out = io.StringIO()
    write_csv([], out, excel=True)
    assert out.getvalue().startswith("\ufeff")


def test_jsonl_is_compact_and_not_ascii_escaped(tmp_path: Path):
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    records, _ = mine_paths([tmp_path])
    out = io.StringIO()
    write_jsonl(records, out)
    line = out.getvalue().splitlines()[0]
    assert "開放銀行" in line and ", " not in line.split('"quote"')[0]
    assert json.loads(line)["abbr"] == "OB"


def test_a_bad_file_is_reported_and_the_others_mined(tmp_path: Path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    seen = []
    records, failures = mine_paths(
        [tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "missing.txt"],
        on_error=lambda path, exc: seen.append(path),
    )
    assert {r.doc for r in records} == {"good.txt"}
    assert [Path(p).name for p, _ in failures] == ["empty.txt", "missing.txt"] == [Path(p).name for p in seen]


def test_segmenter_prints_nothing_to_stdout(tmp_path: Path):
    code = (
        "from glossary.mine import mine_documents; from glossary.reader import Document; "
        f"mine_documents([Document.from_text('a.txt', {TEXT!r})])"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout == ""
