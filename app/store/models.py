"""The data model: SQLAlchemy 2 typed models, one metadata.

Every record has a UUID key (laptops will merge records later), knows when and by whom it was
created and last changed, and carries a version counter so that two editors never silently
overwrite each other. A schema change needs an Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from app.records import PersonNames
from app.store.types import UTCDateTime, enum_type, search_key_type, utcnow
from app.vocabulary import (
    ContactKind,
    ContactRole,
    Decision,
    DecisionStatus,
    GoalDomain,
    IntakeStatus,
    Judgement,
    MergeStatus,
    OutflowReason,
    Owner,
    Perspective,
    PlanStatus,
    ReadingLevel,
    ReferralStatus,
    ResidenceStatus,
    Sex,
    TeamDecisionKind,
    UserRole,
    WorkStatus,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Tracked:
    """Key, who and when, and the optimistic version counter."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[uuid.UUID | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class User(Tracked, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[UserRole] = mapped_column(enum_type(UserRole), default=UserRole.VOLUNTEER)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class OrganisationProfile(Tracked, Base):
    """The office that prints the cards; one row."""

    __tablename__ = "organisation_profile"

    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    opening_hours: Mapped[str] = mapped_column(String(500), default="")
    # the hours as data (app.opening_hours), when the typed text was understood
    opening_hours_data: Mapped[list[Any] | None] = mapped_column(JSON)


