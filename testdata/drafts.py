"""Hidden-draft-like test drafts for ``glossary check`` against the shipped glossary.

Each draft imitates a Taiwanese government trip report (Traditional Chinese prose with
English names and acronyms, headings, lists, agenda tables, English-only sentences) and
plants about ten errors of all nine finding types among many correct usages. ``PLANTED``
maps each draft's file name to its planted errors (line as the reader numbers it -> type).
The .txt/.md drafts live in testdata/drafts/; the .docx draft is built by :func:`write_docx`.
"""

from __future__ import annotations

from pathlib import Path

DRAFTS_DIR = Path(__file__).parent / "drafts"

PLANTED: dict[str, dict[int, str]] = {
    "draft_a.txt": {
        9: "misspelled_expansion",
        18: "wrong_acronym",
        20: "used_before_definition",
        24: "wrong_acronym",
        27: "mismatched_pair",
        32: "deprecated_form",
        37: "undefined",
        39: "wrong_expansion",
        40: "defined_inconsistently",
        41: "letters_mismatch",
    },
    "draft_b.md": {
        20: "wrong_expansion",
        21: "used_before_definition",
        30: "wrong_acronym",
        36: "deprecated_form",
        37: "misspelled_expansion",
        46: "letters_mismatch",
        53: "mismatched_pair",
        58: "defined_inconsistently",
        62: "undefined",
        64: "undefined",
    },
    "draft_c.docx": {},  # filled below from the paragraphs' markers
    "draft_d.txt": {
        5: "used_before_definition",
        13: "wrong_expansion",
        17: "undefined",
        27: "deprecated_form",
        29: "wrong_acronym",
        30: "misspelled_expansion",
        33: "deprecated_form",
        38: "mismatched_pair",
        39: "letters_mismatch",
        40: "defined_inconsistently",
        43: "undefined",
    },
}

