"""Side by side: a heading, contents line or slide line holding a Chinese title and its English title."""

from __future__ import annotations

import re

from glossary.mine.acronyms import is_acronym
from glossary.mine.boundary import strip_title
from glossary.mine.candidate_pair import Candidate
from glossary.mine.english import is_title_en as _is_title_en
from glossary.mine.english import person_like as _person_like
from glossary.mine.lexicon import EN_TITLE_WORDS
from glossary.mine.patterns.columns import ORDINAL_LABEL
from glossary.mine.patterns.columns import PART_QUOTE
from glossary.mine.text import Flat
from glossary.mine.text import is_cjk

_ENUM = re.compile(
    r"^\s*(?:[-•●○→]\s*)?(?:[（(]?[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾\d]{1,3}[)）、.．]\s*)+"
)
_LEADER = re.compile(r"\s*(?:\.{2,}|…{1,})\s*\d*\s*$")
_SESSION = re.compile(
    r"^(?:Session|Part|Day|Module|Panel|Track|Roundtable|Chapter)\s*\d+\s*[:：.\-]\s*", re.I
)


# Latin letters or digits written against Chinese without a space (5G專網, COVID-19疫苗) are
# part of the Chinese segment; a Latin segment may open with a digit (5G Private Network).
_GLUED = r"[A-Za-z0-9][A-Za-z0-9.\-]*(?=[\u4e00-\u9fff])"
_SCRIPT_SEGMENT = re.compile(
    rf"(?:{_GLUED})?[\u4e00-\u9fff](?:[\u4e00-\u9fff、，：:·]|[^\S\t]|{_GLUED})*"
    r"|(?:[A-Za-z\u00c0-\u024f]|[0-9]+[A-Za-z])[^\u4e00-\u9fff]*"
)
# A date opening an agenda line (12月15日, 2025年3月4日) is its own column, not the title's.
_LEADING_DATE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日\s+(?=[\u4e00-\u9fff])")


def _scripts(s: str) -> list[tuple[str, str]]:
    """Split a line into maximal Chinese and Latin segments: [('zh', ...), ('en', ...)]."""
    out: list[tuple[str, str]] = []
    for m in _SCRIPT_SEGMENT.finditer(s):
        seg = m.group(0).strip(" ，、:：-–—_")
        if not seg:
            continue
        kind = "zh" if any(is_cjk(c) for c in seg) else "en"
        out.append((kind, seg))
    return out


def side_by_side_candidates(flat: Flat) -> list[Candidate]:
    out = []
    for n, cl in enumerate(flat.clean, start=1):
        raw = flat.plain_lines[n - 1]
        if not raw or len(raw) > 160 or raw.startswith("圖"):
            continue
        s = _LEADER.sub("", raw)
        is_toc = s != raw
        s = re.sub(r"^[-•●○→]\s*", "", s)
        s = _ENUM.sub("", s)
        s = _SESSION.sub("", s)
        if not s or "(" in s or "（" in s or re.search(r"[\u4e00-\u9fff]\s*[:：]", s):
            continue
        if not (cl.heading_level or is_toc or len(s) <= 90):
            continue
        segs = _scripts(PART_QUOTE.sub(r"\1", s))
        if len(segs) == 3 and segs[2][0] == "zh" and len(segs[2][1]) <= 2:
            segs = segs[:2]
        if len(segs) != 2 or segs[0][0] == segs[1][0]:
            continue
        zh = next(seg for kind, seg in segs if kind == "zh")
        en = next(seg for kind, seg in segs if kind == "en").strip(" .:")
        zh = ORDINAL_LABEL.sub("", zh.strip())  # 議題一　醫療器材法規信賴: the label is not the title's
        zh = _LEADING_DATE.sub("", zh)
        if re.search(r"[，。：:]", zh) or len(zh) < 2 or strip_title(zh) != zh:
            continue
        if re.fullmatch(r"[A-Za-z]+\s*\d+", en):
            continue
        if not _is_title_en(en) or _person_like(en) or is_acronym(en.split()[0]) and len(en.split()) <= 2:
            continue
        if any(w.lower() in EN_TITLE_WORDS for w in en.split()[:1]):
            continue
        offset = flat.starts[n - 1]
        out.append(
            Candidate(
                zh=zh,
                en=en,
                abbr="",
                start=offset,
                end=offset + len(cl.text),
                pattern="side-by-side",
                confidence=0.6,
            )
        )
    return out
