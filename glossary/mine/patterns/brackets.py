"""Bracket patterns: 中文（English）, 中文(English, ABBR), 中文（English，以下簡稱 ABBR）, 中文（ABBR）,
中文（ABBR，全名為 English）, 「中文」(English), ABBR（English）, English(中文), and the English-only
"Long Name (ABBR)" (Schwartz–Hearst, with a fallback for acronyms of another language when the
long form is an organisation's name). The Chinese left boundary comes from :mod:`glossary.mine.boundary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from glossary.mine import translations
from glossary.mine.acronyms import FUNCTION_WORDS
from glossary.mine.acronyms import acronym_letters
from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import is_acronym_form
from glossary.mine.acronyms import letter_agreement
from glossary.mine.boundary import Vocabulary
from glossary.mine.boundary import basic_left_boundary
from glossary.mine.boundary import explain_boundary
from glossary.mine.boundary import leading_verb
from glossary.mine.boundary import place_prefix
from glossary.mine.boundary import rest_opens_the_english
from glossary.mine.boundary import strip_title
from glossary.mine.boundary import translated_share
from glossary.mine.candidate_pair import Candidate
from glossary.mine.candidate_pair import Count
from glossary.mine.english import is_amount
from glossary.mine.english import is_clause
from glossary.mine.english import is_english as _is_english
from glossary.mine.english import person_like as _person_like
from glossary.mine.english import short_form_of
from glossary.mine.english import strip_en_title
from glossary.mine.english import trim_english
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.lexicon import EN_TITLE_WORDS
from glossary.mine.lexicon import REGION_QUALIFIERS
from glossary.mine.segment import segment
from glossary.mine.text import BOLD
from glossary.mine.text import Flat
from glossary.mine.text import has_cjk
from glossary.mine.text import is_cjk
from glossary.mine.text import is_latin
from glossary.mine.text import plain

OPEN = "(（"
CLOSE = ")）"
QUOTE_PAIRS = {"」": "「", "』": "『", "》": "《", "”": "“", "〉": "〈", '"': '"'}
OPEN_QUOTES = "「『《“〈"
MARKERS = re.compile(
    r"(以下簡稱|以下稱|下稱|簡稱|以下称|下称|简称|全名為|全名为|全稱為|全稱"
    r"|英文全名為|英文全稱為|英文名稱為|又稱|或稱)\s*[:：]?\s*"
)


@dataclass
class Inner:
    en: str = ""
    abbr: str = ""
    zh: str = ""
    short: str = ""  # a Chinese short form after 簡稱/下稱 (國教署), or a reference (本法)


# A Chinese name ending in a number (a year, a version): 展望2030, 貢獻3.0
_ZH_NUMBERED = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff、·・ ]*[0-9]{1,4}(?:\.[0-9])?")


_ZH_DIGITS_INSIDE = re.compile(r"[\u3400-\u9fff]+[0-9]{1,4}[\u3400-\u9fff]+")


def parse_inner(inner: str) -> Inner | None:
    """Split a bracket's content into English, acronym and Chinese parts."""
    inner = plain(inner.replace("\n", " "))
    if not has_cjk(inner):
        inner = trim_english(inner.strip(" ，,;；"), title=True)
    s = inner
    s = s.strip(" ，,;；")
    if not s or any(c in s for c in "()（）[]"):
        return None
    if has_cjk(s):
        m = MARKERS.search(s)
        if m:
            before = s[: m.start()].strip(" ，,、;；")
            after = s[m.end() :].strip(" ，,、;；。")
            if (is_acronym_form(after) or short_form_of(after, before)) and _is_english(before):
                return Inner(en=trim_english(before, title=True), abbr=after)  # …，簡稱AI Act
            if is_acronym_form(before) and _is_english(after):
                return Inner(en=trim_english(after, title=True), abbr=before)
            if is_acronym_form(after) and not before:
                return Inner(abbr=after)
            if _is_english(before) and 2 <= len(after) <= 8 and all(is_cjk(c) for c in after):
                return Inner(en=trim_english(before, title=True), short=after)  # …，下稱本法
            return None
        if all(is_cjk(c) or c in "、·・ " for c in s) and len(s) <= 20:
            return Inner(zh=s)
        if (_ZH_NUMBERED.fullmatch(s) or _ZH_DIGITS_INSIDE.fullmatch(s)) and len(s) <= 20:
            return Inner(zh=s)  # 展望2030, 協定第6版: kept only if the English or acronym has the number
        return None
    if is_acronym_form(s):
        return Inner(abbr=s)
    parts = re.split(r"\s*[,，;；]\s*", s)
    if len(parts) >= 2 and is_acronym_form(parts[-1]) and _is_english(", ".join(parts[:-1])):
        return Inner(en=", ".join(parts[:-1]).strip(), abbr=parts[-1])
    if (
        len(parts) >= 2
        and _is_english(", ".join(parts[:-1]))
        and short_form_of(parts[-1], ", ".join(parts[:-1]))
    ):
        return Inner(
            en=", ".join(parts[:-1]).strip(), abbr=parts[-1]
        )  # 'EU Emissions Trading System, EU ETS'
    if _is_english(s):
        return Inner(en=s)
    return None


