"""Realistic synthetic people for demonstrations and benchmarks.

Names in their own script and in Latin, nationalities in Haarlem's proportions, intakes,
perspective plans with goals and actions and evaluations (some overdue). Deterministic for a
given seed. Written in batches straight into the tables the services use, because a demo of
100,000 people must not take an afternoon.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update

from app import demo_names as names
from app.dates import add_months
from app.services import counters
from app.services.persons import RECORD_COUNTER
from app.services.plans import refresh_due_date
from app.services.search import person_keys, sort_name
from app.store import Store
from app.store.models import (
    Action,
    Counter,
    Evaluation,
    Goal,
    Intake,
    Person,
    PersonLanguage,
    PerspectivePlan,
    SearchKey,
    User,
)
from app.store.types import utcnow
from app.vocabulary import (
    Decision,
    GoalDomain,
    IntakeStatus,
    Judgement,
    Owner,
    Perspective,
    PlanStatus,
    ReadingLevel,
    ResidenceStatus,
    Sex,
    UserRole,
    WorkStatus,
)

Progress = Callable[[int, int], bool]
BATCH = 1000

GOALS = {
    GoalDomain.LEGAL: ("Establish the legal perspective with the lawyer",
                       "Ask for a V-number at the IND"),
    GoalDomain.COURSE: ("Dutch language course at A2 level", "Computer skills course"),
    GoalDomain.WORK_PRACTICE: ("Work-practice trajectory in the bicycle workshop",
                               "Work-practice trajectory in the kitchen"),
    GoalDomain.VOLUNTEERING: ("Volunteer at the food bank",),
    GoalDomain.RETURN_PREPARATION: ("Prepare a return plan with the return counsellor",),
    GoalDomain.HEALTH: ("Register with a GP",),
    GoalDomain.SELF_RELIANCE: ("Keep a diary of appointments",),
}
ACTIONS = ("Make an appointment", "Collect documents", "Attend the intake", "Report back")


def _pick_origin(rng: random.Random) -> tuple[str, str, str]:
    total = sum(w for _, w, _, _ in names.ORIGINS)
    x = rng.uniform(0, total)
    for code, weight, kind, lang in names.ORIGINS:
        x -= weight
        if x <= 0:
            return code, kind, lang
    return names.ORIGINS[0][0], names.ORIGINS[0][2], names.ORIGINS[0][3]


def _names(rng: random.Random, kind: str, female: bool) -> tuple[str, str, str]:
    """(given, family, name in own script)"""
    if kind == "arabic":
        g = rng.choice(names.ARABIC_GIVEN_F if female else names.ARABIC_GIVEN_M)
        f = rng.choice(names.ARABIC_FAMILY)
        return g[0], f[0], f"{g[1]} {f[1]}"
    if kind == "tigrinya":
        g = rng.choice(names.TIGRINYA_GIVEN_F if female else names.TIGRINYA_GIVEN_M)
        f = rng.choice(names.TIGRINYA_FAMILY)
        return g[0], f[0], f"{g[1]} {f[1]}"
    if kind == "persian":
        g = rng.choice(names.PERSIAN_GIVEN_F if female else names.PERSIAN_GIVEN_M)
        f = rng.choice(names.PERSIAN_FAMILY)
        return g[0], f[0], f"{g[1]} {f[1]}"
    if kind == "turkish":
        g = rng.choice(names.TURKISH_GIVEN_F if female else names.TURKISH_GIVEN_M)
        return g, rng.choice(names.TURKISH_FAMILY), ""
    return rng.choice(names.OTHER_GIVEN), rng.choice(names.OTHER_FAMILY), ""


def _case_managers(db) -> list[uuid.UUID]:  # noqa: ANN001
    """The four demo case managers: the ones an earlier demo made, the missing ones added."""
    wanted = {f"demo{i}": n for i, n in enumerate(("Anna de Vries", "Pieter Bakker",
                                                   "Fatma Yıldız", "Joost Smit"), start=1)}
    found = {u.username: u for u in db.scalars(select(User).where(User.username.in_(wanted)))}
    managers = [found.get(name) or User(username=name, display_name=display,
                                        role=UserRole.CASE_MANAGER)
                for name, display in wanted.items()]
    db.add_all(m for m in managers if m.username not in found)
    db.flush()
    return [m.id for m in managers]


def generate(store: Store, persons: int, seed: int = 1, *, today: date | None = None,
             progress: Progress | None = None) -> int:
    """Add ``persons`` synthetic people; returns how many were added (fewer if cancelled).

    ``progress(done, total)`` is called after each batch; returning False cancels (the
    batches already written stay).
    """
    if persons < 0:
        raise ValueError("persons must not be negative")
    today = today or date.today()
    with store.session() as db:
        managers = _case_managers(db) if persons else []
        first = counters.next_value(db, RECORD_COUNTER)
        if persons > 1:
            db.execute(update(Counter).where(Counter.name == RECORD_COUNTER)
                       .values(value=first + persons - 1))
        taken = set(db.scalars(select(Person.v_number).where(Person.v_number.is_not(None))))
    # A demo added to people already there (a second demo, say) gets other people, and other
    # record ids: the same seed on the same start would repeat the first demo's ids.
    rng = random.Random(seed if first == 1 else f"{seed}:{first}")
    done = 0
    while done < persons:
        count = min(BATCH, persons - done)
        with store.session() as db:
            for i in range(count):
                _one_person(db, rng, first + done + i, managers, today, taken)
        done += count
        if progress is not None and progress(done, persons) is False:
            break
    return done


def _one_person(db, rng: random.Random, number: int, managers: list[uuid.UUID],  # noqa: ANN001
                today: date, taken: set[str] | frozenset[str] = frozenset()) -> None:
    code, kind, lang = _pick_origin(rng)
    female = rng.random() < 0.3
    given, family, original = _names(rng, kind, female)
    age = rng.choice([17, 18, 19]) if rng.random() < 0.05 else rng.randint(19, 65)
    born = today.replace(year=today.year - age)
    precision = rng.random()
    birth = (f"{born.year:04d}" if precision < 0.2 else
             f"{born.year:04d}-{born.month:02d}" if precision < 0.35 else
             f"{born.year:04d}-{born.month:02d}-{rng.randint(1, 28):02d}")
    status = rng.choices(list(ResidenceStatus), weights=[60, 15, 10, 10, 5])[0]
    manager = rng.choice(managers)
    now = utcnow()
    person = Person(
        id=uuid.UUID(int=rng.getrandbits(128), version=4), record_number=number,
        given_names=given, family_name=family, name_original=original,
        nickname="", birth_date=birth, birth_date_estimated=precision < 0.2,
        sex=Sex.FEMALE if female else Sex.MALE, nationality=code, country_of_birth=code,
        document_language=lang, phone=f"06-{rng.randint(10000000, 99999999)}",
        address=rng.choice(["Nachtopvang Haarlem", "Bij vrienden", "Logeeradres Schalkwijk", ""]),
        v_number=_v_number(number) if rng.random() < 0.6 else None,
        status=status, case_manager_id=manager, created_at=now, updated_at=now,
        last_contact_on=today - timedelta(days=rng.randint(0, 400)),
        languages=[PersonLanguage(language=lang, reading=rng.choice(list(ReadingLevel)),
                                  position=0),
                   PersonLanguage(language="nl", reading=ReadingLevel.BASIC, position=1)],
    )
    if person.v_number in taken:  # typed for a real person (demo people come after them)
        person.v_number = None
    person.sort_name = sort_name(person)
    db.add(person)
    db.add_all(SearchKey(person_id=person.id, key=k, sort_name=person.sort_name)
               for k in person_keys(person))
    started = today - timedelta(days=rng.randint(10, 500))
    db.add(_intake(rng, person, manager, started, today))
    # The intake is a contact too (app.services.last_contact): never later than the last one.
    person.last_contact_on = max(person.last_contact_on, started)
    if rng.random() < 0.7:
        _plan(db, rng, person.id, manager, started + timedelta(days=14), today)


def _v_number(number: int) -> str:
    """Unique by construction (a bijection of the record number), random-looking."""
    return str(1_000_000_000 + number * 982_451_653 % 8_999_999_999)


def _intake(rng: random.Random, person: Person, manager: uuid.UUID, started: date,
            today: date) -> Intake:
    """A short intake with plausible answers; most are complete, with advice and decision."""
    from app import questionnaire

    answers = {
        "needs": sorted(rng.sample(["shelter", "food", "medical", "legal", "daytime"],
                                   k=rng.randint(1, 3))),
        "acute_medical": "yes" if rng.random() < 0.05 else "no",
        "acute_psychological": "yes" if rng.random() < 0.04 else "no",
        "place_to_sleep": rng.choice(["yes", "no", "no"]),
        "children_with_you": "yes" if rng.random() < 0.05 else "no",
        "right_place": "yes" if rng.random() < 0.9 else "no",
        "nationality": person.nationality,
        "status": {"residence_permit": "residence_permit_nl"}.get(person.status.value,
                                                                 person.status.value),
        "entry_ban": "no",
        "declared_undesirable": "yes" if rng.random() < 0.02 else "no",
    }
    at = datetime.combine(started, time(10, 0), UTC)
    complete = rng.random() < 0.9
    triage = None
    if complete:
        advice = questionnaire.advise(answers, birth_date=person.birth_date,
                                      sex=person.sex.value, today=started)
        decision = questionnaire.decide(advice, advice.outcome, decided_by=str(manager))
        triage = {"advice": advice.to_dict(), "decision": decision.to_dict()}
    return Intake(person_id=person.id, questionnaire_id="short_intake", questionnaire_version=2,
                  answers=answers, triage=triage, started_at=at, conducted_by=manager,
                  status=IntakeStatus.COMPLETE if complete else IntakeStatus.DRAFT,
                  completed_at=at if complete else None, created_at=at, updated_at=at)


def _plan(db, rng: random.Random, person_id: uuid.UUID, manager: uuid.UUID,  # noqa: ANN001
          start: date, today: date) -> None:
    plan = PerspectivePlan(
        person_id=person_id, perspective=rng.choices(list(Perspective), weights=[50, 20, 10, 20])[0],
        status=PlanStatus.ACTIVE, start_date=start, target_date=add_months(start, 18),
        case_manager_id=manager, evaluation_months=6, goals=[], evaluations=[])
    for position, domain in enumerate(rng.sample(list(GOALS), k=rng.randint(1, 3))):
        goal = Goal(domain=domain, description=rng.choice(GOALS[domain]), position=position,
                    status=rng.choice([WorkStatus.OPEN, WorkStatus.IN_PROGRESS, WorkStatus.DONE]),
                    due_date=add_months(start, rng.randint(2, 12)), actions=[])
        for a in range(rng.randint(1, 2)):
            goal.actions.append(Action(description=rng.choice(ACTIONS), position=a,
                                       owner=rng.choice(list(Owner)),
                                       due_date=start + timedelta(days=rng.randint(7, 120))))
        plan.goals.append(goal)
    due = add_months(start, 6)
    # Most evaluations are held on time; some are missed, which makes them overdue.
    while due < today and rng.random() < 0.85:
        plan.evaluations.append(Evaluation(
            due_on=due, held_on=due - timedelta(days=rng.randint(0, 10)),
            judgement=rng.choices(list(Judgement), weights=[70, 20, 10])[0],
            criteria={"appointments_kept": True, "actions_done": rng.random() < 0.8},
            decision=Decision.CONTINUE))
        due = add_months(plan.evaluations[-1].held_on or due, 6)
    refresh_due_date(plan)
    db.add(plan)
