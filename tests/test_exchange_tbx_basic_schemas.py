"""The tbx3 export against the TBX-Basic dialect's own RELAX NG schema and Schematron.

The two files are vendored in ``testdata/tbx_basic/`` (where they come from: its README).
lxml validates the RELAX NG grammar whole. Its ISO Schematron runs XSLT 1.0 only, and
``TBX-Basic_DCA.sch`` declares ``queryBinding="xslt2"`` and uses two XPath 2.0 forms,
so the test runs a copy in which exactly those are rewritten as their XPath 1.0
equivalents (``schematron_for_lxml``), every other rule as written:

- ``matches(@target,'https?://.+')`` (a regular expression, unanchored): ``http://`` or
  ``https://`` followed by at least one character, anywhere in the value;
- ``STEP/(A or B)`` (a path ending in a boolean): ``(STEP/A or STEP/B)``, the same for
  the one-node steps (``parent::…``) the file uses them on.

A rule left in XPath 2.0 after the rewriting fails the test, naming it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import isoschematron

from glossary.exchange.tbx import CITED_AS
from glossary.exchange.tbx import read_tbx
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.store import Store
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import load_concepts
from tests.exchange_helpers import write_file

SCHEMAS = Path(__file__).resolve().parent.parent / "testdata" / "tbx_basic"
RNG = SCHEMAS / "TBXcoreStructV03_TBX-Basic_integrated.rng"
SCH = SCHEMAS / "TBX-Basic_DCA.sch"
TBX = "urn:iso:std:iso:30042:ed-2"
ISO_SCH = "{http://purl.oclc.org/dsdl/schematron}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"

_MATCHES = "matches(@target,'https?://.+')"
_MATCHES_XPATH1 = (
    "(string-length(substring-after(@target,'http://')) > 0"
    " or string-length(substring-after(@target,'https://')) > 0)"
)
_STEP_THEN_BOOLEAN = re.compile(r"([\w:*]+(?:\[[^\]]*\])?)/\(([^()]*)\)")
_XPATH2_ONLY = re.compile(
    r"\b(?:matches|replace|tokenize|exists|empty|string-join|lower-case|upper-case)\(|/\("
)


def xpath1(test: str) -> str:
    """The XPath 1.0 equivalent of one of the .sch file's tests (see the module docstring)."""
    test = test.replace(_MATCHES, _MATCHES_XPATH1)

    def spread(match: re.Match[str]) -> str:
        step, inner = match.group(1), match.group(2)
        return "(" + " or ".join(f"{step}/{alt.strip()}" for alt in re.split(r"\bor\b", inner)) + ")"

    return _STEP_THEN_BOOLEAN.sub(spread, test)


def schematron_for_lxml() -> isoschematron.Schematron:
    root = etree.parse(str(SCH)).getroot()
    assert root.get("queryBinding") == "xslt2"  # if the vendored file changes, re-read this module
    root.set("queryBinding", "xslt")
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in root.iter(f"{ISO_SCH}ns")}
    for node in root.iter(f"{ISO_SCH}assert", f"{ISO_SCH}report", f"{ISO_SCH}rule"):
        attribute = "context" if node.tag == f"{ISO_SCH}rule" else "test"
        written = node.get(attribute, "")
        rewritten = xpath1(written)
        assert not _XPATH2_ONLY.search(rewritten), f"XPath 2.0 left in the Schematron: {written}"
        etree.XPath(rewritten, namespaces=namespaces)  # compiles as XPath 1.0
        node.set(attribute, rewritten)
    return isoschematron.Schematron(root, store_report=True)


def rng_errors(data: bytes) -> list[str]:
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    valid = schema.validate(etree.fromstring(data))
    errors = [f"line {e.line}: {e.message}" for e in schema.error_log]
    assert valid == (not errors)
    return errors


def _readable(location: str) -> str:
    """``/*[local-name()='tbx' and namespace-uri()='…']/…[1]`` as ``/tbx/…[1]``."""
    return re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location)


def schematron_failures(data: bytes) -> list[str]:
    schematron = schematron_for_lxml()
    valid = schematron.validate(etree.fromstring(data))
    report = schematron.validation_report
    failures = []
    for failed in report.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        message = " ".join((failed.findtext(f"{SVRL}text") or failed.get("test", "")).split())
        failures.append(f"{_readable(failed.get('location', ''))}: {message}")
    assert valid == (not failures)
    return failures


def test_the_rewriting_keeps_the_meaning_of_the_two_xpath2_forms() -> None:
    assert xpath1("parent::tbx:descripGrp/(parent::tbx:conceptEntry or parent::tbx:langSec)") == (
        "(parent::tbx:descripGrp/parent::tbx:conceptEntry or parent::tbx:descripGrp/parent::tbx:langSec)"
    )
    element = etree.fromstring('<a><b target="see https://example.org"/><b target="http://"/></a>')
    found = etree.XPath(f"//b[{xpath1(_MATCHES)}]")(element)
    assert [b.get("target") for b in found] == ["see https://example.org"]  # as matches() finds it
    assert "matches(" in SCH.read_text(encoding="utf-8")  # the vendored file is the XSLT 2 one


