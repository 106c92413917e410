"""contact log, follow-ups and referrals; last contact from the work already recorded

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 08:30:00.000000

Until now a person's last contact was set only at registration. The upgrade moves it to the
latest intake, evaluation, plan change, handover or print already recorded, so the retention
review does not offer people who are still being helped.
"""

from alembic import op
import sqlalchemy as sa
import app.store.types


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", app.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_at", app.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "contact_log",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("contact_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum("visit", "phone_call", "accompanied", name="contactkind",
                                  native_enum=False, create_constraint=False, length=32),
                  nullable=False),
        sa.Column("interpreter", sa.Boolean(), nullable=False),
        sa.Column("with_whom", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("logged_by", sa.Uuid(), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(["logged_by"], ["users.id"],
                                name=op.f("fk_contact_log_logged_by_users")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"],
                                name=op.f("fk_contact_log_person_id_persons"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_log")),
    )
    with op.batch_alter_table("contact_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_log_person_id"), ["person_id"], unique=False)

    op.create_table(
        "follow_ups",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("goal_id", sa.Uuid(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(["goal_id"], ["goals.id"],
                                name=op.f("fk_follow_ups_goal_id_goals"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_follow_ups_owner_id_users")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"],
                                name=op.f("fk_follow_ups_person_id_persons"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_ups_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_ups_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_ups_person_id"), ["person_id"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("handover_id", sa.Uuid(), nullable=True),
        sa.Column("partner", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("status", sa.Enum("sent", "accepted", "first_contact", "closed", "refused",
                                    name="referralstatus", native_enum=False,
                                    create_constraint=False, length=32), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("follow_up_by", sa.Uuid(), nullable=True),
        sa.Column("history", sa.JSON(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["follow_up_by"], ["users.id"],
                                name=op.f("fk_referrals_follow_up_by_users")),
        sa.ForeignKeyConstraint(["handover_id"], ["handovers.id"],
                                name=op.f("fk_referrals_handover_id_handovers"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"],
                                name=op.f("fk_referrals_person_id_persons"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referrals_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referrals_status"), ["status"], unique=False)

    _backfill_last_contact()


def _backfill_last_contact() -> None:
    """Each person's last contact becomes the latest of what was already recorded about them."""
    stamp = app.store.types.UTCDateTime(timezone=True)
    intakes = sa.table("intakes", sa.column("person_id", sa.Uuid()),
                       sa.column("updated_at", stamp))
    plans = sa.table("perspective_plans", sa.column("id", sa.Uuid()),
                     sa.column("person_id", sa.Uuid()), sa.column("updated_at", stamp))
    evaluations = sa.table("evaluations", sa.column("plan_id", sa.Uuid()),
                           sa.column("held_on", sa.Date()))
    handovers = sa.table("handovers", sa.column("person_id", sa.Uuid()),
                         sa.column("made_at", stamp))
    events = sa.table("audit_events", sa.column("person_id", sa.Uuid()),
                      sa.column("action", sa.String()), sa.column("at", stamp))
    persons = sa.table("persons", sa.column("id", sa.Uuid()),
                       sa.column("last_contact_on", sa.Date()))
    queries = [
        sa.select(intakes.c.person_id, sa.func.max(intakes.c.updated_at))
        .group_by(intakes.c.person_id),
        sa.select(plans.c.person_id, sa.func.max(plans.c.updated_at))
        .group_by(plans.c.person_id),
        sa.select(plans.c.person_id, sa.func.max(evaluations.c.held_on))
        .join(plans, plans.c.id == evaluations.c.plan_id).group_by(plans.c.person_id),
        sa.select(handovers.c.person_id, sa.func.max(handovers.c.made_at))
        .group_by(handovers.c.person_id),
        sa.select(events.c.person_id, sa.func.max(events.c.at))
        .where(events.c.action.in_(("print", "export")), events.c.person_id.is_not(None))
        .group_by(events.c.person_id),
    ]
    bind = op.get_bind()
    latest: dict = {}
    for query in queries:
        for person_id, when in bind.execute(query):
            if when is None:
                continue
            day = when.date() if hasattr(when, "date") and callable(when.date) else when
            if isinstance(day, str):  # SQLite's aggregate comes back as text
                from datetime import date

                day = date.fromisoformat(day[:10])
            if person_id not in latest or day > latest[person_id]:
                latest[person_id] = day
    for person_id, day in latest.items():
        bind.execute(persons.update()
                     .where(persons.c.id == person_id,
                            sa.or_(persons.c.last_contact_on.is_(None),
                                   persons.c.last_contact_on < day))
                     .values(last_contact_on=day))


def downgrade() -> None:
    op.drop_table("referrals")
    op.drop_table("follow_ups")
    op.drop_table("contact_log")
