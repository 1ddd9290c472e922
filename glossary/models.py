"""The concept-oriented data model (SQLAlchemy 2.0 typed ORM), as TBX and IATE organise it.

A ``ConceptRow`` has ``TermRow``s (one per language form), ``DefinitionRow``s and
``CitationRow``s pointing at a ``SourceRow`` (a report). ``IdentityKey`` holds the identity
rule's claims (``forms.identity_claims``), each by one concept at most. ``Meta`` holds the glossary-wide
revision counter and bookkeeping; ``RevisionChange`` which concepts each revision touched
(so search indexes follow writes without a rebuild); ``ApiToken`` and ``ChangeLogEntry``
serve curation; ``SourceRef`` keeps a partner file's id of an imported concept.
Schema changes go through the Alembic migrations in ``glossary/migrations``.
"""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint
from sqlalchemy import DateTime
from sqlalchemy import Float
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship
from sqlalchemy.orm import validates

from glossary.forms import identity_key


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class SourceRow(Base):
    """A report the glossary cites."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    issuing_body: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(32))


class ConceptRow(Base):
    __tablename__ = "concepts"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('term','org','program','law','person','place','other')", name="ck_concept_kind"
        ),
        CheckConstraint("review_status IN ('proposed','approved')", name="ck_concept_review"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="term")
    subject: Mapped[str | None] = mapped_column(String(64))
    issuing_body: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    review_status: Mapped[str] = mapped_column(String(16), default="approved")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # fingerprint of the shipped CSV row this concept was last synced from (None: created here)
    origin_hash: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    terms: Mapped[list[TermRow]] = relationship(
        back_populates="concept", cascade="all, delete-orphan", order_by="TermRow.position"
    )
    definitions: Mapped[list[DefinitionRow]] = relationship(
        back_populates="concept", cascade="all, delete-orphan", order_by="DefinitionRow.position"
    )
    citations: Mapped[list[CitationRow]] = relationship(
        back_populates="concept",
        cascade="all, delete-orphan",
        order_by="CitationRow.position",
        foreign_keys="CitationRow.concept_id",
    )


class TermRow(Base):
    __tablename__ = "terms"
    __table_args__ = (
        CheckConstraint(
            "type IN ('fullForm','acronym','abbreviation','shortForm','variant')", name="ck_term_type"
        ),
        CheckConstraint(
            "status IN ('preferred','admitted','deprecated','superseded','proposed')", name="ck_term_status"
        ),
        Index("ix_terms_match_key", "match_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16), default="fullForm")
    status: Mapped[str] = mapped_column(String(16), default="preferred")
    note: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    letter_agreement: Mapped[float | None] = mapped_column(Float)
    # ``glossary.forms.identity_key(text)``: what the identity rule compares, indexed. Kept
    # by the ORM (``_keep_match_key``) and by Core inserts through the table (``_match_key``).
    match_key: Mapped[str] = mapped_column(Text, default=lambda context: _match_key(context))

    concept: Mapped[ConceptRow] = relationship(back_populates="terms")

    @validates("text")
    def _keep_match_key(self, _name: str, value: str) -> str:
        self.match_key = identity_key(value)
        return value


def _match_key(context: Any) -> str:
    return identity_key(context.get_current_parameters()["text"])


class DefinitionRow(Base):
    __tablename__ = "definitions"
    __table_args__ = (CheckConstraint("status IN ('approved','proposed')", name="ck_definition_status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    # ``proposed``: came in unreviewed on an approved concept (never a result's definition)
    status: Mapped[str] = mapped_column(String(16), default="approved", server_default="approved")

    concept: Mapped[ConceptRow] = relationship(back_populates="definitions")
    citation: Mapped[CitationRow | None] = relationship(
        back_populates="definition", cascade="all, delete-orphan", uselist=False
    )


class CitationRow(Base):
    """Ties a concept (and optionally one of its terms, or a definition) to a line of a source."""

    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    definition_id: Mapped[int | None] = mapped_column(
        ForeignKey("definitions.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    term_text: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)

    concept: Mapped[ConceptRow] = relationship(back_populates="citations", foreign_keys=[concept_id])
    definition: Mapped[DefinitionRow | None] = relationship(back_populates="citation")
    source: Mapped[SourceRow] = relationship()


class IdentityKey(Base):
    """One claim of the identity rule (``glossary.forms.claims``: a Chinese form, or an acronym
    and English pair) and the concept holding it. The primary key makes the rule hold in the
    database: of two writers claiming the same key at once, one wins and the other's
    transaction fails (``glossary.concepts`` turns that into a ``Conflict``). Kept by the
    write door on every add, edit, merge and delete."""

    __tablename__ = "identity_keys"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)


class Meta(Base):
    """Key/value bookkeeping: ``revision`` (bumped by every write), the last merged CSV."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RevisionChange(Base):
    """One concept a revision touched (``glossary.concepts.history.bump_revision``): ``concept_id``
    ``NULL`` means "anything may have changed" (a bulk write), ``""`` "no concept" (a write
    that touched no concept's content).  Pruned to the newest revisions."""

    __tablename__ = "revision_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    revision: Mapped[int] = mapped_column(Integer, index=True)
    concept_id: Mapped[str | None] = mapped_column(String(64))


class ApiToken(Base):
    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint("role IN ('curator','contributor')", name="ck_token_role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # ``curator``: writes are approved; ``contributor``: writes become proposals
    role: Mapped[str] = mapped_column(String(16), default="curator", server_default="curator")


class SourceRef(Base):
    """A partner file's own id for an imported concept that got another id here."""

    __tablename__ = "source_refs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    file: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str] = mapped_column(Text)


class ChangeLogEntry(Base):
    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    who: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    concept_id: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[str | None] = mapped_column(Text)
