"""Issue 15, case 3, through the real command on SQLite and PostgreSQL: ordinary partner
files come in (Simplified Chinese becomes Traditional, plain zh/en/abbr tables with or
without a header); an entry in an unknown language is refused with its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.store import Store
from tests.exchange_helpers import count


def partner_tbx(*entries: tuple[str, str, str, str]) -> str:
    """A partner's TBX: (entry id, Chinese tag, Chinese form, English form) per entry."""
    body = "".join(
        f'<termEntry id="{entry_id}">'
        f'<langSet xml:lang="{tag}"><tig><term>{zh}</term></tig></langSet>'
        f'<langSet xml:lang="en"><tig><term>{en}</term></tig></langSet></termEntry>'
        for entry_id, tag, zh, en in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en"><text><body>'
        f"{body}</body></text></martif>"
    )


def _by_en(store: Store, en: str):  # type: ignore[no-untyped-def]
    return next(c for c in store.all_concepts() if c.en == en)


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-CN", "zh-SG"])
def test_simplified_forms_become_traditional_and_the_original_is_a_variant(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path, tag: str
) -> None:
    partner = tmp_path / "partner.tbx"
    partner.write_text(partner_tbx(("e1", tag, "区块链技术", "Blockchain Technology")), encoding="utf-8")

    ran = cli("import", str(partner))

    assert ran.status == 0, ran.err
    concept = _by_en(store, "Blockchain Technology")
    assert concept.zh == "區塊鏈技術"
    assert [(t.text, t.lang, t.type, t.status) for t in concept.terms if t.lang == "zh-Hans"] == [
        ("区块链技术", "zh-Hans", "variant", "admitted")
    ]


@pytest.mark.parametrize("tag", ["zh-TW", "zh-HK", "zh-Hant"])
def test_traditional_tags_are_traditional(cli, store: Store, tmp_path: Path, tag: str) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "partner.tbx"
    partner.write_text(partner_tbx(("e1", tag, "區塊鏈技術", "Blockchain Technology")), encoding="utf-8")
    assert cli("import", str(partner)).status == 0
    concept = _by_en(store, "Blockchain Technology")
    assert [(t.text, t.lang) for t in concept.terms] == [
        ("區塊鏈技術", "zh-Hant"),
        ("Blockchain Technology", "en"),
    ]


def test_a_simplified_form_of_a_stored_concept_is_that_concept(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "partner.tbx"
    partner.write_text(partner_tbx(("e7", "zh-CN", "人工智慧", "AI")), encoding="utf-8")
    ran = cli("import", str(partner), "--dry-run")
    assert ran.status == 0, ran.err
    assert ran.out.startswith("same as artificial-intelligence\t") and "same Chinese form" in ran.out


def test_an_unknown_language_tag_refuses_the_whole_import_naming_the_entry(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path
) -> None:
    partner = tmp_path / "partner.tbx"
    partner.write_text(
        partner_tbx(
            ("e1", "zh-CN", "区块链", "Blockchain"), ("e2", "qq-QQ", "量子计算", "Quantum Computing")
        ),
        encoding="utf-8",
    )
    before = count(store, "concepts")
    ran = cli("import", str(partner))
    assert ran.status == 2
    assert (
        ran.err.startswith("Error: ") and "(id 'e2')" in ran.err and "unknown language tag 'qq-QQ'" in ran.err
    )
    assert count(store, "concepts") == before


# ---------------------------------------------------------------- plain glossaries (CSV, XLSX)


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook  # lazy: only the XLSX tests need it

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "header",
    [
        "zh,en,abbr,note,source",
        "中文,英文,縮寫,備註,來源",
        "Chinese,English,Acronym,Notes,來源",
        "中文名稱,English Term,簡稱,附註,來源",
    ],
)
def test_a_plain_csv_with_a_header_in_english_or_chinese_comes_in(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path, header: str
) -> None:
    plain = tmp_path / "partner.csv"
    plain.write_text(
        f"{header}\n區塊鏈,Blockchain,BC,新興技術,partner A\n人工智慧,Artificial Intelligence,AI,,\n",
        encoding="utf-8",
    )

    ran = cli("import", str(plain))

    assert ran.status == 0, ran.err
    assert "column 1 -> zh, column 2 -> en, column 3 -> abbr, column 4 -> note, column 5 -> note (" in ran.err
    concept = _by_en(store, "Blockchain")
    assert (concept.zh, concept.en, concept.abbr) == ("區塊鏈", "Blockchain", "BC")
    assert concept.note is not None and "新興技術" in concept.note and "partner A" in concept.note
    assert "Added 1, merged 0, skipped 1" in ran.err  # 人工智慧 is stored already


