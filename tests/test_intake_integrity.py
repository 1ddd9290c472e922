"""Issue 15, through the real command on SQLite and PostgreSQL: nothing that comes in
changes or loses approved data unseen (mining proposes; import identity from content;
plain partner glossaries come in)."""

from __future__ import annotations

import json
from pathlib import Path

from glossary.store import Store

# The README's faulty draft (README.md, "Checking a draft").
DRAFT = (
    "# 出國報告草稿\n"
    "本部出席資料隱私次級小組（DESG）會議。\n"
    "會中討論 Privacy Enhancing Techonlogies (PETs) 之應用。\n"
    "另參考 ITE 與 PSU 之研究。\n"
)


def _find(cli, query: str) -> list[dict]:  # type: ignore[no-untyped-def]
    ran = cli("find", query, "--json")
    assert ran.status == 0, ran.err
    return json.loads(ran.out)


# ---------------------------------------------------------------- case 1: mine --into-db


def test_mining_the_faulty_draft_changes_no_approved_concept(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    before = store.get_concept("data-privacy-subgroup")
    checked_before = cli("check", str(draft), "--json")

    ran = cli("mine", str(draft), "--into-db")
    assert ran.status == 0, ran.err

    after = store.get_concept("data-privacy-subgroup")
    assert (after.zh, after.en, after.abbr) == (before.zh, before.en, before.abbr)
    assert [c for c in after.citations] == before.citations  # the draft is no source of it
    desg = [t for t in after.terms if t.text == "DESG"]
    assert [t.status for t in desg] == ["proposed"]  # held for review, not admitted
    assert "draft.txt:2" in (desg[0].note or "")

    # check's verdicts rest on reviewed data only: the same 4 findings as before mining
    checked = cli("check", str(draft), "--json")
    assert checked.status == 1
    findings = json.loads(checked.out)["findings"]
    assert findings == json.loads(checked_before.out)["findings"]
    assert [f["type"] for f in findings] == [
        "mismatched_pair",
        "misspelled_expansion",
        "deprecated_form",
        "undefined",
    ]

    # find DESG: the approved owner first; the proposal after it, marked
    results = _find(cli, "DESG")
    assert results[0]["id"] == "digital-economy-steering-group"
    assert results[0]["review_status"] == "approved"
    proposal = next(r for r in results if r["id"] == "data-privacy-subgroup")
    assert proposal["review_status"] == "proposed"
    assert "proposed form" in proposal["notice"]
    assert proposal["abbr"] == "DPS"  # a proposed form is never a result's abbr
    assert {"text": "DESG", "lang": "en", "type": "acronym", "status": "proposed"} in proposal["variants"]

    # the typo is a proposed concept, marked as such, and ranks after the approved concept
    typo = _find(cli, "PETs")
    assert typo[0]["id"] == "privacy-enhancing-technologies" and typo[0]["review_status"] == "approved"
    mined = [r for r in typo if r["en"] == "Privacy Enhancing Techonlogies"]
    assert mined and all(r["review_status"] == "proposed" for r in mined)

    # the card marks the proposal
    card = cli("find", "DESG")
    assert "DESG (待審 proposed)" in card.out and "待審 proposed: not yet reviewed" in card.out


def test_a_curator_approves_or_rejects_what_mining_proposed(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert cli("mine", str(draft), "--into-db").status == 0
    listed = cli("review", "--json")
    ids = [item["id"] for item in json.loads(listed.out)]
    assert "data-privacy-subgroup" in ids and "privacy-enhancing-techonlogies" in ids

    assert cli("review", "reject", "data-privacy-subgroup", "privacy-enhancing-techonlogies").status == 0
    kept = store.get_concept("data-privacy-subgroup")
    assert "DESG" not in [t.text for t in kept.terms] and kept.review_status == "approved"
    assert not store.get_concepts(["privacy-enhancing-techonlogies"])

    assert cli("mine", str(draft), "--into-db").status == 0
    assert cli("review", "approve", "data-privacy-subgroup").status == 0
    approved = store.get_concept("data-privacy-subgroup")
    assert [(t.text, t.status) for t in approved.terms if t.text == "DESG"] == [("DESG", "admitted")]
    assert not store.ids_with_proposals()