# ---------------------------------------------------------------- the brackets


def _bracket_spans(text: str) -> Any:
    for m in re.finditer(r"[(（]", text):
        i = m.start()
        depth = 0
        newlines = 0
        j = i
        limit = min(len(text), i + 400)
        while j < limit:
            c = text[j]
            if c in OPEN:
                depth += 1
            elif c in CLOSE:
                depth -= 1
                if depth == 0:
                    yield i, j
                    break
            elif c == "\n":
                newlines += 1
                if newlines > 3:
                    break
            j += 1


_FOOTNOTE_MARK = re.compile(r"(?<=[\u3400-\u9fff])\[\d{1,3}\]$")


def _cjk_before_number(text: str, k: int) -> bool:
    """Whether the number ending at ``k`` follows Chinese text (願景2040（…）, 3.0 of 貢獻3.0)."""
    m = re.search(r"[0-9][0-9.]*$", text[max(0, k - 8) : k + 1])
    at = k - len(m.group(0)) if m else k - 1
    return at >= 0 and is_cjk(text[at])


def _skip_left(text: str, k: int) -> int:
    """Index of the first meaningful char left of ``k`` (spaces and bold markers skipped);
    crosses one line break when the bracket starts its line."""
    while k >= 0 and text[k] in " \u3000" + BOLD:
        k -= 1
    marker = _FOOTNOTE_MARK.search(text, max(0, k - 5), k + 1)
    if marker:  # a footnote marker between the term and its bracket: 長期理想目標[1]（…）
        k = marker.start() - 1
    if k >= 0 and text[k] == "\n":
        k -= 1
        while k >= 0 and text[k] in " \u3000\t" + BOLD:
            k -= 1
        if k >= 0 and text[k] == "\n":
            k -= 1  # one blank line
            while k >= 0 and text[k] in " \u3000\t" + BOLD:
                k -= 1
    return k


def _after(text: str, j: int) -> int:
    k = j + 1
    while k < len(text) and text[k] in " \u3000" + BOLD:
        k += 1
    return k


def _enclosing_quote(text: str, i: int, j: int) -> int | None:
    """If the bracket [i, j] sits inside a quote that closes right after it, the quote's start."""
    k = _after(text, j)
    if k >= len(text) or text[k] not in QUOTE_PAIRS:
        return None
    opener = QUOTE_PAIRS[text[k]]
    p = i - 1
    while p >= 0 and i - p <= 80:
        c = text[p]
        if c == opener:
            return p
        if c in "。！？\t" or (c in QUOTE_PAIRS and c != '"'):
            return None
        if c == "\n" and (p == 0 or text[p - 1] == "\n"):
            return None
        p -= 1
    return None


_PREFIX = re.compile(r"(?:^|(?<=[\s\u4e00-\u9fff（(「]))([A-Za-z][A-Za-z0-9&\-]{1,9})\s?$")


