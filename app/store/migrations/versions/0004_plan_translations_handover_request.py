"""plan texts in the person's language (typed by an interpreter); the handover's request

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 08:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("perspective_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translation_language", sa.String(length=16),
                                      nullable=False, server_default=""))
        batch_op.add_column(sa.Column("interpreter_name", sa.String(length=200),
                                      nullable=False, server_default=""))
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description_translated", sa.Text(), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description_translated", sa.Text(), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_column("request")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("description_translated")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_column("description_translated")
    with op.batch_alter_table("perspective_plans", schema=None) as batch_op:
        batch_op.drop_column("interpreter_name")
        batch_op.drop_column("translation_language")
