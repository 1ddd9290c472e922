"""Recall and false alarms of ``glossary check`` on hidden-draft-like drafts (shipped glossary).

A 40-line draft in the style of a trip report (below), and the four drafts of
tests/test_check_drafts.py (.txt, .md, .docx), with planted errors (line -> expected type)
and correct usages that must stay quiet. Prints, per draft, recall, false alarms and every
finding. The glossary is the shipped data/terms.csv (or GLOSSARY_TERMS), read directly.

    python benchmarks/check_draft.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from glossary.check import Knowledge
from glossary.check import Options
from glossary.check import check_lines
from glossary.reader import read_document
from glossary.settings import shipped_terms_path
from glossary.terms_csv import read_concepts

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from testdata.drafts import PLANTED as DRAFTS  # noqa: E402
from testdata.drafts import docx_planted  # noqa: E402
from testdata.drafts import draft_path  # noqa: E402

DRAFT = """# 出席 2024 年亞太經濟合作（APEC）數位經濟指導小組（DESG）會議出國報告
一、目的
本部出席數位經濟指導小組（Digital Economy Steering Group, DESG）第三次會議。
會中討論隱私強化技術（Privacy Enhancing Technologies，PETs）之實踐與 PETs 推廣。
資料隱私次級小組（Data Privacy Subgroup, DPS）亦同步召開。
美國國家標準暨技術研究院（NIST）分享 AI 風險管理框架。
經濟合作暨發展組織（OECD）發布數位經濟展望。
二、過程
政策支援小組（Policy Support Unit, PSU）報告計畫審查結果。
數位合作組織（Digital Cooperation Organization, DCO）代表發言。
APEC 企業諮詢委員會（ABAC）關注中小企業數位轉型。
太平洋經濟合作理事會（PECC）提出區域報告。
跨境隱私規則體系（Cross-Border Privacy Rules, CBPR）持續推動。
國際交通論壇（ITE）亦派員出席。
世界經濟論壇（World Economic Fourm, WEF）發表全球風險報告。
數位經濟夥伴關係協定（DEPA）成員國分享經驗。
The Digital Economic Steering Group (DESG) welcomed new proposals.
資料隱私次級小組（DSP）討論跨境傳輸。
政策支援小組（DCO）說明審查標準。
量子安全通訊（Quantum Secure Communication, QKC）為新興議題。
三、心得
DESG 會議討論踴躍，PSU 與 DCO 提供協助。
GGKP 與 OECD 合辦論壇。
綠色成長知識平台（GGKP）成立於 2012 年。
我方代表說明可信任生成式 AI 對話引擎（TAIDE）計畫進展。
會中提及 XQZR 專案尚待確認。
綠色成長知識夥伴關係（Green Growth Knowledge Partnership, GGKP）亦發言。
聯合國開發計畫署（UNDP）分享數位公共財經驗。
政府間氣候變遷專門委員會（IPCC）報告受到關注。
大型語言模型（Large Language Models, LLM）之治理為焦點。
四、建議
持續參與 DESG 與 DPS 會議，推廣 PETs 及 PET 應用。
強化與 NIST、OECD 及 WEF 之合作。
The Data privacy subgroup (DPS) will meet again in 2025.
The Organization for Economic Cooperation and Development (OECD) agreed.
Key Focus Areas (KFA) of the roadmap guide the work; each KFA has a lead.
數位產品護照（Digital Product Passport, DPP）為歐盟新制。
歐盟數位產品護照（DPP）將於 2027 年實施。
不斷電系統（UPS）之可靠性亦被提及。
後續將追蹤 AIDER 之落實。
"""
PLANTED = {
    14: "deprecated_form",
    15: "misspelled_expansion",
    17: "wrong_expansion",
    18: "wrong_acronym",
    19: "mismatched_pair",
    20: "letters_mismatch",
    23: "used_before_definition",
    26: "undefined",
    27: "defined_inconsistently",
    40: "undefined",
}


def report(name: str, lines: list[str], planted: dict[int, str], knowledge: Knowledge) -> tuple[int, int]:
    findings = check_lines(lines, knowledge, Options())
    got = {(f.line, f.type) for f in findings}
    hit = {line for line, kind in planted.items() if (line, kind) in got}
    false_alarms = [f for f in findings if f.line not in planted]
    recall = len(hit) / len(planted)
    print(
        f"== {name}: planted {len(planted)}, found with the right type {len(hit)} (recall {recall:.2f}), "
        f"false alarms {len(false_alarms)}"
    )
    for f in findings:
        mark = "ok " if (f.line, f.type) in planted.items() else "FA " if f.line not in planted else "~  "
        print(f"  {mark}{f.line}:{f.column}: {f.type}: {f.message}")
    for line in sorted(set(planted) - hit):
        print(f"  missed: line {line} ({planted[line]})")
    return len(hit), len(false_alarms)


def main() -> None:
    knowledge = Knowledge.build(read_concepts(shipped_terms_path()))
    totals = [report("built-in draft", DRAFT.split("\n"), PLANTED, knowledge)]
    tmp = Path(tempfile.mkdtemp())
    planted_total = len(PLANTED)
    for name, planted in DRAFTS.items():
        lines = read_document(draft_path(name, tmp)).lines
        planted = planted or docx_planted(lines)
        planted_total += len(planted)
        totals.append(report(name, lines, planted, knowledge))
    hits = sum(h for h, _ in totals)
    print(f"all drafts: recall {hits / planted_total:.2f}, false alarms per draft {[fa for _, fa in totals]}")


if __name__ == "__main__":
    main()