_LATIN_CHUNK = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%&+\-/]*$")


def _in_english(chunk: str, en: str) -> bool:
    """Whether a Latin word or number inside a Chinese term is one the English repeats: 5G in
    '5G private network', CBAM in 'authorised CBAM declarant', 29 in '29th Conference', the 6
    and 4 of 第6條第4項 in 'Article 6.4'."""
    if not en:
        return False
    digits = re.findall(r"\d+", chunk)
    if digits and not re.search(r"[A-Za-z]", chunk):
        have = set(re.findall(r"\d+", en))
        # 2027 for WRC-27: a year the acronym writes with two digits
        return all(
            d in have or any(len(h) == 2 and len(d) == 4 and d.endswith(h) for h in have) for d in digits
        )
    low = en.lower()
    return re.search(r"(?<![a-z0-9])" + re.escape(chunk.lower().rstrip(".")), low) is not None


# Measure words that count events or items (屆, 次, 項…): before a number that opens the term,
# they belong to the words before it (下一屆, 第三次), not to the name.
_COUNTING = frozenset("屆届次個个項项份場场輪轮批")


def _chinese_run(text: str, k: int, en: str = "") -> tuple[int, str | None, bool]:
    """Start of the run of Chinese ending at ``k`` (inclusive), an acronym standing just before it,
    and whether the run starts at a strong boundary. Latin words and numbers inside the run
    that the English repeats (5G專網, 促進AI發展條例, 第29屆) belong to it."""
    j = k
    commas = en.count(",")  # 聯合國教育、科學及文化組織 (…Educational, Scientific and Cultural…)
    while j >= 0 and k - j < 40:
        if is_cjk(text[j]):
            j -= 1
            continue
        if text[j] == "、" and commas > 0 and j > 0 and is_cjk(text[j - 1]):
            commas -= 1  # an enumeration comma inside the name, as the English has one
            j -= 1
            continue
        m = _LATIN_CHUNK.search(text[max(0, j - 20) : j + 1])
        if m and j < k and _in_english(m.group(0), en):
            j -= len(m.group(0))
            if m.group(0).isdigit() and j >= 0 and text[j] in _COUNTING:
                break  # 下一屆 | 2027年…: the measure word counts the event, the name opens on the year
            continue
        break
    p = j
    while p >= 0 and text[p] in " \u3000":
        p -= 1
    strong = k - j < 40 and (p < 0 or not (text[p].isalnum() and text[p].isascii()))
    start = j + 1
    prefix = None
    m = _PREFIX.search(text[max(0, j - 15) : j + 1])
    if m and is_acronym(m.group(1)):
        prefix = m.group(1)
        strong = k - j < 40  # 'APEC 經濟委員會': an acronym in front is a boundary too
    return start, prefix, strong


def bracket_candidates(
    flat: Flat,
    count: Count,
    variety: Count | None = None,
    boundary: bool = True,
    known: Vocabulary | None = None,
) -> list[Candidate]:
    """Every bracket pair of ``flat``. ``boundary``: cut the Chinese left boundary with the
    boundary model (segmentation, dictionary); False uses the caller's vocabulary ``known``
    and the stop characters only (:func:`~glossary.mine.boundary.basic_left_boundary`)."""
    text = flat.text
    out: list[Candidate] = []
    for i, j in _bracket_spans(text):
        inner = parse_inner(text[i + 1 : j])
        if inner is None:
            continue
        k = _skip_left(text, i - 1)
        if k < 0:
            continue
        c = text[k]
        if inner.zh:
            cand = _english_chinese(text, i, j, k, inner, boundary)
        elif (
            is_cjk(c)
            or c in QUOTE_PAIRS
            or (c.isdigit() and _cjk_before_number(text, k))
            or _enclosing_quote(text, i, j) is not None
        ):
            cand = _chinese_english(flat, i, j, k, inner, count, variety, boundary, known)
        elif is_latin(c) or c.isdigit() or c in ".)’'":
            cand = _english_left(flat, i, j, k, inner, count)
        else:
            cand = None
        if cand:
            out.append(cand)
    return out + code_quote_candidates(flat)


