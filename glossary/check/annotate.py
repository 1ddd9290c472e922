"""``--annotate OUT.docx``: a copy of a .docx with each finding as a Word comment at its span.

Lines are the shared reader's: body paragraphs and table-cell paragraphs in document
order (then footnotes, which python-docx cannot comment on: those findings are put on
the first paragraph, saying where they are). A comment is anchored on the runs that
hold the span; a run is split so that the comment covers exactly the span's characters.
Requires python-docx 1.2 (``Document.add_comment``). The copy is written atomically.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from glossary.atomic import atomic_write
from glossary.errors import BadInput

AUTHOR = "glossary check"


def annotate_docx(source: Path, target: Path, findings: list[dict[str, Any]]) -> int:
    """Write ``target``: ``source`` with one comment per finding; return how many were placed."""
    import docx  # lazy: python-docx only for --annotate

    if Path(source).suffix.lower() != ".docx":
        raise BadInput(f"{source}: --annotate needs a .docx input")
    if not hasattr(docx.document.Document, "add_comment"):  # pragma: no cover - setup.cfg pins >= 1.2
        raise BadInput("--annotate needs python-docx 1.2 or later (pip install -U python-docx)")
    document = docx.Document(str(source))
    paragraphs = list(_paragraphs(document))
    placed = 0
    for f in sorted(findings, key=lambda f: (f["line"], -f["column"])):
        text = f"{f['type']}: {f['message']}"
        if f.get("suggestion"):
            text += f"\nsuggestion: {f['suggestion']['text']}"
        index = f["line"] - 1
        if 0 <= index < len(paragraphs):
            runs = _runs_for(paragraphs[index], f["column"] - 1, len(f["text"]) or 1)
        else:
            runs = []
            text = f"(footnote, line {f['line']}) {text}"
        if not runs:
            target_paragraph = paragraphs[index] if 0 <= index < len(paragraphs) else paragraphs[0]
            runs = list(target_paragraph.runs) or [target_paragraph.add_run("")]
        document.add_comment(runs, text=text, author=AUTHOR, initials="GC")
        placed += 1
    _save(document, Path(target))
    return placed


def _paragraphs(document):  # type: ignore[no-untyped-def]
    """Paragraphs in the reader's line order: body paragraphs and table cells."""
    from docx.table import Table  # lazy, as above
    from docx.text.paragraph import Paragraph

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def table(t):  # type: ignore[no-untyped-def]
        seen: set[int] = set()
        for row in t.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                yield from cell.paragraphs
                for inner in cell.tables:
                    yield from table(inner)

    for child in document.element.body.iterchildren():
        if child.tag == f"{w}p":
            yield Paragraph(child, document)
        elif child.tag == f"{w}tbl":
            yield from table(Table(child, document))


def _runs_for(paragraph, start: int, length: int) -> list:  # type: ignore[no-untyped-def]
    """The runs covering characters [start, start+length) of the paragraph, splitting runs at the edges."""
    end = start + length
    pos = 0
    chosen = []
    for run in list(paragraph.runs):
        text = run.text
        lo, hi = pos, pos + len(text)
        pos = hi
        if hi <= start or lo >= end or not text:
            continue
        a, b = max(start, lo) - lo, min(end, hi) - lo
        if b < len(text):
            _split(run, b)
        if a > 0:
            run = _split(run, a)
        chosen.append(run)
    return chosen


def _split(run, at: int):  # type: ignore[no-untyped-def]
    """Split a run at ``at``; the run keeps the left part, the returned new run holds the right."""
    from docx.text.run import Run  # lazy, as above

    text = run.text
    twin = copy.deepcopy(run._r)
    run._r.addnext(twin)
    right = Run(twin, run._parent)
    run.text = text[:at]
    right.text = text[at:]
    return right


def _save(document: Any, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as out:
        document.save(out)
