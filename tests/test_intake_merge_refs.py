"""Issue 15: merging two concepts keeps the partner ids the removed one was imported under
(``source_refs``): ``glossary concept merge KEEP OTHER`` and the API's merge route move them to
the kept concept, through the one merge. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.store import Store
from tests.exchange_helpers import count

# Two partner entries whose ids are not ours (TE-1, TE-2): each concept gets an id of ours and
# keeps its partner id as a source reference. TE-2 is later found to be the same concept as TE-1.
PARTNER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en"><text><body>'
    '<termEntry id="TE-1"><langSet xml:lang="zh-Hant"><tig><term>星際航道</term></tig></langSet>'
    '<langSet xml:lang="en"><tig><term>Interstellar Lane</term></tig></langSet></termEntry>'
    '<termEntry id="TE-2"><langSet xml:lang="zh-Hant"><tig><term>星際航線</term></tig></langSet>'
    '<langSet xml:lang="en"><tig><term>Interstellar Route</term></tig></langSet></termEntry>'
    "</body></text></martif>"
)


@pytest.fixture
def imported(cli, store: Store, tmp_path: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(kept id, removed id): two imported concepts, each with its partner id as a source reference."""
    partner = tmp_path / "partner.tbx"
    partner.write_text(PARTNER, encoding="utf-8")
    assert cli("import", str(partner)).status == 0
    by_en = {c.en: c.id for c in store.all_concepts()}
    keep, other = by_en["Interstellar Lane"], by_en["Interstellar Route"]
    assert store.source_refs(keep) == [("partner.tbx", "TE-1")]
    assert store.source_refs(other) == [("partner.tbx", "TE-2")]
    return keep, other


def test_concept_merge_moves_the_source_refs_to_the_kept_concept(  # type: ignore[no-untyped-def]
    cli, store: Store, imported: tuple[str, str]
) -> None:
    keep, other = imported
    refs = count(store, "source_refs")

    ran = cli("concept", "merge", keep, other)

    assert ran.status == 0, ran.err
    assert other not in {c.id for c in store.all_concepts()}
    assert store.source_refs(keep) == [("partner.tbx", "TE-1"), ("partner.tbx", "TE-2")]
    assert count(store, "source_refs") == refs  # moved, not copied


def test_a_ref_the_kept_concept_has_already_is_not_doubled(  # type: ignore[no-untyped-def]
    cli, store: Store, imported: tuple[str, str]
) -> None:
    from sqlalchemy import text

    keep, other = imported
    with store.engine.begin() as conn:  # the removed concept was imported as TE-1 too
        conn.execute(
            text("INSERT INTO source_refs (concept_id, file, entry_id) VALUES (:c, 'partner.tbx', 'TE-1')"),
            {"c": other},
        )

    assert cli("concept", "merge", keep, other).status == 0
    assert store.source_refs(keep) == [("partner.tbx", "TE-1"), ("partner.tbx", "TE-2")]


def test_the_api_merge_moves_them_too(store: Store, imported: tuple[str, str]) -> None:
    from tests.api_helpers import bearer
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    keep, other = imported
    app = make_app(store.url)
    try:
        client = app.test_client()
        response = client.post(
            f"/api/v1/concepts/{keep}/merge", json={"other": other}, headers=bearer(app, "curator")
        )
        assert response.status_code == 200, response.get_data(as_text=True)
    finally:
        close_app(app)
    assert store.source_refs(keep) == [("partner.tbx", "TE-1"), ("partner.tbx", "TE-2")]
