"""The glossary build on a small synthetic report: each curation entry type, each validation error,
stable ids, determinism. No ../shared needed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from glossary.errors import BadInput
from glossary.harvest import glossary_build as build
from glossary.harvest.curation_files import read_curation
from glossary.harvest.glossary_build import assemble
from glossary.harvest.glossary_build import mine_reports
from glossary.harvest.glossary_build import record_ids
from glossary.records import Concept
from glossary.terms_csv import parse_concepts
from tests.cli_helpers import run

REPORT = """# 壹、會議情形
一、數位經濟指導小組（Digital Economy Steering Group, DESG）第一次會議
本次會議交流隱私強化技術（Privacy Enhancing Technologies，PETs）之應用。
主席（Chair）致詞後，由資料隱私次級小組（Data Privacy Subgroup, DPS）報告。
國際交通論壇（International Transport Forum, ITE）發表報告。
石井純一(Junichi Ishii)發言。
範疇三排放（Scope 3 emissions）須揭露，亦稱價值鏈排放。
"""
DOC = "r1.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """reports/r1.txt, sources.csv and an empty curation folder."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / DOC).write_text(REPORT, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(f"id,file_name,title\nr1,{DOC},Report one\n", encoding="utf-8")
    (tmp_path / "curation").mkdir()
    return tmp_path


def curate(project: Path, text: str, name: str = "review.toml") -> None:
    (project / "curation" / name).write_text(text, encoding="utf-8")


def built(project: Path) -> list[Concept]:
    return build_result(project).concepts


def build_result(project: Path) -> build.BuildResult:
    mined = mine_reports(project / "reports", project / "sources.csv")
    return assemble(mined, read_curation(project / "curation"))


def by_abbr(concepts: list[Concept], abbr: str) -> Concept:
    return next(c for c in concepts if c.abbr == abbr)


def test_without_curation_every_pair_is_an_approved_concept_and_persons_are_left_out(project: Path) -> None:
    concepts = built(project)
    assert {c.abbr for c in concepts} >= {"DESG", "PETs", "DPS", "ITE"}
    assert all(c.review_status == "approved" for c in concepts)
    assert not [c for c in concepts if c.kind == "person" or c.en == "Junichi Ishii"]
    pets = by_abbr(concepts, "PETs")
    assert pets.citations[0].doc == DOC and pets.citations[0].line == 3
    assert pets.citations[0].term in REPORT.split("\n")[2]


def test_reject_removes_the_pair(project: Path) -> None:
    assert any(c.en == "Chair" for c in built(project))
    curate(project, '[[reject]]\nzh = "主席"\nen = "Chair"\nreason = "a job title"\n')
    assert not any(c.en == "Chair" for c in built(project))


def test_correct_changes_a_field_and_cites_the_line_as_written(project: Path) -> None:
    curate(
        project,
        f'[[correct]]\ndoc = "{DOC}"\nline = 5\nzh = "國際交通論壇"\nen = "International Transport Forum"\n'
        'abbr = "ITE"\nset = { abbr = "ITF" }\nreason = "OCR slip"\n',
    )
    itf = by_abbr(built(project), "ITF")
    assert itf.citations[0].line == 5 and itf.citations[0].term in REPORT.split("\n")[4]


def test_add_creates_a_pair_with_its_definition_and_citation(project: Path) -> None:
    curate(
        project,
        f'[[add]]\ndoc = "{DOC}"\nline = 7\nzh = "價值鏈排放"\nen = "Scope 3 emissions"\nkind = "term"\n'
        'definition = "範疇三排放（Scope 3 emissions）須揭露"\ndefinition_line = 7\nreason = "missed"\n',
    )
    concept = next(c for c in built(project) if "價值鏈排放" in [t.text for t in c.terms])
    assert any(c.line == 7 and c.term in REPORT.split("\n")[6] for c in concept.citations)
    assert concept.definitions[0].citation is not None and concept.definitions[0].citation.line == 7


