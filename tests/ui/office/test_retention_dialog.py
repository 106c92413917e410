"""Records past retention: the list, opening a person, erasing for good (coordinators only)."""

from __future__ import annotations

from datetime import date

import pytest
from acting import acting
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import select

from app import settings
from app.dates import add_months
from app.services import persons, plans, users
from app.store.models import AuditEvent, Person
from tests.ui.helpers import SECOND_PASSWORD, type_text, wait_idle
from ui.office.main_window import AppWindow
from ui.office.retention_dialog import ConfirmEraseDialog, RetentionDialog, overdue_text

pytestmark = pytest.mark.gui

LONG_AGO = date(2020, 3, 1)


@pytest.fixture
def people(people_store):  # noqa: ANN001, ANN201
    """Two people past the period, one recent, one old with a plan that has not ended."""
    with people_store.session() as db:
        made = {}
        for given, family, day in (("Xanthippe", "Quortleberry", LONG_AGO),
                                   ("Yusuf", "Zwanenburg", add_months(date.today(), -36)),
                                   ("Recent", "Bezoeker", date.today()),
                                   ("Busy", "Plannen", LONG_AGO)):
            made[given] = persons.create_person(db, acting(db), persons.PersonFields(
                given_names=given, family_name=family), today=day).id
        plans.create_plan(db, acting(db), made["Busy"], plans.PlanFields(perspective="return"))
    return made


@pytest.fixture
def window(main_window):  # noqa: ANN001, ANN201
    return main_window


def _open_review(qtbot, window, ops) -> RetentionDialog:  # noqa: ANN001
    assert window.retention_action.isEnabled()
    window.retention_action.trigger()
    dialog = window.findChild(RetentionDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.review is not None)
    wait_idle(qtbot, ops)
    return dialog


def _select(dialog: RetentionDialog, *rows: int) -> None:
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(dialog.table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_coordinator_erases_people_past_retention(qtbot, window, ops, people_store,
                                                  people) -> None:  # noqa: ANN001
    dialog = _open_review(qtbot, window, ops)
    view = dialog.table.model()
    names = [view.index(r, 1).data() for r in range(view.rowCount())]
    assert names == ["Xanthippe Quortleberry", "Yusuf Zwanenburg"]  # oldest contact first
    assert view.index(0, 2).data() == "01-03-2020"
    assert view.index(0, 3).data()  # how long past the period
    assert "2" in dialog.period.text() and dialog.years.value() == 2
    assert not dialog.erase_button.isEnabled()  # nothing chosen yet

    _select(dialog, 0, 1)
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    confirm = dialog.findChild(ConfirmEraseDialog)
    assert confirm is not None and confirm.isVisible() and confirm.count == 2
    assert not confirm.erase_button.isEnabled()
    type_text(qtbot, confirm.typed, "3")
    assert not confirm.erase_button.isEnabled()  # the wrong number
    confirm.typed.clear()
    type_text(qtbot, confirm.typed, "2")
    assert confirm.erase_button.isEnabled()
    qtbot.mouseClick(confirm.erase_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    qtbot.waitUntil(lambda: view.rowCount() == 0)
    wait_idle(qtbot, ops)
    assert "2" in dialog.message.text()

    with people_store.session() as db:
        left = set(db.scalars(select(Person.id)))
        assert left == {people["Recent"], people["Busy"]}
        gone = {people["Xanthippe"], people["Yusuf"]}
        events = db.scalars(select(AuditEvent)).all()
        assert not [e for e in events if e.person_id in gone or e.entity_id in gone]
        erased = [e for e in events if e.detail == "erased"]
        assert len(erased) == 2
        assert all(e.person_id is None and e.entity_id is None and e.user_id == ops.user_id
                   for e in erased)
    dialog.close()


def test_cancel_erases_nothing(qtbot, window, ops, people_store, people) -> None:  # noqa: ANN001
    dialog = _open_review(qtbot, window, ops)
    _select(dialog, 0)
    confirm = dialog.ask_erase()
    assert confirm is not None
    type_text(qtbot, confirm.typed, "1")
    confirm.reject()
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert len(db.scalars(select(Person.id)).all()) == 4
    dialog.close()


def test_open_the_person_to_check_first(qtbot, window, ops, people) -> None:  # noqa: ANN001
    dialog = _open_review(qtbot, window, ops)
    _select(dialog, 1)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people["Yusuf"] in window.people_windows)
    wait_idle(qtbot, ops)
    dialog.close()


def test_a_longer_period_empties_the_list(qtbot, window, ops, people_store, people) -> None:  # noqa: ANN001
    dialog = _open_review(qtbot, window, ops)
    assert dialog.model.rowCount() == 2
    dialog.years.setValue(5)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    qtbot.waitUntil(lambda: dialog.review.years == 5)
    assert dialog.model.rowCount() == 1  # 2020 is more than five years ago, Yusuf not
    with people_store.session() as db:
        assert settings.get(db, "retention_years") == 5
    dialog.close()


def test_a_case_manager_may_not_erase(qtbot, ops, people_store, people) -> None:  # noqa: ANN001
    with people_store.session() as db:
        bram = users.authenticate(db, "bram", SECOND_PASSWORD)
    w = AppWindow(ops, bram)
    qtbot.addWidget(w)
    assert not w.retention_action.isEnabled()
    dialog = RetentionDialog(ops, bram)  # even when the screen is reached another way
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.review is not None)
    _select(dialog, 0)
    assert dialog.open_button.isEnabled()
    assert not dialog.erase_button.isEnabled() and not dialog.change_button.isEnabled()
    assert dialog.ask_erase() is None
    wait_idle(qtbot, ops)
    dialog.close()


def test_model_passes_the_model_tester(qtbot, qtmodeltester, ops, anna, people) -> None:  # noqa: ANN001
    dialog = RetentionDialog(ops, anna)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.review is not None)
    qtmodeltester.check(dialog.model)
    wait_idle(qtbot, ops)


def test_how_long_past() -> None:
    assert overdue_text(date(2024, 1, 10), date(2024, 1, 20)) in ("10 days", "10 dagen")
    assert overdue_text(date(2023, 1, 10), date(2024, 4, 10)) in ("1 year 3 months",
                                                                  "1 jaar 3 maanden")
    assert overdue_text(date(2023, 1, 10), date(2024, 1, 9)) in ("11 months", "11 maanden")
    assert overdue_text(None, date(2024, 1, 9)) == ""


def test_locking_closes_the_review(qtbot, window, ops, people) -> None:  # noqa: ANN001
    dialog = _open_review(qtbot, window, ops)
    left: list[int] = []
    dialog.finished.connect(lambda _code: left.append(dialog.model.rowCount()))
    window.hide_all()
    assert left == [0]  # no names stay behind the lock
    window.show_all()
    wait_idle(qtbot, ops)


def test_an_erased_persons_open_window_closes(qtbot, window, ops, people_store,  # noqa: ANN001
                                              people) -> None:
    dialog = _open_review(qtbot, window, ops)
    _select(dialog, 1)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people["Yusuf"] in window.people_windows)
    person = window.people_windows[people["Yusuf"]]
    qtbot.waitUntil(lambda: person.file is not None)
    wait_idle(qtbot, ops)
    _select(dialog, 1)
    confirm = dialog.ask_erase()
    type_text(qtbot, confirm.typed, "1")
    qtbot.mouseClick(confirm.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people["Yusuf"] not in window.people_windows)
    wait_idle(qtbot, ops)
    dialog.close()
