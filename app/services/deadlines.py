"""The deadlines the source sets (seed 003, 5.4.2-5.5.4), and the case managers' caseloads.

- The extended screening follows the short intake "within two weeks" (``screening_due``).
- A stay in 24-hour shelter ends "in any case after 1.5 years", unless an extension is decided
  ("in unique cases", by the mayor, with the GGD for vulnerable or ill people): ``stay_alerts``
  warns from 15 months, ``extend_stay`` records who decided, why and until when.
- "A case manager has a caseload of about 25": ``caseloads`` counts per case manager against
  the office setting ``caseload_per_case_manager``; ``assign_case_manager`` refuses a full one
  and ``waiting_list`` shows who was admitted and still has no case manager.

The six-monthly evaluation lives in ``app.services.evaluations``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.access.permissions import Permission, require_user
from app.dates import add_months, parse_date
from app.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import _
from app.services import audit
from app.store.models import Intake, Person, PerspectivePlan, ShelterStay, StayExtension, User
from app.text import clean_text
from app.vocabulary import IntakeStatus, PlanStatus, UserRole

SCREENING_DAYS = 14  # "Binnen twee weken wordt op basis van een uitgebreidere screening ..."
MAX_STAY_MONTHS = 18  # "De opvang eindigt in ieder geval na 1,5 jaar."
WARN_STAY_MONTHS = 15  # the warning the issue asks for, three months before the end
ADMITTED_OUTCOMES = frozenset({"admit", "admit_short"})


def _name(person: Person) -> str:
    return person.display_name


# --- the extended screening within two weeks ---------------------------------------------

@dataclass(frozen=True)
class ScreeningDue:
    """A person whose short intake leads to the extended screening, not yet completed."""

    person_id: uuid.UUID
    record_code: str
    person_name: str
    intake_on: date
    due_on: date
    overdue: bool
    case_manager: str


def triage_outcome(triage: dict[str, Any] | None) -> str | None:
    """The outcome an intake's triage stands at: the decision if taken, else the advice."""
    if not triage:
        return None
    decision = triage.get("decision") or {}
    if decision.get("outcome"):
        return str(decision["outcome"])
    advice = triage.get("advice") or {}
    return str(advice["outcome"]) if advice.get("outcome") else None


def _completed(db: Session, questionnaire_id: str, person_ids: set[uuid.UUID] | None = None
               ) -> list[Intake]:
    stmt = (select(Intake).where(Intake.questionnaire_id == questionnaire_id,
                                 Intake.status == IntakeStatus.COMPLETE)
            .order_by(Intake.completed_at))
    if person_ids is not None:
        stmt = stmt.where(Intake.person_id.in_(person_ids))
    return list(db.scalars(stmt))


def screening_due(db: Session, by: uuid.UUID | None, *, today: date | None = None
                  ) -> list[ScreeningDue]:
    """Everyone whose latest short intake stands at "extended screening" and who has no
    extended screening completed since (nor a perspective plan); due 14 days after the short
    intake, soonest first."""
    require_user(db, by)
    today = today or date.today()
    latest: dict[uuid.UUID, Intake] = {}
    for intake in _completed(db, "short_intake"):
        latest[intake.person_id] = intake
    waiting = {pid: i for pid, i in latest.items() if triage_outcome(i.triage) == "screening"}
    # Someone with a perspective plan is past the screening, recorded here or not.
    for pid in db.scalars(select(PerspectivePlan.person_id).where(
            PerspectivePlan.person_id.in_(set(waiting)))):
        waiting.pop(pid, None)
    if not waiting:
        return []
    for screening in _completed(db, "extended_screening", set(waiting)):
        short = waiting.get(screening.person_id)
        if short is not None and _day(screening.completed_at) >= _day(short.completed_at):
            waiting.pop(screening.person_id)
    people = {p.id: p for p in db.scalars(select(Person).where(Person.id.in_(set(waiting))))}
    managers = _manager_names(db)
    out = []
    for pid, intake in waiting.items():
        person = people[pid]
        start = _day(intake.completed_at)
        due = date.fromordinal(start.toordinal() + SCREENING_DAYS)
        out.append(ScreeningDue(pid, person.record_code, _name(person), start, due, due < today,
                                managers.get(person.case_manager_id, "")))
    return sorted(out, key=lambda s: (s.due_on, s.record_code))


def _day(moment: datetime | None) -> date:
    return (moment or datetime.min).date()


