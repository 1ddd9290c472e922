"""Markup clean-up and character classes: the miner's view of a document.

Each line is cleaned on its own (HTML tags, Markdown emphasis and headings, footnote
markers — ², ``<sup>2</sup>``, ``[2]`` written against a word — and entities) so that
offsets in the joined text map back to the original line numbers. A line opening with a
marker is a footnote body. Bold markers are kept as a sentinel (``BOLD``) because a bold
span is a strong hint of where a term starts; :func:`plain` removes it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field

BOLD = "\x02"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_VALUE = {ch: str(i) for i, ch in enumerate(SUPERSCRIPTS)}

_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|td|tr|th|table|tbody|thead|div|br|h[1-6])\b[^>]*>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|a|font|small|big|sub|code)\b[^>]*>", re.I)
_SUP_NUM = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.I)
_SUP_TAG = re.compile(r"</?sup>", re.I)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_ENTITIES = {"&amp;": "&", "&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
# a marker: <sup>2</sup>, ², or [2] written against the word before it (目標[1]), not a link's
_MARKER = re.compile(
    r"<sup>\s*(\d{1,3})\s*</sup>|(?<=[^\s\[\]])\[(\d{1,3})\](?![(\[])|[" + SUPERSCRIPTS + r"]+", re.I
)


def is_cjk(ch: str) -> bool:
    return (
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "〇" or "\uf900" <= ch <= "\ufaff"
    )


_CJK_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff〇]")


def has_cjk(s: str) -> bool:
    return _CJK_RE.search(s) is not None


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha() or ("\u00c0" <= ch <= "\u024f")


def plain(s: str) -> str:
    """Text for output: sentinels removed, whitespace collapsed."""
    return " ".join(s.replace(BOLD, "").split())


_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Furniture that may open a quote: heading marks, a blockquote, a list bullet, emphasis.
_LEADING_FURNITURE = re.compile(r"^(?:\s*(?:#{1,6}(?=\s)|>|[-*+](?=\s)|[•●○▪■◆◦‧·]|\x02))+\s*")


def unfurnished(s: str) -> str:
    """Text for a citation quote: HTML tags, entities, ``**``/``__`` emphasis and the Markdown
    furniture that may open a line (``#`` headings, ``>``, ``-``/``•`` bullets) removed,
    whitespace collapsed. The words themselves are kept as written."""
    s = _SUP_NUM.sub("", s)
    s = _ANY_TAG.sub(" ", s)
    s = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], s)
    s = s.replace("**", "").replace("__", "").replace(BOLD, "")
    s = " ".join(s.split())
    return _LEADING_FURNITURE.sub("", s)


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


@dataclass
class CleanLine:
    text: str
    heading_level: int = 0
    marks: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, footnote number)
    footnote: str | None = None  # the number, when the line is a footnote body


_MARKUP = re.compile("[<&*_#\\[\\\\" + SUPERSCRIPTS + "]")  # a character some markup rule below needs


def clean_line(raw: str) -> CleanLine:
    """Remove markup from one line, remembering footnote markers and heading level."""
    s = raw.rstrip("\r")
    if not _MARKUP.search(s):
        return CleanLine(text=s)  # plain text (most lines): no rule of clean_markup would change it
    return clean_markup(s)


def clean_markup(s: str) -> CleanLine:
    """:func:`clean_line`'s rules, applied whatever the line holds."""
    level = 0
    m = _HEADING.match(s)
    if m:
        level = len(m.group(1))
        s = s[m.end() :]
    s = s.replace("\\*", "*").replace("\\_", "_").replace("\\#", "#")
    s = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], s)
    s = _BLOCK_TAG.sub("\t", s)
    s = _INLINE_TAG.sub("", s)
    footnote = None
    fm = re.match(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|([" + SUPERSCRIPTS + r"]{1,3})|\[(\d{1,3})\])\s*", s)
    if fm and len(s) > fm.end():
        footnote = fm.group(1) or fm.group(3) or "".join(_SUP_VALUE[c] for c in fm.group(2))
        s = s[fm.end() :]
    s = re.sub(r"<sup>\s*([^<\d][^<]*)</sup>", r"\1", s, flags=re.I)  # 2<sup>nd</sup>
    s = s.replace("**", BOLD).replace("__", "_")
    s = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", s)  # *italics*
    # footnote markers inside the text: remember where they were (offsets in the final text)
    marks: list[tuple[int, str]] = []
    out: list[str] = []
    pos = 0
    length = 0
    for mm in _MARKER.finditer(s):
        chunk = s[pos : mm.start()]
        out.append(chunk)
        length += len(chunk)
        number = mm.group(1) or mm.group(2) or "".join(_SUP_VALUE[c] for c in mm.group(0) if c in _SUP_VALUE)
        marks.append((length, number))
        pos = mm.end()
    out.append(s[pos:])
    s = _SUP_TAG.sub("", "".join(out))
    return CleanLine(text=s, heading_level=level, marks=marks, footnote=footnote)


class Flat:
    """A document's cleaned lines joined with ``\\n``, with offset -> line mapping."""

    def __init__(self, lines: list[str]):
        self.clean = [clean_line(line) for line in lines]
        self.raw = lines
        parts: list[str] = []
        self.starts: list[int] = []
        self.marks: dict[int, str] = {}
        offset = 0
        for cl in self.clean:
            self.starts.append(offset)
            for at, number in cl.marks:
                self.marks[offset + at] = number
            parts.append(cl.text)
            offset += len(cl.text) + 1
        self.text = "\n".join(parts)
        self.plain_lines = [plain(p) for p in parts]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self.starts, offset)

    def line_text(self, number: int) -> str:
        return self.clean[number - 1].text

    def mark_near(self, offset: int, span: int = 2) -> str | None:
        for d in range(0, span + 1):
            if offset + d in self.marks:
                return self.marks[offset + d]
        return None
