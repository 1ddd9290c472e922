"""``glossary review``: proposed concepts with their evidence; approve, edit, reject (each logged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary import catalog
from glossary.errors import NotFound
from glossary.service import open_store
from tests.cli_helpers import run

REPORT = (
    "各方討論量子安全通訊（Quantum Secure Communication, QSC）之推動。\n"
    "另提及碳足跡標籤（Carbon Footprint Label, CFL）。\n"
)


@pytest.fixture
def proposed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, str]:
    """Mine a small report into the database; returns {acronym: id} of the proposed concepts."""
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert run(capsys, "mine", str(path), "--into-db").status == 0
    listed = json.loads(run(capsys, "review", "--json").out)
    return {item["abbr"]: item["id"] for item in listed}


def test_review_lists_proposed_concepts_with_evidence(
    capsys: pytest.CaptureFixture[str], proposed: dict[str, str]
) -> None:
    assert set(proposed) == {"QSC", "CFL"}
    listed = json.loads(run(capsys, "review", "--json").out)
    qsc = next(item for item in listed if item["abbr"] == "QSC")
    assert qsc["citations"] == [
        {
            "doc": "r.txt",
            "line": 1,
            "section": "",
            "quote": qsc["citations"][0]["quote"],
            "term": "量子安全通訊",
        }
    ]
    assert "Quantum Secure Communication" in qsc["citations"][0]["quote"]
    acronym = next(t for t in qsc["terms"] if t["type"] == "acronym")
    assert acronym["letter_agreement"] == 1.0 and 0 < acronym["confidence"] <= 1
    text = run(capsys, "review")
    assert "r.txt:1" in text.out and "letter agreement" in text.out and "2 proposed" in text.err


def test_approve_and_reject(capsys: pytest.CaptureFixture[str], proposed: dict[str, str]) -> None:
    assert run(capsys, "review", "approve", proposed["QSC"]).status == 0
    assert run(capsys, "review", "reject", proposed["CFL"]).status == 0
    with open_store() as store:
        assert store.get_concept(proposed["QSC"]).review_status == "approved"
        with pytest.raises(NotFound):
            store.get_concept(proposed["CFL"])
        actions = [entry["action"] for entry in catalog.history(store, proposed["CFL"])]
    assert actions[:2] == ["delete", "mine-add"]
    assert json.loads(run(capsys, "review", "--json").out) == []


def test_edit_changes_forms_and_keeps_it_proposed(
    capsys: pytest.CaptureFixture[str], proposed: dict[str, str]
) -> None:
    ran = run(
        capsys, "review", "edit", proposed["QSC"], "--zh", "量子安全通信", "--subject", "trust", "--json"
    )
    assert ran.status == 0, ran.err
    edited = json.loads(ran.out)
    assert (edited["zh"], edited["subject"], edited["review_status"]) == ("量子安全通信", "trust", "proposed")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("review", "approve", "no-such-concept"), "Error: no concept with id 'no-such-concept'"),
        (("review", "reject", "digital-economy-steering-group"), "is already approved"),
        (("review", "edit", "digital-economy-steering-group", "--zh", "x"), "is already approved"),
    ],
)
def test_bad_ids_are_one_error_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    ran = run(capsys, *args)
    assert ran.status == 2 and message in ran.err and len(ran.err.strip().splitlines()) == 1
    with open_store() as store:
        assert store.get_concept("digital-economy-steering-group").review_status == "approved"