def screenings_within(db: Session, start: date, end: date) -> tuple[int, int]:
    """(within two weeks, later): extended screenings completed from ``start`` to ``end``,
    counted by whether they came within 14 days of the person's short intake before them.
    Counts only (the anonymous report)."""
    # No acting user here: two numbers about everyone, no person in them (the report's caller,
    # app.privacy.report, checks its user).
    shorts: dict[uuid.UUID, list[date]] = {}
    for intake in _completed(db, "short_intake"):
        shorts.setdefault(intake.person_id, []).append(_day(intake.completed_at))
    within = later = 0
    for screening in _completed(db, "extended_screening"):
        done = _day(screening.completed_at)
        if not start <= done <= end:
            continue
        before = [d for d in shorts.get(screening.person_id, []) if d <= done]
        if not before:
            continue
        if (done - max(before)).days <= SCREENING_DAYS:
            within += 1
        else:
            later += 1
    return within, later


# --- the stay in 24-hour shelter -----------------------------------------------------------

@dataclass(frozen=True)
class StayAlert:
    """An open stay from 15 months on: when it ends, and whether an extension was decided."""

    stay_id: uuid.UUID
    person_id: uuid.UUID
    record_code: str
    person_name: str
    started_on: date
    ends_on: date
    months: int
    past_end: bool
    extended: bool
    case_manager: str


def months_between(start: date, day: date) -> int:
    """Whole calendar months from ``start`` to ``day``."""
    months = (day.year - start.year) * 12 + day.month - start.month
    if day.day < start.day and add_months(start, months) > day:
        months -= 1
    return max(months, 0)


def stay_end(stay: ShelterStay) -> date:
    """The last day the stay may last: 1.5 years after the start, or the latest extension."""
    limit = add_months(stay.started_on, MAX_STAY_MONTHS)
    return max([limit, *(e.until for e in stay.extensions)])


def warning_from(stay: ShelterStay) -> date:
    return add_months(stay.started_on, WARN_STAY_MONTHS)


