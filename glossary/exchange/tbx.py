"""TBX exchange: TBX-Basic in the martif form (default) and in ISO 30042:2019 (TBX v3) form.

Translators' tools read the 2008 ``<martif type="TBX-Basic">`` form (translate-toolkit,
hence Weblate, refuses the newer ``<tbx>`` root), so that is what ``--format tbx``
writes; ``--format tbx3`` writes the v3 TBX-Basic dialect (``<tbx type="TBX-Basic"
style="dca">``, conceptEntry / langSec / termSec). The mapping, both ways:

- concept -> termEntry (id = concept id, ``_`` before one that starts with a digit: an XML ID
  may not; read back without it); subject -> ``descrip type="subjectField"``;
  kind, review status and issuing body -> notes ``kind: org``, ``review status: …``,
  ``issuing body: …``; the concept's own note -> a plain ``note`` (prefixed ``note: ``
  only when it would otherwise read as one of those labels);
- each language (zh-Hant first, then en, then others) -> langSet; each term -> tig with
  ``termNote`` termType (fullForm, acronym, abbreviation, shortForm, variant) and
  administrativeStatus (preferredTerm-admn-sts, admittedTerm-admn-sts,
  deprecatedTerm-admn-sts, supersededTerm-admn-sts) and its note; TBX-Basic has no
  "proposed" status nor processStatus: a proposed form is an admitted term with the note
  ``review status: proposed`` (a term's own note starting like that, or with ``note: ``,
  is prefixed ``note: ``); ``processStatus provisionallyProcessed`` is read as proposed too;
- definitions -> ``descripGrp`` (``descrip type="definition"`` + ``admin type="source"``)
  in the langSet of their language, or on the termEntry with ``xml:lang`` when the
  concept has no term in that language;
- citations -> context sentences: ``descripGrp`` (``descrip type="context"`` + source
  ``<doc>, line <n>[, <section>]``) in the tig of the cited form (TBX-Basic allows a
  context only there). A form the report writes otherwise than any term (in capitals,
  ``DATA PRIVACY SUB-GROUP``) goes to the term it matches by identity key, else to the
  first term, with ``<note>cited as: …</note>`` in the group (``cited form not known``
  when the citation names no form), so it reads back as written. A citation without a
  quote is a bare source, on the termEntry when its form is not a term.

Not held (TBX-Basic has no place for them; the JSON dump keeps them): a term's miner
confidence and letter agreement, the concept's version and sync fingerprint, a report's
title, issuing body and date, and the quote of a definition's citation (a definition's
source -- file, line, section -- is kept). Import reads both forms and TBX from other
tools (``ntig``, TBX v3 DCT elements); whatever it does not map is kept as a note
(``partOfSpeech: noun``), never dropped. Parsing goes through defusedxml: entity
declarations and external references are refused (no XXE, no entity-expansion bombs),
and the file, each entry and the nesting depth are size-limited; entries are read one at
a time.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.exchange.common import Incoming
from glossary.exchange.common import Refused
from glossary.exchange.common import check_readable
from glossary.exchange.common import entry as read_entry
from glossary.exchange.common import traditional
from glossary.exchange.common import xml_illegal
from glossary.forms import identity_key
from glossary.ids import is_valid_id
from glossary.languages import canonical_lang
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.records import EN
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import TERM_TYPES
from glossary.records import ZH
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.validate import check_text

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TBX_BYTES = 1024**3
MAX_ENTRY_ELEMENTS = 20_000
MAX_ENTRY_CHARS = 8 * 1024 * 1024
MAX_DEPTH = 64
_CHUNK = 256 * 1024

STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
PROPOSED_PROCESS_STATUS = "provisionallyProcessed"  # read (other tools, older exports), not written
PROPOSED_NOTE = "review status: proposed"
# What other tools write, mapped to our statuses (values not here are kept as a term note).
STATUS_FROM_TBX = {
    **{v.lower(): k for k, v in STATUS_TO_TBX.items()},
    **{k: k for k in STATUS_TO_TBX},
    "legalterm-admn-sts": "preferred",
    "regulatedterm-admn-sts": "preferred",
    "standardizedterm-admn-sts": "preferred",
    "forbidden": "deprecated",
    "obsolete": "superseded",
}
TYPE_FROM_TBX = {**{t.lower(): t for t in TERM_TYPES}, "initialism": "acronym"}
LABELS = {"kind": "kind: ", "review_status": "review status: ", "issuing_body": "issuing body: "}
NOTE_ESCAPE = "note: "
# A context sentence's note when the report writes the form otherwise than the term it is under.
CITED_AS = "cited as: "
CITED_UNKNOWN = "cited form not known"
# Any line number (up to 100 digits): one out of range is refused by the field limits, not kept as a note.
_SOURCE = re.compile(r"(.+?), line ([1-9][0-9]{0,99})(?:, (.*))?", re.DOTALL)


class _Names:
    """Element names of one TBX version."""

    def __init__(self, version: int) -> None:
        v3 = version == 3
        self.root = "tbx" if v3 else "martif"
        self.header = "tbxHeader" if v3 else "martifHeader"
        self.entry = "conceptEntry" if v3 else "termEntry"
        self.lang = "langSec" if v3 else "langSet"
        self.term = "termSec" if v3 else "tig"


# ---------------------------------------------------------------- writing


ZH_TAGS = (ZH, "zh-TW", "zh-HK")


def write_tbx(concepts: Iterable[Concept], out: BinaryIO, *, version: int = 2, zh_tag: str = ZH) -> int:
    """Write TBX-Basic (``version`` 2: martif; 3: ISO 30042:2019) to a binary stream.

    ``zh_tag`` is the language tag written for Traditional Chinese: ``zh-Hant`` (BCP-47),
    or ``zh-TW``/``zh-HK`` for CAT tools that expect a region; import reads all three
    back as ``zh-Hant``.
    """
    if zh_tag not in ZH_TAGS:
        raise BadInput(f"unknown Chinese tag {zh_tag!r}; expected one of {', '.join(ZH_TAGS)}")
    names = _Names(version)
    head = ['<?xml version="1.0" encoding="UTF-8"?>']
    if version == 3:
        base = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA"
        head += [
            f'<?xml-model href="{base}/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
            'schematypens="http://relaxng.org/ns/structure/1.0"?>',
            f'<?xml-model href="{base}/TBX-Basic_DCA.sch" type="application/xml" '
            'schematypens="http://purl.oclc.org/dsdl/schematron"?>',
            f'<tbx type="TBX-Basic" style="dca" xml:lang="{zh_tag}" xmlns="{TBX3_NS}">',
        ]
    else:
        head.append(f'<martif type="TBX-Basic" xml:lang="{zh_tag}">')
    head += [
        f"  <{names.header}>",
        "    <fileDesc>",
        "      <titleStmt>",
        "        <title>glossary: official terms of government trip reports</title>",
        "      </titleStmt>",
        "      <sourceDesc>",
        "        <p>Traditional Chinese / English terms with definitions and the report sentences "
        "that state them, exported by the glossary program.</p>",
        "      </sourceDesc>",
        "    </fileDesc>",
    ]
    if version == 2:
        head += ["    <encodingDesc>", '      <p type="XCSURI">TBXBasicXCSV02.xcs</p>', "    </encodingDesc>"]
    head += [f"  </{names.header}>", "  <text>", "    <body>", ""]
    out.write("\n".join(head).encode("utf-8"))
    count = 0
    for concept in concepts:
        lines: list[str] = []
        _entry_lines(concept, names, lines, zh_tag)
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
        count += 1
    out.write(f"    </body>\n  </text>\n</{names.root}>\n".encode())
    return count


def xml_id(concept_id: str) -> str:
    """The id attribute of a concept's entry: an XML ID (NCName) cannot start with a digit."""
    return f"_{concept_id}" if concept_id[:1].isdigit() else concept_id


