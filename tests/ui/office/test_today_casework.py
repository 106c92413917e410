"""Today's casework: the user's follow-ups (overdue marked), referrals without an answer after
the set number of days, and a contact logged in two clicks for the person opened last."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app import settings
from app.services import contact_log, follow_ups, persons, referrals
from app.services.follow_ups import FollowUpFields
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.office.today import TodayView
from ui.person.casework_dialogs import ContactLogDialog

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("WEGWIJS_SHOTS")


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).strftime("%d-%m-%Y")


@pytest.fixture
def casework(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        hamid = persons.create_person(db, anna.id, PersonFields(given_names="Hamid",
                                                                family_name="Rahimi")).id
        sara = persons.create_person(db, anna.id, PersonFields(given_names="Sara",
                                                               family_name="Tesfay")).id
        follow_ups.add_follow_up(db, anna.id, hamid, FollowUpFields("Accompany to the GP",
                                                                    _day(-3)))
        follow_ups.add_follow_up(db, anna.id, sara, FollowUpFields("Lawyer appointment",
                                                                   _day(2)))
        referrals.create_referral(db, anna.id, hamid, partner="ASKV",
                                  referred_on=date.today() - timedelta(days=20))
        referrals.create_referral(db, anna.id, sara, partner="Taalhuis",
                                  referred_on=date.today() - timedelta(days=3))
        settings.set_value(db, anna.id, "referral_answer_days", 10)
        persons.open_person(db, anna.id, sara)  # opened last: first in the contact dialog
    return hamid, sara


def test_follow_ups_late_referrals_and_a_contact_in_two_clicks(qtbot, ops, people_store, anna,
                                                                casework) -> None:  # noqa: ANN001
    hamid, sara = casework
    today = TodayView(ops)
    qtbot.addWidget(today)
    today.resize(1200, 860)
    today.show()
    part = today.casework
    qtbot.waitUntil(lambda: part.follow_up_model.rowCount() == 2)
    first = part.follow_up_model.record(0)
    assert (first.description, first.overdue) == ("Accompany to the GP", True)
    assert part.follow_up_model.data(part.follow_up_model.index(0, 0),
                                     Qt.ItemDataRole.ForegroundRole) is not None
    assert "overdue" in part.follow_up_model.index(0, 0).data()
    assert [r.partner for r in part.referral_model.records()] == ["ASKV"]
    assert part.referral_box.title() == "Referrals without an answer after 10 days"
    assert part.referral_box.isVisibleTo(today)
    if SHOTS:
        today.grab().save(f"{SHOTS}/today_casework.png")
    # One click opens the person, as the other lists.
    view = part.follow_up_view
    with qtbot.waitSignal(today.open_person) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(view.model().index(0, 2)).center())
    assert opened.args == [hamid]
    # Log a contact: the button (click one) offers Sara, opened last; Save (click two).
    qtbot.mouseClick(part.log_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in today.findChildren(ContactLogDialog)))
    dialog = next(d for d in today.findChildren(ContactLogDialog) if d.isVisible())
    assert dialog.person.currentData() == sara
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/today_contact_dialog.png")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert [c.kind for c in contact_log.contacts_of(db, anna.id, sara)] == ["visit"]


def test_a_typed_record_number_and_a_wrong_one(qtbot, ops, people_store, anna,
                                              casework) -> None:  # noqa: ANN001
    hamid, _sara = casework
    today = TodayView(ops)
    qtbot.addWidget(today)
    today.show()
    qtbot.waitUntil(lambda: today.casework.follow_up_model.rowCount() == 2)
    dialog = today.log_contact()
    dialog.person.setEditText("W-00099")
    dialog.note.setPlainText("Called back")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("person") != "")
    assert dialog.isVisible() and dialog.note.toPlainText() == "Called back"
    dialog.person.setEditText("W-00001")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert [c.note for c in contact_log.contacts_of(db, anna.id, hamid)] == ["Called back"]