def test_the_shipped_glossary_as_tbx3_is_valid_against_the_tbx_basic_rng(shipped: Store) -> None:
    assert rng_errors(export_bytes(shipped, "tbx3")) == []


def test_the_shipped_glossary_as_tbx3_meets_the_tbx_basic_schematron(shipped: Store) -> None:
    assert schematron_failures(export_bytes(shipped, "tbx3")) == []


def test_the_schemas_refuse_what_tbx_basic_does_not_allow(shipped: Store) -> None:
    """The checks can fail: a context sentence on the conceptEntry (where the export put a
    citation whose form is written otherwise, before) and a data category TBX-Basic lacks."""
    data = export_bytes(shipped, "tbx3")
    root = etree.fromstring(data)
    entry = root.find(f".//{{{TBX}}}conceptEntry")
    assert entry is not None
    group = etree.Element(f"{{{TBX}}}descripGrp")
    etree.SubElement(group, f"{{{TBX}}}descrip", type="context").text = "a sentence"
    etree.SubElement(group, f"{{{TBX}}}admin", type="source").text = "003.txt, line 1"
    entry.insert(0, group)
    assert schematron_failures(etree.tostring(root)) == [
        "/tbx/text/body/conceptEntry[1]/descripGrp/descrip: Context appears at the termSec level"
    ]
    term_sec = root.find(f".//{{{TBX}}}termSec")
    assert term_sec is not None
    term_sec.insert(1, etree.Element(f"{{{TBX}}}termNote", type="processStatus"))
    assert any("processStatus" in error or "termNote" in error for error in rng_errors(etree.tostring(root)))


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_a_form_cited_as_written_otherwise_is_a_context_of_its_term_and_reads_back(
    empty: Store, tmp_path: Path, fmt: str
) -> None:
    """A report writing the name in capitals (or naming no form) still gives a context sentence
    in a termSec, the only place TBX-Basic has for one, and the citation reads back unchanged."""
    cited = [
        Citation(doc="003.txt", line=1053, quote="2. DATA PRIVACY SUB-GROUP (DPS) CHAIR'S REPORT",
                 term="DATA PRIVACY SUB-GROUP"),
        Citation(doc="003.txt", line=70, quote="資料隱私次級小組(DPS)", term="資料隱私次級小組"),
        Citation(doc="003.txt", line=80, quote="a sentence naming no form"),
        Citation(doc="003.txt", line=90, section="參"),  # a bare source: on the entry
    ]
    concept = Concept(
        id="data-privacy-subgroup",
        terms=[Term("資料隱私次級小組", "zh-Hant"), Term("Data Privacy Subgroup", "en"),
               Term("DPS", "en", type="acronym")],
        citations=cited,
    )
    load_concepts(empty, [concept], tmp_path)
    data = export_bytes(empty, fmt)
    (item,) = read_tbx(write_file(tmp_path / "c.tbx", data))
    assert {(c.line, c.quote, c.term) for c in item.concept.citations} == {
        (c.line, c.quote, c.term) for c in cited
    }
    assert item.concept.note is None and all(t.note is None for t in item.concept.terms)
    text = data.decode("utf-8")
    assert text.count(f"<note>{CITED_AS}DATA PRIVACY SUB-GROUP</note>") == 1
    if fmt == "tbx3":
        assert rng_errors(data) == [] and schematron_failures(data) == []


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_a_proposed_form_is_valid_tbx_basic_and_reads_back_proposed(
    empty: Store, tmp_path: Path, fmt: str
) -> None:
    """TBX-Basic has no processStatus: a proposed form is an admitted term with the note
    ``review status: proposed``; a term's own note that starts like a label is escaped."""
    concept = Concept(
        id="digital-trust",
        terms=[
            Term("數位信任", "zh-Hant"),
            Term("Digital Trust", "en"),
            Term("數位信賴", "zh-Hant", type="variant", status="proposed", note="from a partner"),
            Term("DT", "en", type="acronym", status="admitted", note="review status: proposed"),
        ],
    )
    load_concepts(empty, [concept], tmp_path)
    data = export_bytes(empty, fmt)
    assert b"processStatus" not in data
    if fmt == "tbx3":
        assert rng_errors(data) == [] and schematron_failures(data) == []
    (item,) = read_tbx(write_file(tmp_path / "p.tbx", data))
    assert sorted((t.text, t.status, t.note) for t in item.concept.terms) == sorted(
        (t.text, t.status, t.note) for t in concept.terms
    )
    assert item.concept.note is None


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_an_id_starting_with_a_digit_is_a_valid_xml_id_and_reads_back(
    empty: Store, tmp_path: Path, fmt: str
) -> None:
    """Our ids may start with a digit (``5g-networks``); an XML ID may not: TBX writes ``_5g-networks``."""
    terms = [Term("第五代行動通訊網路", "zh-Hant"), Term("5G networks", "en")]
    concept = Concept(id="5g-networks", terms=terms)
    load_concepts(empty, [concept], tmp_path)
    data = export_bytes(empty, fmt)
    assert b'id="_5g-networks"' in data
    if fmt == "tbx3":
        assert rng_errors(data) == []
    (item,) = read_tbx(write_file(tmp_path / "i.tbx", data))
    assert item.concept.id == "5g-networks"
