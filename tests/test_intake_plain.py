"""Issue 15, case 3, through the real command on SQLite and PostgreSQL: ordinary partner
files come in (Simplified Chinese becomes Traditional, plain zh/en/abbr tables with or
without a header); an entry in an unknown language is refused with its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.store import Store
from tests.cli_helpers import Ran
from tests.cli_helpers import run
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


@pytest.fixture
def cli(store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``glossary …`` on the filled store of each backend."""
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", store.url)

    def go(*args: str) -> Ran:
        return run(capsys, *args)

    return go


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
    assert "-> artificial-intelligence (same Chinese form)" in ran.out


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