def _chinese_english(
    flat: Flat,
    i: int,
    j: int,
    k: int,
    inner: Inner,
    count: Count,
    variety: Count | None = None,
    boundary: bool = True,
    known: Vocabulary | None = None,
) -> Candidate | None:
    text = flat.text
    en = strip_en_title(inner.en) if inner.en else ""
    abbr = inner.abbr
    q = _enclosing_quote(text, i, j)
    zh = ""
    start = None
    run_info = ("", 0)
    confidence = 0.8
    pattern = "zh(en)" if en else "zh(abbr)"
    if q is not None:
        zh = plain(text[q + 1 : i])
        start = q + 1
        pattern = "「zh(en)」"
        confidence = 0.9
    elif text[k] in QUOTE_PAIRS:
        opener = QUOTE_PAIRS[text[k]]
        p = text.rfind(opener, max(0, k - 80), k)
        if p >= 0 and "\n\n" not in text[p:k] and "。" not in text[p:k]:
            zh = plain(text[p + 1 : k])
            start = p + 1
            pattern = "「zh」(en)"
            confidence = 0.9
    else:
        tail = re.search(r"[0-9][0-9.]*$", text[max(0, k - 10) : k + 1])
        if tail and not _in_english(tail.group(0), en):  # a bare footnote digit after the term
            while k >= 0 and text[k].isdigit():
                k -= 1
        last_cjk = k - len(tail.group(0)) if tail and text[k].isdigit() else k
        if last_cjk < 0 or not is_cjk(text[last_cjk]):
            return None
        en = trim_english(en)  # not a quoted title: 'The' is not part of a name
        # a number the English repeats ends the term (願景2040（Vision 2040）)
        run_start, prefix, strong = _chinese_run(text, last_cjk, f"{en} {abbr}".strip())
        run = text[run_start : k + 1]
        before = text[max(0, run_start - 2) : run_start].strip()
        number_before = bool(before) and before[-1].isdigit()
        if boundary:
            chosen = explain_boundary(run, en or None, abbr or None, strong, number_before, variety)
            if chosen is None:
                return None
            b: int | None = chosen.start
            if en:  # the boundary model's own confidence, from translation coverage and the rest
                confidence += 0.2 * (chosen.confidence - 0.75)
        else:
            b = basic_left_boundary(run, en or None, abbr or None, strong, number_before, known=known)
            if b is None:
                return None
        if (
            b == 1
            and run[0] in "與和及暨"
            and prefix
            and en
            and re.match(re.escape(prefix) + r"\s+(?:and|&)\s", en)
        ):
            b = 0  # 'AI 與監管沙盒 (AI and regulatory Sandboxes)': 與 joins the Latin word in front
        assert b is not None  # both branches above return when there is no boundary
        zh = run[b:]
        zh_start = run_start + b
        # a leading verb that the document elsewhere does without: 交流隱私強化技術 -> 隱私強化技術
        v = leading_verb(zh) if boundary else 0
        # … unless the rest lacks the English's first word, which the verb may be (自主 | 減量計畫,
        # self-determined reduction plan)
        if (
            v
            and len(zh) - v >= 4
            and count(zh[v:]) > count(zh)
            and (not en or rest_opens_the_english(zh[v:], en))
        ):
            zh = zh[v:]
            zh_start += v
        # a place or regional body the English lacks: 秘魯經濟暨財政部 (Ministry of Economy and Finance)
        pp = place_prefix(zh, en, abbr)
        if pp:
            zh = zh[pp:]
            zh_start += pp
        start = zh_start
        run_info = (run, run_start)
        if b == 0 and prefix and en:
            lf = find_long_form(prefix, en)
            if lf and letter_agreement(prefix, en) >= 0.75:
                zh = f"{prefix} {zh}"
                start = text.rfind(prefix, 0, run_start)
            shared = _latin_words_the_english_has(text, run_start, en)
            if shared and len(shared[0]) > len(zh) - len(run):
                zh = f"{shared[0]} {run}"
                start = shared[1]
        if b == 0 and boundary and en:
            quoted = _quoted_before(text, run_start)
            own = translated_share(zh, en)
            if quoted and translated_share(quoted[0] + zh, en) >= own + 0.25:
                if own == 0:
                    # 《…現況與趨勢》報告 (State and Trends of …): the word after the title
                    # translates nothing of the English, so the title alone is the name
                    zh, start = quoted[0], quoted[1]
                    run_info = (quoted[0], quoted[1])
                else:  # 《氣候變遷因應法》施行細則: the title is the name's
                    zh, start = quoted[0] + zh, quoted[1]
    zh = strip_title(plain(zh).strip(" ，,、：:-—_"), en)
    if not zh or sum(1 for ch in zh if is_cjk(ch)) < 2 or len(zh) > 60:
        return None
    if not en and abbr and re.match(r"\s*[0-9]+/[0-9]+", text[j + 1 : j + 12]):
        return None  # 規則（EU）2024/1689: a citation (Regulation (EU) 2024/1689), not an acronym
    if en and (
        _en_refers_elsewhere(en) and not (boundary and _spells_out_the_acronym(zh, en))
        or is_amount(en)
        or is_clause(en)
    ):
        return None
    if inner.short and not abbr:
        run, run_start = run_info
        if not _abbreviates(inner.short, zh) and run.endswith(zh):
            # the short form is evidence of where the name starts: 國民及 | 學前教育署 (簡稱國教署)
            # reaches back to 國, the nearest start from which the run holds the short form
            for p in range(len(run) - len(zh) - 1, -1, -1):
                if _abbreviates(inner.short, run[p:]):
                    zh, start = run[p:], run_start + p
                    break
        if _abbreviates(inner.short, zh):
            abbr = inner.short  # not 本法 (下稱本法), which only refers to the name
    agreement = letter_agreement(abbr, en) if abbr and en else None
    if abbr and en and agreement is not None and agreement < 0.5:
        confidence -= 0.2
    return Candidate(
        zh=zh,
        en=en,
        abbr=abbr,
        start=start if start is not None else i,
        end=j + 1,
        pattern=pattern,
        confidence=round(confidence, 2),
        agreement=agreement,
        mark_at=i,
        run=run_info[0],
        run_start=run_info[1],
    )


