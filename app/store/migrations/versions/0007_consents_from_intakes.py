"""consents know the intake whose answers made them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:25:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intake_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_consents_intake_id_intakes"), "intakes",
                                    ["intake_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_consents_intake_id_intakes"), type_="foreignkey")
        batch_op.drop_column("intake_id")
