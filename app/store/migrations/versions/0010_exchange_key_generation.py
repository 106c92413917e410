"""the office exchange key's generation (a data key rotation makes a new exchange key)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 12:00:00.000000

Existing databases hold the office's first key: generation 0.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exchange_replica", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_generation", sa.Integer(), nullable=False,
                                      server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("exchange_replica", schema=None) as batch_op:
        batch_op.drop_column("key_generation")