def concept_id(attribute: str) -> str:
    """A concept id from an entry's id attribute (``xml_id`` undone)."""
    attribute = attribute.strip()
    if attribute.startswith("_") and attribute[1:2].isdigit() and is_valid_id(attribute[1:]):
        return attribute[1:]
    return attribute


def source_text(citation: Citation) -> str:
    """``<doc>, line <n>[, <section>]``: the readable source that ``parse_source`` reads back."""
    text = f"{citation.doc}, line {citation.line}"
    return f"{text}, {citation.section}" if citation.section else text


def parse_source(text: str) -> tuple[str, int, str] | None:
    match = _SOURCE.fullmatch(text)
    if not match:
        return None
    return match.group(1).strip(), int(match.group(2)), (match.group(3) or "").strip()


def _language_order(concept: Concept) -> list[str]:
    langs = list(dict.fromkeys(t.lang for t in concept.terms))
    return [lang for lang in (ZH, EN) if lang in langs] + [lang for lang in langs if lang not in (ZH, EN)]


def _entry_lines(concept: Concept, names: _Names, lines: list[str], zh_tag: str = ZH) -> None:
    def tag(lang: str) -> str:
        return zh_tag if lang == ZH else lang

    def text(value: str, field: str) -> str:
        bad = xml_illegal(value)
        if bad is not None:
            raise BadInput(
                f"concept {quoted(concept.id)}: field '{field}': "
                f"character U+{ord(bad):04X} cannot be written to XML"
            )
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def attr(value: str, field: str) -> str:
        return text(value, field).replace('"', "&quot;")

    def element(indent: int, tag: str, value: str, field: str, attrs: str = "") -> None:
        lines.append(f"{' ' * indent}<{tag}{attrs}>{text(value, field)}</{tag}>")

    def citation_lines(indent: int, citation: Citation, under: str | None) -> None:
        source = source_text(citation)
        if citation.quote:
            lines.append(f"{' ' * indent}<descripGrp>")
            element(indent + 2, "descrip", citation.quote, "citation.quote", ' type="context"')
            element(indent + 2, "admin", source, "citation", ' type="source"')
            if citation.term is None:
                element(indent + 2, "note", CITED_UNKNOWN, "citation.term")
            elif citation.term != under:
                element(indent + 2, "note", CITED_AS + citation.term, "citation.term")
            lines.append(f"{' ' * indent}</descripGrp>")
        else:
            element(indent, "admin", source, "citation", ' type="source"')

    def definition_lines(indent: int, definition: Definition, lang_attr: str = "") -> None:
        lines.append(f"{' ' * indent}<descripGrp>")
        element(indent + 2, "descrip", definition.text, "definition", f' type="definition"{lang_attr}')
        if definition.citation:
            element(
                indent + 2, "admin", source_text(definition.citation), "definition.citation", ' type="source"'
            )
        lines.append(f"{' ' * indent}</descripGrp>")

    langs = _language_order(concept)
    ordered = [t for lang in langs for t in concept.terms if t.lang == lang]
    by_term: dict[int, list[Citation]] = {}
    entry_citations = []
    for citation in concept.citations:
        owner = next((i for i, t in enumerate(ordered) if t.text == citation.term), None)
        if owner is None and citation.quote:
            # TBX-Basic has a context sentence only in a tig/termSec: the term the cited form
            # matches, else the first; the form as written goes in a note (citation_lines)
            key = identity_key(citation.term) if citation.term is not None else None
            owner = next((i for i, t in enumerate(ordered) if identity_key(t.text) == key), 0)
        if owner is None:
            entry_citations.append(citation)
        else:
            by_term.setdefault(owner, []).append(citation)

    lines.append(f'      <{names.entry} id="{attr(xml_id(concept.id), "id")}">')
    if concept.subject:
        element(8, "descrip", concept.subject, "subject", ' type="subjectField"')
    for definition in concept.definitions:
        if definition.lang not in langs:
            definition_lines(8, definition, f' xml:lang="{attr(tag(definition.lang), "definition.lang")}"')
    for citation in entry_citations:
        citation_lines(8, citation, None)
    element(8, "note", LABELS["kind"] + concept.kind, "kind")
    element(8, "note", LABELS["review_status"] + concept.review_status, "review_status")
    if concept.issuing_body:
        element(8, "note", LABELS["issuing_body"] + concept.issuing_body, "issuing_body")
    if concept.note:
        note = concept.note
        if note.startswith((*LABELS.values(), NOTE_ESCAPE)):
            note = NOTE_ESCAPE + note
        element(8, "note", note, "note")
    position = 0
    for lang in langs:
        lines.append(f'        <{names.lang} xml:lang="{attr(tag(lang), "lang")}">')
        for definition in concept.definitions:
            if definition.lang == lang:
                definition_lines(10, definition)
        for term in concept.terms:
            if term.lang != lang:
                continue
            lines.append(f"          <{names.term}>")
            element(12, "term", term.text, "term")
            element(12, "termNote", term.type, "term.type", ' type="termType"')
            # TBX-Basic has no "proposed" status (nor processStatus): a proposed form is an
            # admitted term with the note PROPOSED_NOTE (read back as proposed)
            tbx_status = STATUS_TO_TBX.get(term.status, STATUS_TO_TBX["admitted"])
            element(12, "termNote", tbx_status, "term.status", ' type="administrativeStatus"')
            for citation in by_term.get(position, []):
                citation_lines(12, citation, term.text)
            if term.status == "proposed":
                element(12, "note", PROPOSED_NOTE, "term.status")
            if term.note:
                note = term.note
                if note.startswith((PROPOSED_NOTE, NOTE_ESCAPE)):
                    note = NOTE_ESCAPE + note
                element(12, "note", note, "term.note")
            lines.append(f"          </{names.term}>")
            position += 1
        lines.append(f"        </{names.lang}>")
    lines.append(f"      </{names.entry}>")


