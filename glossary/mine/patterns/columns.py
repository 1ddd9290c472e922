"""Tables and split headings: pairs that no bracket marks.

* a row whose cells are separated by tabs, two or more spaces or an ideographic space holds a
  Chinese cell and, next to it, an English cell (and perhaps an acronym cell): agenda tables,
  glossaries laid out in columns, slide lines with both titles;
* a Chinese heading alone on its line with its English title alone on the next line.

A parenthetical at the end of a cell (（第二次討論）, (second discussion)) is not part of the name;
a header row (中文名稱 / English) is no pair.
"""

from __future__ import annotations

import re
from typing import Any

from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import letter_agreement
from glossary.mine.boundary import place_prefix
from glossary.mine.boundary import strip_title
from glossary.mine.candidate_pair import Candidate
from glossary.mine.english import is_title_en
from glossary.mine.kinds import is_person
from glossary.mine.kinds import looks_like_romanised_name
from glossary.mine.text import BOLD
from glossary.mine.text import Flat
from glossary.mine.text import has_cjk
from glossary.mine.text import is_cjk

_CELL_SEP = re.compile(r"\t+|[ \u00a0]{2,}|\s*\u3000+\s*|\s*\|\s*")
_BULLET = re.compile(
    r"^\s*(?:[-•●○▪■◆◦‧·→*]\s*)?(?:[（(]?[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾\d]{1,3}[)）、.．]\s*)*"
)
_TRAILING_NOTE = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")
_HEADER_WORDS = frozenset(
    [
        "english",
        "english",
        "name",
        "name",
        "title",
        "topic",
        "item",
        "agenda",
        "session",
        "remarks",
        "note",
        "notes",
        "description",
        "chinese",
        "term",
        "terms",
        "date",
        "time",
        "venue",
    ]
)
# Field labels that head a line of their own and are not the name below them (會議主題).
_LABELS = ("主題", "名稱", "題目", "標題", "日期", "時間", "地點", "講者", "主持人", "議程", "摘要")
_SENTENCE = re.compile(r"[，。；！？：:]")


# Quotes around part of a Chinese title (「淨零」綠生活): emphasis, not a boundary
PART_QUOTE = re.compile(r"[「『]([\u4e00-\u9fff]{1,10})[」』](?=[\u4e00-\u9fff])")
ORDINAL_LABEL = re.compile(r"^(?:議題|主題|單元|場次|專題|子題)[一二三四五六七八九十\d]+[、：:．.\s]*(?=\S)")


# A slide, page, table or figure label with its number (投影片4, 附件2): a cell that is only
# that is furniture, not a name.
_LABEL_CELL = re.compile(r"(?:投影片|幻燈片|簡報|頁|表|圖|附件|附錄)\s*[0-9０-９]+|第\s*[0-9０-９]+\s*頁")


def _zh_cell(s: str) -> str | None:
    """The cell as a Chinese name, or None: mostly Chinese (a Latin word counting as one
    character), no sentence punctuation; an ordinal label in front (議題一) is not part of it."""
    s = ORDINAL_LABEL.sub("", _TRAILING_NOTE.sub("", PART_QUOTE.sub(r"\1", s)).strip(" ，、"))
    if not s or _LABEL_CELL.fullmatch(s):
        return None
    if not is_cjk(s[0]) and not re.match(r"[A-Za-z0-9]+[\u4e00-\u9fff]", s):
        return None
    cjk = sum(1 for c in s if is_cjk(c))
    # a Latin word counts once, however long (ReFuelEU航空法規): Chinese is at least half the units
    latin = re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-]*", s)
    units = len(s.replace(" ", "")) - sum(len(w) for w in latin) + len(latin)
    if cjk < 2 or len(s) > 30 or _SENTENCE.search(s) or cjk < 0.5 * units:
        return None
    return s


def _en_cell(s: str) -> str | None:
    """The cell as an English name, or None."""
    s = _TRAILING_NOTE.sub("", s).strip(" ,.;:")
    opens = s[:1].isalpha() or re.match(r"[0-9]+[A-Za-z]", s)  # a letter, or 5G of 5G Networks
    if not s or has_cjk(s) or not opens or not s[0].isascii():
        return None
    words = s.split()
    if len(words) > 16 or "://" in s or "@" in s or re.search(r"\d{3,}", s) and len(words) < 2:
        return None
    if s.lower() in _HEADER_WORDS or re.fullmatch(r"[A-Za-z]+\s*\d+", s):
        return None
    if sum(1 for c in s if c.isalpha()) < 0.6 * len(s.replace(" ", "")):
        return None
    return s


_CELL_ACRONYM = re.compile(r"[（(]\s*([^（()）\s]+)\s*[)）]\s*$")


