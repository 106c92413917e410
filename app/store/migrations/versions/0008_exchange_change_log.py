"""exchange between laptops: change log, replica, tombstones, conflicts, audit origins

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 08:50:00.000000
"""

from alembic import op
import sqlalchemy as sa
import app.store.types


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_changes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("laptop", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("replaces", sa.JSON(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_changes")),
    )
    with op.batch_alter_table("exchange_changes", schema=None) as batch_op:
        batch_op.create_index("ix_exchange_changes_row", ["table_name", "row_id", "field"],
                              unique=False)
        batch_op.create_index("ix_exchange_changes_laptop_hlc", ["laptop", "hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_exchange_changes_person_id"), ["person_id"],
                              unique=False)
    op.create_table(
        "exchange_replica",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("laptop", sa.String(length=32), nullable=False),
        sa.Column("office", sa.String(length=32), nullable=False),
        sa.Column("office_key", sa.String(length=64), nullable=False),
        sa.Column("clock", sa.String(length=64), nullable=False),
        sa.Column("series", sa.Integer(), nullable=False),
        sa.Column("series_given", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_replica")),
    )
    op.create_table(
        "exchange_tombstones",
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("laptop", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_exchange_tombstones")),
    )
    op.create_table(
        "exchange_conflicts",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("found_at", app.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", "field",
                                name=op.f("pk_exchange_conflicts")),
    )
    with op.batch_alter_table("exchange_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_conflicts_person_id"), ["person_id"],
                              unique=False)
    op.create_table(
        "exchange_audit_origins",
        sa.Column("laptop", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("laptop", "seq", name=op.f("pk_exchange_audit_origins")),
        sa.UniqueConstraint("audit_id", name=op.f("uq_exchange_audit_origins_audit_id")),
    )


def downgrade() -> None:
    op.drop_table("exchange_audit_origins")
    with op.batch_alter_table("exchange_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_conflicts_person_id"))
    op.drop_table("exchange_conflicts")
    op.drop_table("exchange_tombstones")
    op.drop_table("exchange_replica")
    with op.batch_alter_table("exchange_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_changes_person_id"))
        batch_op.drop_index("ix_exchange_changes_laptop_hlc")
        batch_op.drop_index("ix_exchange_changes_row")
    op.drop_table("exchange_changes")