# ---------------------------------------------------------------- reading


_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def _encoding_hint(path: Path) -> str:
    """Why a file expat found "not well-formed" may be so: it is not UTF-8 (often Big5); else ''."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as raw:
        declared = _DECLARED_ENCODING.match(raw.read(200))
        if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            return ""  # another encoding, declared: expat read it as such
        raw.seek(0)
        while data := raw.read(_CHUNK):
            try:
                decoder.decode(data)
            except UnicodeDecodeError as exc:
                return (
                    f" (byte {offset + exc.start + 1:,} is not UTF-8: a Big5 or other legacy-encoded "
                    "file? save it as UTF-8)"
                )
            offset += len(data)
    return ""


def read_tbx(
    path: Path, *, progress: Progress = NO_PROGRESS, keep_going: bool = False
) -> Iterator[Incoming | Refused]:
    """Yield one ``Incoming`` concept per termEntry/conceptEntry, streaming the file.

    ``keep_going`` (``import --continue``): an entry the glossary refuses (``common.entry``: an
    unknown language) is yielded as ``Refused`` (its where and why) instead of stopping the import."""
    path = Path(path)
    size = check_readable(path, MAX_TBX_BYTES)
    progress.start(size)
    name = str(path)
    collector = _EntryCollector(name)
    parser = DefusedXMLParser(target=collector, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    collector.expat = parser.parser
    count = 0
    try:
        with open(path, "rb") as raw:
            while True:
                data = raw.read(_CHUNK)
                progress.advance(len(data))
                if data:
                    parser.feed(data)
                else:
                    parser.close()
                while collector.entries:
                    entry, line = collector.entries.pop(0)
                    count += 1
                    ident = entry.get("id")
                    where = f"{name}: line {line}: {_local(entry.tag)} {count}" + (
                        f" (id {quoted(ident)})" if ident else ""
                    )
                    build = partial(entry_to_concept, entry, where, collector.default_lang)
                    concept = read_entry(where, build, keep_going)
                    yield concept if isinstance(concept, Refused) else Incoming(concept, where)
                if not data:
                    break
    except ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        hint = (
            " (the file is truncated or not XML)" if message in ("no element found", "unclosed token") else ""
        )
        if message.startswith("not well-formed"):
            hint = _encoding_hint(path) or hint
        raise BadInput(f"{name}: line {line}, column {column}: XML error: {message}{hint}") from None
    except LookupError as exc:  # an XML declaration naming an encoding Python does not know
        raise BadInput(f"{name}: the XML declaration names an unknown encoding ({str(exc)[:80]})") from None
    except DefusedXmlException as exc:
        raise BadInput(
            f"{name}: line {parser.parser.CurrentLineNumber}: refused: {exc} (XML entity declarations "
            "and external references are how entity-expansion and external-entity attacks work; "
            "TBX needs neither)"
        ) from None
    if collector.root is None:
        raise BadInput(f"{name}: no XML element found")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _core(tag: str) -> bool:
    """An element of TBX's core structure (no namespace, or the TBX v3 one)."""
    return not tag.startswith("{") or tag.startswith("{" + TBX3_NS + "}")


