"""Generic language knowledge the rules share: English function words, org head nouns,
job titles, region qualifiers and countries. Nothing here is about a particular report.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


EN_ORG_HEADS = frozenset(
    _words("""
agency authority administration alliance association attorney bank board bureau center centre
coalition commission committee council department directorate division federation forum foundation
fund group institute institution league ministry office organisation organization panel partnership
platform secretariat service society union university consortium network corporation company inc ltd
school college court parliament congress assembly cabinet subgroup sub-group taskforce force team
unit observatory laboratory lab
""")
)

EN_PROGRAM_HEADS = frozenset(
    _words("""
program programme initiative project plan strategy roadmap agenda vision framework workshop
conference meeting session summit week dialogue dialog forum symposium seminar training campaign
challenge award exhibition report
""")
)

EN_LAW_HEADS = frozenset(
    _words("""
act law regulation regulations directive convention treaty agreement charter code statute protocol
guidelines guideline standard standards accord
""")
)

EN_TITLE_WORDS = frozenset(
    _words("""
chair chairman chairwoman chairperson co-chair vice president vice-president ceo cto cfo coo
director co-founder founder cofounder manager head secretary secretary-general minister deputy
professor senior executive officer advisor adviser consultant economist scientist expert
representative ambassador governor coordinator lead leader principal chief counsel commissioner
""")
)

REGION_QUALIFIERS = frozenset(
    _words("""
APEC ASEAN EU UN OECD WTO UNCTAD US USA UK G7 G20 WEF IMF WHO ILO UNESCO UNEP UNDP NATO AU
""")
)

COUNTRIES = frozenset(
    _words("""
australia brunei canada chile china colombia estonia france germany hong indonesia italy japan korea
latvia lithuania malaysia mexico zealand new papua guinea peru philippines russia singapore taipei
thailand usa vietnam viet nam argentina brazil spain switzerland belgium netherlands sweden norway
finland denmark india israel uk us united states kingdom kong taiwan chinese republic ireland
austria poland portugal greece turkey egypt kenya nigeria
""")
)

ZH_ORG_SUFFIXES = tuple(
    _words("""
組織 委員會 理事會 協會 學會 聯盟 基金會 中心 小組 工作小組 次級小組 團體 部門 公司 集團 銀行 大學
學院 研究院 研究所 機構 局 署 部 處 司 會 院 辦公室 秘書處 論壇 夥伴關係 網絡 聯合會 總署 管理局
委員會議 法院 議會
""")
)
ZH_PROGRAM_SUFFIXES = tuple(
    _words("""
計畫 計劃 倡議 方案 專案 會議 工作坊 研討會 論壇 議程 路徑圖 路線圖 願景 行動計畫 週 展覽 峰會 對話
報告 策略 戰略 框架 競賽 活動 課程 展
""")
)
ZH_LAW_SUFFIXES = tuple(
    _words("""
法 法案 條例 規則 協定 公約 條約 指令 準則 指引 標準 規範 憲章 辦法
""")
)
ZH_PLACE_SUFFIXES = tuple(
    _words("""
市場 博物館 美術館 之家 廣場 公園 車站 機場 港 市 省 州 島
""")
)

# Chinese names of places and regional bodies that may stand before a name as a qualifier
# (美國 + 國家航空暨太空總署), with the English stems that show the English keeps the qualifier.
ZH_PLACE_PREFIXES: dict[str, tuple[str, ...]] = {
    "美國": ("united states", "u.s.", "us", "usa", "america"),
    "英國": ("united kingdom", "uk", "britain", "british", "england"),
    "法國": ("france", "french"),
    "德國": ("german",),
    "日本": ("japan",),
    "韓國": ("korea",),
    "南韓": ("korea",),
    "中國": ("china", "chinese", "prc"),
    "俄羅斯": ("russia",),
    "加拿大": ("canad",),
    "澳洲": ("australia",),
    "澳大利亞": ("australia",),
    "紐西蘭": ("new zealand", "nz"),
    "新加坡": ("singapore",),
    "馬來西亞": ("malaysia",),
    "印尼": ("indonesia",),
    "印度尼西亞": ("indonesia",),
    "泰國": ("thai",),
    "越南": ("viet",),
    "菲律賓": ("philippin", "filipino"),
    "汶萊": ("brunei",),
    "智利": ("chile",),
    "秘魯": ("peru",),
    "墨西哥": ("mexic",),
    "巴西": ("brazil",),
    "阿根廷": ("argentin",),
    "哥倫比亞": ("colombia",),
    "義大利": ("ital",),
    "西班牙": ("spain", "spanish"),
    "荷蘭": ("netherlands", "dutch", "holland"),
    "比利時": ("belgi",),
    "瑞士": ("swiss", "switzerland", "suisse", "schweiz"),
    "瑞典": ("swed",),
    "挪威": ("norw",),
    "芬蘭": ("finland", "finnish"),
    "丹麥": ("denmark", "danish"),
    "愛沙尼亞": ("estonia",),
    "愛爾蘭": ("ireland", "irish"),
    "奧地利": ("austria",),
    "波蘭": ("poland", "polish"),
    "以色列": ("israel",),
    "印度": ("india",),
    "香港": ("hong kong", "hk"),
    "歐盟": ("european union", "eu"),
    "東協": ("asean",),
}
