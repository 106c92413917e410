"""Nothing typed in a dialog is lost: goal, action, evaluation, consent, contact and the end of a
plan keep a draft while the volunteer types, offer it back, and forget it once saved."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.i18n import _
from app.services import drafts, persons, plans
from app.services.persons import PersonFields
from app.services.plans import GoalFields, PlanFields
from app.store.models import Draft
from tests.ui.helpers import PASSWORD, SECOND_PASSWORD, wait_idle
from ui.person.contact_dialog import ContactDialog
from ui.person.end_plan_dialog import EndPlanDialog
from ui.person.person_window import PersonWindow
from ui.person.plan_dialogs import GoalDialog
from ui.widgets.dialog_drafts import RESTORED_DIALOG_NOTE

pytestmark = pytest.mark.gui


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi")).id
        plan = plans.create_plan(db, anna.id, pid, PlanFields(perspective="legal_residence"))
        plans.activate_plan(db, anna.id, plan.id)
    return pid


@pytest.fixture
def opened(qtbot, ops):  # noqa: ANN001, ANN201
    """Opens person windows; closes what is left at the end without asking."""
    windows: list[PersonWindow] = []

    def open_window(pid) -> PersonWindow:  # noqa: ANN001
        w = PersonWindow(ops, pid)
        w.show()
        qtbot.waitUntil(lambda: w.file is not None)
        wait_idle(qtbot, ops)
        windows.append(w)
        return w

    yield open_window
    for w in windows:
        if shiboken6.isValid(w):
            w.drop()
    wait_idle(qtbot, ops)


def _visible(parent, kind):  # noqa: ANN001, ANN202
    return [d for d in parent.findChildren(kind) if d.isVisible()][0]


def _crash(qtbot, ops, widget) -> None:  # noqa: ANN001
    """Drop a dialog as a crash would: no close event, no question, no save."""
    widget.hide()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
    wait_idle(qtbot, ops)


def _draft(people_store, anna, form, pid):  # noqa: ANN001, ANN202
    with people_store.session() as db:
        return drafts.load(db, anna.id, form, pid)


def test_goal_draft_survives_a_crash_and_goes_when_saved(  # noqa: ANN001
        qtbot, ops, people_store, anna, person_id, opened) -> None:
    window = opened(person_id)
    tab = window.plan
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    dialog = _visible(tab, GoalDialog)
    dialog.domain.setCurrentIndex(dialog.domain.findData("language"))
    dialog.domain.activated.emit(dialog.domain.currentIndex())
    qtbot.keyClicks(dialog.description, "Dutch course at A2 level")
    with qtbot.waitSignal(dialog.drafts.saved, timeout=5000):
        pass  # about a second after the last key
    _crash(qtbot, ops, dialog)
    assert _draft(people_store, anna, "goal", person_id)["description"] == \
        "Dutch course at A2 level"

    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    again = _visible(tab, GoalDialog)
    qtbot.waitUntil(lambda: again.description.toPlainText() == "Dutch course at A2 level")
    assert again.domain.currentData() == "language"
    assert again.drafts.note.isVisible()
    assert again.drafts.note.label.text() == _(RESTORED_DIALOG_NOTE)
    assert again.drafts.dirty
    again.grab().save("/tmp/goal_draft.png")

    qtbot.keyClicks(again.due, "01-06-2027")
    with qtbot.waitSignal(window.loaded, timeout=10000):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    assert _draft(people_store, anna, "goal", person_id) is None
    with people_store.session() as db:
        (goal,) = plans.current_plan(db, ops.user_id, person_id).goals
        assert goal.description == "Dutch course at A2 level"


def test_drafts_of_two_goals_do_not_mix(qtbot, ops, people_store, anna, person_id,  # noqa: ANN001
                                        opened) -> None:
    with people_store.session() as db:
        plan_id = plans.current_plan(db, ops.user_id, person_id).id
        for text in ("Legal steps", "Work"):
            plans.add_goal(db, anna.id, plan_id, GoalFields(domain="legal", description=text))
    window = opened(person_id)
    tab = window.plan
    tab.goal_view.selectRow(0)
    first = tab.goal_view.currentIndex().data(Qt.ItemDataRole.DisplayRole)
    dialog = tab.edit_goal(tab._selected_goal())
    dialog.description.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.description, " with the lawyer")
    dialog.drafts.save_now()
    _crash(qtbot, ops, dialog)

    tab.goal_view.selectRow(1)
    other = tab.edit_goal(tab._selected_goal())
    wait_idle(qtbot, ops)
    assert not other.drafts.note.isVisible()
    assert "lawyer" not in other.description.toPlainText()
    other.done(0)

    tab.goal_view.selectRow(0)
    assert tab.goal_view.currentIndex().data(Qt.ItemDataRole.DisplayRole) == first
    again = tab.edit_goal(tab._selected_goal())
    qtbot.waitUntil(lambda: again.description.toPlainText().endswith(" with the lawyer"))

    # "Discard it" puts the saved text back and forgets the draft
    qtbot.mouseClick(again.drafts.note.discard_button, Qt.MouseButton.LeftButton)
    assert not again.description.toPlainText().endswith(" with the lawyer")
    assert not again.drafts.note.isVisible() and not again.drafts.dirty
    wait_idle(qtbot, ops)
    assert _draft(people_store, anna, again.drafts.form, person_id) is None


def test_closing_a_goal_asks_and_dont_save_forgets(qtbot, ops, people_store, anna,  # noqa: ANN001
                                                   person_id, opened, monkeypatch) -> None:
    import ui.widgets.dialog_drafts as module

    window = opened(person_id)
    dialog = window.plan.edit_goal(None)
    qtbot.keyClicks(dialog.description, "Find a sports club")
    dialog.drafts.save_now()
    wait_idle(qtbot, ops)
    asked = []
    monkeypatch.setattr(module, "ask_discard", lambda p, what: asked.append(what)
                        or QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible() and asked == [_("the goal")]
    monkeypatch.setattr(module, "ask_discard", lambda p, what: QMessageBox.StandardButton.Discard)
    dialog.close()
    assert not dialog.isVisible()
    wait_idle(qtbot, ops)
    assert _draft(people_store, anna, "goal", person_id) is None


def test_evaluation_draft_survives_a_crash_and_goes_when_recorded(  # noqa: ANN001
        qtbot, ops, people_store, anna, person_id, opened) -> None:
    window = opened(person_id)
    ev = window.evaluations
    window.tabs.setCurrentWidget(ev)
    ev.judgement.setCurrentIndex(ev.judgement.findData("partly"))
    ev.criteria["appointments_kept"].setFocus()
    qtbot.keyClick(ev.criteria["appointments_kept"], Qt.Key.Key_Space)
    qtbot.keyClicks(ev.notes, "Goes to the lawyer; missed two lessons.")
    with qtbot.waitSignal(ev.drafts.saved, timeout=5000):
        pass
    window.hide()
    window.deleteLater()  # a crash: no close event, no question, nothing saved
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    wait_idle(qtbot, ops)

    again = opened(person_id).evaluations
    qtbot.waitUntil(lambda: again.notes.toPlainText() == "Goes to the lawyer; missed two lessons.")
    assert again.judgement.currentData() == "partly"
    assert again.criteria["appointments_kept"].isChecked()
    assert not again.criteria["actions_done"].isChecked()
    assert again.is_dirty() and not again.drafts.note.isHidden()
    with qtbot.waitSignal(again.recorded, timeout=10000):
        qtbot.mouseClick(again.record_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    assert _draft(people_store, anna, "evaluation", person_id) is None
    assert again.notes.toPlainText() == "" and again.drafts.note.isHidden()
    with people_store.session() as db:
        (held,) = plans.current_plan(db, ops.user_id, person_id).evaluations
        assert held.notes == "Goes to the lawyer; missed two lessons."


def test_consent_draft_survives_a_crash_and_goes_when_saved(  # noqa: ANN001
        qtbot, ops, people_store, anna, person_id, opened) -> None:
    tab = opened(person_id).consent
    dialog = tab.add_consent()
    qtbot.keyClicks(dialog.purpose, "Registration at the language school")
    qtbot.keyClicks(dialog.partner, "ROC")
    dialog.scope["identity"].setFocus()
    qtbot.keyClick(dialog.scope["identity"], Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.drafts.saved, timeout=5000):
        pass
    _crash(qtbot, ops, dialog)

    again = tab.add_consent()
    qtbot.waitUntil(lambda: again.partner.text() == "ROC")
    assert again.purpose.text() == "Registration at the language school"
    assert again.scope["identity"].isChecked()
    assert again.drafts.note.isVisible()
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(again) or not again.isVisible())
    wait_idle(qtbot, ops)
    assert _draft(people_store, anna, "consent", person_id) is None
    with people_store.session() as db:
        (consent,) = persons.get_person(db, ops.user_id, person_id).consents
        assert consent.partner == "ROC"


def test_contact_draft_comes_back(qtbot, ops, people_store, anna, person_id,  # noqa: ANN001
                                  opened) -> None:
    card = opened(person_id).card
    dialog = card.edit_contact(None)
    qtbot.keyClicks(dialog.organisation, "Vluchtelingenwerk")
    qtbot.keyClicks(dialog.phone, "020-1234567")
    dialog.drafts.save_now()
    _crash(qtbot, ops, dialog)
    again = card.edit_contact(None)
    qtbot.waitUntil(lambda: again.phone.text() == "020-1234567")
    assert again.organisation.text() == "Vluchtelingenwerk"
    assert isinstance(again, ContactDialog) and again.drafts.note.isVisible()


def test_end_plan_draft_never_holds_the_second_persons_password(  # noqa: ANN001
        qtbot, ops, people_store, anna, person_id, opened) -> None:
    ev = opened(person_id).plan  # the End plan button is on the plan tab
    dialog = ev.end_plan()
    qtbot.keyClicks(dialog.note, "Residence permit granted.")
    qtbot.keyClicks(dialog.confirmer, "bram")
    qtbot.keyClicks(dialog.password, SECOND_PASSWORD)
    dialog.drafts.save_now()
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        stored = [d.data for d in db.scalars(select(Draft))]
    assert {"note": "Residence permit granted."}.items() <= stored[0].items()
    assert len(stored) == 1
    text = repr(stored)
    assert SECOND_PASSWORD not in text and "bram" not in text
    _crash(qtbot, ops, dialog)

    again = ev.end_plan()
    qtbot.waitUntil(lambda: again.note.toPlainText() == "Residence permit granted.")
    assert again.confirmer.text() == "" and again.password.text() == ""
    assert isinstance(again, EndPlanDialog)


@pytest.fixture
def controller(qtbot, person_id, unlocked):  # noqa: ANN001, ANN201 - the person exists first
    qtbot.waitUntil(lambda: unlocked.window.people.model.rowCount() == 1)
    return unlocked


def test_lock_keeps_an_open_goal_dialog_and_unlock_offers_it_back(  # noqa: ANN001
        qtbot, controller, people_store, anna, person_id) -> None:
    window = controller.window
    person = window.open_person(person_id)
    qtbot.waitUntil(lambda: person.file is not None)
    wait_idle(qtbot, controller.ops)
    dialog = person.plan.edit_goal(None)
    qtbot.keyClicks(dialog.description, "Volunteer work at the food bank")
    assert dialog.drafts.pending  # locked before the draft timer fired

    window.lock_requested.emit()
    qtbot.waitUntil(lambda: not window.people_windows)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    wait_idle(qtbot, controller.ops)
    with people_store.session() as db:
        assert drafts.load(db, anna.id, "goal", person_id)["description"] == \
            "Volunteer work at the food bank"

    qtbot.keyClicks(controller.gate.password, PASSWORD)
    qtbot.keyClick(controller.gate.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.isVisible())
    qtbot.waitUntil(lambda: person_id in window.people_windows)
    again = window.people_windows[person_id]
    qtbot.waitUntil(lambda: again.file is not None)
    reopened = again.plan.edit_goal(None)
    qtbot.waitUntil(lambda: reopened.description.toPlainText() ==
                    "Volunteer work at the food bank")
    assert reopened.drafts.note.isVisible()


def test_plan_fields_draft_comes_back(qtbot, ops, people_store, anna, person_id,  # noqa: ANN001
                                      opened) -> None:
    window = opened(person_id)
    tab = window.plan
    tab.target.clear()
    qtbot.keyClicks(tab.target, "31-12-2027")
    with qtbot.waitSignal(tab.drafts.saved, timeout=5000):
        pass
    window.hide()
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    wait_idle(qtbot, ops)

    again = opened(person_id).plan
    qtbot.waitUntil(lambda: again.target.text() == "31-12-2027")
    assert again.is_dirty() and not again.drafts.note.isHidden()
    with qtbot.waitSignal(again.plan_saved, timeout=10000):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    assert _draft(people_store, anna, "plan", person_id) is None