class _EntryCollector:
    """Parser target: builds each termEntry/conceptEntry and hands it over when it closes."""

    ENTRIES = ("termEntry", "conceptEntry")

    def __init__(self, name: str) -> None:
        self.name = name
        self.expat = None  # the expat parser, for line numbers
        self.root: str | None = None
        self.default_lang = ZH
        self.depth = 0
        self.stack: list[Element] = []  # open elements of the current entry
        self.entries: list[tuple[Element, int]] = []
        self.entry_line = 0
        self.elements = 0
        self.chars = 0

    def _line(self) -> int:
        return self.expat.CurrentLineNumber if self.expat is not None else 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise BadInput(f"{self.name}: line {self._line()}: elements nested more than {MAX_DEPTH} deep")
        local = _local(tag)
        if self.root is None:
            if local not in ("martif", "tbx") or not _core(tag):
                raise BadInput(
                    f"{self.name}: the root element is <{local}>; expected <martif> (TBX-Basic) or "
                    "<tbx> (TBX v3): this is not a TBX file"
                )
            self.root = local
            if attrs.get(XML_LANG):
                self.default_lang = canonical_lang(attrs[XML_LANG], f"{self.name}: <{local} xml:lang>")
            return
        if self.stack:
            self.elements += 1
            if self.elements > MAX_ENTRY_ELEMENTS:
                raise BadInput(
                    f"{self.name}: line {self.entry_line}: an entry with more than "
                    f"{MAX_ENTRY_ELEMENTS:,} elements is refused"
                )
            element = Element(tag, attrs)
            self.stack[-1].append(element)
            self.stack.append(element)
        elif local in self.ENTRIES and _core(tag):
            self.stack.append(Element(tag, attrs))
            self.entry_line = self._line()
            self.elements = self.chars = 0

    def end(self, tag: str) -> None:
        self.depth -= 1
        if not self.stack:
            return
        element = self.stack.pop()
        if not self.stack:
            self.entries.append((element, self.entry_line))

    def data(self, text: str) -> None:
        if not self.stack:
            return
        self.chars += len(text)
        if self.chars > MAX_ENTRY_CHARS:
            raise BadInput(
                f"{self.name}: line {self.entry_line}: an entry with more than {MAX_ENTRY_CHARS:,} "
                "characters is refused"
            )
        current = self.stack[-1]
        if len(current):
            current[-1].tail = (current[-1].tail or "") + text
        else:
            current.text = (current.text or "") + text

    def close(self) -> None:
        return None