def _quoted_before(text: str, run_start: int) -> tuple[str, int] | None:
    """The Chinese title in quotes just before a run (《…》, 「…」) and where it starts."""
    close = text[run_start - 1] if run_start > 0 else ""
    if close not in QUOTE_PAIRS:
        return None
    p = text.rfind(QUOTE_PAIRS[close], max(0, run_start - 40), run_start - 1)
    body = text[p + 1 : run_start - 1] if p >= 0 else ""
    if not body or not has_cjk(body) or not all(is_cjk(c) or c.isascii() and c.isalnum() for c in body):
        return None  # Chinese, with digits or Latin letters in it (2024年…)
    return body, p + 1


def _abbreviates(short: str, zh: str) -> bool:
    """Whether the Chinese ``short`` is a short form of ``zh``: shorter, opening with the same
    character, its characters taken from ``zh`` in order (國教署 of 國民及學前教育署)."""
    if len(short) >= len(zh) or short[0] != zh[0]:
        return False
    it = iter(zh)
    return all(c in it for c in short)


def _latin_words_the_english_has(text: str, run_start: int, en: str) -> tuple[str, int] | None:
    """The Latin words (two or three) just before a Chinese run that the English has too, in
    the same order: 'OECD AI 原則 (OECD AI Principles)' -> ('OECD AI', offset)."""
    m = re.search(
        r"(?:^|(?<=[^\x00-\x7f]))\s*((?:[A-Za-z][A-Za-z0-9&\-]*\s){2,3})$",
        text[max(0, run_start - 40) : run_start],
    )
    if not m:
        return None
    words = m.group(1).split()
    if not re.search(r"(?<![\w-])" + re.escape(" ".join(words)) + r"(?![\w-])", en):
        return None
    return " ".join(words), max(0, run_start - 40) + m.start(1)


