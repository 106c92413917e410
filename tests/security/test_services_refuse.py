"""Every service that takes an acting user refuses to work for nobody, whatever calls it.

The functions are found by looking, not listed by hand: a new service function that takes ``by``
is checked here the day it is written. Each is called with ``by=None`` and dummy arguments and must
raise NotAllowed before it reads or writes anything (not NotFound, not InvalidInput). Reads as
much as writes: a service that takes a session and no acting user must be one of the few listed
in ``NO_USER``, with the reason it needs none.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import uuid

import pytest
from acting import acting
from sqlalchemy import func, select

import app.services
from app.errors import NotAllowed
from app.services import contacts, users
from app.store.models import AuditEvent, CardContact, User
from app.vocabulary import UserRole

#: Functions that take ``by`` but may run without a user, and why.
EXCEPTIONS = {
    # The audit trail itself: callers check the user; a failed login has no user to name.
    "app.services.audit.record": "writes the audit line for a caller that has checked",
    # The first coordinator of a new database is made by nobody (set-up wizard, `users add`).
    "app.services.users.create_user": "without a user only on an empty database (tested below)",
    # A new database gets the office's default card contacts before it has any user.
    "app.services.contacts.seed_defaults": "without a user only on an empty database (below)",
}


#: Functions that take a session but no acting user, and why they need none. Everything else
#: that takes a session takes ``by`` (checked below), so a new read cannot forget its user.
NO_USER = {
    # Login steps: there is no acting user until they succeed.
    "app.services.users.authenticate": "the login itself",
    "app.services.users.change_password": "a login step: the user's own current password",
    "app.services.users.confirm_second_user": "a login step: the second user's own password",
    "app.services.users.is_deactivated": "a login step: says why a login is refused",
    # Settings and counts without any person in them.
    "app.services.office.get_profile": "the office's own address, printed on every card",
    "app.services.deadlines.capacity": "an office setting (caseload per case manager)",
    "app.services.referrals.answer_days": "an office setting (days a partner has to answer)",
    "app.services.deadlines.stays_past": "a count for the anonymous report",
    "app.services.deadlines.screenings_within": "two counts for the anonymous report",
    "app.services.deadlines.caseload_of": "a count, inside writes that checked their user",
    "app.services.deadlines.check_capacity": "a check inside writes that checked their user",
    # Steps inside writes that checked their user (or the set-up, before there is one).
    "app.services.counters.next_value": "the next record number, inside create_person",
    "app.services.search.index_person": "search keys, inside the writes that change a name",
    "app.services.last_contact.touch": "the last-contact date, inside contact-making writes",
    "app.services.drafts.discard_everyones": "drops drafts of deleted records, inside writes",
}

#: The reads that once took no user (issue 12): each must be found and refused below.
READS = {
    "persons.get_person", "persons.resolve", "persons.find_duplicates", "consents.consents_of",
    "consents.active_scope", "contacts.list_contacts", "contacts.card_contacts",
    "intakes.get_intake", "intakes.intakes_of", "intakes.unfinished", "intakes.advise_person",
    "plans.get_plan", "plans.current_plan", "search.search", "search.count",
    "search.likely_duplicates", "search.search_rows_by_id", "users.list_users",
    "users.find_user", "users.get_user", "evaluations.due_evaluations",
    "operations.recently_opened", "follow_ups.by_goal", "deadlines.open_stay",
    "merge.merged_ids", "audit.history", "drafts.load", "drafts.save", "drafts.discard",
    "drafts.forms_with_drafts", "drafts.waiting",
}


def _public_functions() -> list[tuple[str, object]]:
    found = []
    for info in pkgutil.iter_modules(app.services.__path__):
        module = importlib.import_module(f"app.services.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) \
                    or fn.__module__ != module.__name__:
                continue
            found.append((f"{module.__name__}.{name}", fn))
    return sorted(found, key=lambda pair: pair[0])


def _service_functions() -> list[tuple[str, object]]:
    return [(name, fn) for name, fn in _public_functions()
            if "by" in inspect.signature(fn).parameters]


FUNCTIONS = _service_functions()


def _call(fn, db, by):  # noqa: ANN001, ANN202
    """Call ``fn`` with ``by`` and a dummy for every other required argument."""
    args, kwargs = [], {}
    for p in list(inspect.signature(fn).parameters.values())[1:]:
        if p.name == "by":
            value = by
        elif p.default is not inspect.Parameter.empty or p.kind is p.VAR_KEYWORD:
            continue
        elif "UUID" in str(p.annotation):
            value = uuid.uuid4()
        elif str(p.annotation) == "int":
            value = 1
        else:
            value = "x"
        if p.kind is p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    return fn(db, *args, **kwargs)


def test_the_services_are_found() -> None:
    names = {name for name, _fn in FUNCTIONS}
    assert {"app.services.persons.create_person", "app.services.persons.open_person",
            "app.services.plans.end_plan", "app.services.users.set_active",
            "app.services.operations.load_person_file"} <= names
    assert set(EXCEPTIONS) <= names, "an exception names a function that is gone"
    assert {f"app.services.{read}" for read in READS} <= names


def test_every_service_with_a_session_takes_the_acting_user() -> None:
    params = {name: inspect.signature(fn).parameters for name, fn in _public_functions()}
    without = {name for name, p in params.items() if next(iter(p), None) == "db" and "by" not in p}
    assert without == set(NO_USER), (
        "a service that takes a session takes the acting user (by) and checks it first "
        "(permissions.require_user); or say in NO_USER why it needs none")


@pytest.mark.parametrize("read", sorted(READS))
def test_the_reads_refuse_a_volunteer_only_where_the_role_lacks_the_right(store, read: str
                                                                         ) -> None:
    """The reads need a user, any role: what a volunteer may not see is refused by the writes
    and tools with a right of their own; audit.history alone reads the audit trail."""
    module, name = read.split(".")
    fn = getattr(importlib.import_module(f"app.services.{module}"), name)
    with store.session() as db:
        acting(db)
        volunteer = acting(db, UserRole.VOLUNTEER, "vol")
        try:
            _call(fn, db, volunteer)
        except NotAllowed:
            assert read == "audit.history", f"{read} refused a volunteer"
        except Exception:  # noqa: BLE001, S110 - dummy arguments: anything but a refusal
            pass
        else:
            assert read != "audit.history", "a volunteer read the audit trail"


@pytest.mark.parametrize("name, fn", [pair for pair in FUNCTIONS if pair[0] not in EXCEPTIONS],
                         ids=[name for name, _fn in FUNCTIONS if name not in EXCEPTIONS])
def test_no_acting_user_is_refused_before_anything_happens(store, name: str, fn) -> None:  # noqa: ANN001
    with store.session() as db:
        acting(db)  # the database is set up: only the set-up exceptions could pass
        before = db.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(NotAllowed):
            _call(fn, db, None)
        assert db.scalar(select(func.count()).select_from(AuditEvent)) == before


@pytest.mark.parametrize("name, fn", [pair for pair in FUNCTIONS if pair[0] not in EXCEPTIONS],
                         ids=[name for name, _fn in FUNCTIONS if name not in EXCEPTIONS])
def test_a_deactivated_or_unknown_user_is_refused(store, name: str, fn) -> None:  # noqa: ANN001
    with store.session() as db:
        gone = acting(db, UserRole.COORDINATOR, "gone")
        db.get(User, gone).active = False
        db.flush()
        for by in (gone, uuid.uuid4()):
            with pytest.raises(NotAllowed):
                _call(fn, db, by)


def test_managing_users_needs_a_coordinator(store) -> None:
    with store.session() as db:
        for role in (UserRole.VOLUNTEER, UserRole.CASE_MANAGER):
            by = acting(db, role, f"a-{role.value}".replace("_", "-"))
            with pytest.raises(NotAllowed):
                users.create_user(db, by, "eve", "Eve", UserRole.COORDINATOR, "eve's password 1")
            with pytest.raises(NotAllowed):
                users.set_active(db, by, by, True)
        assert users.find_user(db, acting(db), "eve") is None


def test_set_up_works_without_a_user_only_while_there_is_none(store) -> None:
    with store.session() as db:
        contacts.seed_defaults(db, None)
        seeded = db.scalar(select(func.count()).select_from(CardContact))
        first = users.create_user(db, None, "cora", "Cora", UserRole.COORDINATOR,
                                  "cora's password 1")
        with pytest.raises(NotAllowed):
            users.create_user(db, None, "eve", "Eve", UserRole.COORDINATOR, "eve's password 1")
        with pytest.raises(NotAllowed):
            contacts.seed_defaults(db, None)
        users.create_user(db, first.id, "bram", "Bram", UserRole.CASE_MANAGER, "bram's password 1")
        assert db.scalar(select(func.count()).select_from(CardContact)) == seeded