def _category(element: Element) -> tuple[str, str]:
    """(element name, data category): ``<termNote type="termType">`` and DCT ``<basic:termType>``
    both give the category ``termType``."""
    local = _local(element.tag)
    if _core(element.tag):
        return local, element.get("type") or ""
    return "dct", local


def _text(element: Element) -> str:
    return "".join(element.itertext())


def describe(element: Element) -> str:
    """An element the importer does not map, as note text: ``partOfSpeech: noun``."""
    name, category = _category(element)
    label = category or name
    value = "; ".join(describe(child) for child in element) if len(element) else _text(element).strip()
    if element.get("target"):
        value = f"{value} ({element.get('target')})" if value else element.get("target", "")
    return f"{label}: {value}" if value else label


def _citation(source: str, quote: str, where: str, field: str) -> Citation | None:
    parsed = parse_source(check_text(source, f"{field} source", where))
    if parsed is None:
        return None
    doc, line, section = parsed
    return Citation(
        doc=check_text(doc, f"{field} source", where, required=True),
        line=line,
        section=check_text(section, f"{field} source", where),
        quote=check_text(quote, field, where),
    )


def _group(element: Element) -> tuple[Element | None, list[Element]]:
    """A descripGrp's main descrip and its other children."""
    main = None
    rest = []
    for child in element:
        if main is None and _local(child.tag) == "descrip":
            main = child
        else:
            rest.append(child)
    return main, rest


def _source_of(children: list[Element]) -> tuple[str | None, list[Element]]:
    source = None
    others = []
    for child in children:
        if source is None and _category(child) == ("admin", "source"):
            source = _text(child)
        else:
            others.append(child)
    return source, others