def _en_refers_elsewhere(en: str) -> bool:
    """'PACT project': an acronym plus a generic word names another concept, not a translation."""
    ws = en.split()
    return 1 <= len(ws) <= 3 and is_acronym(ws[0]) and all(w.islower() for w in ws[1:]) and len(ws) > 1


def _spells_out_the_acronym(zh: str, en: str) -> bool:
    """Whether a Chinese word of ``zh`` translates the acronym opening ``en`` (人工智慧 for the AI
    of 'AI literacy'), or ``zh`` writes the acronym and translates the other words (CBAM憑證):
    then the English is the pair's translation after all."""
    english = translations.english(en)
    acronym = en.split()[0]
    lead = translations.stem(acronym)
    tokens = [tok for tok in segment(zh) if has_cjk(tok[0])]
    if any(lead in english.covered(tok[1]) for tok in tokens):
        return True
    # the Chinese writes the acronym too (CBAM憑證, CBAM certificates) and translates the rest
    rest = english.stems - {lead}
    have = frozenset().union(*(english.covered(t[1]) for t in tokens))
    return acronym in zh and bool(rest) and rest <= have


_LATIN_WORD = r"(?:[^\W\u3400-\u9fff\uf900-\ufaff]|[\-'])"  # a word character, not Chinese: OECD出版之Digital


def _english_chinese(
    text: str, i: int, j: int, k: int, inner: Inner, boundary: bool = True
) -> Candidate | None:
    """English(中文) and ABBR(中文). Capitalised words that could be a person's name (Jane
    Roe（遠端參與）) are a pair only when, with the dictionary (``boundary``), the Chinese
    translates at least half of them (Good Reliance Practices（良好法規信賴實務）)."""
    line_start = text.rfind("\n", 0, i) + 1
    left = plain(text[line_start:i])
    zh = inner.zh
    # a number ending the English that the Chinese ends with too (Outlook 2030（展望2030）) is
    # the name's; the English is read before it and the number joins it again
    number = re.search(r"(?<=[A-Za-z])\s+([0-9]{1,4}(?:\.[0-9])?)\s*$", left)
    if number and zh.endswith(number.group(1)):
        en = _english_before(left[: number.start()], 1)
        if en and (not _person_like(en) or boundary and translated_share(zh, en) >= 0.5):
            return Candidate(
                zh=zh,
                en=f"{en} {number.group(1)}",
                abbr="",
                start=text.rfind(en, 0, i),
                end=j + 1,
                pattern="en(zh)",
                confidence=0.6,
                mark_at=j + 1,
            )
    code = _CODE_BEFORE.search(left)
    if code and code.start() == 0 or code and not left[code.start() - 1].isascii():
        return _code_candidate(text, code.group(1), zh, i, j)  # ISO/IEC 42001（…管理系統標準）
    if _ZH_NUMBERED.fullmatch(zh):
        return None  # a numbered Chinese name pairs only with English ending in its number
    m = re.search(r"([A-Za-z][A-Za-z0-9&\-]{1,9})\s*$", left)
    if not m:
        return None
    if left[: m.start()].endswith(tuple("0123456789")) and not re.search("[0-9一二三四五六七八九十]", zh):
        return None  # letters right after a number are its unit (3GW（百萬瓩）), unless the Chinese
        # has the number too (3GPP（第三代合作夥伴計畫）)
    zh_digits = re.findall(r"[0-9]+", zh)
    if zh_digits and not re.search(r"[0-9]", m.group(1)):
        return None  # a number in the Chinese that neither the acronym nor the English has
    if is_acronym(m.group(1)):
        tok = m.group(1)
        ends_in_its_number = bool(zh_digits) and re.findall(r"[0-9]+", tok) == zh_digits  # IPv6
        if tok.upper() in REGION_QUALIFIERS or tok[-1].isdigit() and not ends_in_its_number or len(zh) > 12:
            return None
        return Candidate(
            zh=zh,
            en="",
            abbr=tok,
            start=text.rfind(tok, 0, i),
            end=j + 1,
            pattern="abbr(zh)",
            confidence=0.6,
            mark_at=j + 1,
        )
    found = _english_before(left, 2)
    if not found:
        return None
    en = found
    if _person_like(en) and not (boundary and translated_share(zh, en) >= 0.5):
        return None
    return Candidate(
        zh=zh,
        en=en,
        abbr="",
        start=text.rfind(en, 0, i),
        end=j + 1,
        pattern="en(zh)",
        confidence=0.6,
        mark_at=j + 1,
    )


