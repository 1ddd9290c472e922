"""TBX: TBX-Basic martif (default) and TBX v3 out, both and other tools' TBX in; hostile XML refused."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings

from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.exchange.tbx import parse_source
from glossary.exchange.tbx import read_tbx
from glossary.exchange.tbx import source_text
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.store import Store
from tests.exchange_helpers import count
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import glossaries
from tests.exchange_helpers import load_concepts
from tests.exchange_helpers import round_trip
from tests.exchange_helpers import write_file


def read(path: Path) -> list[Concept]:
    return [item.concept for item in read_tbx(path)]


def tbx(body: str, root: str = '<martif type="TBX-Basic" xml:lang="en">', end: str = "</martif>") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{root}<text><body>{body}</body></text>{end}'


# ---------------------------------------------------------------- export


def test_the_default_tbx_is_tbx_basic_martif(shipped: Store) -> None:
    text = export_bytes(shipped, "tbx").decode("utf-8")
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="zh-Hant">'
    )
    assert "<martifHeader>" in text and '<p type="XCSURI">TBXBasicXCSV02.xcs</p>' in text
    entry = text[text.index('<termEntry id="digital-economy-steering-group">') :]
    entry = entry[: entry.index("</termEntry>")]
    assert '<langSet xml:lang="zh-Hant">' in entry and '<langSet xml:lang="en">' in entry
    assert "<term>DESG</term>" in entry
    assert '<termNote type="termType">acronym</termNote>' in entry
    assert '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>' in entry
    assert (
        '<descrip type="context">' in entry
        and '<admin type="source">003_8e85de5ac7b80fbc.txt, line ' in entry
    )
    assert "<note>kind: org</note>" in entry


def test_tbx3_is_the_iso_30042_2019_tbx_basic_dialect(shipped: Store) -> None:
    text = export_bytes(shipped, "tbx3").decode("utf-8")
    assert '<tbx type="TBX-Basic" style="dca" xml:lang="zh-Hant" xmlns="urn:iso:std:iso:30042:ed-2">' in text
    assert "<tbxHeader>" in text and "<conceptEntry id=" in text and "<langSec xml:lang=" in text
    assert "<termSec>" in text and "<tig>" not in text and "martif" not in text


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_export_import_export_is_byte_identical(
    shipped: Store, empty: Store, tmp_path: Path, fmt: str
) -> None:
    first = export_bytes(shipped, fmt)
    report = import_file(empty, write_file(tmp_path / "g.tbx", first))
    assert report.added == count(shipped, "concepts")
    assert export_bytes(empty, fmt) == first


def test_tbx3_and_tbx_describe_the_same_glossary(shipped: Store, empty: Store, tmp_path: Path) -> None:
    import_file(empty, write_file(tmp_path / "g.tbx", export_bytes(shipped, "tbx3")))
    assert export_bytes(empty, "tbx") == export_bytes(shipped, "tbx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(exact=False))
def test_random_glossaries_survive_tbx_round_trips(found: list[Concept]) -> None:
    for fmt in ("tbx", "tbx3"):
        with tempfile.TemporaryDirectory() as tmp:
            first, second = round_trip(fmt, found, Path(tmp), suffix="tbx")
        assert first == second


def test_translate_toolkit_reads_every_concept_in_both_languages(shipped: Store) -> None:
    """Weblate reads TBX through translate-toolkit: every concept is a unit, with every language."""
    from translate.storage.tbx import tbxfile

    store = tbxfile.parsestring(export_bytes(shipped, "tbx"))
    units = {unit.getid(): unit for unit in store.units}
    assert len(units) == count(shipped, "concepts")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for concept in shipped.all_concepts():
        nodes = units[concept.id].getlanguageNodes()
        assert {node.get(lang) for node in nodes} == {t.lang for t in concept.terms}, concept.id
        texts = {term.text for node in nodes for term in node.iter("term")}
        assert texts == {t.text for t in concept.terms}, concept.id
    desg = units["digital-economy-steering-group"]
    assert (desg.source, desg.target) == ("數位經濟指導小組", "Digital Economy Steering Group")
    both = {i for i, u in units.items() if {n.get(lang) for n in u.getlanguageNodes()} >= {"zh-Hant", "en"}}
    bilingual = {c.id for c in shipped.all_concepts() if {"zh-Hant", "en"} <= {t.lang for t in c.terms}}
    assert both == bilingual and len(both) >= 0.9 * len(units)  # (a few shipped concepts are acronym-only)


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_zh_tag_writes_a_region_tag_that_reads_back_as_zh_hant(
    shipped: Store, empty: Store, tmp_path: Path, fmt: str
) -> None:
    data = export_bytes(shipped, fmt, zh_tag="zh-TW", kind="org")
    assert b'xml:lang="zh-TW"' in data and b'xml:lang="zh-Hant"' not in data
    import_file(empty, write_file(tmp_path / "regional.tbx", data))
    desg = empty.get_concept("digital-economy-steering-group")
    assert desg.zh == "數位經濟指導小組" and {t.lang for t in desg.terms} == {"zh-Hant", "en"}


def test_translate_toolkit_reads_a_zh_tw_export(shipped: Store) -> None:
    from translate.storage.tbx import tbxfile

    store = tbxfile.parsestring(export_bytes(shipped, "tbx", zh_tag="zh-TW"))
    unit = next(u for u in store.units if u.getid() == "digital-economy-steering-group")
    assert unit.source == "數位經濟指導小組"


def test_zh_tag_is_for_tbx_only(shipped: Store) -> None:
    with pytest.raises(BadInput, match="--zh-tag applies to --format tbx and tbx3 only"):
        export_bytes(shipped, "csv", zh_tag="zh-TW")
    with pytest.raises(BadInput, match="unknown Chinese tag 'zh-CN'"):
        export_bytes(shipped, "tbx", zh_tag="zh-CN")


def test_a_character_xml_cannot_hold_is_refused_by_name(empty: Store, tmp_path: Path) -> None:
    concept = Concept(id="odd", terms=[Term("odd\ufffeform", "en")])
    load_concepts(empty, [concept], tmp_path)
    with pytest.raises(
        BadInput, match=r"concept 'odd': field 'term': character U\+FFFE cannot be written to XML"
    ):
        export_bytes(empty, "tbx")


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_a_definitions_source_survives_tbx_but_not_its_quote(empty: Store, tmp_path: Path, fmt: str) -> None:
    """TBX-Basic gives a definition a source (``admin type="source"``) but nowhere for a quote."""
    cited = Citation(doc="003_報告.txt", line=42, section="貳、會議 > 一", quote="the sentence quoted")
    concept = Concept(
        id="defined",
        terms=[Term("定義詞", "zh-Hant"), Term("Defined Term", "en")],
        definitions=[Definition("一個有出處的定義。", "zh-Hant", cited), Definition("No source.", "en")],
    )
    load_concepts(empty, [concept], tmp_path)
    (read_back,) = read(write_file(tmp_path / "d.tbx", export_bytes(empty, fmt)))
    first, second = read_back.definitions
    assert (first.text, first.lang, second.text, second.citation) == (
        "一個有出處的定義。",
        "zh-Hant",
        "No source.",
        None,
    )
    assert first.citation is not None
    assert (first.citation.doc, first.citation.line, first.citation.section) == (
        "003_報告.txt",
        42,
        "貳、會議 > 一",
    )
    assert not first.citation.quote


def test_sources_read_back_as_written() -> None:
    citation = Citation(doc="003_報告.txt", line=264, section="參、會議情形 > 三、(五), line 9", quote="q")
    assert parse_source(source_text(citation)) == ("003_報告.txt", 264, "參、會議情形 > 三、(五), line 9")
    assert parse_source("Wikipedia") is None


# ---------------------------------------------------------------- other tools' TBX


def test_tbx_from_another_tool_keeps_what_it_cannot_map_as_notes(tmp_path: Path) -> None:
    body = """
    <termEntry id="TE-17">
      <descrip type="subjectField">privacy</descrip>
      <descrip type="definition">A technique that protects personal data.</descrip>
      <transacGrp><transac type="transactionType">origination</transac><date>2021-05-01</date></transacGrp>
      <langSet xml:lang="en-US">
        <ntig>
          <termGrp>
            <term>Privacy Enhancing Technologies</term>
            <termNote type="partOfSpeech">noun</termNote>
          </termGrp>
          <descrip type="context">PETs reduce risk.</descrip>
        </ntig>
        <tig><term>PETs</term><termNote type="termType">initialism</termNote></tig>
      </langSet>
      <langSet xml:lang="zh-TW">
        <tig>
          <term>隱私強化技術</term>
          <termNote type="administrativeStatus">legalTerm-admn-sts</termNote>
        </tig>
        <tig><term>隱私增強技術</term></tig>
      </langSet>
    </termEntry>"""
    (concept,) = read(write_file(tmp_path / "other.tbx", tbx(body)))
    assert concept.id == "TE-17"  # invalid as our id: the importer mints one
    assert concept.subject == "privacy"
    assert [(d.text, d.lang) for d in concept.definitions] == [
        ("A technique that protects personal data.", "en")
    ]
    assert [(t.text, t.lang, t.type, t.status) for t in concept.terms] == [
        ("Privacy Enhancing Technologies", "en", "fullForm", "preferred"),
        ("PETs", "en", "acronym", "preferred"),
        ("隱私強化技術", "zh-Hant", "fullForm", "preferred"),
        ("隱私增強技術", "zh-Hant", "fullForm", "admitted"),
    ]
    assert concept.terms[0].note == "partOfSpeech: noun\ncontext: PETs reduce risk."
    assert concept.terms[1].note == "termType: initialism"
    assert concept.terms[2].note == "administrativeStatus: legalTerm-admn-sts"
    assert concept.note == "transacGrp: transactionType: origination; date: 2021-05-01"


def test_another_tools_entry_gets_one_of_our_ids(empty: Store, tmp_path: Path) -> None:
    term = "<tig><term>Data Free Flow with Trust</term></tig>"
    body = f'<termEntry id="TE-1"><langSet xml:lang="en">{term}</langSet></termEntry>'
    report = import_file(empty, write_file(tmp_path / "o.tbx", tbx(body)))
    assert [a.id for a in report.actions] == ["data-free-flow-with-trust"]
    assert empty.get_concept("data-free-flow-with-trust").en == "Data Free Flow with Trust"


def test_a_doctype_naming_the_tbx_dtd_is_fine(tmp_path: Path) -> None:
    text = tbx('<termEntry id="a"><langSet xml:lang="en"><tig><term>A</term></tig></langSet></termEntry>')
    text = text.replace("\n", '\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n', 1)
    assert [c.en for c in read(write_file(tmp_path / "d.tbx", text))] == ["A"]


# ---------------------------------------------------------------- malformed and hostile files

ENTRY = '<termEntry id="a"><langSet xml:lang="en"><tig><term>A</term></tig></langSet></termEntry>'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (tbx(ENTRY * 3)[:-40], r"bad\.tbx: line \d+, column \d+: XML error: .*truncated"),
        ("", r"bad\.tbx: line 1, column 0: XML error: no element found"),
        (
            '<?xml version="1.0"?><glossary><entry/></glossary>',
            r"root element is <glossary>; expected <martif>",
        ),
        (
            tbx(ENTRY.replace('"en"', '"xx-YY"')),
            r"bad\.tbx: line 2: termEntry 1 \(id 'a'\): langSet 1: xml:lang: unknown language tag 'xx-YY'",
        ),
        (
            tbx(ENTRY.replace(' xml:lang="en"', "")),
            r"termEntry 1 \(id 'a'\): langSet 1: no xml:lang attribute",
        ),
        (tbx(ENTRY.replace("<term>A</term>", "<term> </term>")), r"tig 1: field 'term' is empty"),
        (tbx(ENTRY.replace("<term>A</term>", "")), r"tig 1: field 'term' is missing"),
        (
            tbx(ENTRY.replace("<tig><term>A</term></tig>", "")),
            r"langSet 1 \(en\): no term in this language section",
        ),
        (
            tbx('<termEntry id="a"><note>n</note></termEntry>'),
            r"termEntry 1 \(id 'a'\): no langSet with a term",
        ),
        (
            tbx(ENTRY.replace("<term>A</term>", "<term>A&#1;</term>")),
            r"XML error: reference to invalid character",
        ),
        (tbx(ENTRY.replace("<term>A</term>", "<term>&nbsp;</term>")), r"XML error: undefined entity"),
    ],
)
def test_malformed_tbx_is_refused_with_the_place(
    empty: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = write_file(tmp_path / "bad.tbx", content)
    with pytest.raises(BadInput, match=message):
        import_file(empty, path)
    assert count(empty, "concepts") == 0


def test_a_tbx_that_is_not_utf8_says_so(empty: Store, tmp_path: Path) -> None:
    data = tbx(ENTRY.replace("<term>A</term>", "<term>數位</term>")).encode("big5")
    path = write_file(tmp_path / "big5.tbx", data)
    with pytest.raises(
        BadInput, match=r"big5\.tbx: line 2, column \d+: XML error: not well-formed .*is not UTF-8"
    ):
        import_file(empty, path)
    assert count(empty, "concepts") == 0


XXE = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en">
<tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en">
<tig><term>&lol9;</term></tig></langSet></termEntry></body></text></martif>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<martif type="TBX-Basic"><text><body/></text></martif>"""


