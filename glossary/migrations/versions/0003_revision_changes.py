"""revision_changes: which concepts each revision touched (search indexes follow writes)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revision_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("revision_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revision_changes_revision"), ["revision"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("revision_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_changes_revision"))
    op.drop_table("revision_changes")