# A standard's code: capitals (joined by slashes), a space, then a series letter and a number
# or a number of three digits or more (ISO/IEC 42001, IFRS S1, not KFA 9); before （中文） or
# 「中文」 it is that title's short form
_CODE = r"((?:[A-Z]{2,6}/)*[A-Z]{2,6} (?:[A-Z][0-9]{1,5}|[0-9]{3,5})(?:[-:.][0-9]+)*)"
_CODE_BEFORE = re.compile(_CODE + r"\s*$")
_CODE_QUOTE = re.compile(r"(?<![A-Za-z0-9/])" + _CODE + r"\s*「([\u4e00-\u9fff、]{2,20})」")


def _code_candidate(text: str, code: str, zh: str, i: int, j: int) -> Candidate:
    return Candidate(
        zh=zh,
        en="",
        abbr=code,
        start=text.rfind(code, 0, i),
        end=j + 1,
        pattern="code(zh)",
        confidence=0.6,
        mark_at=j + 1,
    )


def code_quote_candidates(flat: Flat) -> list[Candidate]:
    """A code before a Chinese title in 「」 (IFRS S1「永續相關財務資訊揭露之一般規定」)."""
    return [
        _code_candidate(flat.text, m.group(1), m.group(2), m.start(2) - 1, m.end() - 1)
        for m in _CODE_QUOTE.finditer(flat.text)
    ]


def _english_before(left: str, least: int) -> str | None:
    """The capitalised English name (at least ``least`` words) that ends ``left``."""
    m = re.search(
        rf"((?:[A-Z]{_LATIN_WORD}*\s+(?:(?:of|for|and|the|on|in|de)\s+)*){{0,7}}[A-Z]{_LATIN_WORD}*)\s*$",
        left,
    )
    return m.group(1) if m and len(m.group(1).split()) >= least else None


# ---------------------------------------------------------------- English-only


_WINDOW_STOP = re.compile(
    r"[\t()\[\]:;。；：|]|\n\s*\n|[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]|(?<=[a-z]{3})\. |\s[-–—]\s"
)


def _window(text: str, i: int) -> tuple[str, int]:
    lo = max(0, i - 300)
    seg = text[lo:i]
    last = None
    for m in _WINDOW_STOP.finditer(seg):
        last = m
    if last:
        return seg[last.end() :], lo + last.end()
    return seg, lo