def test_concept_entry_sets_id_preferred_form_subject_and_merges(project: Path) -> None:
    curate(
        project,
        '[[concept]]\nmatch = { abbr = "DESG" }\nid = "desg"\nsubject = "digital economy"\n'
        'merge = [{ abbr = "DPS" }]\nzh = "資料隱私次級小組"\nreason = "test"\n',
    )
    concepts = built(project)
    desg = next(c for c in concepts if c.id == "desg")
    assert desg.subject == "digital economy"
    assert desg.zh == "資料隱私次級小組"
    assert "數位經濟指導小組" in [t.text for t in desg.variants]
    assert not any(c.abbr == "DPS" and c.id != "desg" for c in concepts)


def test_variant_entry_deprecates_a_form_with_a_note(project: Path) -> None:
    curate(
        project,
        '[[correct]]\nabbr = "ITE"\nzh = "國際交通論壇"\nen = "International Transport Forum"\n'
        'set = { abbr = "ITF" }\nreason = "OCR"\n\n'
        '[[variant]]\nmatch = { abbr = "ITF" }\ntext = "ITE"\nlang = "en"\ntype = "acronym"\n'
        'status = "deprecated"\nnote = "OCR slip for ITF"\nreason = "keep for the checker"\n',
    )
    itf = by_abbr(built(project), "ITF")
    ite = next(t for t in itf.terms if t.text == "ITE")
    assert (ite.status, ite.type, ite.note) == ("deprecated", "acronym", "OCR slip for ITF")


def test_correct_can_remove_a_wrong_definition(project: Path) -> None:
    report = REPORT + "¹ 該機制由資料隱私次級小組（Data Privacy Subgroup, DPS）審查。\n"
    report = report.replace("交流隱私強化技術", "交流隱私強化技術¹")
    (project / "reports" / DOC).write_text(report, encoding="utf-8")
    assert by_abbr(built(project), "PETs").definitions, "the marker should give PETs the footnote"
    curate(
        project,
        '[[correct]]\nzh = "隱私強化技術"\nen = "Privacy Enhancing Technologies"\nabbr = "PETs"\n'
        'set = { definition = "" }\nreason = "the footnote is about something else"\n',
    )
    pets = by_abbr(built(project), "PETs")
    assert pets.definitions == []
    assert pets.citations and pets.zh == "隱私強化技術"


def test_a_preferred_form_may_come_from_a_variant_entry_in_any_order(project: Path) -> None:
    curate(
        project,
        '[[variant]]\nmatch = { abbr = "DPS" }\ntext = "DPS Working Group"\nlang = "en"\n'
        'status = "admitted"\nreason = "a form known from elsewhere"\n\n'
        '[[concept]]\nmatch = { abbr = "DPS" }\nen = "DPS Working Group"\nreason = "x"\n',
    )
    dps = by_abbr(built(project), "DPS")
    assert dps.en == "DPS Working Group"
    old = next(t for t in dps.terms if t.text == "Data Privacy Subgroup")
    assert old.status == "admitted"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[[reject]]\nzh = "主席"\nreason = "x"\ncolour = "red"\n',
            "[[reject]] #1 (主席): unknown key 'colour'",
        ),
        ('[[frobnicate]]\nzh = "x"\n', "unknown table [[frobnicate]]"),
        ('[[reject]]\nzh = "主席"\n', "missing key 'reason'"),
        ('[[reject]]\nzh = "主席"\ndoc = "r1.txt"\nreason = "x"\n', "give 'doc' and 'line' together"),
        ('[[concept]]\nmatch = { abbr = "NOPE" }\nreason = "x"\n', "match {abbr = 'NOPE'} finds no concept"),
        (
            '[[concept]]\nmatch = { abbr = "DESG" }\nzh = "別的名字"\nreason = "x"\n',
            "the concept has no zh form '別的名字'",
        ),
        (
            '[[concept]]\nmatch = { abbr = "DESG" }\nid = "dps"\nreason = "x"\n\n'
            '[[concept]]\nmatch = { abbr = "DPS" }\nid = "dps"\nreason = "x"\n',
            "the id 'dps' is already given to",
        ),
        ('[[concept]]\nmatch = { abbr = "DESG" }\nid = "Not An Id"\nreason = "x"\n', "is not valid"),
        (
            '[[correct]]\nabbr = "DESG"\nset = { definition = "一個小組" }\nreason = "x"\n',
            'set.definition can only be ""',
        ),
        (
            '[[variant]]\nmatch = { abbr = "DESG" }\ntext = "X"\nlang = "en"\n'
            'status = "preferred"\nreason = "x"\n',
            "status 'preferred' is not one of",
        ),
        (
            f'[[add]]\ndoc = "{DOC}"\nline = 2\nzh = "隱私強化技術"\nreason = "x"\n',
            "line 2 of r1.txt states none of '隱私強化技術'",
        ),
        (f'[[add]]\ndoc = "{DOC}"\nline = 99\nzh = "主席"\nreason = "x"\n', "line 99 is past the end"),
        ('[[add]]\ndoc = "other.txt"\nline = 1\nzh = "主席"\nreason = "x"\n', "no report 'other.txt'"),
        ("[[reject]\nzh = 1\n", "invalid TOML"),
    ],
)
def test_a_bad_entry_stops_the_build_naming_file_and_entry(project: Path, toml: str, message: str) -> None:
    curate(project, toml, "bad.toml")
    with pytest.raises(BadInput) as info:
        built(project)
    assert str(info.value).startswith("bad.toml")
    assert message in str(info.value)