def test_a_plain_xlsx_with_a_chinese_header_comes_in(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = _xlsx(
        tmp_path / "partner.xlsx",
        [["中文", "英文", "定義"], ["量子計算", "Quantum Computing", "以量子位元運算"]],
    )
    ran = cli("import", str(book))
    assert ran.status == 0, ran.err
    assert "column 1 -> zh, column 2 -> en, column 3 -> definition" in ran.err
    concept = _by_en(store, "Quantum Computing")
    assert concept.zh == "量子計算" and [(d.text, d.lang) for d in concept.definitions] == [
        ("以量子位元運算", "zh-Hant")
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_table_without_a_header_is_read_by_script(cli, store: Store, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rows = [["區塊鏈", "Blockchain"], ["QC", "量子計算", "Quantum Computing"]]
    path = tmp_path / f"partner.{fmt}"
    if fmt == "csv":
        path.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    else:
        _xlsx(path, rows)

    ran = cli("import", str(path))

    assert ran.status == 0, ran.err
    assert "no header" in ran.err
    assert (_by_en(store, "Blockchain").zh, _by_en(store, "Quantum Computing").abbr) == ("區塊鏈", "QC")


def test_a_simplified_column_becomes_traditional(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = tmp_path / "partner.csv"
    plain.write_text("zh-CN,en\n区块链技术,Blockchain Technology\n", encoding="utf-8")
    assert cli("import", str(plain)).status == 0
    concept = _by_en(store, "Blockchain Technology")
    assert concept.zh == "區塊鏈技術" and ("区块链技术", "zh-Hans") in [
        (t.text, t.lang) for t in concept.terms
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "missing column 'id'"),
        ("中文,英文\n區塊鏈,Blockchain\n,\n,,,extra\n", "row 4: more cells than header columns"),
        ("中文,英文,備註\n,,only a note\n", "row 2: no Chinese or English form"),
        ("區塊鏈,Blockchain\n42,17\n", "row 2: cannot tell which cell is the Chinese form"),
    ],
)
def test_a_bad_plain_glossary_is_refused_naming_the_row_and_nothing_is_written(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path, content: str, message: str
) -> None:
    plain = tmp_path / "partner.csv"
    plain.write_text(content, encoding="utf-8")
    before = count(store, "concepts")
    ran = cli("import", str(plain))
    assert ran.status == 2 and ran.err.count("Error: ") == 1, ran.err
    assert f"partner.csv: {message}" in ran.err
    assert count(store, "concepts") == before


def test_continue_leaves_out_the_entry_in_an_unknown_language_and_exits_1(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path
) -> None:
    partner = tmp_path / "partner.tbx"
    partner.write_text(
        partner_tbx(
            ("e1", "zh-CN", "区块链", "Blockchain"), ("e2", "qq-QQ", "量子计算", "Quantum Computing")
        ),
        encoding="utf-8",
    )
    revision = store.revision()

    ran = cli("import", str(partner), "--continue")

    assert ran.status == 1, ran.err
    refused = [line for line in ran.err.splitlines() if line.startswith("Refused: ")]
    assert len(refused) == 1 and "(id 'e2')" in refused[0] and "'qq-QQ'" in refused[0]
    assert "Added 1, merged 0, skipped 0 concepts" in ran.err and "refused 1" in ran.err
    assert _by_en(store, "Blockchain").zh == "區塊鏈"
    assert not [c for c in store.all_concepts() if c.en == "Quantum Computing"]
    assert store.revision() == revision + 1  # one transaction
