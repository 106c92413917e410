"""opening hours as data beside the typed text (office profile and card contacts)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 09:30:00.000000

The typed text stays (it is printed when it is not one of the understood forms); the data is
filled from it here for existing rows (app.opening_hours.parse).
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_hours_data", sa.JSON(), nullable=True))
    with op.batch_alter_table("card_contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hours_data", sa.JSON(), nullable=True))
    from app.opening_hours import parse, to_json

    conn = op.get_bind()
    for table, text_column, data_column in (
            ("organisation_profile", "opening_hours", "opening_hours_data"),
            ("card_contacts", "hours", "hours_data")):
        rows = conn.execute(sa.text(f"SELECT id, {text_column} FROM {table}")).fetchall()
        for row_id, typed in rows:
            data = to_json(parse(typed or ""))
            if data is not None:
                conn.execute(sa.text(f"UPDATE {table} SET {data_column} = :data WHERE id = :id"),
                             {"data": json.dumps(data), "id": row_id})


def downgrade() -> None:
    with op.batch_alter_table("card_contacts", schema=None) as batch_op:
        batch_op.drop_column("hours_data")
    with op.batch_alter_table("organisation_profile", schema=None) as batch_op:
        batch_op.drop_column("opening_hours_data")
