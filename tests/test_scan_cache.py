"""The start-up cache of ``glossary scan``: a fresh process on an unchanged SQLite glossary
loads the pickled scanner of its revision (no numpy, no search index); a write, another
database or a damaged file means the ordinary path, which writes the cache again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import glossary.service
from glossary import concepts
from glossary.scan import open_scanner
from glossary.service import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def url(filled_sqlite_url: str) -> str:
    return filled_sqlite_url


def caches(home: Path) -> list[str]:
    return sorted(p.name.split("-")[-2] for p in (home / "index").glob("scan-*.pkl"))


def test_the_second_start_comes_from_the_cache(
    url: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_scanner(url)
    assert [t["id"] for t in first.scan("DESG")] == ["digital-economy-steering-group"]
    assert len(caches(isolated_home)) == 1

    def no_glossary(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(glossary.service, "Glossary", no_glossary)
    again = open_scanner(url)
    assert again is not first
    assert again.scan("數位經濟指導小組 DESG") == first.scan("數位經濟指導小組 DESG")


def test_a_write_makes_a_new_cache_with_the_new_term(url: str, isolated_home: Path) -> None:
    assert open_scanner(url).scan("開放銀行") == []
    [before] = caches(isolated_home)
    store = open_store(url)
    try:
        concepts.create_concept(store, {"zh": "開放銀行", "en": "Open Banking"}, who="t")
    finally:
        store.close()
    assert [t["text"] for t in open_scanner(url).scan("開放銀行 open banking")] == [
        "開放銀行",
        "open banking",
    ]
    [after] = caches(isolated_home)
    assert after != before  # the older revision's cache is removed


def test_a_damaged_cache_is_rebuilt(url: str, isolated_home: Path) -> None:
    open_scanner(url)
    [path] = (isolated_home / "index").glob("scan-*.pkl")
    path.write_bytes(b"not a pickle")
    assert [t["text"] for t in open_scanner(url).scan("DESG")] == ["DESG"]
    assert path.read_bytes() != b"not a pickle"


def test_a_fresh_scan_from_the_cache_imports_no_numpy(tmp_path: Path, isolated_home: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("APEC 數位經濟指導小組（DESG）", encoding="utf-8")
    env = {**os.environ, "GLOSSARY_HOME": str(isolated_home)}
    code = (
        "import sys; sys.argv = ['glossary', 'scan', sys.argv[1], '--json']; import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('numpy', 'glossary.search', 'sqlalchemy', 'jieba', 'flask')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    for expected in (None, "[]"):  # the first run builds everything; the second reads the cache
        done = subprocess.run(
            [sys.executable, "-c", code, str(draft)], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert '"DESG"' in done.stdout
        if expected is not None:
            assert done.stdout.splitlines()[-1] == expected
