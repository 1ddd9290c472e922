"""Marshmallow schemas: request parameters and bodies (validated), responses (documented).

Responses are built by ``glossary.results`` (the CONTRACTS.md result objects) and sent
as they are; their schemas here describe them for the OpenAPI document, and the
schemathesis test checks every response against them. Messages of the parameter checks
are plain sentences, because they reach the user in ``detail``.
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE
from marshmallow import RAISE
from marshmallow import Schema
from marshmallow import ValidationError
from marshmallow import fields
from marshmallow import validate

from api.errors import problem_type_doc
from glossary.concepts.fields import MAX_INT
from glossary.concepts.fields import MAX_SUBJECT
from glossary.concepts.fields import MAX_TERM
from glossary.concepts.fields import MAX_TEXT
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES
from glossary.search import HOWS
from glossary.search import MAX_LIMIT
from glossary.search import MAX_QUERY
from glossary.search import QUALITIES

MAX_BATCH = 1000
# Paging further than this is a mistake, not a request (and overflows SQLite integers).
MAX_OFFSET = 10_000_000


class Chars(validate.Length):
    """A text's length limit, worded as the write door words it (``glossary.concepts.fields``:
    "is 5,000 characters long; the limit is 4,000"). A ``Length`` still, so the OpenAPI
    document gives its minLength and maxLength."""

    def __call__(self, value: Any) -> Any:
        if self.min and len(value) < self.min:
            raise ValidationError("is empty")
        if self.max is not None and len(value) > self.max:
            raise ValidationError(f"is {len(value):,} characters long; the limit is {self.max:,}")
        return value


WHOLE = "must be a whole number from {min} to {max:,}, got {input}"  # as glossary.concepts.fields says it


def _limit(default: int, maximum: int) -> fields.Integer:
    return fields.Integer(
        load_default=default,
        validate=validate.Range(1, maximum, error=f"must be between 1 and {maximum}, got {{input}}"),
        metadata={"description": f"most results (1-{maximum}, default {default})"},
    )


def _kind(**kwargs) -> fields.String:  # type: ignore[no-untyped-def]
    return fields.String(
        validate=validate.OneOf(
            KINDS, error=f"unknown kind {{input!r}}; expected one of {', '.join(KINDS)}"
        ),
        metadata={"description": "only concepts of this kind"},
        **kwargs,
    )


def _query(description: str) -> fields.String:
    """The query parameter: documented here, validated once by ``glossary.search.check_query``."""
    return fields.String(
        required=True, metadata={"description": description, "minLength": 1, "maxLength": MAX_QUERY}
    )


# marshmallow's own messages ("Not a valid integer.") in the words the write door uses
# (``glossary.concepts.fields``: "must be a whole number", "is 'x'; expected one of a, b"),
# so that a field error reads the same whichever check found it.
_WORDS: tuple[tuple[type[fields.Field], dict[str, str]], ...] = (
    (fields.Integer, {"invalid": "must be a whole number", "too_large": "is too large"}),
    (fields.Number, {"invalid": "must be a number", "too_large": "is too large"}),
    (fields.Boolean, {"invalid": "must be true or false"}),
    (fields.String, {"invalid": "must be text", "invalid_utf8": "must be UTF-8 text"}),
    (fields.List, {"invalid": "must be a list"}),
    (fields.Dict, {"invalid": "must be an object"}),
    (fields.Nested, {"type": "must be an object"}),
)
_FIELD_WORDS = {"required": "is required", "null": "may not be null", "validator_failed": "is not valid"}
ONE_OF = "is {input!r}; expected one of {choices}"


def _reword(field: fields.Field) -> None:
    words = dict(_FIELD_WORDS)
    for cls, own in _WORDS:
        if isinstance(field, cls):
            words.update(own)
            break
    defaults: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    for key, text in words.items():
        if key in field.error_messages and field.error_messages[key] == defaults.get(key):
            field.error_messages[key] = text  # only the library's default: a message of ours stays
    for validator in field.validators:
        if isinstance(validator, validate.OneOf) and validator.error == validate.OneOf.default_message:
            validator.error = ONE_OF
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        _reword(inner)


class _Worded(Schema):
    """A request schema whose errors are in our words (``_WORDS``)."""

    error_messages = {"unknown": "unknown field", "type": "must be an object"}

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        _reword(field_obj)


class Strict(_Worded):
    class Meta:
        unknown = RAISE


class Lenient(_Worded):
    class Meta:
        unknown = EXCLUDE


# ---------------------------------------------------------------- problems


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata=problem_type_doc())
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True, metadata={"description": "what went wrong and what to do"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "bad parameters: field -> messages"},
    )


# ---------------------------------------------------------------- search


class SearchArgs(Lenient):
    q = _query("acronym, English or Chinese (Traditional or Simplified)")
    lang = fields.String(metadata={"description": "language of the query: zh-Hant (zh-TW) or en"})
    kind = _kind()
    source = fields.String(
        validate=validate.Length(1, 255),
        metadata={"description": "only concepts cited in this report (file name or source id)"},
    )
    limit = _limit(10, MAX_LIMIT)
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(0, MAX_LIMIT, error=f"must be between 0 and {MAX_LIMIT}, got {{input}}"),
    )


class SuggestArgs(Lenient):
    q = _query("what has been typed so far")
    limit = _limit(8, 20)


class BatchBody(Strict):
    queries = fields.List(
        fields.String(),
        required=True,
        validate=validate.Length(1, MAX_BATCH, error=f"give 1 to {MAX_BATCH} queries"),
    )
    lang = fields.String()
    kind = _kind()
    source = fields.String(validate=validate.Length(1, 255))
    limit = _limit(10, MAX_LIMIT)


class CitationSchema(Schema):
    doc = fields.String(required=True, metadata={"description": "the report's file name"})
    line = fields.Integer(required=True)
    section = fields.String(required=True)
    quote = fields.String(required=True)
    term = fields.String(metadata={"description": "the form cited on that line, when known"})


class DefinitionSchema(Schema):
    text = fields.String(required=True)
    lang = fields.String(required=True)
    citation = fields.Nested(CitationSchema, required=True, allow_none=True)
    # a concept's definitions say whether each is approved or proposed; a result's one is approved
    status = fields.String(validate=validate.OneOf(("approved", "proposed")))


class VariantSchema(Schema):
    text = fields.String(required=True)
    lang = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(TERM_TYPES))
    status = fields.String(required=True, validate=validate.OneOf(TERM_STATUSES))


class MatchedSchema(Schema):
    text = fields.String(required=True)
    lang = fields.String(required=True)
    type = fields.String(required=True)
    how = fields.String(
        required=True,
        validate=validate.OneOf(HOWS),
        metadata={"description": "how the query met the form (pair: a pasted pair; contained: in the query)"},
    )


class ConceptSummarySchema(Schema):
    id = fields.String(required=True)
    zh = fields.String(required=True, allow_none=True)
    en = fields.String(required=True, allow_none=True)
    abbr = fields.String(required=True, allow_none=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    variants = fields.List(fields.Nested(VariantSchema), required=True)
    definition = fields.Nested(DefinitionSchema, required=True, allow_none=True)
    citations = fields.List(fields.Nested(CitationSchema), required=True)


class ResultSchema(ConceptSummarySchema):
    """A result object of CONTRACTS.md (the same as ``glossary find --json``)."""

    score = fields.Float(required=True, metadata={"description": "0-100, higher is better"})
    matched = fields.Nested(MatchedSchema, required=True)
    notice = fields.String(required=True, allow_none=True)
    review_status = fields.String(required=True, validate=validate.OneOf(REVIEW_STATUSES))
    quality = fields.String(
        required=True,
        validate=validate.OneOf(QUALITIES),
        metadata={
            "description": "exact: the query is one of the concept's forms (after normalisation) or a "
            "pair that agrees with it; close: score 80 or more; weak: below (a weak best match "
            "is no exact match, only the closest)"
        },
    )


class SearchResponse(Schema):
    query = fields.String(required=True)
    total = fields.Integer(required=True, metadata={"description": "results above the cut-off (at most 100)"})
    results = fields.List(fields.Nested(ResultSchema), required=True)


class BatchItemSchema(Schema):
    query = fields.String(required=True)
    results = fields.List(fields.Nested(ResultSchema), required=True)
    error = fields.String(metadata={"description": "why this query was not run (e.g. it is empty)"})


class BatchResponse(Schema):
    items = fields.List(fields.Nested(BatchItemSchema), required=True)


class SuggestionSchema(Schema):
    text = fields.String(required=True, metadata={"description": "the form that matched what was typed"})
    id = fields.String(required=True)
    zh = fields.String(required=True, allow_none=True)
    en = fields.String(required=True, allow_none=True)
    abbr = fields.String(required=True, allow_none=True)
    kind = fields.String(required=True)


class SuggestResponse(Schema):
    query = fields.String(required=True)
    suggestions = fields.List(fields.Nested(SuggestionSchema), required=True)


# ---------------------------------------------------------------- concepts


class ConceptListArgs(Lenient):
    kind = _kind()
    source = fields.String(validate=validate.Length(1, 255))
    status = fields.String(
        validate=validate.OneOf(REVIEW_STATUSES), metadata={"description": "review status"}
    )
    subject = fields.String(validate=validate.Length(1, 64))
    limit = _limit(50, 500)
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(0, MAX_OFFSET, error=f"must be between 0 and {MAX_OFFSET}, got {{input}}"),
    )


class ConceptPage(Schema):
    total = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    concepts = fields.List(fields.Nested(ConceptSummarySchema), required=True)


class TermDetailSchema(Schema):
    text = fields.String(required=True)
    lang = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(TERM_TYPES))
    status = fields.String(required=True, validate=validate.OneOf(TERM_STATUSES))
    note = fields.String(required=True, allow_none=True)
    confidence = fields.Float(required=True, allow_none=True)
    letter_agreement = fields.Float(required=True, allow_none=True)


class ConceptDetailSchema(ConceptSummarySchema):
    subject = fields.String(required=True, allow_none=True)
    issuing_body = fields.String(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True)
    review_status = fields.String(required=True, validate=validate.OneOf(REVIEW_STATUSES))
    version = fields.Integer(required=True, metadata={"description": "also sent as the ETag"})
    terms = fields.List(fields.Nested(TermDetailSchema), required=True)
    definitions = fields.List(fields.Nested(DefinitionSchema), required=True)


class TermBody(Strict):
    text = fields.String(required=True, validate=Chars(1, MAX_TERM))
    lang = fields.String(metadata={"description": "zh-Hant, en, ... (default: guessed from the text)"})
    type = fields.String(validate=validate.OneOf(TERM_TYPES))
    status = fields.String(validate=validate.OneOf(TERM_STATUSES))
    note = fields.String(allow_none=True, validate=Chars(max=MAX_TEXT))


class TermEditBody(TermBody):
    text = fields.String(validate=Chars(1, MAX_TERM))


class DefinitionBody(Strict):
    text = fields.String(required=True, validate=Chars(1, MAX_TEXT))
    lang = fields.String()


class CitationBody(Strict):
    doc = fields.String(required=True, metadata={"description": "a report's file name or source id"})
    line = fields.Integer(required=True, validate=validate.Range(1, MAX_INT, error=WHOLE))
    section = fields.String()
    quote = fields.String(validate=Chars(max=MAX_TEXT))
    term = fields.String()


class _ConceptFields(Strict):
    kind = fields.String(validate=validate.OneOf(KINDS))
    zh = fields.String(validate=Chars(1, MAX_TERM), metadata={"description": "preferred Chinese form"})
    en = fields.String(validate=Chars(1, MAX_TERM), metadata={"description": "preferred English form"})
    abbr = fields.String(validate=Chars(1, MAX_TERM), metadata={"description": "preferred acronym"})
    terms = fields.List(fields.Nested(TermBody))
    definitions = fields.List(fields.Nested(DefinitionBody))
    subject = fields.String(allow_none=True, validate=Chars(max=MAX_SUBJECT))
    issuing_body = fields.String(allow_none=True, validate=Chars(max=MAX_TERM))
    note = fields.String(allow_none=True, validate=Chars(max=MAX_TEXT))
    review_status = fields.String(validate=validate.OneOf(REVIEW_STATUSES))


class ConceptCreateBody(_ConceptFields):
    id = fields.String(metadata={"description": "a stable id (default: minted from the English name)"})
    citations = fields.List(fields.Nested(CitationBody))


class ConceptEditBody(_ConceptFields):
    """Fields to change; ``terms`` and ``definitions`` replace the whole list."""


class DeprecateBody(Strict):
    note = fields.String(allow_none=True, validate=Chars(max=MAX_TEXT))


class MergeBody(Strict):
    other = fields.String(required=True, metadata={"description": "id of the concept merged in and deleted"})
    other_version = fields.Integer(
        validate=validate.Range(1, MAX_INT, error=WHOLE),
        metadata={"description": "its version, as an If-Match for that concept"},
    )


# ---------------------------------------------------------------- sources, health


class SourceSchema(Schema):
    id = fields.String(required=True)
    file_name = fields.String(required=True)
    title = fields.String(required=True, allow_none=True)
    issuing_body = fields.String(required=True, allow_none=True)
    date = fields.String(required=True, allow_none=True)
    concepts = fields.Integer(required=True, metadata={"description": "how many concepts it states"})


class SourceList(Schema):
    sources = fields.List(fields.Nested(SourceSchema), required=True)


class SourceDetail(Schema):
    source = fields.Nested(SourceSchema, required=True)
    concepts = fields.List(fields.Nested(ConceptSummarySchema), required=True)


class HealthSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(["ok", "starting"]),
        metadata={"description": "`ok`, or `starting` (503) until the search index is ready"},
    )
    revision = fields.Integer(required=True)
    database = fields.String(metadata={"description": "the database backend (only when reads are public)"})


# ---------------------------------------------------------------- check, export


class SuggestionOfFinding(Schema):
    text = fields.String(required=True)
    concept_id = fields.String(required=True, allow_none=True)
    citation = fields.Nested(CitationSchema, required=True, allow_none=True)


class FindingSchema(Schema):
    line = fields.Integer(required=True)
    column = fields.Integer(required=True, metadata={"description": "1-based, in characters"})
    acronym = fields.String(required=True, allow_none=True)
    text = fields.String(required=True, metadata={"description": "the span as written"})
    type = fields.String(required=True)
    message = fields.String(required=True)
    suggestion = fields.Nested(SuggestionOfFinding, required=True, allow_none=True)


class CheckResponse(Schema):
    file = fields.String(required=True, allow_none=True, metadata={"description": "null for pasted text"})
    findings = fields.List(fields.Nested(FindingSchema), required=True)


class ExportArgs(Lenient):
    format = fields.String(
        required=True,
        validate=validate.OneOf(
            ("csv", "tbx", "tbx3", "json", "xlsx"),
            error="must be csv, tbx, tbx3, json or xlsx, got {input!r}",
        ),
        metadata={"description": "csv, tbx (TBX-Basic), tbx3 (ISO 30042:2019), json (complete dump) or xlsx"},
    )
    kind = _kind()
    status = fields.String(
        validate=validate.OneOf(REVIEW_STATUSES), metadata={"description": "review status"}
    )
    subject = fields.String(validate=validate.Length(1, 64))
    source = fields.String(
        validate=validate.Length(1, 255), metadata={"description": "a report's id or file name"}
    )
    bom = fields.Boolean(
        load_default=True,
        metadata={
            "description": "csv only: begin with the UTF-8 byte-order mark Excel needs (default); "
            "false for programs"
        },
    )


# ---------------------------------------------------------------- scan


class ScanArgs(Lenient):
    include_proposed = fields.Boolean(
        load_default=False, metadata={"description": "also report proposed (not yet reviewed) forms"}
    )


class ScannedTermSchema(Schema):
    line = fields.Integer(required=True, metadata={"description": "1-based"})
    column = fields.Integer(required=True, metadata={"description": "1-based, in characters"})
    text = fields.String(required=True, metadata={"description": "the span as written"})
    id = fields.String(required=True, metadata={"description": "the concept's id"})
    zh = fields.String(required=True, allow_none=True, metadata={"description": "preferred Chinese form"})
    en = fields.String(required=True, allow_none=True, metadata={"description": "preferred English form"})
    abbr = fields.String(required=True, allow_none=True, metadata={"description": "preferred acronym"})
    kind = fields.String(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"description": "the matched form's term status"})
    how = fields.String(
        required=True,
        validate=validate.OneOf(("exact", "acronym", "script", "normalized")),
        metadata={"description": "exact, acronym (in its own case), script (Simplified or variant "
                  "characters) or normalized (width, case, dashes, spacing, plural)"},
    )  # fmt: skip


class ScanResponse(Schema):
    file = fields.String(required=True, allow_none=True, metadata={"description": "null for pasted text"})
    terms = fields.List(fields.Nested(ScannedTermSchema), required=True)
