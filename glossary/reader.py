"""The one document reader shared by ``glossary mine`` and ``glossary check``.

A :class:`Document` is a base name plus a list of lines, numbered from 1 by
``index + 1``. Text files (.txt, .md) are split on ``"\\n"`` after decoding; a
.docx gives one line per body paragraph and per table-cell paragraph, in document
order (empty paragraphs counted), followed by one line per footnote paragraph.

Decoding: UTF-8 with or without a BOM; failing that, Big5/CP950 (common in Taiwan)
when the bytes decode cleanly as such; anything else is a :class:`BadInput` naming
the file. Missing paths, directories given where a file is expected, empty files
and binary files are ``BadInput`` too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from glossary.errors import BadInput

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".docx")
_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Document:
    """A document as lines; ``lines[i]`` is line ``i + 1``."""

    name: str
    lines: list[str]
    path: str | None = None
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @classmethod
    def from_text(cls, name: str, text: str) -> Document:
        """A document made from a string (tests, pasted text)."""
        return cls(name=name, lines=text.split("\n"))


MAX_DOCUMENT_BYTES = 64 * 2**20  # a long report is a few MB
MAX_UNPACKED_BYTES = 256 * 2**20  # what a .docx or .xlsx may unpack to (a zip bomb unpacks to GBs)


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def check_unpacked_size(path: Path, limit: int | None = None) -> None:
    """``BadInput`` when the zip file (a .docx, an .xlsx) declares more unpacked bytes than
    ``limit``, checked before anything is unpacked; ``zipfile`` reads no entry past its
    declared size."""
    limit = MAX_UNPACKED_BYTES if limit is None else limit
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the format's own reader says so, in its words
    if unpacked > limit:
        raise BadInput(
            f"{path}: unpacks to {_size(unpacked)}, more than the {_size(limit)} a document may hold"
        )


def read_document(path: str | Path) -> Document:
    """Read one .txt, .md or .docx file; raise BadInput with the file's name on any problem."""
    p = Path(path)
    if not p.exists():
        raise BadInput(f"{p}: no such file")
    if p.is_dir():
        raise BadInput(f"{p}: is a directory, not a file")
    if not p.is_file():  # follows symlinks: a link to /dev/zero or a FIFO is refused too
        raise BadInput(
            f"{p}: is not a regular file (a device, a pipe or a socket); give a .txt, .md or .docx file"
        )
    if p.stat().st_size > MAX_DOCUMENT_BYTES:
        raise BadInput(f"{p}: is larger than the {MAX_DOCUMENT_BYTES // 2**20} MB a document may have")
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return _read_docx(p)
    try:
        with open(p, "rb") as f:
            data = f.read(MAX_DOCUMENT_BYTES + 1)  # the size may have grown since stat()
    except OSError as exc:
        raise BadInput(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise BadInput(f"{p}: is larger than the {MAX_DOCUMENT_BYTES // 2**20} MB a document may have")
    if not data.strip():
        raise BadInput(f"{p}: the file is empty")
    text, encoding = decode_text(data, str(p))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Document(name=p.name, lines=lines, path=str(p), encoding=encoding)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes: UTF-8 (BOM optional), else Big5/CP950, else BadInput."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{name}: looks like a binary file, not text (.txt/.md must be UTF-8 text)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise BadInput(f"{name}: is not valid UTF-16 text") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_cjk_or_ascii(text):
            return text, encoding
    hint = f" (looks like {guess})" if guess else ""
    raise BadInput(
        f"{name}: is not UTF-8 text{hint} and could not be decoded; "
        "convert it to UTF-8 (e.g. iconv -f BIG5 -t UTF-8) and try again"
    )


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes  # lazy: only undeclared encodings need it
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best else None


def _mostly_cjk_or_ascii(text: str) -> bool:
    """A Big5 decode of random bytes gives rare characters and controls; a real text does not."""
    if not text:
        return False
    good = sum(
        1
        for ch in text
        if ch.isascii()
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
    )
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls == 0 and good / len(text) > 0.9


def _read_docx(p: Path) -> Document:
    try:
        import docx  # lazy: python-docx (and lxml) only for .docx files
    except ImportError:  # pragma: no cover - a declared dependency
        raise BadInput(f"{p}: reading .docx needs python-docx") from None
    check_unpacked_size(p)
    try:
        document = docx.Document(str(p))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(f"{p}: is not a readable .docx file ({exc})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and others
        raise BadInput(f"{p}: is not a readable .docx file ({type(exc).__name__}: {exc})") from None
    lines = list(_docx_body_lines(document))
    lines.extend(_docx_footnote_lines(document, p.name))
    if not any(line.strip() for line in lines):
        raise BadInput(f"{p}: the document is empty")
    return Document(name=p.name, lines=lines, path=str(p), encoding="docx")


def _docx_body_lines(document: Any) -> Iterator[str]:
    """Body paragraphs and table cells' paragraphs, in document order."""
    from docx.table import Table  # lazy, as in _read_docx
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag
        if tag == f"{_W_NS}p":
            yield Paragraph(child, document).text
        elif tag == f"{_W_NS}tbl":
            yield from _table_lines(Table(child, document))


def _table_lines(table: Any) -> Iterator[str]:
    seen: dict[int, object] = {}  # keeps each element alive, so that its id is not reused
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen[id(cell._tc)] = cell._tc
            for paragraph in cell.paragraphs:
                yield paragraph.text
            for inner in cell.tables:
                yield from _table_lines(inner)


def _docx_footnote_lines(document: Any, name: str) -> Iterator[str]:
    """Footnote paragraphs, read from the raw footnotes part (python-docx has no API for it),
    with a parser that loads no DTD, resolves no entity and reaches no network; a part that
    declares a DOCTYPE (Word never writes one) or is not XML is ``BadInput``."""
    from lxml import etree  # lazy, as in _read_docx

    part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            part = rel.target_part
            break
    if part is None:
        return
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError as exc:
        raise BadInput(f"{name}: the footnotes are not readable XML ({str(exc)[:80]})") from None
    if getattr(root.getroottree().docinfo, "doctype", None):  # lxml-stubs lack it
        raise BadInput(f"{name}: the footnotes declare a DOCTYPE, which Word never writes: refused")
    for footnote in root.iter(f"{_W_NS}footnote"):
        if footnote.get(f"{_W_NS}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        number = footnote.get(f"{_W_NS}id", "")
        for i, paragraph in enumerate(footnote.iter(f"{_W_NS}p")):
            text = "".join(t.text or "" for t in paragraph.iter(f"{_W_NS}t"))
            if i == 0:
                text = f"<sup>{number}</sup> {text.strip()}" if text.strip() else text
            yield text


def _notes(path: Path) -> bool:
    return path.stem.lower() == "readme" or path.name.startswith((".", "~$"))


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand the inputs (directories recursively, .txt/.md/.docx) into files; check base names.

    In a directory, a README (any case, .md or .txt) and hidden files are notes about the
    folder, not reports, and are skipped; a file named on its own is always read.

    Raises BadInput when two inputs share a base name (the ``doc`` column would be ambiguous).
    Missing paths are passed through so that the caller reports them with the others.
    """
    seen: dict[str, Path] = {}
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES and not _notes(f)
            )
        else:
            found = [p]
        for f in found:
            other = seen.get(f.name)
            if other is not None and other.resolve() != f.resolve():
                raise BadInput(
                    f"{f}: has the same base name as {other}; rename one (doc names must be unique)"
                )
            if other is None:
                seen[f.name] = f
                out.append(f)
    return iter(out)
