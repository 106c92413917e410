"""The perspective plan, evaluations and ending with four eyes, consent and history."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QPushButton

from app.i18n import _
from app.services import audit, consents, persons, plans, users
from app.services.persons import PersonFields
from app.services.plans import PlanFields
from app.vocabulary import Judgement, Perspective, PlanStatus
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.person.consent_tab import ConsentDialog
from ui.person.end_plan_dialog import NO_SECOND_PERSON, EndPlanDialog
from ui.person.person_window import PersonWindow
from ui.person.plan_dialogs import ActionDialog, GoalDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, ops, people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi", name_original="حمید رحیمی",
            document_language="fa")).id
    w = PersonWindow(ops, pid)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    yield w
    if shiboken6.isValid(w):
        w.close()
    wait_idle(qtbot, ops)


def _reloaded(qtbot, window):  # noqa: ANN001, ANN202
    return qtbot.waitSignal(window.loaded, timeout=10000)


def _add_goal(qtbot, window, domain: str, text: str) -> None:  # noqa: ANN001
    tab = window.plan
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(GoalDialog) if d.isVisible()][0]
    dialog.domain.setCurrentIndex(dialog.domain.findData(domain))
    qtbot.keyClicks(dialog.description, text)
    qtbot.keyClicks(dialog.due, "01-06-2027")
    with _reloaded(qtbot, window):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_plan_with_two_goals_evaluation_and_four_eyes_end(  # noqa: ANN001
        qtbot, documents, window, ops, people_store, anna, tmp_path: Path, monkeypatch) -> None:
    tab = window.plan
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is tab
    tab.perspective.setCurrentIndex(tab.perspective.findData(Perspective.LEGAL_RESIDENCE.value))
    with _reloaded(qtbot, window):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.plan is not None

    tab.target.clear()
    qtbot.keyClicks(tab.target, "31-12-2027")
    with _reloaded(qtbot, window):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    _add_goal(qtbot, window, "legal", "Establish the legal perspective with the lawyer")
    _add_goal(qtbot, window, "language", "Dutch course at A2 level")
    assert tab.goals.rowCount() == 2

    tab.goal_view.selectRow(0)
    qtbot.mouseClick(tab.add_action_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(ActionDialog) if d.isVisible()][0]
    qtbot.keyClicks(dialog.description, "Make an appointment with ASKV")
    dialog.owner.setCurrentIndex(dialog.owner.findData("legal_aid"))
    qtbot.keyClicks(dialog.owner_name, "ASKV")
    with _reloaded(qtbot, window):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with _reloaded(qtbot, window):
        qtbot.mouseClick(tab.activate_button, Qt.MouseButton.LeftButton)

    with people_store.session() as db:
        plan = plans.current_plan(db, ops.user_id, window.person_id)
        assert plan.status == PlanStatus.ACTIVE
        assert plan.perspective == Perspective.LEGAL_RESIDENCE
        assert plan.target_date.isoformat() == "2027-12-31"
        assert [g.domain.value for g in plan.goals] == ["legal", "language"]
        assert [a.owner_name for a in plan.goals[0].actions] == ["ASKV"]

    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(tab.printed, timeout=15000):
        qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")

    # an evaluation against the criteria
    ev = window.evaluations
    window.tabs.setCurrentWidget(ev)
    assert ev.due.text()
    qtbot.mouseClick(ev.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ev.errors.text("judgement") != "")
    for key in ("appointments_kept", "legal_steps_taken"):
        ev.criteria[key].setFocus()
        qtbot.keyClick(ev.criteria[key], Qt.Key.Key_Space)
    ev.judgement.setCurrentIndex(ev.judgement.findData("partly"))
    qtbot.keyClicks(ev.notes, "Goes to the lawyer; missed two language lessons.")
    with _reloaded(qtbot, window):
        qtbot.mouseClick(ev.record_button, Qt.MouseButton.LeftButton)
    assert ev.held.rowCount() == 1
    with people_store.session() as db:
        (held,) = plans.current_plan(db, ops.user_id, window.person_id).evaluations
        assert held.judgement == Judgement.PARTLY
        assert held.criteria["legal_steps_taken"] and not held.criteria["actions_done"]

    # ending (on the plan tab) needs a second person with their own password
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(EndPlanDialog) if d.isVisible()][0]
    wait_idle(qtbot, ops)
    assert dialog.confirm_button.isEnabled() and not dialog.no_second_person.isVisible()
    dialog.reason.setCurrentIndex(dialog.reason.findData("permit_regular"))
    qtbot.keyClicks(dialog.note, "Residence permit granted.")
    qtbot.keyClicks(dialog.confirmer, "anna")
    qtbot.keyClicks(dialog.password, "wachtwoord-anna")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("confirmer") != "")
    dialog.confirmer.clear()
    qtbot.keyClicks(dialog.confirmer, "bram")
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("password") != "")
    qtbot.keyClicks(dialog.password, SECOND_PASSWORD)
    with _reloaded(qtbot, window):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    with people_store.session() as db:
        plan = plans.get_plan(db, ops.user_id, plan.id)
        assert plan.status == PlanStatus.ENDED
        assert plan.end_confirmed_by not in (None, anna.id)
    assert not tab.end_button.isEnabled()
    assert "ended" in window.plan.status_label.text().lower() or window.plan.status_label.text()


def test_consent_given_and_withdrawn_and_history(qtbot, window, ops, people_store) -> None:  # noqa: ANN001
    tab = window.consent
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(ConsentDialog) if d.isVisible()][0]
    qtbot.keyClicks(dialog.purpose, "Registration at the language school")
    qtbot.keyClicks(dialog.partner, "Taalhuis Haarlem")
    dialog.scope["identity"].setChecked(True)
    dialog.scope["contact"].setChecked(True)
    with _reloaded(qtbot, window):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1
    tab.view.selectRow(0)
    with _reloaded(qtbot, window):
        qtbot.mouseClick(tab.withdraw_button, Qt.MouseButton.LeftButton)
    with people_store.session() as db:
        (consent,) = consents.consents_of(db, ops.user_id, window.person_id)
        assert consent.scope == ["contact", "identity"]
        assert consent.withdrawn_on is not None
        actions = [e.action for e in audit.history(db, ops.user_id, window.person_id)]
    assert {"create", "open", "withdraw"} <= set(actions)
    window.tabs.setCurrentWidget(window.history)
    assert window.history.model.rowCount() == len(actions)


def test_unsaved_overview_asks_before_closing(qtbot, window, ops, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    import ui.person.person_window as module

    asked = []
    monkeypatch.setattr(module, "ask_discard", lambda parent, what: (
        asked.append(what), QMessageBox.StandardButton.Cancel)[1])
    qtbot.keyClicks(window.overview.form.nickname, "Abu Ali")
    assert window.overview.is_dirty()
    window.close()
    assert asked and window.isVisible()

    monkeypatch.setattr(module, "ask_discard", lambda parent, what: QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(window.closed, timeout=10000):
        window.close()
    wait_idle(qtbot, ops)
    with ops.store.session() as db:
        assert persons.get_person(db, ops.user_id, window.person_id).nickname == "Abu Ali"


@pytest.fixture
def active(qtbot, window, people_store, anna):  # noqa: ANN001, ANN201
    """The window of a person with an active plan."""
    with people_store.session() as db:
        plan = plans.create_plan(db, anna.id, window.person_id,
                                 PlanFields(perspective=Perspective.LEGAL_RESIDENCE.value))
        plans.activate_plan(db, anna.id, plan.id)
    window.reload()
    qtbot.waitUntil(lambda: window.plan.plan is not None
                    and window.plan.plan.status == PlanStatus.ACTIVE, timeout=10000)
    return window


def test_end_plan_is_on_the_plan_tab_and_says_what_is_missing(qtbot, active, ops) -> None:  # noqa: ANN001
    tab = active.plan
    assert active.evaluations.findChild(QPushButton, "end_plan") is None
    assert tab.findChild(QPushButton, "end_plan") is tab.end_button and tab.end_button.isEnabled()
    dialog = tab.end_plan()
    wait_idle(qtbot, ops)
    # no reason is chosen for the volunteer
    assert dialog.reason.currentData() is None
    assert dialog.reason.currentText() == _("Choose a reason…")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("reason") == _("Choose a reason for ending the plan.")
    assert dialog.errors.text("confirmer") == _("Type the second person's user name.")
    assert dialog.errors.text("password") == _("Type the second person's password.")
    qtbot.keyClicks(dialog.confirmer, "bram")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("confirmer") == ""
    assert dialog.errors.text("password") == _("Type the second person's password.")
    assert dialog.isVisible() and tab.plan.status == PlanStatus.ACTIVE


def test_cancel_closes_the_end_plan_dialog_without_asking(qtbot, active, ops, people_store,  # noqa: ANN001
                                                          monkeypatch) -> None:
    import ui.widgets.dialog_drafts

    def never(*args: object) -> None:
        raise AssertionError("Cancel must not ask to save (Save would end the plan)")

    monkeypatch.setattr(ui.widgets.dialog_drafts, "ask_discard", never)
    dialog = active.plan.end_plan()
    dialog.reason.setCurrentIndex(dialog.reason.findData("permit_regular"))
    qtbot.keyClicks(dialog.note, "Permit expected next month.")
    qtbot.keyClicks(dialog.confirmer, "bram")
    qtbot.keyClicks(dialog.password, SECOND_PASSWORD)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert plans.current_plan(db, ops.user_id, active.person_id).status == PlanStatus.ACTIVE
    again = active.plan.end_plan()  # what was typed came back as a draft, not the password
    qtbot.waitUntil(lambda: again.note.toPlainText() == "Permit expected next month.")
    assert again.reason.currentData() == "permit_regular"
    assert again.confirmer.text() == "" and again.password.text() == ""
    again.drafts.drop_restored()
    again.reject()


def test_end_plan_says_a_second_person_must_be_added_first(qtbot, active, ops,  # noqa: ANN001
                                                           people_store) -> None:
    with people_store.session() as db:
        bram = next(u for u in users.list_users(db, ops.user_id) if u.username == "bram")
        users.set_active(db, users.find_user(db, ops.user_id, "anna").id, bram.id, False)
    dialog = active.plan.end_plan()
    qtbot.waitUntil(dialog.no_second_person.isVisible)
    assert dialog.no_second_person.text() == _(NO_SECOND_PERSON)
    assert not dialog.confirm_button.isEnabled()
    dialog.reject()


def test_no_old_start_date_error_after_a_successful_save(qtbot, window) -> None:  # noqa: ANN001
    tab = window.plan
    window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.start, "31-02-2026")
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.errors.text("start_date") != "", timeout=10000)
    tab.start.clear()
    qtbot.keyClicks(tab.start, "01-02-2026")
    with _reloaded(qtbot, window):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.plan is not None
    error = tab.findChild(QLabel, "error_start_date")
    assert tab.errors.text("start_date") == "" and not error.isVisible()

    # the same in the goal dialog: nothing of the failed try is left when it saves
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(GoalDialog) if d.isVisible()][0]
    qtbot.keyClicks(dialog.description, "Dutch course")
    qtbot.keyClicks(dialog.due, "31-02-2027")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("due_date") != "", timeout=10000)
    left: list[str] = []
    dialog.accepted.connect(lambda: left.append(dialog.errors.text("due_date")))
    dialog.due.clear()
    qtbot.keyClicks(dialog.due, "01-06-2027")
    with _reloaded(qtbot, window):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert left == [""]


def test_plans_case_manager_shows_in_the_overview(qtbot, window, people_store, anna) -> None:  # noqa: ANN001
    label = window.overview.findChild(QLabel, "plan_case_manager")
    assert not label.isVisible()
    with people_store.session() as db:
        bram = next(u for u in users.list_users(db, anna.id) if u.username == "bram")
        plans.create_plan(db, anna.id, window.person_id, PlanFields(
            perspective=Perspective.LEGAL_RESIDENCE.value, case_manager_id=bram.id))
    with _reloaded(qtbot, window):
        window.reload()
    window.tabs.setCurrentWidget(window.overview)
    assert label.isVisible()
    assert label.text() == _("Case manager in the perspective plan: {name}").format(
        name="Bram Jansen")


def test_dates_in_sentences_stay_left_to_right_in_arabic(qtbot, ops, people_store,  # noqa: ANN001
                                                          anna) -> None:
    """A date inside an Arabic sentence came out reversed (2026-05-17) without an isolate."""
    from ui.session.translations import apply_language
    from ui.widgets.labels import ltr
    from ui.widgets.record_model import fmt_date

    apply_language("ar")
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi", document_language="fa")).id
        plan = plans.create_plan(db, anna.id, pid,
                                 PlanFields(perspective=Perspective.LEGAL_RESIDENCE.value))
        plan = plans.activate_plan(db, anna.id, plan.id)
        due = plan.evaluation_due_on
    w = PersonWindow(ops, pid)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.file is not None and w.plan.plan is not None, timeout=10000)
        assert due is not None
        assert ltr(fmt_date(due)) in w.evaluations.due.text()
        with people_store.session() as db:
            ended = plans.end_plan(db, anna.id, plan.id, reason="permit_regular", note="",
                                   ended_on=None, confirmer="bram",
                                   confirmer_password=SECOND_PASSWORD)
            day = ended.ended_on
        with _reloaded(qtbot, w):
            w.reload()
        assert ltr(fmt_date(day)) in w.evaluations.due.text()
        assert ltr(fmt_date(day)) in w.plan.status_label.text()
    finally:
        w.close()
        wait_idle(qtbot, ops)
