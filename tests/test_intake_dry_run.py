"""Issue 15: ``import --dry-run`` says of each entry ``new``, ``same as ID``, ``merge into ID``
or ``conflict: why``, one line each (``--json``: JSON Lines), and changes nothing. SQLite and
PostgreSQL, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.store import Store
from tests.exchange_helpers import count

PARTNER = "中文,英文,縮寫\n區塊鏈,Blockchain,\n人工智慧,Artificial intelligence,\n人工智慧,AI technology,\n"


@pytest.mark.parametrize(
    ("policy", "verdicts"),
    [
        ("merge", ["new", "same as artificial-intelligence", "merge into artificial-intelligence"]),
        ("skip", ["new", "same as artificial-intelligence", "same as artificial-intelligence"]),
        (
            "fail",
            ["new"] + ["conflict: same Chinese form as artificial-intelligence (--on-duplicate fail)"] * 2,
        ),
    ],
)
def test_a_dry_run_says_one_verdict_per_entry_and_changes_nothing(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path, policy: str, verdicts: list[str]
) -> None:
    partner = tmp_path / "partner.csv"
    partner.write_text(PARTNER, encoding="utf-8")
    before, revision = count(store, "terms"), store.revision()

    ran = cli("import", str(partner), "--dry-run", "--on-duplicate", policy)

    assert ran.status == 0, ran.err
    lines = [line.split("\t") for line in ran.out.splitlines()]
    assert [line[0] for line in lines] == verdicts
    assert [line[1] for line in lines] == [f"{partner}: row {n}" for n in (2, 3, 4)]
    assert (count(store, "terms"), store.revision()) == (before, revision)

    entries = [
        json.loads(line)
        for line in cli(
            "import", str(partner), "--dry-run", "--json", "--on-duplicate", policy
        ).out.splitlines()
    ]
    assert [e["line"] for e in entries] == verdicts
    assert entries[1]["id"] == "artificial-intelligence" and entries[1]["reason"].startswith(
        "same Chinese form"
    )
