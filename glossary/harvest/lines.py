"""Report lines as citations see them: "does this line state this form?" and "which section is it in?".

A form is on a line when it is a substring of the line after both are normalised the
same way: NFKC, HTML tags, Markdown bold and footnote superscripts removed, whitespace
collapsed (so a term split by ``**`` or ``<sup>5</sup>`` still counts). This is the rule
the citation test of ``data/terms.csv`` checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Mapping

from glossary.mine.sections import section_paths
from glossary.mine.text import Flat
from glossary.mine.text import unfurnished
from glossary.quotes import QUOTE_MAX
from glossary.quotes import quote_around
from glossary.reader import Document

_MARKUP = re.compile(r"<[^>]*>|\*\*|__")


def normalise(text: str) -> str:
    """NFKC, markup removed, whitespace collapsed to single spaces."""
    return display(unicodedata.normalize("NFKC", text))


def display(text: str) -> str:
    """Markup removed, whitespace collapsed; the characters as the report writes them (for quotes)."""
    return " ".join(_MARKUP.sub("", text).split())


class ReportLines:
    """The lines and section paths of a set of documents, by document base name."""

    def __init__(self, docs: Iterable[Document]) -> None:
        self.lines: dict[str, list[str]] = {}
        self._normalised: dict[str, list[str]] = {}
        self._sections: dict[str, list[str]] = {}
        for doc in docs:
            self.lines[doc.name] = doc.lines

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> ReportLines:
        return cls(Document.from_text(name, text) for name, text in texts.items())

    def has_doc(self, doc: str) -> bool:
        return doc in self.lines

    def line_count(self, doc: str) -> int:
        return len(self.lines.get(doc, ()))

    def text(self, doc: str, line: int) -> str:
        lines = self.lines.get(doc) or []
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def normalised(self, doc: str, line: int) -> str:
        if doc not in self._normalised:
            self._normalised[doc] = [normalise(x) for x in self.lines.get(doc, [])]
        lines = self._normalised[doc]
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def states(self, doc: str, line: int, form: str) -> bool:
        """True when ``form`` (normalised) occurs on that line (normalised)."""
        wanted = normalise(form)
        return bool(wanted) and wanted in self.normalised(doc, line)

    def section(self, doc: str, line: int) -> str:
        if doc not in self._sections:
            self._sections[doc] = section_paths(Flat(self.lines.get(doc, [])))
        sections = self._sections[doc]
        return sections[line - 1] if 1 <= line <= len(sections) else ""

    def clause(self, doc: str, line: int, around: str = "", limit: int = QUOTE_MAX) -> str:
        """A quote from the line: the clause containing ``around`` (or the line's start), ≤ limit."""
        text = unfurnished(self.text(doc, line))
        at = text.find(display(around)) if around else -1
        if at < 0:
            return quote_around(text, 0, 0, limit)
        return quote_around(text, at, at + len(display(around)), limit)
