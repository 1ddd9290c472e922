"""``glossary db sync``: merging a newer glossary CSV into an existing database by stable id."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from glossary import load
from glossary.models import ConceptRow
from glossary.service import open_store
from glossary.terms_csv import COLUMNS
from tests.cli_helpers import run

HEADER = ",".join(COLUMNS)
A = "alpha,term,甲術語,Alpha Term,,AT,,,,approved,,,"
B = "beta,org,乙組織,Beta Organisation,,BO,,,,approved,,,"
B2 = "beta,org,乙組織,Beta Organization,,BO,,,,approved,,,"
C = "gamma,program,丙計畫,Gamma Programme,,,,,,approved,,,"


def csv_file(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_sync_adds_new_updates_untouched_and_keeps_local_edits(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_TERMS", str(csv_file(tmp_path / "terms.csv", A, B)))
    with open_store(db_url) as store:
        with store.session() as session:  # a curator edits alpha locally
            session.get(ConceptRow, "alpha").note = "edited here"
        newer = csv_file(tmp_path / "terms.csv", A.replace("Alpha Term", "Alpha Terms"), B2, C)
        with store.session() as session:
            assert load.csv_is_stale(session, newer)
            report = load.sync(session, newer)
        assert report.added == ["gamma"]
        assert report.updated == ["beta"]
        assert report.kept_local == ["alpha"]
        assert store.get_concept("beta").en == "Beta Organization"
        assert store.get_concept("beta").version == 2
        assert store.get_concept("alpha").note == "edited here"
        with store.session() as session:
            assert not load.csv_is_stale(session, newer)
            assert session.scalar(select(ConceptRow.id).where(ConceptRow.id == "gamma")) == "gamma"


def test_db_status_says_when_the_shipped_csv_is_newer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terms = csv_file(tmp_path / "terms.csv", A)
    monkeypatch.setenv("GLOSSARY_TERMS", str(terms))
    assert "up to date" in run(capsys, "db", "status").out
    csv_file(terms, A, B)
    assert "glossary db sync" in run(capsys, "db", "status").out
    ran = run(capsys, "db", "sync")
    assert ran.status == 0 and "Added 1" in ran.err
    assert "up to date" in run(capsys, "db", "status").out


def test_db_upgrade_creates_and_fills_an_empty_database(
    capsys: pytest.CaptureFixture[str], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", db_url)
    first = run(capsys, "db", "upgrade")
    assert first.status == 0 and "Created the glossary" in first.err
    again = run(capsys, "db", "upgrade")
    assert again.status == 0 and "up to date" in again.err
    assert run(capsys, "find", "DESG").status == 0


def test_find_notes_once_on_stderr_when_the_glossary_csv_is_newer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terms = csv_file(tmp_path / "terms.csv", A)
    monkeypatch.setenv("GLOSSARY_TERMS", str(terms))
    first = run(capsys, "find", "AT")
    assert first.status == 0 and "db sync" not in first.err
    csv_file(terms, A, B)  # an update ships a newer glossary
    stale = run(capsys, "find", "AT")
    assert stale.status == 0 and "甲術語" in stale.out
    assert "run 'glossary db sync'" in stale.err and "db sync" not in stale.out
    assert run(capsys, "db", "sync").status == 0
    synced = run(capsys, "find", "BO")
    assert synced.status == 0 and "乙組織" in synced.out and "db sync" not in synced.err