def _acronym_in_cell(cell: str, en: str) -> str:
    """The acronym a cell gives in brackets after its English name, 'Teaching and Learning
    International Survey (TALIS)' -> 'TALIS' (the cell's own acronym comes before one in the
    next cell); '' when the bracket holds no acronym of the name (a note: (second discussion))."""
    m = _CELL_ACRONYM.search(cell)
    if not m or not is_acronym(m.group(1)) or letter_agreement(m.group(1), en) < 0.75:
        return ""
    return m.group(1)


def _make(flat: Flat, n: int, zh: str, en: str, abbr: str, pattern: str, end_line: int | None = None) -> Any:
    pp = place_prefix(zh, en, abbr)
    zh = strip_title(zh[pp:], en) if pp else zh
    offset = flat.starts[n]
    last = end_line if end_line is not None else n
    return Candidate(
        zh=zh,
        en=en,
        abbr=abbr,
        start=offset,
        end=flat.starts[last] + len(flat.clean[last].text),
        pattern=pattern,
        confidence=0.6,
    )


def table_candidates(flat: Flat) -> list[Candidate]:
    """Rows with a Chinese cell and the English cell beside it (either order)."""
    out: list[Candidate] = []
    for n, cl in enumerate(flat.clean):
        line = cl.text
        if "\t" not in line and "  " not in line and "\u3000" not in line and "|" not in line:
            continue
        line = line.replace(BOLD, "")
        if not _CELL_SEP.search(line.strip()):
            continue
        cells = [c for c in _CELL_SEP.split(_BULLET.sub("", line).strip()) if c.strip()]
        if len(cells) < 2:
            continue
        for a in range(len(cells) - 1):
            zh, en = _zh_cell(cells[a]), _en_cell(cells[a + 1])
            order = "zh|en"
            if not (zh and en):
                en, zh = _en_cell(cells[a]), _zh_cell(cells[a + 1])
                order = "en|zh"
            if not (zh and en) or is_person(zh, en) or strip_title(zh) != zh:
                continue
            nxt = a + 2
            abbr = _acronym_in_cell(cells[a + 1] if order == "zh|en" else cells[a], en)
            if not abbr and nxt < len(cells) and is_acronym(cells[nxt].strip()) and order == "zh|en":
                abbr = cells[nxt].strip()
            if is_acronym(en) and len(en.split()) == 1:
                en, abbr = "", en
                if not abbr or len(zh) > 20:
                    continue
            out.append(_make(flat, n, zh, en, abbr, "table"))
            break
    return out


_SECTION_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
)  # 參、 (一): a numbered section heading


_ZH_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[：:]\s*(?=\S)")
_EN_LABEL = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3}\s*:\s+(?=\S)")


def split_heading_candidates(flat: Flat) -> list[Candidate]:
    """A Chinese heading alone on its line, its English title alone on the next line."""
    out: list[Candidate] = []
    lines = flat.plain_lines
    for n in range(len(lines) - 1):
        nxt = lines[n + 1]
        if not nxt or not nxt[0].isascii():
            continue  # the English must open the next line
        if re.match(r"^[圖表][\s0-9一二三四五六七八九十]", lines[n]):
            continue  # a figure or table caption
        head = _BULLET.sub("", lines[n]).strip()
        nxt = lines[n + 1].strip()
        if not head or not nxt or _CELL_SEP.search(head):
            continue
        zl, el = _ZH_LABEL.match(head), _EN_LABEL.match(nxt)
        if zl and el:  # 政策簡報：X / Policy Brief: Y — the labels on both lines are not the titles'
            head, nxt = head[zl.end() :], nxt[el.end() :]
        zh = _zh_cell(head)
        if not zh or len(zh) > 24 or zh.endswith(_LABELS) and len(zh) <= 5:  # 會議主題, not …重點摘要
            continue
        en = _en_cell(_BULLET.sub("", nxt))
        if not en or not is_title_en(en) or is_person(zh, en) or _hyphenated_name(en):
            continue
        if n + 2 < len(lines) and lines[n + 2] and _en_cell(lines[n + 2]):
            continue  # a block of English lines: the cards pattern's business
        prev = lines[n - 1] if n > 0 else ""
        if prev and _zh_cell(prev) and not prev.endswith("。") and not _SECTION_NUMBER.match(prev):
            continue  # a block of Chinese lines (a numbered section heading above is none: 參、…)
        out.append(_make(flat, n, zh, en, "", "heading/en", n + 1))
    return out


def _hyphenated_name(en: str) -> bool:
    """'Ralf-Martin Soe', 'Lin Shu-wei': a person's name, not a title."""
    return "-" in en and looks_like_romanised_name(en) and len(en.split()) <= 3