def stays_of(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> list[ShelterStay]:
    require_user(db, by)
    return list(db.scalars(select(ShelterStay).where(ShelterStay.person_id == person_id)
                           .order_by(ShelterStay.started_on)))


def open_stay(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> ShelterStay | None:
    """The person's stay in the shelter that has not ended, if any."""
    require_user(db, by)
    return _open_stay(db, person_id)


def _open_stay(db: Session, person_id: uuid.UUID) -> ShelterStay | None:
    return db.scalar(select(ShelterStay).where(ShelterStay.person_id == person_id,
                                               ShelterStay.ended_on.is_(None)))


def start_stay(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, started_on: str | None,
               location: str = "", *, today: date | None = None) -> ShelterStay:
    """Record that a person entered 24-hour shelter (``started_on``: a date, default today)."""
    require_user(db, by, Permission.CASEWORK)
    if db.get(Person, person_id) is None:
        raise NotFound(_("This person is no longer in the database."))
    problems: dict[str, str] = {}
    start = place = None
    try:
        start = parse_date(started_on, field="started_on") or today or date.today()
        if start > (today or date.today()):
            problems["started_on"] = _("A stay cannot start in the future.")
    except InvalidInput as err:
        problems.update(err.problems)
    try:
        place = clean_text(location, field="location", max_length=200)
    except InvalidInput as err:
        problems.update(err.problems)
    if problems:
        raise InvalidInput(problems)
    if _open_stay(db, person_id) is not None:
        raise NotAllowed(_("This person already has a stay in the shelter that has not ended; "
                           "end it first."))
    stay = ShelterStay(person_id=person_id, started_on=start, location=place or "",
                       created_by=by, updated_by=by)
    db.add(stay)
    db.flush()
    audit.record(db, by, "create", "stay", stay.id, person_id=person_id)
    return stay


def _stay(db: Session, stay_id: uuid.UUID) -> ShelterStay:
    stay = db.get(ShelterStay, stay_id)
    if stay is None:
        raise NotFound(_("This stay is no longer in the database."))
    return stay


def end_stay(db: Session, by: uuid.UUID | None, stay_id: uuid.UUID, ended_on: str | None, *,
             today: date | None = None) -> ShelterStay:
    """Record the day a person left the 24-hour shelter."""
    require_user(db, by, Permission.CASEWORK)
    stay = _stay(db, stay_id)
    if stay.ended_on is not None:
        raise NotAllowed(_("This stay has already ended."))
    end = parse_date(ended_on, field="ended_on") or today or date.today()
    if end < stay.started_on:
        raise InvalidInput({"ended_on": _("The end lies before the start of the stay.")})
    stay.ended_on = end
    stay.updated_by = by
    audit.record(db, by, "end", "stay", stay.id, person_id=stay.person_id)
    db.flush()
    return stay


def extend_stay(db: Session, by: uuid.UUID | None, stay_id: uuid.UUID, *, until: str | None,
                decided_by: str, reason: str, decided_on: str | None = None,
                today: date | None = None) -> StayExtension:
    """Record the decision to let a stay last beyond one and a half years: who decided (the
    mayor has the discretionary power; with the GGD for vulnerable or ill people), why, and
    until when. Every field is checked at once."""
    require_user(db, by, Permission.CASEWORK)
    stay = _stay(db, stay_id)
    if stay.ended_on is not None:
        raise NotAllowed(_("This stay has already ended."))
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, fn in (
            ("until", lambda: parse_date(until, field="until", required=True)),
            ("decided_on", lambda: parse_date(decided_on, field="decided_on")),
            ("decided_by", lambda: clean_text(decided_by, field="decided_by", max_length=200)),
            ("reason", lambda: clean_text(reason, field="reason", max_length=4000,
                                          multiline=True))):
        try:
            values[name] = fn()
        except InvalidInput as err:
            problems.update(err.problems)
    if "decided_by" in values and not values["decided_by"]:
        problems["decided_by"] = _("Record who decided on the extension.")
    if "reason" in values and not values["reason"]:
        problems["reason"] = _("Record why the stay is extended.")
    if values.get("until") is not None and values["until"] <= stay_end(stay):
        problems["until"] = _("An extension ends after {day}, the current end of the stay."
                              ).format(day=stay_end(stay).strftime("%d-%m-%Y"))
    if problems:
        raise InvalidInput(problems)
    extension = StayExtension(stay_id=stay.id, until=values["until"],
                              decided_by=values["decided_by"], reason=values["reason"],
                              decided_on=values["decided_on"] or today or date.today(),
                              recorded_by=by)
    stay.extensions.append(extension)
    stay.updated_by = by
    db.flush()
    audit.record(db, by, "update", "stay", stay.id, person_id=stay.person_id,
                 detail="extension")
    return extension


def stay_alerts(db: Session, by: uuid.UUID | None, *, today: date | None = None
                ) -> list[StayAlert]:
    """Open stays from 15 months on, and those past their end: the end soonest first."""
    require_user(db, by)
    today = today or date.today()
    managers = _manager_names(db)
    out = []
    for stay, person in db.execute(select(ShelterStay, Person)
                                   .join(Person, Person.id == ShelterStay.person_id)
                                   .where(ShelterStay.ended_on.is_(None))):
        ends = stay_end(stay)
        extended = bool(stay.extensions)
        # An extended stay warns again from three months before its new end.
        warn = (add_months(ends, WARN_STAY_MONTHS - MAX_STAY_MONTHS) if extended
                else warning_from(stay))
        if today < warn:
            continue
        out.append(StayAlert(stay.id, person.id, person.record_code, _name(person),
                             stay.started_on, ends, months_between(stay.started_on, today),
                             today > ends, extended, managers.get(person.case_manager_id, "")))
    return sorted(out, key=lambda a: (a.ends_on, a.record_code))


def stays_past(db: Session, months: int, *, on: date) -> int:
    """How many stays had lasted ``months`` months or more on ``on`` (or when they ended
    before it): a count for the anonymous report."""
    # No acting user here: one number about everyone (see screenings_within).
    count = 0
    for stay in db.scalars(select(ShelterStay).where(ShelterStay.started_on <= on)):
        last = min(stay.ended_on or on, on)
        if months_between(stay.started_on, last) >= months:
            count += 1
    return count


# --- caseloads -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Caseload:
    user_id: uuid.UUID
    name: str
    count: int
    capacity: int

    @property
    def full(self) -> bool:
        return self.count >= self.capacity


@dataclass(frozen=True)
class Waiting:
    """Someone admitted who has no case manager yet, since when."""

    person_id: uuid.UUID
    record_code: str
    person_name: str
    since: date


def _manager_names(db: Session) -> dict[uuid.UUID | None, str]:
    return {u.id: u.display_name for u in db.scalars(select(User))}


def _support_ended(db: Session) -> set[uuid.UUID]:
    """People whose plans have all ended: no longer on anyone's caseload."""
    ended: set[uuid.UUID] = set()
    going: set[uuid.UUID] = set()
    for pid, status in db.execute(select(PerspectivePlan.person_id, PerspectivePlan.status)):
        (ended if status == PlanStatus.ENDED else going).add(pid)
    return ended - going


def capacity(db: Session) -> int:
    """The office's caseload per case manager: a setting, nothing personal (no user needed)."""
    return int(settings.get(db, "caseload_per_case_manager"))


def set_capacity(db: Session, by: uuid.UUID | None, value: int) -> int:
    """Change the office's caseload per case manager (coordinators)."""
    require_user(db, by, Permission.MANAGE_USERS)
    stored = int(settings.set_value(db, by, "caseload_per_case_manager", value))
    audit.record(db, by, "update", "office", None, detail="caseload_per_case_manager")
    return stored


def caseloads(db: Session, by: uuid.UUID | None) -> list[Caseload]:
    """Every active case manager (and any coordinator who carries cases) with the number of
    people whose support has not ended, against the caseload setting; busiest first."""
    require_user(db, by)
    ended = _support_ended(db)
    counts: dict[uuid.UUID, int] = {}
    for pid, manager in db.execute(select(Person.id, Person.case_manager_id)
                                   .where(Person.case_manager_id.is_not(None))):
        if pid not in ended:
            counts[manager] = counts.get(manager, 0) + 1
    limit = capacity(db)
    out = [Caseload(u.id, u.display_name, counts.get(u.id, 0), limit)
           for u in db.scalars(select(User).where(User.active.is_(True)))
           if u.role == UserRole.CASE_MANAGER or counts.get(u.id)]
    return sorted(out, key=lambda c: (-c.count, c.name))


def caseload_of(db: Session, user_id: uuid.UUID) -> int:
    """How many people ``user_id`` manages: a count, no person in it (no acting user needed;
    the writes that assign a case manager check theirs)."""
    ended = _support_ended(db)
    return sum(1 for pid in db.scalars(select(Person.id)
                                       .where(Person.case_manager_id == user_id))
               if pid not in ended)


def check_capacity(db: Session, manager_id: uuid.UUID | None, person_id: uuid.UUID | None
                   ) -> None:
    """Refuse (``InvalidInput`` on ``case_manager_id``) giving a person to a case manager
    whose caseload is full. A person already on their caseload is not counted twice. A check
    inside the writes that assign a case manager, after they checked their user."""
    if manager_id is None:
        return
    if person_id is not None:
        person = db.get(Person, person_id)
        if person is not None and person.case_manager_id == manager_id:
            return
    limit = capacity(db)
    count = caseload_of(db, manager_id)
    if count >= limit:
        manager = db.get(User, manager_id)
        raise InvalidInput({"case_manager_id": _(
            "{name} already has {count} people, the caseload of a case manager ({limit}). "
            "Choose another case manager; until then the person stays on the waiting list."
        ).format(name=manager.display_name if manager else "?", count=count, limit=limit)})


def assign_case_manager(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
                        manager_id: uuid.UUID | None) -> Person:
    """Give a person a case manager (None: take the case manager away); a full caseload is
    refused."""
    require_user(db, by, Permission.CASEWORK)
    person = db.get(Person, person_id)
    if person is None:
        raise NotFound(_("This person is no longer in the database."))
    if manager_id is not None:
        manager = db.get(User, manager_id)
        if manager is None or not manager.active or manager.role == UserRole.VOLUNTEER:
            raise InvalidInput({"case_manager_id": _("Choose an active case manager.")})
    check_capacity(db, manager_id, person_id)
    person.case_manager_id = manager_id
    person.updated_by = by
    audit.record(db, by, "update", "person", person.id, person_id=person.id,
                 detail="case_manager_id")
    db.flush()
    return person


def waiting_list(db: Session, by: uuid.UUID | None) -> list[Waiting]:
    """People admitted (an open shelter stay, or an intake decided "admit") without a case
    manager, longest waiting first."""
    require_user(db, by)
    since: dict[uuid.UUID, date] = {}
    for stay in db.scalars(select(ShelterStay).where(ShelterStay.ended_on.is_(None))):
        since[stay.person_id] = min(stay.started_on, since.get(stay.person_id, date.max))
    latest: dict[uuid.UUID, Intake] = {}
    for intake in db.scalars(select(Intake).where(Intake.status == IntakeStatus.COMPLETE)
                             .order_by(Intake.completed_at)):
        if intake.triage and (intake.triage.get("decision") or {}).get("outcome"):
            latest[intake.person_id] = intake
    for pid, intake in latest.items():
        if triage_outcome(intake.triage) in ADMITTED_OUTCOMES:
            decided = str(intake.triage["decision"].get("decided_at") or "")[:10]
            day = date.fromisoformat(decided) if decided else _day(intake.completed_at)
            since[pid] = min(day, since.get(pid, date.max))
    if not since:
        return []
    ended = _support_ended(db)
    out = [Waiting(p.id, p.record_code, _name(p), since[p.id])
           for p in db.scalars(select(Person).where(Person.id.in_(set(since)),
                                                    Person.case_manager_id.is_(None)))
           if p.id not in ended]
    return sorted(out, key=lambda w: (w.since, w.record_code))