class Setting(Base):
    """One office setting (declared in app.settings), stored as JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Counter(Base):
    """Sequences that must stay short and human, such as record numbers."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Person(PersonNames, Tracked, Base):
    __tablename__ = "persons"

    record_number: Mapped[int] = mapped_column(Integer, unique=True)
    # Folded "family, given, number": the order of every person list, kept by
    # app.services.search so that a page of a large list comes straight from an index.
    sort_name: Mapped[str] = mapped_column(search_key_type(90), default="", index=True)
    given_names: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    name_original: Mapped[str] = mapped_column(String(200), default="")
    nickname: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[str | None] = mapped_column(String(10))
    birth_date_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    sex: Mapped[Sex] = mapped_column(enum_type(Sex), default=Sex.UNKNOWN)
    nationality: Mapped[str] = mapped_column(String(3), default="")
    country_of_birth: Mapped[str] = mapped_column(String(3), default="")
    document_language: Mapped[str] = mapped_column(String(10), default="nl")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    v_number: Mapped[str | None] = mapped_column(String(10), unique=True)
    status: Mapped[ResidenceStatus] = mapped_column(
        enum_type(ResidenceStatus), default=ResidenceStatus.UNDOCUMENTED)
    case_manager_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    last_contact_on: Mapped[date | None] = mapped_column(Date)

    languages: Mapped[list[PersonLanguage]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonLanguage.position")
    case_manager: Mapped[User | None] = relationship()
    contacts: Mapped[list[CardContact]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="CardContact.position")
    plans: Mapped[list[PerspectivePlan]] = relationship(
        back_populates="person", cascade="all, delete-orphan",
        order_by="PerspectivePlan.created_at")
    intakes: Mapped[list[Intake]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Intake.started_at")
    consents: Mapped[list[Consent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Consent.given_on")


class PersonLanguage(Base):
    __tablename__ = "person_languages"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    reading: Mapped[ReadingLevel] = mapped_column(enum_type(ReadingLevel))
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship(back_populates="languages")


class SearchKey(Base):
    """Folded names, transliteration skeletons and digits of a person, for fast search."""

    __tablename__ = "search_keys"
    # The primary key (key, sort_name, person_id) pages through one word's matches in list
    # order; on SQLite the table is stored as that index alone (WITHOUT ROWID), so nothing is
    # kept twice. (person_id, key) checks a further word for one person.
    __table_args__ = (Index("ix_search_keys_person_key", "person_id", "key"),
                      {"sqlite_with_rowid": False})

    key: Mapped[str] = mapped_column(search_key_type(120), primary_key=True)
    sort_name: Mapped[str] = mapped_column(search_key_type(90), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"),
                                                 primary_key=True)


class CardContact(Tracked, Base):
    """A contact on the card: an office default (no person) or one person's own."""

    __tablename__ = "card_contacts"

    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    role: Mapped[ContactRole] = mapped_column(enum_type(ContactRole))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    hours_data: Mapped[list[Any] | None] = mapped_column(JSON)  # app.opening_hours
    purpose_key: Mapped[str | None] = mapped_column(String(100))
    purpose_text: Mapped[str] = mapped_column(String(500), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    blank: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person | None] = relationship(back_populates="contacts")


class Intake(Tracked, Base):
    """One questionnaire asked of one person, kept with the questionnaire's id and version."""

    __tablename__ = "intakes"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[IntakeStatus] = mapped_column(enum_type(IntakeStatus), default=IntakeStatus.DRAFT)
    current_question: Mapped[str | None] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]
    conducted_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    triage: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    person: Mapped[Person] = relationship(back_populates="intakes")


class PerspectivePlan(Tracked, Base):
    __tablename__ = "perspective_plans"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    perspective: Mapped[Perspective] = mapped_column(enum_type(Perspective))
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus), default=PlanStatus.DRAFT)
    start_date: Mapped[date] = mapped_column(Date)
    target_date: Mapped[date | None] = mapped_column(Date)
    case_manager_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    evaluation_months: Mapped[int] = mapped_column(Integer, default=6)
    next_evaluation_on: Mapped[date | None] = mapped_column(Date)
    # Derived from the start, the last evaluation and next_evaluation_on (app.services.plans
    # keeps it current), so "due in the next 30 days" is one indexed query.
    evaluation_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    ended_on: Mapped[date | None] = mapped_column(Date)
    outflow_reason: Mapped[OutflowReason | None] = mapped_column(enum_type(OutflowReason))
    end_note: Mapped[str] = mapped_column(Text, default="")
    ended_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    end_confirmed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The language the goals' and actions' translations are in, and who typed them.
    translation_language: Mapped[str] = mapped_column(String(16), default="", server_default="")
    interpreter_name: Mapped[str] = mapped_column(String(200), default="", server_default="")

    person: Mapped[Person] = relationship(back_populates="plans")
    case_manager: Mapped[User | None] = relationship(foreign_keys=[case_manager_id])
    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Goal.position")
    evaluations: Mapped[list[Evaluation]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Evaluation.due_on")


class Goal(Tracked, Base):
    __tablename__ = "goals"

    plan_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("perspective_plans.id", ondelete="CASCADE"), index=True)
    domain: Mapped[GoalDomain] = mapped_column(enum_type(GoalDomain))
    description: Mapped[str] = mapped_column(Text)
    # The description in the person's language, typed by an interpreter (plan's language).
    description_translated: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[WorkStatus] = mapped_column(enum_type(WorkStatus), default=WorkStatus.OPEN)
    due_date: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[PerspectivePlan] = relationship(back_populates="goals")
    actions: Mapped[list[Action]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Action.position")


class Action(Tracked, Base):
    __tablename__ = "actions"

    goal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    description_translated: Mapped[str] = mapped_column(Text, default="", server_default="")
    owner: Mapped[Owner] = mapped_column(enum_type(Owner), default=Owner.PERSON)
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[WorkStatus] = mapped_column(enum_type(WorkStatus), default=WorkStatus.OPEN)
    position: Mapped[int] = mapped_column(Integer, default=0)

    goal: Mapped[Goal] = relationship(back_populates="actions")


class Evaluation(Tracked, Base):
    """A review of the plan: due at least every six months, held against the criteria."""

    __tablename__ = "evaluations"

    plan_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("perspective_plans.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    held_on: Mapped[date | None] = mapped_column(Date)
    judgement: Mapped[Judgement | None] = mapped_column(enum_type(Judgement))
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[Decision | None] = mapped_column(enum_type(Decision))
    held_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    plan: Mapped[PerspectivePlan] = relationship(back_populates="evaluations")


class Consent(Tracked, Base):
    __tablename__ = "consents"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(200))
    partner: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[list[Any]] = mapped_column(JSON, default=list)
    text_version: Mapped[str] = mapped_column(String(50), default="")
    given_on: Mapped[date] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Made from this intake's answers about consent (app.services.consents.from_intake).
    intake_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("intakes.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship(back_populates="consents")


class Draft(Base):
    """What a user typed in a form and has not saved yet, kept (encrypted, like everything
    else in the database) so that a crash, a power cut or the auto-lock loses nothing."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "person_id", "form"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class HandoverRecord(Base):
    """A warm handover that was made: to which partner, which scopes, by whom, and the
    coordinator's reason when it overrode missing consent. Erased with the person."""

    __tablename__ = "handovers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    partner: Mapped[str] = mapped_column(String(200))
    scope: Mapped[list[Any]] = mapped_column(JSON, default=list)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # What the partner is asked to do.
    request: Mapped[str] = mapped_column(Text, default="", server_default="")
    made_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    made_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactEntry(Tracked, Base):
    """One contact with a person in the contact log: a visit, a phone call, an accompanied
    appointment (app.services.contact_log)."""

    __tablename__ = "contact_log"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    contact_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[ContactKind] = mapped_column(enum_type(ContactKind))
    interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    with_whom: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    logged_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class FollowUp(Tracked, Base):
    """An appointment or reminder about a person: a date, an owner, optionally a goal of the
    plan it belongs to (app.services.follow_ups)."""

    __tablename__ = "follow_ups"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(String(500))
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    goal_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True)
    done_on: Mapped[date | None] = mapped_column(Date)


class Referral(Tracked, Base):
    """A referral to a partner that is followed up: a warm handover becomes one
    (app.services.referrals). ``history`` lists each status with its date and user."""

    __tablename__ = "referrals"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    handover_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("handovers.id", ondelete="SET NULL"))
    partner: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(500), default="")
    referred_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ReferralStatus] = mapped_column(
        enum_type(ReferralStatus), default=ReferralStatus.SENT, index=True)
    status_on: Mapped[date] = mapped_column(Date)
    follow_up_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    history: Mapped[list[Any]] = mapped_column(JSON, default=list)



