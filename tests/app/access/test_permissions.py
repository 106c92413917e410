"""Roles decide who may end a plan, read the audit trail, export and print a plan."""

from __future__ import annotations

import pytest
from acting import acting

from app.access.permissions import GRANTS, Permission, allowed
from app.errors import NotAllowed
from app.services import audit, persons, plans, users
from app.vocabulary import UserRole


def test_grants_table() -> None:
    assert GRANTS[UserRole.COORDINATOR] == frozenset(Permission)
    assert not allowed(UserRole.VOLUNTEER, Permission.SEE_SENSITIVE)
    assert allowed(UserRole.CASE_MANAGER, Permission.END_PLAN)
    assert not allowed(UserRole.CASE_MANAGER, Permission.EXPORT)
    assert not allowed(UserRole.CASE_MANAGER, Permission.READ_AUDIT)


def test_services_check_the_acting_user(store) -> None:
    with store.session() as db:
        vera = users.create_user(db, acting(db), "vera", "Vera", "volunteer", "vera's password").id
        cora = users.create_user(db, acting(db), "cora", "Cora", "coordinator", "cora's password").id
        users.create_user(db, acting(db), "bram", "Bram", "case_manager", "bram's password")
        pid = persons.create_person(db, vera, persons.PersonFields(given_names="Yonas")).id
        plan = plans.create_plan(db, vera, pid, plans.PlanFields(perspective="return")).id
        with pytest.raises(NotAllowed):
            audit.history(db, vera, pid)
        assert audit.history(db, cora, pid)
        with pytest.raises(NotAllowed):
            plans.end_plan(db, vera, plan, reason="return_origin", note="", ended_on=None,
                           confirmer="bram", confirmer_password="bram's password")