@pytest.mark.parametrize(
    "content", [XXE, LAUGHS, EXTERNAL_DTD], ids=["xxe", "billion-laughs", "parameter-entity"]
)
def test_entity_declarations_are_refused_safely(empty: Store, tmp_path: Path, content: str) -> None:
    path = write_file(tmp_path / "evil.tbx", content)
    with pytest.raises(BadInput, match=r"evil\.tbx: line \d+: refused: .*entity"):
        import_file(empty, path)
    assert count(empty, "concepts") == 0


def test_limits_on_size_and_depth(empty: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.exchange.tbx as tbx_module

    deep = tbx('<termEntry id="a">' + "<note>" * 100 + "</note>" * 100 + "</termEntry>")
    with pytest.raises(BadInput, match="nested more than 64 deep"):
        import_file(empty, write_file(tmp_path / "deep.tbx", deep))
    monkeypatch.setattr(tbx_module, "MAX_ENTRY_ELEMENTS", 5)
    with pytest.raises(BadInput, match="more than 5 elements"):
        import_file(
            empty,
            write_file(
                tmp_path / "wide.tbx",
                tbx(ENTRY.replace("<term>A</term>", "<term>A</term>" + "<note>x</note>" * 10)),
            ),
        )
    monkeypatch.setattr(tbx_module, "MAX_TBX_BYTES", 100)
    with pytest.raises(BadInput, match="more than the 100-byte limit"):
        import_file(empty, write_file(tmp_path / "big.tbx", tbx(ENTRY * 5)))
