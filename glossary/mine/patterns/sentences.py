"""Sentences that state a name in words rather than brackets.

「未經核實清單」，英文名稱為Unverified List，英文簡稱UVL / X之英文全稱為English /
ESS，其英文全稱為Energy Storage System，即儲能系統 / 本倡議之中文名稱為X，英文簡稱ABBR.
The Chinese side is the quoted term before the phrase, the term after 即, the name after
中文名稱為, or else the Chinese run before the phrase cut by the boundary model (``cut``);
when that is no name (a date: …成立於1999年，英文名稱為…), the name opening the clause
(``subject``, :func:`~glossary.mine.boundary.clause_subject`). A demonstrative name (該組織)
stands for the last earlier name on the line with the same head noun (…電信組織).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import letter_agreement
from glossary.mine.boundary import place_prefix
from glossary.mine.boundary import strip_title
from glossary.mine.candidate_pair import Candidate
from glossary.mine.english import is_english
from glossary.mine.english import trim_english
from glossary.mine.text import BOLD
from glossary.mine.text import Flat
from glossary.mine.text import is_cjk

Cut = Callable[[str, str | None, str | None], int | None]
_CLAUSE_START = re.compile(r"[。；;：:\n]|^\s*[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")

_EN_MARK = re.compile(r"(?:其|之)?英文(?:正式)?(?:名稱|全稱|全名)(?:為|是|係)?\s*[:：]?\s*")
_ABBR_MARK = re.compile(
    r"[，,]?\s*(?:其|之)?(?:英文)?簡稱(?:為|是)?\s*[:：]?\s*([A-Za-z][A-Za-z0-9&/\-.]{1,14})"
)
_ZH_NAME = re.compile(r"中文(?:正式)?名稱(?:為|是)\s*[「『]?([\u4e00-\u9fff0-9A-Za-z]{2,30}?)[」』]?[，,]")
_EN_SPAN = re.compile(r"[A-Za-z0-9][^\u4e00-\u9fff，。；、（）「」『』《》\n]*")
_THAT_IS = re.compile(r"^[，,]\s*(?:即|也就是|亦即)\s*([\u4e00-\u9fffA-Za-z0-9]{2,24}?)(?=[，。；、\s]|$)")
# A bracketed short reference after a name: （下稱本專案）, （以下簡稱本法）
_SHORT_REFERENCE = re.compile(r"[（(](?:以下|下)?(?:簡稱|稱|同)[^）)]{0,8}[）)]$")
_DEMONSTRATIVES = "該本此其這那"  # 該組織, 本法: a reference to a name given elsewhere
_CLOSE_QUOTES = {"」": "「", "』": "『", "》": "《", "”": "“"}


# ABBR 為/係/指 English, ABBR之縮寫源自… English: an acronym explained by its expansion in a
# Chinese sentence (FIDO為Fast IDentity Online之縮寫); kept only when the English's initials
# spell the acronym
_ABBR_IS = re.compile(
    r"(?<![A-Za-z0-9&\-])([A-Za-z][A-Za-z0-9&\-]{1,12})\s*"
    r"(?:為|係|是|即|指|乃|(?:之|的)?縮寫(?:源自|來自|取自|係|為|是)[\u4e00-\u9fff]{0,8}?)\s*(?=[A-Za-z])"
)  # FIDO為Fast IDentity Online…, ENISA之縮寫源自該局舊名European Network…
_EXPANSION_AGREEMENT = 0.8


def expansion_candidates(flat: Flat) -> list[Candidate]:
    """``ABBR為English`` pairs (no Chinese side) whose English spells the acronym."""
    out: list[Candidate] = []
    for n, cl in enumerate(flat.clean):
        line = cl.text.replace(BOLD, "")
        for m in _ABBR_IS.finditer(line):
            abbr = m.group(1)
            span = _EN_SPAN.match(line, m.end())
            if not span or not is_acronym(abbr):
                continue
            en = trim_english(span.group(0).strip(" ,.;:"), title=True)
            words = en.split()
            if not 2 <= len(words) <= 12 or not is_english(en):
                continue
            if letter_agreement(abbr, en) < _EXPANSION_AGREEMENT:
                continue
            offset = flat.starts[n]
            end = offset + m.end() + len(span.group(0).rstrip())
            out.append(
                Candidate(
                    zh="",
                    en=en,
                    abbr=abbr,
                    start=offset + m.start(1),
                    end=end,
                    pattern="ABBR為en",
                    confidence=0.7,
                )
            )
    return out


def sentence_candidates(flat: Flat, cut: Cut, subject: Cut | None = None) -> list[Candidate]:
    """The pairs the sentences of ``flat`` state. ``cut``: the left boundary of a Chinese run;
    ``subject``: the length of the name opening a clause (None: only the run before the phrase
    is asked)."""
    out: list[Candidate] = expansion_candidates(flat)
    for n, cl in enumerate(flat.clean):
        line = cl.text.replace(BOLD, "")
        if "英文" not in line and "中文名稱" not in line:
            continue
        offset = flat.starts[n]
        done_abbr: set[int] = set()
        for m in _EN_MARK.finditer(line):
            span = _EN_SPAN.match(line, m.end())
            if not span:
                continue
            en = trim_english(span.group(0).strip(" ,.;:"), title=True)
            inner = re.search(r"\s*\(([A-Za-z][A-Za-z0-9&\-]{1,12})\)$", en)
            abbr = ""
            if inner and is_acronym(inner.group(1)):
                en, abbr = en[: inner.start()].strip(), inner.group(1)
            if not is_english(en) or len(en.split()) > 20:
                continue
            after = span.end()
            ma = _ABBR_MARK.match(line, after)
            if ma and is_acronym(ma.group(1)) and not abbr:
                abbr = ma.group(1)
                done_abbr.add(ma.start(1))
                after = ma.end()
            clause = line[max(line.rfind("。", 0, m.start()), line.rfind("；", 0, m.start())) + 1 : m.start()]
            lead = re.search(r"([A-Za-z][A-Za-z0-9&\-]{1,12})\s*[，,]?\s*(?:其|之)?$", clause)
            if not abbr and lead and is_acronym(lead.group(1)):
                abbr = lead.group(1)  # ESS，其英文全稱為Energy Storage System，即儲能系統
                zh, zh_at = _zh_side(line, m.start(), after, en, abbr, cut, look_before=False)
            else:
                if not abbr:  # 外界常以英文簡稱BSS稱之，其英文全稱為…
                    earlier = [a for a in _ABBR_MARK.finditer(clause) if is_acronym(a.group(1))]
                    if earlier and "英文" in earlier[-1].group(0):
                        abbr = earlier[-1].group(1)
                        done_abbr.add(line.rfind(abbr, 0, m.start()))
                zh, zh_at = _zh_side(line, m.start(), after, en, abbr, cut)
            if zh and zh[0] in _DEMONSTRATIVES and zh_at is not None and subject is not None:
                zh, zh_at = _referent(line, zh_at, zh, en, abbr, cut)
            if _no_name(zh) and subject is not None:
                zh, zh_at = _clause_subject(line, m.start(), en, abbr, subject)
            if _no_name(zh):
                continue
            out.append(_candidate(offset, zh_at or 0, offset + after, zh, en, abbr, "英文名稱為"))
        for ma in _ABBR_MARK.finditer(line):
            if ma.start(1) in done_abbr or "英文" not in ma.group(0) or not is_acronym(ma.group(1)):
                continue
            zn = None
            for zm in _ZH_NAME.finditer(line, 0, ma.start() + 1):
                zn = zm
            if zn:
                zh, zh_at = zn.group(1), zn.start(1)
            else:
                zh, zh_at = _zh_side(line, ma.start(), ma.end(), None, ma.group(1), cut, look_after=False)
            if zh and zh[0] not in _DEMONSTRATIVES:
                out.append(_candidate(offset, zh_at or 0, offset + ma.end(), zh, "", ma.group(1), "英文簡稱"))
    return out


def _referent(line: str, at: int, zh: str, en: str, abbr: str, cut: Cut) -> tuple[str, int | None]:
    """The earlier name that a demonstrative one (該聯盟 at ``at``) stands for: the last run
    before it ending with the same head noun (…漁業聯盟), cut by ``cut``."""
    head = zh[1:]
    if not 1 <= len(head) <= 4:
        return "", None
    p = line.rfind(head, 0, at)
    while p > 0 and line[p - 1] in _DEMONSTRATIVES:
        p = line.rfind(head, 0, p - 1)
    if p <= 0:
        return "", None
    j = p
    while j > 0 and p - j < 30 and is_cjk(line[j - 1]):
        j -= 1
    run = line[j : p + len(head)]
    b = cut(run, en or None, abbr or None)
    if b is None or len(run) - b < len(head) + 2:
        return "", None
    return run[b:], j + b


def _no_name(zh: str) -> bool:
    """Nothing, a reference to a name given elsewhere (該組織, 本法) or a date (1999年)."""
    return not zh or zh[0] in _DEMONSTRATIVES or bool(re.fullmatch(r"[0-9０-９]+[年月日]?", zh))


def _clause_subject(line: str, mark: int, en: str, abbr: str, subject: Cut) -> tuple[str, int | None]:
    """The name opening the clause the phrase at ``mark`` ends (臺灣資料中心成立於1999年，英文名稱為…)."""
    head = line[:mark]
    starts = [m.end() for m in _CLAUSE_START.finditer(head)]
    at = starts[-1] if starts else 0
    at += len(head[at:]) - len(head[at:].lstrip())
    n = subject(head[at:], en or None, abbr or None)
    return (head[at : at + n], at) if n else ("", None)


def _candidate(offset: int, at: int, end: int, zh: str, en: str, abbr: str, pattern: str) -> Candidate:
    pp = place_prefix(zh, en, abbr) if en else 0
    zh = strip_title(zh[pp:], en)
    return Candidate(
        zh=zh, en=en, abbr=abbr, start=offset + at + pp, end=end, pattern=pattern, confidence=0.7
    )


def _zh_side(
    line: str,
    mark: int,
    after: int,
    en: str | None,
    abbr: str | None,
    cut: Cut,
    look_before: bool = True,
    look_after: bool = True,
) -> tuple[str, int | None]:
    """The Chinese name that a phrase at ``mark`` (ending at ``after``) gives the English of:
    the term after 即 (``look_after``), a quoted term just before, or the Chinese run just
    before (``look_before``) cut by the boundary model."""
    if look_after:
        m = _THAT_IS.match(line[after:])
        if m:
            return m.group(1), after + m.start(1)
    head = line[:mark].rstrip(" ，,、之的")
    ref = _SHORT_REFERENCE.search(head)
    if ref and ref.start() > 0 and head[ref.start() - 1] in _CLOSE_QUOTES:
        head = head[: ref.start()]  # 「…專案」（下稱本專案），英文名稱為: the quoted name is the one
    if not head:
        return "", None
    if head[-1] in _CLOSE_QUOTES:
        p = head.rfind(_CLOSE_QUOTES[head[-1]])
        if p >= 0 and 2 <= len(head) - p - 2 <= 30:
            return head[p + 1 : -1], p + 1
        return "", None
    if not look_before:
        return "", None
    j = len(head)
    while (
        j > 0
        and len(head) - j < 30
        and (is_cjk(head[j - 1]) or head[j - 1].isascii() and head[j - 1].isalnum())
    ):
        j -= 1
    run = head[j:]
    if sum(1 for c in run if is_cjk(c)) < 2 or not is_cjk(run[-1]):
        return "", None
    b = cut(run, en, abbr)
    if b is None:
        return "", None
    return run[b:], j + b
