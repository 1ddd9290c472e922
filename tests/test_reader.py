"""The shared document reader: encodings, bad input, .docx, directories."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from glossary.errors import BadInput
from glossary.reader import iter_documents
from glossary.reader import read_document

SAMPLE = "第一行：數位經濟（Digital Economy）\n第二行\n"


def test_utf8_text_lines_are_numbered_from_one(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    doc = read_document(p)
    assert doc.name == "a.txt" and doc.lines[0].startswith("第一行") and doc.lines[1] == "第二行"


def test_utf8_bom_is_dropped(tmp_path: Path):
    p = tmp_path / "bom.md"
    p.write_bytes("\ufeff".encode() + SAMPLE.encode("utf-8"))
    assert read_document(p).lines[0].startswith("第一行")


def test_crlf_line_endings(tmp_path: Path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert read_document(p).lines[1] == "第二行"


def test_big5_text_is_decoded(tmp_path: Path):
    p = tmp_path / "big5.txt"
    p.write_bytes("數位發展部推動開放資料政策，並與各機關合作。\n".encode("big5"))
    doc = read_document(p)
    assert doc.lines[0].startswith("數位發展部") and doc.encoding in ("cp950", "big5hkscs")


def test_undecodable_text_names_the_file(tmp_path: Path):
    p = tmp_path / "latin.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(BadInput, match="latin.txt.*not UTF-8"):
        read_document(p)


def test_binary_file_is_bad_input(tmp_path: Path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(BadInput, match="image.txt.*binary"):
        read_document(p)


def test_empty_file_is_bad_input(tmp_path: Path):
    p = tmp_path / "empty.txt"
    p.write_text("  \n", encoding="utf-8")
    with pytest.raises(BadInput, match="empty.txt.*empty"):
        read_document(p)


def test_missing_path_is_bad_input(tmp_path: Path):
    with pytest.raises(BadInput, match="nope.txt.*no such file"):
        read_document(tmp_path / "nope.txt")


def _docx_with_footnote(path: Path, prolog: str = "") -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("前言")
    d.add_paragraph("")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "儲能系統（Energy Storage System）"
    table.cell(0, 1).text = "備註"
    d.add_paragraph("結語")
    d.save(str(path))
    # python-docx cannot write footnotes: add a footnotes part by hand
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:footnotes {ns}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t></w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>儲能系統係指儲存電能的設備。</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    rel = (
        '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/>'
    )
    ctype = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["word/footnotes.xml"] = footnotes.encode()
    items["word/_rels/document.xml.rels"] = items["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel.encode() + b"</Relationships>"
    )
    types = items["[Content_Types].xml"]
    items["[Content_Types].xml"] = types.replace(b"</Types>", ctype.encode() + b"</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)


def test_docx_paragraphs_table_cells_then_footnotes(tmp_path: Path):
    p = tmp_path / "report.docx"
    _docx_with_footnote(p)
    doc = read_document(p)
    assert doc.lines[:2] == ["前言", ""]  # empty paragraphs are counted
    assert doc.lines[2] == "儲能系統（Energy Storage System）" and doc.lines[3] == "備註"
    assert doc.lines[4] == "結語"
    assert doc.lines[-1].endswith("儲能系統係指儲存電能的設備。") and doc.lines[-1].startswith("<sup>1</sup>")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:footnotes [<!ENTITY x "儲能">]>',
        '<!DOCTYPE w:footnotes SYSTEM "file:///etc/passwd">',
        "<w:broken",
    ],
)
def test_footnotes_with_a_doctype_or_broken_xml_are_bad_input(tmp_path: Path, prolog: str):
    p = tmp_path / "hostile.docx"
    _docx_with_footnote(p, prolog)
    with pytest.raises(BadInput, match=r"hostile\.docx: the footnotes .*(DOCTYPE|not readable XML)"):
        read_document(p)


def test_broken_docx_is_bad_input(tmp_path: Path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BadInput, match="broken.docx"):
        read_document(p)


def test_directories_are_expanded_recursively(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("乙", encoding="utf-8")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF")
    names = [p.name for p in iter_documents([tmp_path])]
    assert names == ["a.txt", "b.md"]


def test_two_inputs_with_the_same_base_name_are_an_error(tmp_path: Path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "r.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "y" / "r.txt").write_text("乙", encoding="utf-8")
    with pytest.raises(BadInput, match="same base name"):
        iter_documents([tmp_path / "x", tmp_path / "y"])


def test_a_link_to_a_device_or_a_fifo_is_refused_without_reading(tmp_path: Path):
    import os

    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    for name in ("zero.txt", "pipe.txt"):
        with pytest.raises(BadInput, match=rf"{name}: is not a regular file"):
            read_document(tmp_path / name)


def test_a_document_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from glossary import reader

    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", 1000)
    (tmp_path / "big.txt").write_text("甲" * 1000, encoding="utf-8")
    with pytest.raises(BadInput, match=r"big\.txt: is larger than"):
        read_document(tmp_path / "big.txt")


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A small zip bomb: 3 MB of one character, a few KB packed; the limit set to 1 MB."""
    import docx

    from glossary import reader

    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 2**20)
    d = docx.Document()
    d.add_paragraph("甲" * 2**20)
    path = tmp_path / "bomb.docx"
    d.save(str(path))
    assert path.stat().st_size < 200_000
    with pytest.raises(BadInput, match=r"bomb\.docx: unpacks to [34] MB, more than the 1 MB"):
        read_document(path)
