"""Kind of a mined pair: term, org, program, law, person, place or other.

Decided from generic cues only: Chinese suffixes (組織/委員會/部/署 -> org; 計畫/倡議/
會議/工作坊 -> program; 法/條例/公約 -> law) and English head nouns (Group, Committee,
Agency -> org; Program, Initiative, Workshop -> program; Act, Regulation -> law),
a Chinese personal name with a romanisation -> person, job titles -> other.
"""

from __future__ import annotations

import re

from glossary.mine.boundary import ZH_TITLES
from glossary.mine.lexicon import EN_LAW_HEADS
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.lexicon import EN_PROGRAM_HEADS
from glossary.mine.lexicon import EN_TITLE_WORDS
from glossary.mine.lexicon import ZH_LAW_SUFFIXES
from glossary.mine.lexicon import ZH_ORG_SUFFIXES
from glossary.mine.lexicon import ZH_PLACE_SUFFIXES
from glossary.mine.lexicon import ZH_PROGRAM_SUFFIXES

# Common Chinese family names (single character), for "石井純一(Junichi Ishii)"-style person pairs.
_SURNAMES = set(
    "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘于蔣蔡余"
    "杜葉程蘇魏呂丁任沈姚盧姜崔鍾譚陸汪范金石廖賈夏韋付方白鄒孟熊秦邱江尹薛閻段雷侯龍"
    "史陶黎賀顧毛郝龔邵萬錢嚴覃武戴莫孔向湯柯莊"
)


_NOT_LAW = ("方法", "做法", "作法", "看法", "說法", "想法", "辦法論")


def en_head(en: str) -> str:
    words = [w.lower().strip(",.;:()") for w in re.split(r"[\s]+", en) if w.strip()]
    for w in reversed(words):
        if w and w not in ("of", "and", "the", "for", "on", "in"):
            return w
    return ""


_INITIAL = re.compile(r"[A-Z]\.")  # a middle initial: Gilbert F. Houngbo


def looks_like_romanised_name(en: str) -> bool:
    """'Lin Shu-wei', 'Wang Szu-Han', 'Junichi Ishii', 'Gilbert F. Houngbo': two to four
    capitalised words, a middle one possibly an initial."""
    parts = en.split()
    if not 2 <= len(parts) <= 4 or len(en.replace("-", " ").split()) > 4:
        return False
    return all(
        p[:1].isupper() and all(q.isalpha() and q[1:].islower() for q in p.split("-") if q)
        or 0 < n < len(parts) - 1 and _INITIAL.fullmatch(p)
        for n, p in enumerate(parts)
    )


def is_person(zh: str, en: str) -> bool:
    if not en or not looks_like_romanised_name(en):
        return False
    if not zh:
        return False
    z = person_name(zh, en)
    # a middle initial is a person's name whatever the Chinese surname (a transliteration)
    known_surname = z[:1] in _SURNAMES or any(_INITIAL.fullmatch(p) for p in en.split())
    return 2 <= len(z) <= 4 and known_surname and not classify_zh(z)


def person_name(zh: str, en: str = "") -> str:
    """``主席石井純一`` -> ``石井純一``: a job title (or an office and a title) written before a
    name is not part of it."""
    z = zh.replace("·", "").replace("・", "")
    for title in ZH_TITLES:
        if z.startswith(title) and len(z) - len(title) >= 2:
            return z[len(title) :]
    if len(z) > 4 and re.search(r"[A-Z][a-z]+-[a-z]+", en) and all("\u4e00" <= c <= "\u9fff" for c in z[-3:]):
        # 環境部發言人林書瑋 (Lin Shu-wei): an office and a title before a name romanised with a
        # hyphenated given name; a surname opens the last 3 or 2 characters
        for n in (3, 2):
            if z[-n] in _SURNAMES:
                return z[-n:]
    return z


def classify_zh(zh: str) -> str | None:
    z = zh.strip()
    if any(z.endswith(t) for t in ZH_TITLES) and len(z) <= 8:
        return "other"
    if z.endswith(ZH_LAW_SUFFIXES) and not z.endswith(_NOT_LAW):
        return "law"
    if z.endswith(ZH_PROGRAM_SUFFIXES):
        return "program"
    if z.endswith(ZH_PLACE_SUFFIXES):
        return "place"
    if z.endswith(ZH_ORG_SUFFIXES):
        return "org"
    return None


def classify_en(en: str) -> str | None:
    words = [w.lower().strip(",.;:()") for w in en.split()]
    if not words:
        return None
    head = en_head(en)
    if words[0] in EN_TITLE_WORDS or head in EN_TITLE_WORDS:
        return "other"
    if head in EN_LAW_HEADS or any(w in ("act", "convention", "treaty", "agreement") for w in words):
        return "law"
    if any(w in EN_ORG_HEADS for w in words) and head not in EN_PROGRAM_HEADS:
        return "org"
    if head in EN_PROGRAM_HEADS or words[0] in ("workshop", "session", "conference", "project"):
        return "program"
    return None


def classify(zh: str, en: str, abbr: str) -> str:
    """The kind of a pair, from generic suffix and head-noun cues; 'term' when nothing fits."""
    if is_person(zh, en):
        return "person"
    kz = classify_zh(zh) if zh else None
    ke = classify_en(en) if en else None
    if kz == "other" or ke == "other":
        return "other"
    if ke and kz and ke != kz:
        # the English head noun is the more reliable cue (論壇 can be an org or a meeting)
        return ke
    return ke or kz or "term"
