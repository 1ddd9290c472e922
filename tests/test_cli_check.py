"""glossary check on files: output formats, exit statuses, bad input, --annotate (Word comments), the API."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.check_helpers import DRAFT
from tests.check_helpers import PLANTED
from tests.check_helpers import write_glossary
from tests.cli_helpers import run


@pytest.fixture(autouse=True)
def own_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_TERMS", str(write_glossary(tmp_path / "terms.csv")))


def docx_file(path: Path, *paragraphs: str) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_human_output_is_compiler_style_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    ran = run(capsys, "check", str(draft), "--allow", "AI")
    assert ran.status == 1
    lines = ran.out.splitlines()
    assert len(lines) == len(PLANTED)
    assert lines[0] == (
        "draft.txt:3:10: mismatched_pair: DESG is the acronym of 數位經濟指導小組 "
        "(Digital Economy Steering Group, DESG), not of 資料隱私次級小組 (suggestion: DPS)"
    )
    assert "findings in 1 file" in ran.err


def test_json_lines_one_object_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("# 標題\n\n國際交通論壇（ITE）", encoding="utf-8")
    (tmp_path / "b.txt").write_text("數位經濟指導小組（DESG）開會。", encoding="utf-8")
    ran = run(capsys, "check", str(tmp_path / "a.md"), str(tmp_path / "b.txt"), "--json")
    assert ran.status == 1
    first, second = (json.loads(line) for line in ran.out.splitlines())
    assert second == {"file": "b.txt", "findings": []}
    assert first["file"] == "a.md"
    (finding,) = first["findings"]
    assert finding == {
        "line": 3,
        "column": 8,
        "acronym": "ITE",
        "text": "ITE",
        "type": "deprecated_form",
        "message": (  # where the report writes it, not the curator's note ("OCR slip")
            "ITE is a deprecated form; use ITF "
            "(報告 r1.txt 第 773 行誤作 ITE / the report r1.txt has ITE in error at line 773)"
        ),
        "suggestion": {
            "text": "ITF",
            "concept_id": "itf",
            "citation": {"doc": "r1.txt", "line": 773, "section": "", "quote": "國際交通論壇(ITE)"},
        },
    }


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    from_file = json.loads(run(capsys, "check", str(draft), "--json").out)
    stdin_of(monkeypatch, DRAFT.encode("utf-8"))
    ran = run(capsys, "check", "-", "--json")
    assert ran.status == 1, ran.err
    piped = json.loads(ran.out)
    assert piped["file"] is None  # CONTRACTS: file null for standard input
    assert piped["findings"] == from_file["findings"]
    stdin_of(monkeypatch, DRAFT.encode("utf-8"))
    human = run(capsys, "check", "-")
    assert human.out.splitlines()[0].startswith("<stdin>:3:")


def test_dash_reads_a_docx_piped_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = docx_file(tmp_path / "draft.docx", *DRAFT.splitlines())
    stdin_of(monkeypatch, path.read_bytes())
    ran = run(capsys, "check", "-", "--json")
    assert ran.status == 1, ran.err
    assert {f["line"]: f["type"] for f in json.loads(ran.out)["findings"]}[3] == PLANTED[3]


def test_no_findings_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "ok.txt"
    draft.write_text("美國國家標準暨技術研究院（NIST）發布指引，NIST 也說明。", encoding="utf-8")
    ran = run(capsys, "check", str(draft))
    assert (ran.status, ran.out) == (0, "")


def test_modes_and_allow_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("XQZW 與 KPIX。\n國際交通論壇（ITE）", encoding="utf-8")
    assert run(capsys, "check", str(draft), "--glossary-only", "--json").out.count('"type"') == 1
    document = json.loads(run(capsys, "check", str(draft), "--document-only", "--json").out)
    assert [f["acronym"] for f in document["findings"]] == ["XQZW", "KPIX"]
    allow = tmp_path / "allow.txt"
    allow.write_text("# ours\nXQZW, KPIX\n", encoding="utf-8")
    assert run(capsys, "check", str(draft), "--document-only", "--allow", str(allow)).status == 0
    assert run(capsys, "check", str(draft), "--document-only", "--allow", "XQZW,KPIX").status == 0


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, ["missing.txt"], "missing.txt: no such file"),
        (lambda p: p.write_bytes(b"not a zip"), ["bad.docx"], "bad.docx: is not a readable .docx file"),
        (lambda p: p.write_text("x", encoding="utf-8"), ["notes.pdf"], "only .txt, .md and .docx"),
        (
            lambda p: p.write_text("DESG", encoding="utf-8"),
            ["ok.txt", "--glossary-only", "--document-only"],
            "not both",
        ),
        (lambda p: p.write_text("DESG", encoding="utf-8"), ["ok.txt", "--allow", "a b"], "--allow"),
        (lambda p: p.write_text("DESG", encoding="utf-8"), ["ok.txt", "--annotate", "out.docx"], "one .docx"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make,
    args: list[str],
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    if make is not None:
        make(tmp_path / args[0])
    argv = [str(tmp_path / a) if i == 0 else a for i, a in enumerate(args)]
    ran = run(capsys, "check", *argv)
    assert ran.status == 2 and ran.out == ""
    assert ran.err.startswith("Error: ") and message in ran.err and len(ran.err.strip().splitlines()) == 1


def test_a_bad_file_among_good_ones_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("國際交通論壇（ITE）", encoding="utf-8")
    ran = run(capsys, "check", str(good), str(tmp_path / "gone.txt"))
    assert (ran.status, ran.out) == (2, "")


def test_docx_lines_are_paragraphs_and_annotate_adds_comments_at_the_spans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    source = docx_file(
        tmp_path / "draft.docx", "第一段沒有問題。", "國際交通論壇（ITE）發表報告。", "XQZW 尚未定案。"
    )
    out = tmp_path / "checked.docx"
    ran = run(capsys, "check", str(source), "--annotate", str(out), "--json")
    assert ran.status == 1
    findings = json.loads(ran.out)["findings"]
    assert [(f["line"], f["type"]) for f in findings] == [(2, "deprecated_form"), (3, "undefined")]
    annotated = docx.Document(str(out))
    comments = list(annotated.comments)
    assert len(comments) == 2
    assert {c.text.split(":")[0] for c in comments} == {"deprecated_form", "undefined"}
    # the comment covers exactly the span: the runs inside the comment range spell it
    body = annotated.element.body.xml
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    covered = []
    for p in annotated.element.body.iter(f"{ns}p"):
        inside = False
        text = ""
        for el in p.iter():
            if el.tag == f"{ns}commentRangeStart":
                inside = True
            elif el.tag == f"{ns}commentRangeEnd":
                covered.append(text)
                inside, text = False, ""
            elif el.tag == f"{ns}t" and inside:
                text += el.text or ""
    assert sorted(covered) == ["ITE", "XQZW"], body
    # the paragraphs still read the same
    assert [p.text for p in annotated.paragraphs] == [
        "第一段沒有問題。",
        "國際交通論壇（ITE）發表報告。",
        "XQZW 尚未定案。",
    ]
    assert source.read_bytes() != out.read_bytes()


def test_api_checks_pasted_text_and_an_uploaded_docx(tmp_path: Path) -> None:
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    app = make_app()
    try:
        client = app.test_client()
        body = client.post("/api/v1/check", json={"text": DRAFT}).get_json()
        assert body["file"] is None
        assert {f["line"] for f in body["findings"]} >= set(PLANTED) - {10}
        docx_path = docx_file(tmp_path / "up.docx", "國際交通論壇（ITE）")
        response = client.post(
            "/api/v1/check", data={"file": (io.BytesIO(docx_path.read_bytes()), "up.docx")}
        )
        assert response.status_code == 200
        body = response.get_json()
        assert body["file"] == "up.docx"
        assert [(f["type"], f["text"], f["column"]) for f in body["findings"]] == [
            ("deprecated_form", "ITE", 8)
        ]
    finally:
        close_app(app)
