"""``glossary check FILE...``: read every input first, check each, optionally annotate a .docx.

Any unreadable input stops the command before anything is printed (exit 2 at the CLI).
The input ``-`` is standard input (text, or a .docx piped in), read through ``stdin``.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glossary.budget import Budget
from glossary.check.acronym_tokens import default_allow_list
from glossary.check.acronym_tokens import parse_allow_option
from glossary.check.checker import Options
from glossary.check.checker import check_with
from glossary.check.knowledge import Knowledge
from glossary.check.printing import human_lines
from glossary.check.printing import json_line
from glossary.check.printing import summary
from glossary.errors import BadInput
from glossary.reader import SUFFIXES
from glossary.reader import Document
from glossary.reader import decode_text
from glossary.reader import read_document


@dataclass
class FileResult:
    result: dict

    @property
    def json(self) -> str:
        return json_line(self.result)

    @property
    def lines(self) -> list[str]:
        return human_lines(self.result)


@dataclass
class CheckRun:
    results: list[FileResult]
    summary: str

    @property
    def count(self) -> int:
        return sum(len(r.result["findings"]) for r in self.results)


def make_options(
    glossary_only: bool = False, document_only: bool = False, allow: Iterable[str] = ()
) -> Options:
    if glossary_only and document_only:
        raise BadInput("give --glossary-only or --document-only, not both")
    allowed = default_allow_list()
    for value in allow:
        allowed.extend(parse_allow_option(value))
    return Options(glossary=not document_only, document=not glossary_only, allow=allowed)


def check_files(
    knowledge: Knowledge,
    files: Iterable[Path],
    glossary_only: bool = False,
    document_only: bool = False,
    allow: Iterable[str] = (),
    annotate: Path | None = None,
    stdin: Callable[[], bytes] | None = None,
    refuse: Callable[[list[Document]], None] | None = None,
    seconds: float | None = None,
) -> CheckRun:
    """Check every file; ``refuse(documents)`` may stop the run (``BadInput``) once all are read
    and before any is checked (size limits); ``seconds``: the whole run's time limit."""
    files = [Path(f) for f in files]
    options = make_options(glossary_only, document_only, allow)
    if seconds is not None:
        options.budget = Budget.of(seconds)
    if annotate is not None:
        if len(files) != 1 or files[0].suffix.lower() != ".docx":
            raise BadInput("--annotate needs exactly one .docx input file")
        if annotate.suffix.lower() != ".docx":
            raise BadInput(f"{annotate}: the annotated copy must be a .docx file")
        if annotate.exists() and files[0].exists() and annotate.resolve() == files[0].resolve():
            raise BadInput(f"{annotate}: --annotate would overwrite the input; give another file name")
    if sum(str(f) == "-" for f in files) > 1:
        raise BadInput("standard input (-) can be read only once")
    documents = []
    for f in files:
        if str(f) == "-" and stdin is not None:
            documents.append(read_stdin(stdin()))
            continue
        if f.suffix.lower() not in SUFFIXES and not f.is_dir():
            raise BadInput(f"{f}: only .txt, .md and .docx files can be checked")
        documents.append(read_document(f))
    if refuse is not None:
        refuse(documents)
    results = [FileResult(check_with(knowledge, document, options)) for document in documents]
    if annotate is not None:
        from glossary.check.annotate import annotate_docx  # lazy: python-docx only for --annotate

        annotate_docx(files[0], annotate, results[0].result["findings"])
    text = summary([r.result for r in results])
    if annotate is not None:
        text += f" Annotated copy: {annotate}."
    return CheckRun(results, text)


def read_stdin(data: bytes) -> Document:
    """Standard input as a document without a name (``file`` null): UTF-8 or Big5 text, or a .docx."""
    if data.startswith(b"PK\x03\x04"):  # a zip: a .docx piped in
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "stdin.docx"
            path.write_bytes(data)
            try:
                document = read_document(path)
            except BadInput as exc:
                raise BadInput(str(exc).replace(str(path), "standard input")) from None
        document.name = ""
        document.path = None
        return document
    text, _ = decode_text(data, "standard input")
    return Document.from_text("", text.replace("\r\n", "\n"))