class _EntryReader:
    """Turns one termEntry/conceptEntry element into a Concept (validating every field)."""

    def __init__(self, where: str, default_lang: str) -> None:
        self.where = where
        self.default_lang = default_lang
        self.notes: list[str] = []
        self.definitions: list[Definition] = []
        self.citations: list[Citation] = []
        self.terms: list[Term] = []
        self.labels: dict[str, str] = {}
        self.subject: str | None = None

    def definition(self, element: Element, lang: str, extras: list[Element], where: str) -> None:
        text = check_text(_text(element), "definition", where, required=True)
        lang = canonical_lang(element.get(XML_LANG) or lang, f"{where}: definition xml:lang")
        source, others = _source_of(extras)
        citation = _citation(source, "", where, "definition") if source is not None else None
        if source is not None and citation is None:
            others.insert(0, Element("admin", {"type": "source"}))
            others[0].text = source
        self.definitions.append(Definition(text=text, lang=lang, citation=citation))
        for other in others:
            self.notes.append(f"definition {describe(other)}")

    def context(self, element: Element, extras: list[Element], where: str, term: str | None) -> str | None:
        """Add a citation from a context sentence and its source; else return it as note text."""
        quote = _text(element)
        source, others = _source_of(extras)
        citation = _citation(source, quote, where, "context") if source is not None else None
        if citation is not None:
            for other in others:
                said = _text(other).strip() if _category(other) == ("note", "") else ""
                if said == CITED_UNKNOWN or said.startswith(CITED_AS):
                    written = said[len(CITED_AS) :] if said != CITED_UNKNOWN else ""
                    term = check_text(written, "cited as", where) or None
                    others.remove(other)
                    break
        if citation is None:
            if not quote.strip():
                note = f"source: {(source or '').strip()}"
            else:
                note = f"context: {quote.strip()}"
                if source is not None:
                    note += f" (source: {source.strip()})"
            return "; ".join([note, *(describe(o) for o in others)])
        citation.term = term
        self.citations.append(citation)
        return "; ".join(describe(o) for o in others) or None

    def entry_child(self, child: Element) -> None:
        name, category = _category(child)
        where = self.where
        if name == "descripGrp":
            main, rest = _group(child)
            main_category = _category(main)[1] if main is not None else ""
            if main is not None and main_category == "definition":
                self.definition(main, self.default_lang, rest, where)
                return
            if main is not None and main_category == "context":
                leftover = self.context(main, rest, where, None)
                if leftover:
                    self.notes.append(leftover)
                return
        elif category == "subjectField" and self.subject is None:
            self.subject = check_text(_text(child), "subjectField", where) or None
            return
        elif category == "definition":
            self.definition(child, self.default_lang, [], where)
            return
        elif (name, category) == ("admin", "source"):
            citation = _citation(_text(child), "", where, "source")
            if citation is not None:
                self.citations.append(citation)
                return
        elif name == "note":
            self.entry_note(check_text(_text(child), "note", where))
            return
        self.notes.append(check_text(describe(child), name, where))

    def entry_note(self, text: str) -> None:
        for field, label in LABELS.items():
            if text.startswith(label) and field not in self.labels:
                value = text[len(label) :].strip()
                choices = {"kind": KINDS, "review_status": REVIEW_STATUSES}.get(field)
                if value and (choices is None or value in choices):
                    self.labels[field] = value
                    return
        if text.startswith(NOTE_ESCAPE):
            text = text[len(NOTE_ESCAPE) :]
        if text:
            self.notes.append(text)

    def language(self, element: Element, number: int) -> None:
        raw_lang = element.get(XML_LANG)
        where = f"{self.where}: {_local(element.tag)} {number}"
        if not raw_lang:
            raise BadInput(f"{where}: no xml:lang attribute (which language are these terms in?)")
        lang = canonical_lang(raw_lang, f"{where}: xml:lang")
        first = len(self.terms)
        explicit: list[bool] = []
        for child in element:
            name, category = _category(child)
            if name in ("tig", "termSec", "ntig"):
                explicit.append(self.term(child, lang, f"{where}: {name} {len(explicit) + 1}"))
            elif name == "descripGrp":
                main, rest = _group(child)
                if main is not None and _category(main)[1] == "definition":
                    self.definition(main, lang, rest, where)
                else:
                    self.notes.append(f"{lang} {check_text(describe(child), name, where)}")
            elif category == "definition":
                self.definition(child, lang, [], where)
            elif name == "note":
                self.notes.append(f"{lang}: {check_text(_text(child), 'note', where)}")
            else:
                self.notes.append(f"{lang} {check_text(describe(child), name, where)}")
        if len(self.terms) == first:
            raise BadInput(f"{where} ({lang}): no term in this language section")
        # Terms from tools that give no status: the first full form and the first acronym
        # of the language are its preferred forms, the others admitted.
        taken = {
            t.type == "acronym"
            for t, e in zip(self.terms[first:], explicit, strict=True)
            if e and t.status == "preferred"
        }
        for term, given in zip(self.terms[first:], explicit, strict=True):
            if not given:
                role = term.type == "acronym"
                term.status = "admitted" if role in taken else "preferred"
                taken.add(role)

    def term(self, element: Element, lang: str, where: str) -> bool:
        """Add the term of a tig/termSec/ntig; True when it stated its administrative status."""
        children: list[Element] = []
        for child in element:
            if _local(child.tag) == "termGrp":  # ntig: term and termNotes inside termGrp
                children.extend(child)
            else:
                children.append(child)
        text = None
        term_type = "fullForm"
        status = None
        notes: list[str] = []
        pending: list[tuple[Element, list[Element]]] = []
        for child in children:
            name, category = _category(child)
            if name == "term" and text is None:
                text = check_text(_text(child), "term", where, required=True)
            elif category == "termType":
                value = _text(child).strip()
                term_type = TYPE_FROM_TBX.get(value.lower(), "fullForm")
                if value.lower() != term_type.lower():  # unknown, or mapped (initialism): keep it
                    notes.append(f"termType: {value}")
            elif category == "administrativeStatus":
                value = _text(child).strip()
                found = STATUS_FROM_TBX.get(value.lower(), "admitted")
                status = "proposed" if status == "proposed" else found
                if value.lower() not in (found, STATUS_TO_TBX[found].lower()):
                    notes.append(f"administrativeStatus: {value}")
            elif category == "processStatus" and _text(child).strip() == PROPOSED_PROCESS_STATUS:
                status = "proposed"
            elif name == "descripGrp":
                main, rest = _group(child)
                if main is not None and _category(main)[1] == "context":
                    pending.append((main, rest))
                else:
                    notes.append(describe(child))
            elif category == "context":
                pending.append((child, []))
            elif (name, category) == ("admin", "source"):
                pending.append((Element("descrip", {"type": "context"}), [child]))
            elif name == "note":
                said = _text(child).strip()
                if said == PROPOSED_NOTE:
                    status = "proposed"
                else:
                    notes.append(said[len(NOTE_ESCAPE) :] if said.startswith(NOTE_ESCAPE) else said)
            else:
                notes.append(describe(child))
        if text is None:
            raise BadInput(f"{where}: field 'term' is missing")
        for main, rest in pending:
            leftover = self.context(main, rest, where, text)
            if leftover:
                notes.append(leftover)
        note = check_text("\n".join(n for n in notes if n), "note", where) or None
        self.terms.append(Term(text=text, lang=lang, type=term_type, status=status or "preferred", note=note))
        return status is not None

    def concept(self, entry: Element) -> Concept:
        languages = 0
        for child in entry:
            if _local(child.tag) in ("langSet", "langSec") and _core(child.tag):
                languages += 1
                self.language(child, languages)
            else:
                self.entry_child(child)
        if not self.terms:
            raise BadInput(f"{self.where}: no langSet with a term: a concept needs a name")
        return Concept(
            id=concept_id(entry.get("id") or ""),
            kind=self.labels.get("kind", "term"),
            terms=self.terms,
            definitions=self.definitions,
            citations=self.citations,
            subject=self.subject,
            issuing_body=check_text(self.labels.get("issuing_body", ""), "issuing body", self.where) or None,
            note=check_text("\n".join(self.notes), "note", self.where) or None,
            review_status=self.labels.get("review_status", "approved"),
        )


def entry_to_concept(entry: Element, where: str, default_lang: str = ZH) -> Concept:
    """A Concept from a termEntry/conceptEntry element; BadInput naming the element and field."""
    return traditional(_EntryReader(where, default_lang).concept(entry))