def _english_left(flat: Flat, i: int, j: int, k: int, inner: Inner, count: Count) -> Candidate | None:
    text = flat.text
    win, win_start = _window(text, i)
    win_plain = win.replace(BOLD, " ").replace("\n", " ")
    tokens = win_plain.split()
    if not tokens:
        return None
    last = tokens[-1]
    if inner.en and not inner.abbr:
        # ABBR（English）: GGKP（Green Growth Knowledge Platform）
        if not is_acronym(last) or last.upper() in REGION_QUALIFIERS and not find_long_form(last, inner.en):
            return None
        en = strip_en_title(inner.en)
        agreement = letter_agreement(last, en)
        lf = find_long_form(last, en)
        if lf != en.strip() or agreement < 0.75 or re.search(r"\b(tbc|tbd)\b", en, re.I):
            return None
        return Candidate(
            zh="",
            en=en,
            abbr=last,
            start=text.rfind(last, 0, i),
            end=j + 1,
            pattern="abbr(en)",
            confidence=0.8 if agreement >= 0.75 else 0.5,
            agreement=agreement,
            mark_at=j + 1,
        )
    if not inner.abbr or inner.en:
        return None
    abbr = inner.abbr
    if is_acronym(last) and not any(c.islower() for c in last[1:]) and len(tokens) == 1:
        return None
    n = len(acronym_letters(abbr))
    limit = min(n + 5, 2 * n)
    tail_tokens = tokens[-limit:]
    tail = " ".join(tail_tokens)
    lf = find_long_form(abbr, tail)
    pattern = "en(abbr)"
    confidence = 0.85
    if lf:
        lf = lf.strip(" ,.;:-–—")
        lf_words = lf.split()
        if lf_words and lf_words[0].lower() in FUNCTION_WORDS:
            return None
        agreement = letter_agreement(abbr, lf)
        if agreement < 0.5 or (len(lf_words) < 2 and "-" not in lf):
            return None
        before = tokens[: len(tokens) - len(lf_words)]
        lf = _extend_left(lf, before, count)
    else:
        lf = _org_fallback(abbr, win_plain, win_start, text)
        if not lf:
            return None
        agreement = letter_agreement(abbr, lf)
        pattern = "org(abbr)"
        confidence = 0.6
    lf = strip_en_title(lf)
    start = text.rfind(lf.split()[0], win_start, i)
    return Candidate(
        zh="",
        en=lf,
        abbr=abbr,
        start=start if start >= 0 else i,
        end=j + 1,
        pattern=pattern,
        confidence=confidence,
        agreement=agreement,
        mark_at=j + 1,
    )


def _extend_left(lf: str, before: list[str], count: Count) -> str:
    """Take in a qualifier the acronym skips: 'APEC DIGITAL ECONOMY STEERING GROUP (DESG)',
    'ASEAN Digital Economy Framework Agreement (DEFA)', '... Climate Change, Energy ... (CET)'."""
    for _ in range(2):
        if not before:
            break
        w = before[-1].strip(",")
        if w != before[-1] or not w[:1].isupper() or w.lower() in FUNCTION_WORDS | EN_TITLE_WORDS:
            break
        first = lf.split()[0].strip(",")
        bigram = f"{w} {first}"
        if w.upper() in REGION_QUALIFIERS or (not is_acronym(w) and count(bigram) >= 2):
            lf = f"{w} {lf}"
            before = before[:-1]
        else:
            break
    return lf


_TITLE_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w\-'’\u00c0-\u024f]*$")


def _org_fallback(abbr: str, win: str, win_start: int, text: str) -> str | None:
    """An acronym of another language after an organisation's English name
    ('Plain Hydrology Institute (IHLLA)'): the Title-Case phrase, person's name in front dropped."""
    if not abbr.isupper() or len(acronym_letters(abbr)) < 3:
        return None
    seg = re.split(r"[,，]", win)[-1]
    toks = seg.split()
    phrase: list[str] = []
    for t in reversed(toks):
        if _TITLE_WORD.match(t) or (t.lower() in ("of", "for", "and", "the", "on", "in", "de") and phrase):
            phrase.insert(0, t)
        else:
            break
    while phrase and phrase[0].lower() in FUNCTION_WORDS:
        phrase.pop(0)
    if len(phrase) < 2 or not any(w.lower() in EN_ORG_HEADS for w in phrase):
        return None
    at_segment_start = len(phrase) == len(toks)
    if at_segment_start and len(phrase) >= 4:
        first_two = phrase[:2]
        if (
            all(
                w.lower() not in EN_ORG_HEADS
                and w.lower() not in FUNCTION_WORDS
                and w.upper() not in REGION_QUALIFIERS
                for w in first_two
            )
            and phrase[2][:1].isupper()
        ):
            phrase = phrase[2:]
    return " ".join(phrase)