class ShelterStay(Tracked, Base):
    """A stay in 24-hour shelter: at most one and a half years unless an extension is decided
    (seed 003, 5.4.4; app.services.deadlines)."""

    __tablename__ = "shelter_stays"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(200), default="")

    extensions: Mapped[list[StayExtension]] = relationship(
        back_populates="stay", cascade="all, delete-orphan", order_by="StayExtension.until")


class StayExtension(Base):
    """The decision to let a stay last beyond one and a half years: who decided, why, until
    when, and who recorded it."""

    __tablename__ = "stay_extensions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    stay_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("shelter_stays.id", ondelete="CASCADE"), index=True)
    until: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    stay: Mapped[ShelterStay] = relationship(back_populates="extensions")


class TeamDecision(Tracked, Base):
    """A decision about a case taken by more than one person: the multidisciplinary team's,
    or refusing admission against the advice (four eyes; app.services.team_decisions)."""

    __tablename__ = "team_decisions"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TeamDecisionKind] = mapped_column(enum_type(TeamDecisionKind))
    decided_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(32), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    intake_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("intakes.id", ondelete="SET NULL"))
    status: Mapped[DecisionStatus] = mapped_column(enum_type(DecisionStatus), index=True)
    proposed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    settled_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    settled_at: Mapped[datetime | None]


class PersonMerge(Base):
    """Two records of the same person made one (app.services.merge). Until it is confirmed the
    snapshot keeps what undoing needs: both records' fields and the rows that moved; confirming
    empties it."""

    __tablename__ = "person_merges"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    survivor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    duplicate_id: Mapped[uuid.UUID] = mapped_column(index=True)
    duplicate_record_number: Mapped[int] = mapped_column(Integer)
    status: Mapped[MergeStatus] = mapped_column(enum_type(MergeStatus), index=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    merged_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    settled_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    settled_at: Mapped[datetime | None]

class AuditEvent(Base):
    """Who did what to which record, when. Ids and actions only, never the personal data."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID | None]
    person_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    detail: Mapped[str] = mapped_column(String(200), default="")


__all__ = [
    "Action", "AuditEvent", "Base", "CardContact", "Consent", "ContactEntry", "Counter", "Draft",
    "Evaluation", "FollowUp", "Goal", "HandoverRecord", "Referral",
    "Intake", "OrganisationProfile", "Person", "PersonLanguage", "PerspectivePlan", "SearchKey",
    "Setting", "User", "ShelterStay", "StayExtension", "TeamDecision", "PersonMerge",
]

# The exchange between laptops (issue 13): its tables on this metadata, and the change log
# written from every session's flush (docs/exchange.md).
from app.store import change_capture as _change_capture  # noqa: E402,F401
from app.store.exchange_tables import (  # noqa: E402,F401
    ExchangeAuditOrigin,
    ExchangeChange,
    ExchangeConflict,
    ExchangeReplica,
    ExchangeTombstone,
)
