"""A small glossary of our own for the checker's tests (not the shipped one)."""

from __future__ import annotations

import json
from pathlib import Path

HEADER = "id,kind,zh,en,en_lang,abbr,subject,issuing_body,note,review_status,variants,definitions,citations"


def _row(
    cid: str,
    kind: str,
    zh: str,
    en: str,
    abbr: str,
    variants: list[dict] | None = None,
    citations: list[dict] | None = None,
) -> str:
    v = json.dumps(variants or [], ensure_ascii=False).replace('"', '""')
    c = json.dumps(citations or [], ensure_ascii=False).replace('"', '""')
    return f'{cid},{kind},{zh},"{en}",,{abbr},,,,approved,"{v}",,"{c}"'


ROWS = [
    _row("desg", "org", "數位經濟指導小組", "Digital Economy Steering Group", "DESG"),
    _row("pets", "term", "隱私強化技術", "Privacy Enhancing Technologies", "PETs"),
    _row("dps", "org", "資料隱私次級小組", "Data Privacy Subgroup", "DPS"),
    _row("nist", "org", "國家標準暨技術研究院", "National Institute of Standards and Technology", "NIST"),
    _row(
        "oecd",
        "org",
        "經濟合作暨發展組織",
        "Organisation for Economic Co-operation and Development",
        "OECD",
        [
            {
                "text": "Organization for Economic Cooperation and Development",
                "lang": "en",
                "type": "fullForm",
                "status": "admitted",
            }
        ],
    ),  # fmt: skip
    _row(
        "itf",
        "org",
        "國際交通論壇",
        "International Transport Forum",
        "ITF",
        [{"text": "ITE", "lang": "en", "type": "acronym", "status": "deprecated", "note": "OCR slip"}],
        [{"doc": "r1.txt", "line": 773, "section": "", "quote": "國際交通論壇(ITE)"}],
    ),
    _row(
        "cbpr",
        "program",
        "跨境隱私規則",
        "Cross-Border Privacy Rules",
        "CBPR",
        [{"text": "Cross-Broder Privacy Rules", "lang": "en", "type": "variant", "status": "deprecated"}],
    ),
]


def write_glossary(path: Path) -> Path:
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


# A draft with one planted error per line marked with the type expected there.
PLANTED = {
    3: "mismatched_pair",
    4: "misspelled_expansion",
    5: "deprecated_form",
    6: "letters_mismatch",
    7: "wrong_expansion",
    8: "wrong_acronym",
    11: "defined_inconsistently",
    12: "used_before_definition",
    15: "undefined",
    16: "deprecated_form",
}
DRAFT = """數位經濟指導小組（Digital Economy Steering Group，DESG）於 2024 年在利馬開會。
美國國家標準暨技術研究院（NIST）發布隱私強化技術指引。
資料隱私次級小組（DESG）討論跨境傳輸。
隱私強化技術（Privacy Enhancing Techonlogies, PETs）是今年重點。
國際交通論壇（ITE）發表報告。
量子安全通訊（Quantum Secure Communication, QKC）是新技術。
The DESG (Digital Economic Steering Group) met twice.
國家標準暨技術研究院（NSIT）也派員出席。
綠色成長知識平台（Green Growth Knowledge Platform, GGKP）成立於 2012 年。
經濟合作暨發展組織（OECD）與 AI 政策。
The Green Growth Knowledge Partnership (GGKP) met.
會中討論 MSMEs 的數位轉型。
微中小企業（Micro, Small and Medium Enterprises, MSMEs）占企業總數九成。
The data privacy subgroup (DPS) and the Organization for Economic Cooperation and Development (OECD) agreed.
XQZW 專案尚未定案，PET 與 PETs 均可提升 DPS 的效能。
各國都遵守 Cross-Broder Privacy Rules 的要求。
"""