# The .docx draft: (style, text) paragraphs; "TABLE" stands for the agenda table. A planted
# error's paragraph carries its expected type as a third item.
DOCX_TITLE = "出席 2024 年 OECD 數位政策委員會暨 APEC 中小企業工作小組會議出國報告"
DOCX_TABLE = [
    ["時間", "Session", "主講人"],
    ["09:00-10:00", "Opening Remarks", "SMEWG Chair"],
    ["10:00-12:00", "Digital Tools for Small Businesses", "波士頓諮詢公司（BCG）"],
    ["13:30-15:00", "SESSION 3: DIGITAL PUBLIC INFRASTRUCTURE AND TRUST", "數位發展部（moda）"],
    ["15:30-17:00", "Green Transition of Small Firms", "Kumi Kitamori, OECD"],
]
DOCX_BODY: list[tuple[str, ...]] = [
    ("Heading 1", "壹、目的"),
    (
        "Normal",
        "中小企業工作小組（Small and Medium Enterprises Working Group, SMEWG）"
        "為 APEC 討論中小企業政策之主要論壇。",
    ),
    ("Normal", "本部派員出席，並與經濟合作與發展組織（OECD）交流。"),
    ("Heading 1", "貳、議程"),
    ("TABLE", ""),
    ("Heading 1", "參、會議紀要"),
    ("Heading 2", "一、數位工具與普惠金融"),
    ("Normal", "美洲開發銀行（Inter-American Development Bank, IADB）說明拉美中小企業融資。"),
    ("Normal", "PAGA 計畫（Payments to Advance Growth for All, PAGA）致力於普惠支付。"),
    ("Normal", "安永（EY）與波士頓諮詢公司（Boston Consulting Group, BCG）分享調查。"),
    ("Normal", "根據調查，約 65% 的 MSMEs 已採用雲端服務，如臺灣雲市集（TCloud Market）。", "undefined"),
    (
        "Normal",
        "智利生產發展公司（Chilean Economic Development Agency, CORFO）提供數位補助。",
        "letters_mismatch",
    ),
    ("Normal", "經濟委員會（Economic Commission, EC）說明結構改革。", "wrong_expansion"),
    ("Heading 2", "二、數位公共建設"),
    ("Normal", "會中多次引用 IDSI 數據。", "used_before_definition"),
    ("Normal", "印尼數位社會指數（Indonesia’s Digital Society Index, IDSI）顯示城鄉落差。"),
    (
        "Normal",
        "國家航空暨太空總署（Domestic Aeronautics and Space Administration, NASA）展示衛星影像。",
        "deprecated_form",
    ),
    ("Normal", "美國地質調查局（USGS）與 NASA 合作分析遙測資料。"),
    ("Normal", "聯合監督小組（Joint Oversight Pannel, JOP）負責審查資料共享。", "misspelled_expansion"),
    ("Normal", "國際消費者保護執行網絡（ICPN）亦分享跨境詐騙案例。", "wrong_acronym"),
    ("Heading 2", "三、綠色轉型"),
    (
        "Normal",
        "數位科技促進中小企業綠色轉型（Digital technologies for the green transition of SMEs）"
        "為 OECD 新計畫。",
    ),
    ("Normal", "淨零銀行（Bankers for Net Zero, B4NZ）分享綠色融資工具。"),
    (
        "Normal",
        "世界經濟論壇（World Economic Forum, WEF）與全球綠色成長組織（GGKP）合辦研討會。",
        "mismatched_pair",
    ),
    ("Normal", "氣候行動與包容性發展（Climate Action and Inclusive Development, CAID）為新倡議。"),
    ("Normal", "與會者亦提及 PACT 之碳足跡資料交換標準。", "undefined"),
    ("Normal", "部分經濟體將其稱為氣候調適與包容發展（CAID）。", "defined_inconsistently"),
    ("Heading 2", "四、AI 與就業"),
    (
        "Normal",
        "The International Labor Organization (ILO) estimates that one in four jobs "
        "is exposed to generative AI.",
    ),
    ("Normal", "國際勞工組織（ILO）呼籲加強社會對話。"),
    ("Normal", "人工智慧物聯網（Artificial Intelligence of Things, AIoT）應用於智慧製造。"),
    ("Normal", "示範合約條款（Model Contractual Clauses, MCCs）有助跨境資料傳輸。"),
    ("Heading 1", "肆、心得與建議"),
    ("List Bullet", "持續參與 SMEWG 與 OECD 相關會議。"),
    ("List Bullet", "推廣 AIoT 與 B4NZ 之經驗，預算以 TWD 1,200,000 為上限。"),
    (
        "Note",
        "註 1：本報告匯率以 1 USD = 32.5 TWD 計；資料來源：https://www.oecd.org/sme/ （2024/12/01 檢索）。",
    ),
]


def write_docx(path: Path) -> Path:
    """The .docx draft: title, headings, an agenda table and a footnote-like note in small type."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading(DOCX_TITLE, level=0)
    for item in DOCX_BODY:
        style, text = item[0], item[1]
        if style == "TABLE":
            table = document.add_table(rows=len(DOCX_TABLE), cols=3)
            for r, row in enumerate(DOCX_TABLE):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        elif style == "Note":
            run = document.add_paragraph().add_run(text)
            run.font.size = Pt(8)
        else:
            document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def docx_planted(lines: list[str]) -> dict[int, str]:
    """Line (as the reader numbers the .docx) -> planted type, found by each paragraph's text."""
    out: dict[int, str] = {}
    for item in DOCX_BODY:
        if len(item) == 3:
            (line,) = [n for n, text in enumerate(lines, 1) if text == item[1]]
            out[line] = item[2]
    return out


def draft_path(name: str, tmp: Path) -> Path:
    """Where a draft is: tests/drafts/ for text, built in ``tmp`` for the .docx."""
    if name.endswith(".docx"):
        return write_docx(tmp / name)
    return DRAFTS_DIR / name
