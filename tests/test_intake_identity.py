"""Issue 15, case 2, through the real command on SQLite and PostgreSQL: identity comes from
content, never from a partner's id (an id is kept only for the same concept by content; else
a new id is minted and the partner's id kept as a source reference)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.store import Store
from tests.exchange_helpers import count


def partner_tbx(entry_id: str, zh: str, en: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en"><text><body>'
        f'<termEntry id="{entry_id}">'
        f'<langSet xml:lang="zh-TW"><tig><term>{zh}</term></tig></langSet>'
        f'<langSet xml:lang="en"><tig><term>{en}</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    )


def _counts(store: Store) -> dict[str, int]:
    return {
        table: count(store, table)
        for table in ("concepts", "terms", "definitions", "citations", "source_refs")
    }


@pytest.mark.parametrize("fmt", ["tbx", "tbx3", "csv", "xlsx", "json"])
@pytest.mark.parametrize("policy", ["skip", "merge"])
def test_reimporting_our_own_export_is_a_no_op(
    cli, store: Store, tmp_path: Path, fmt: str, policy: str
) -> None:  # type: ignore[no-untyped-def]
    exported = tmp_path / f"export.{'tbx' if fmt == 'tbx3' else fmt}"
    assert cli("export", "--format", fmt, "-o", str(exported)).status == 0
    before, revision = _counts(store), store.revision()
    concept = store.get_concept("artificial-intelligence")

    ran = cli("import", str(exported), "--format", fmt, "--on-duplicate", policy)

    assert ran.status == 0, ran.err
    assert "Added 0, merged 0" in ran.err
    assert _counts(store) == before and store.revision() == revision
    assert (
        store.get_concept("artificial-intelligence").citations == concept.citations
    )  # no duplicate citations


def test_two_partner_files_numbering_entries_e1_are_two_concepts(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blockchain = tmp_path / "blockchain.tbx"
    blockchain.write_text(partner_tbx("e1", "區塊鏈", "Blockchain"), encoding="utf-8")
    quantum = tmp_path / "quantum.tbx"
    quantum.write_text(partner_tbx("e1", "量子計算", "Quantum Computing"), encoding="utf-8")

    assert cli("import", str(blockchain)).status == 0
    for policy in ("skip", "merge"):
        ran = cli("import", str(quantum), "--on-duplicate", policy)
        assert ran.status == 0, ran.err
        assert "Added 1" in ran.err if policy == "skip" else "Added 0, merged 0" in ran.err

    by_en = {c.en: c for c in store.all_concepts() if c.en in ("Blockchain", "Quantum Computing")}
    assert set(by_en) == {"Blockchain", "Quantum Computing"}
    assert [t.text for t in by_en["Blockchain"].terms] == ["區塊鏈", "Blockchain"]  # nothing merged into it
    first, second = by_en["Blockchain"].id, by_en["Quantum Computing"].id
    assert first == "e1" and second != "e1"  # the first kept the free id; the second got one of its own
    assert store.source_refs(second) == [("quantum.tbx", "e1")]  # once, though imported twice
    assert store.source_refs(first) == []


def test_an_id_naming_another_concept_here_is_not_kept(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "partner.tbx"
    partner.write_text(partner_tbx("artificial-intelligence", "區塊鏈", "Blockchain"), encoding="utf-8")
    stored = store.get_concept("artificial-intelligence")

    ran = cli("import", str(partner), "--on-duplicate", "merge", "--dry-run")
    assert ran.status == 0, ran.err
    assert (
        ran.out.startswith("new\t")
        and "as blockchain; " in ran.out
        and "the file's id 'artificial-intelligence'" in ran.out
    )

    assert cli("import", str(partner), "--on-duplicate", "merge").status == 0
    assert store.get_concept("artificial-intelligence") == stored
    assert store.source_refs("blockchain") == [("partner.tbx", "artificial-intelligence")]


def test_a_merge_says_which_stored_concept_and_why(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "partner.tbx"
    partner.write_text(partner_tbx("T-9", "人工智慧", "AI technology"), encoding="utf-8")

    ran = cli("import", str(partner), "--on-duplicate", "merge")

    assert ran.status == 0, ran.err
    assert ran.out.startswith("merge\tT-9 -> artificial-intelligence (same Chinese form)\t"), ran.out
    assert "AI technology" in [t.text for t in store.get_concept("artificial-intelligence").terms]
    assert store.source_refs("artificial-intelligence") == [("partner.tbx", "T-9")]
