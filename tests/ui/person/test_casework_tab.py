"""The Contacts tab: a contact logged in two clicks from the overview, follow-ups under their
goal and marked done, referrals followed up to the partner's answer; what the database holds
after each click."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import update

from app.services import contact_log, follow_ups, persons, plans, referrals
from app.services.persons import PersonFields
from app.store.models import Person
from tests.ui.helpers import wait_idle
from ui.person.casework_dialogs import ContactLogDialog
from ui.person.person_window import PersonWindow

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("WEGWIJS_SHOTS")


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi"), today=date(2023, 1, 1)).id
        plan = plans.create_plan(db, anna.id, pid, plans.PlanFields(perspective="return"))
        plans.add_goal(db, anna.id, plan.id, plans.GoalFields(description="Get a passport"))
        db.execute(update(Person).where(Person.id == pid).values(last_contact_on=date(2023, 1, 1)))
    return pid


def _open(qtbot, ops, person_id):  # noqa: ANN001, ANN202
    w = PersonWindow(ops, person_id)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    return w


def _close(qtbot, w, ops) -> None:  # noqa: ANN001
    wait_idle(qtbot, ops)
    if shiboken6.isValid(w):
        w.close()
    wait_idle(qtbot, ops)


def _dialog(qtbot, w, cls):  # noqa: ANN001, ANN202
    qtbot.waitUntil(lambda: any(d.isVisible() for d in w.findChildren(cls)))
    return next(d for d in w.findChildren(cls) if d.isVisible())


def test_a_contact_in_two_clicks_from_the_overview(qtbot, ops, people_store, anna,
                                                   person_id) -> None:  # noqa: ANN001
    w = _open(qtbot, ops, person_id)
    try:
        assert w.overview.last_contact.text() == "Last contact: \u206601-01-2023\u2069"
        qtbot.mouseClick(w.overview.log_button, Qt.MouseButton.LeftButton)  # click one
        dialog = _dialog(qtbot, w, ContactLogDialog)
        assert dialog.kind.currentData() == "visit"
        assert dialog.contact_on.text() == date.today().strftime("%d-%m-%Y")
        dialog.with_whom.setText("GP Zuid")
        if SHOTS:
            dialog.grab().save(f"{SHOTS}/contact_log_dialog.png")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # click two
        qtbot.waitUntil(lambda: not dialog.isVisible())
        wait_idle(qtbot, ops)
        with people_store.session() as db:
            (logged,) = contact_log.contacts_of(db, anna.id, person_id)
            assert (logged.kind, logged.with_whom, logged.contact_on) == (
                "visit", "GP Zuid", date.today())
            assert db.get(Person, person_id).last_contact_on == date.today()
        qtbot.waitUntil(lambda: w.casework.contact_model.rowCount() == 1)
        qtbot.waitUntil(lambda: date.today().strftime("%d-%m-%Y")
                        in w.overview.last_contact.text())
    finally:
        _close(qtbot, w, ops)


def test_bad_date_shows_at_the_field_and_keeps_the_note(qtbot, ops, people_store, anna,
                                                        person_id) -> None:  # noqa: ANN001
    w = _open(qtbot, ops, person_id)
    try:
        w.tabs.setCurrentWidget(w.casework)
        dialog = w.casework.log_contact()
        dialog.contact_on.setText("32-01-2026")
        dialog.note.setPlainText("Phoned about the lawyer")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.errors.text("contact_on") != "")
        assert dialog.isVisible() and dialog.note.toPlainText() == "Phoned about the lawyer"
        with people_store.session() as db:
            assert contact_log.contacts_of(db, anna.id, person_id) == []
        dialog.reject()
    finally:
        _close(qtbot, w, ops)


def test_follow_up_under_a_goal_then_done(qtbot, ops, people_store, anna,
                                          person_id) -> None:  # noqa: ANN001
    w = _open(qtbot, ops, person_id)
    try:
        w.tabs.setCurrentWidget(w.casework)
        qtbot.waitUntil(lambda: bool(w.casework.users))
        dialog = w.casework.add_follow_up()
        dialog.description.setText("Embassy appointment")
        dialog.due_on.setText((date.today() - timedelta(days=1)).strftime("%d-%m-%Y"))
        dialog.goal.setCurrentIndex(1)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.casework.follow_up_model.rowCount() == 1)
        row = w.casework.follow_up_model.record(0)
        assert (row.goal, row.overdue, row.owner) == ("Get a passport", True, "Anna de Vries")
        index = w.casework.follow_up_model.index(0, 0)
        assert w.casework.follow_up_model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
        w.casework.follow_up_view.selectRow(0)
        qtbot.mouseClick(w.casework.done_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.casework.follow_up_model.rowCount() == 1
                        and w.casework.follow_up_model.record(0).done_on is not None)
        with people_store.session() as db:
            assert follow_ups.due_for(db, anna.id, anna.id) == []
    finally:
        _close(qtbot, w, ops)


def test_referral_and_its_status(qtbot, ops, people_store, anna, person_id) -> None:  # noqa: ANN001
    w = _open(qtbot, ops, person_id)
    try:
        w.tabs.setCurrentWidget(w.casework)
        qtbot.waitUntil(lambda: bool(w.casework.users))
        dialog = w.casework.new_referral()
        dialog.partner.setCurrentText("Taalhuis Haarlem")
        dialog.purpose.setText("Dutch course A1")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.casework.referral_model.rowCount() == 1)
        w.casework.referral_view.selectRow(0)
        status = w.casework.change_status()
        assert status is not None
        status.status.setCurrentIndex(status.status.findData("accepted"))
        qtbot.mouseClick(status.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.casework.referral_model.rowCount() == 1
                        and w.casework.referral_model.record(0).status == "accepted")
        with people_store.session() as db:
            (row,) = referrals.referrals_of(db, anna.id, person_id)
            assert (row.partner, row.purpose, row.status) == (
                "Taalhuis Haarlem", "Dutch course A1", "accepted")
        if SHOTS:
            w.resize(1100, 720)
            w.grab().save(f"{SHOTS}/casework_tab.png")
    finally:
        _close(qtbot, w, ops)