def test_a_match_finding_several_concepts_is_an_error(project: Path) -> None:
    curate(
        project,
        '[[correct]]\nabbr = "DPS"\nzh = "資料隱私次級小組"\nen = "Data Privacy Subgroup"\n'
        'set = { abbr = "DESG" }\nreason = "make two concepts share an acronym"\n\n'
        '[[concept]]\nmatch = { abbr = "DESG" }\nkind = "org"\nreason = "x"\n',
    )
    with pytest.raises(BadInput, match="finds 2 concepts"):
        built(project)


def test_a_stale_reject_is_a_warning_not_an_error(project: Path) -> None:
    curate(project, '[[reject]]\nzh = "不存在"\nen = "Nothing"\nreason = "x"\n')
    result = build_result(project)
    assert any("matches no mined pair" in w for w in result.warnings)


def test_recorded_ids_keep_concepts_stable_when_others_change(project: Path) -> None:
    mined = mine_reports(project / "reports", project / "sources.csv")
    first = assemble(mined, read_curation(project / "curation"))
    assert record_ids(mined, project / "curation", first) == len(first.minted) > 0
    ids = {c.abbr: c.id for c in first.concepts if c.abbr}
    # A reviewer now changes an English form (which the slug comes from): the id stays.
    curate(
        project,
        '[[correct]]\nabbr = "DESG"\nzh = "數位經濟指導小組"\nen = "Digital Economy Steering Group"\n'
        'set = { en = "APEC Digital Economy Steering Group" }\nreason = "x"\n',
        "review.toml",
    )
    again = assemble(mined, read_curation(project / "curation"))
    assert {c.abbr: c.id for c in again.concepts if c.abbr} == ids
    assert not again.minted


def test_the_csv_is_deterministic_and_sorted(project: Path) -> None:
    first = build.render_csv(built(project))
    assert first == build.render_csv(built(project))
    rows = list(csv.DictReader(io.StringIO(first)))
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert len(list(parse_concepts(io.StringIO(first), "built"))) == len(rows)


def test_build_glossary_command_writes_the_csv(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "terms.csv"
    args = ["build-glossary", str(project / "reports"), "--sources", str(project / "sources.csv")]
    ran = run(capsys, *args, "--curation", str(project / "curation"), "-o", str(out), "--record-ids")
    assert ran.status == 0, ran.err
    assert "concepts" in ran.err and out.read_text(encoding="utf-8").startswith("id,kind,zh,en")
    assert "recorded = true" in (project / "curation" / "ids.toml").read_text(encoding="utf-8")
    curate(project, '[[reject]]\nzh = "主席"\nreason = "x"\nbad = 1\n', "bad.toml")
    before = out.read_bytes()
    ran = run(capsys, *args, "--curation", str(project / "curation"), "-o", str(out))
    assert ran.status == 2 and ran.err.startswith("Error: bad.toml: [[reject]] #1")
    assert out.read_bytes() == before, "nothing half-written"


def test_entries_match_forms_regardless_of_a_leading_article(project: Path) -> None:
    curate(
        project,
        '[[concept]]\nmatch = { en = "The Data Privacy Subgroup." }\nsubject = "privacy"\nreason = "x"\n',
    )
    assert by_abbr(built(project), "DPS").subject == "privacy"
