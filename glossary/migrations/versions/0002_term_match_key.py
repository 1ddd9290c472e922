"""terms.match_key: the identity rule's normalised form of each term, indexed

It replaces the index on terms.text, which only the identity rule's exact-text narrowing used.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from glossary.forms import identity_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("match_key", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    terms = sa.table(
        "terms", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("match_key", sa.Text)
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(terms.c.id, terms.c.text).where(terms.c.id > last).order_by(terms.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        bind.execute(
            terms.update().where(terms.c.id == sa.bindparam("row_id")).values(match_key=sa.bindparam("key")),
            [{"row_id": row.id, "key": identity_key(row.text)} for row in rows],
        )
        last = rows[-1].id
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index("ix_terms_match_key", ["match_key"], unique=False)
        batch_op.drop_index("ix_terms_text")


def downgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index("ix_terms_text", ["text"], unique=False)
        batch_op.drop_index("ix_terms_match_key")
        batch_op.drop_column("match_key")
