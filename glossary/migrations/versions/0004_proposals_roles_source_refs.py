"""intake integrity: term/definition status 'proposed', token roles, source references

- ``terms.status`` may be ``proposed`` (a form that came in unreviewed on an approved concept);
- ``definitions.status``: ``approved`` or ``proposed`` (existing rows: approved);
- ``api_tokens.role``: ``curator`` or ``contributor`` (existing tokens: curators);
- ``source_refs``: a partner file's own id of an entry that got another id here.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('preferred','admitted','deprecated','superseded')"
NEW_STATUSES = "status IN ('preferred','admitted','deprecated','superseded','proposed')"


def upgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_constraint("ck_term_status", type_="check")
        batch_op.create_check_constraint("ck_term_status", NEW_STATUSES)
    with op.batch_alter_table("definitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=16), nullable=False, server_default="approved"))
        batch_op.create_check_constraint("ck_definition_status", "status IN ('approved','proposed')")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=16), nullable=False, server_default="curator"))
        batch_op.create_check_constraint("ck_token_role", "role IN ('curator','contributor')")
    op.create_table(
        "source_refs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("concept_id", sa.String(length=64), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("entry_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("source_refs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_refs_concept_id"), ["concept_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("source_refs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_refs_concept_id"))
    op.drop_table("source_refs")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_constraint("ck_token_role", type_="check")
        batch_op.drop_column("role")
    with op.batch_alter_table("definitions", schema=None) as batch_op:
        batch_op.drop_constraint("ck_definition_status", type_="check")
        batch_op.drop_column("status")
    op.execute("DELETE FROM terms WHERE status = 'proposed'")
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_constraint("ck_term_status", type_="check")
        batch_op.create_check_constraint("ck_term_status", OLD_STATUSES)
