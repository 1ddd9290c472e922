"""Files the commands write for people: Excel's BOM, the user's umask, binary output, closed pipes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run

BOM = "\ufeff"


def test_a_csv_export_to_a_file_has_the_bom_excel_needs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "glossary.csv"
    ran = run(capsys, "export", "--format", "csv", "-o", str(target))
    assert ran.status == 0, ran.err
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,")


def test_no_bom_leaves_it_out_of_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    ran = run(capsys, "export", "-o", str(target), "--no-bom")
    assert ran.status == 0, ran.err
    assert target.read_bytes().startswith(b"id,")


def test_a_csv_on_standard_output_has_a_bom_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", "--format", "csv").out.startswith("id,")
    assert run(capsys, "export", "--format", "csv", "--bom").out.startswith(BOM + "id,")
    assert run(capsys, "export", "--format", "csv", "--excel").out.startswith(BOM + "id,")  # the old name


def test_bom_options_apply_to_csv_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ran = run(capsys, "export", "--format", "tbx", "-o", str(tmp_path / "g.tbx"), "--bom")
    assert ran.status == 2
    assert ran.err.startswith("Error: --bom, --no-bom and --excel apply to --format csv only")


def test_a_batch_table_written_to_a_file_has_the_bom(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("DESG\n隱私強化技術\n", encoding="utf-8")
    target = tmp_path / "found.csv"
    ran = run(capsys, "find", "--batch", str(queries), "--csv", "-o", str(target))
    assert ran.status == 0, ran.err and ran.out == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith(BOM + "query,rank,") and "數位經濟指導小組" in text
    assert f"to {target}" in ran.err
    plain = run(capsys, "find", "--batch", str(queries), "--csv")
    assert plain.out.startswith("query,rank,")  # standard output: for programs
    assert run(capsys, "find", "--batch", str(queries), "--csv", "--bom").out.startswith(BOM)
    ran = run(capsys, "find", "--batch", str(queries), "--csv", "-o", str(target), "--no-bom")
    assert target.read_bytes().startswith(b"query,")


def test_output_options_of_a_batch_table_need_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ran = run(capsys, "find", "DESG", "-o", str(tmp_path / "x.csv"))
    assert ran.status == 2 and "go with --batch FILE --csv" in ran.err


def test_mine_keeps_its_contract_no_bom_unless_excel(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "本部出席數位經濟指導小組（Digital Economy Steering Group, DESG）會議。\n", encoding="utf-8"
    )
    target = tmp_path / "mined.csv"
    assert run(capsys, "mine", str(report), "-o", str(target)).status == 0
    assert target.read_bytes().startswith(b"doc,")
    assert run(capsys, "mine", str(report), "-o", str(target), "--excel").status == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdoc,")


# ---------------------------------------------------------------- permissions


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_files_written_get_the_users_umask(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    draft = tmp_path / "draft.docx"
    document = docx.Document()
    document.add_paragraph("會議由 ZQX 主辦。")
    document.save(str(draft))
    old = os.umask(0o022)
    try:
        outputs = {
            "export": (["export", "-o", str(tmp_path / "g.csv")], tmp_path / "g.csv"),
            "annotate": (
                ["check", str(draft), "--annotate", str(tmp_path / "checked.docx")],
                tmp_path / "checked.docx",
            ),
            "mine": (["mine", str(draft), "-o", str(tmp_path / "mined.csv")], tmp_path / "mined.csv"),
        }
        for name, (args, path) in outputs.items():
            run(capsys, *args)
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, name
    finally:
        os.umask(old)


# ---------------------------------------------------------------- pipes


@pytest.mark.parametrize("args", [["export", "--format", "json"], ["export", "--format", "xlsx"], ["stats"]])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """``glossary export … | head -c 10``: the reader goes away; no traceback follows."""
    code = "import sys; from cli import main; main(sys.argv[1:])"
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).parent.parent,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before anything is written, as `| true` does
        err = proc.stderr.read().decode()
        status = proc.wait(120)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert status in (0, 1)  # click ends a broken pipe with 1, quietly; never 2 (a usage error)


def test_export_tbx_with_a_region_tag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "for-trados.tbx"
    ran = run(capsys, "export", "-o", str(target), "--zh-tag", "zh-TW", "--kind", "org")
    assert ran.status == 0, ran.err
    assert b'<langSet xml:lang="zh-TW">' in target.read_bytes()


def test_export_help_says_which_tbx_weblate_reads(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "export", "--help")
    text = " ".join(ran.out.split()).replace("- ", "-")  # click wraps lines at hyphens too
    assert "translate-toolkit cannot read it" in text
