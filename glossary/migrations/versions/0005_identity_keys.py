"""identity_keys: the identity rule's claims, each held by one concept (a unique key)

One row per claim of ``glossary.forms.claims`` (a Chinese form; an acronym and English
pair), filled from the stored terms. Two writers that each checked the rule and saw
nothing can no longer both write the same concept: the second one's claim is refused.

Concepts that already share a claim (written by such a race before this revision) keep
their forms; the claim goes to the first of them by id, and the upgrade names the others
so that a curator can merge them (``glossary concept merge KEEP OTHER``).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import sqlalchemy as sa
from alembic import op

from glossary.forms import claims
from glossary.forms import role
from glossary.records import Term

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 2000  # concepts per round
IN_CHUNK = 500  # values per IN (…)
SHOWN = 20  # shared claims named in the upgrade's notice

log = logging.getLogger("glossary.migrations")


def upgrade() -> None:
    op.create_table(
        "identity_keys",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("concept_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("identity_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_keys_concept_id"), ["concept_id"], unique=False)
    shared = _backfill(op.get_bind())
    if shared:
        lines = [f"  {cid} and {holder}: {what}" for cid, holder, what in shared[:SHOWN]]
        more = f"\n  … and {len(shared) - SHOWN} more" if len(shared) > SHOWN else ""
        log.warning(
            "%d pairs of concepts are the same concept (written at the same time before this "
            "upgrade); merge each pair with 'glossary concept merge KEEP OTHER':\n%s%s",
            len(shared),
            "\n".join(lines),
            more,
        )


def _backfill(bind: sa.Connection) -> list[tuple[str, str, str]]:
    """Fill ``identity_keys`` from the terms, concept by concept in id order; returns the
    claims already held by an earlier concept: (concept, holder, what they share)."""
    concepts = sa.table("concepts", sa.column("id", sa.String))
    terms = sa.table(
        "terms",
        sa.column("concept_id", sa.String),
        sa.column("lang", sa.String),
        sa.column("type", sa.String),
        sa.column("match_key", sa.Text),
        sa.column("position", sa.Integer),
    )
    keys = sa.table("identity_keys", sa.column("key", sa.String), sa.column("concept_id", sa.String))
    shared: list[tuple[str, str, str]] = []
    last = ""
    while True:
        ids = list(
            bind.execute(
                sa.select(concepts.c.id).where(concepts.c.id > last).order_by(concepts.c.id).limit(BATCH)
            ).scalars()
        )
        if not ids:
            return shared
        last = ids[-1]
        forms: dict[str, dict[str, set[str]]] = {cid: {"zh": set(), "en": set(), "abbr": set()} for cid in ids}
        rows = bind.execute(
            sa.select(terms.c.concept_id, terms.c.lang, terms.c.type, terms.c.match_key).where(
                terms.c.concept_id.in_(ids)
            )
        )
        for row in rows:
            if row.match_key:
                forms[row.concept_id][role(Term(text="", lang=row.lang, type=row.type))].add(row.match_key)
        wanted: dict[str, tuple[str, str]] = {}  # claim -> (concept, what it claims), first concept wins
        for cid in ids:
            slots = forms[cid]
            for key, what in _described(slots["zh"], slots["en"], slots["abbr"]):
                if key in wanted:
                    shared.append((cid, wanted[key][0], what))
                else:
                    wanted[key] = (cid, what)
        held: dict[str, str] = {}
        claimed = sorted(wanted)
        for start in range(0, len(claimed), IN_CHUNK):
            chunk = claimed[start : start + IN_CHUNK]
            held.update(bind.execute(sa.select(keys.c.key, keys.c.concept_id).where(keys.c.key.in_(chunk))).all())
        new = []
        for key in claimed:
            cid, what = wanted[key]
            if key in held:
                shared.append((cid, held[key], what))
            else:
                new.append({"key": key, "concept_id": cid})
        if new:
            bind.execute(keys.insert(), new)


def _described(zh: Iterable[str], en: Iterable[str], abbr: Iterable[str]) -> list[tuple[str, str]]:
    """Each claim of these forms with what it is, for the notice."""
    out = [(next(iter(claims([key], [], []))), f"Chinese form {key!r}") for key in sorted(zh)]
    for a in sorted(abbr):
        for e in sorted(en):
            out.append((next(iter(claims([], [e], [a]))), f"acronym {a!r} with English form {e!r}"))
    return out


def downgrade() -> None:
    with op.batch_alter_table("identity_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_keys_concept_id"))
    op.drop_table("identity_keys")
