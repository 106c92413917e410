"""Nothing typed is lost: drafts of the Overview and of a new person survive a crash."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.i18n import _
from app.services import drafts, persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.person.new_person import NewPersonDialog
from ui.person.person_window import PersonWindow
from ui.widgets.draft_keeper import RESTORED_NOTE

pytestmark = pytest.mark.gui


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        return persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi")).id


def _open(qtbot, ops, pid) -> PersonWindow:  # noqa: ANN001
    w = PersonWindow(ops, pid)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    return w


def _crash(qtbot, ops, window) -> None:  # noqa: ANN001
    """Drop the window as a crash would: no close event, no question, no save."""
    window.hide()
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    wait_idle(qtbot, ops)


def test_typed_overview_survives_a_crash(qtbot, ops, people_store, anna, person_id) -> None:  # noqa: ANN001
    window = _open(qtbot, ops, person_id)
    tab = window.overview
    qtbot.keyClicks(tab.form.nickname, "Abu Ali")
    tab.form.phone.clear()
    qtbot.keyClicks(tab.form.phone, "06-12345678")
    with qtbot.waitSignal(tab.drafts.saved, timeout=5000):
        pass  # the debounce timer fires about a second after the last key
    _crash(qtbot, ops, window)
    with people_store.session() as db:
        assert persons.get_person(db, ops.user_id, person_id).nickname == ""  # never saved for real

    again = _open(qtbot, ops, person_id)
    qtbot.waitUntil(lambda: again.overview.form.nickname.text() == "Abu Ali")
    assert again.overview.form.phone.text() == "06-12345678"
    assert again.overview.is_dirty()
    assert again.overview.saved_note.text() == _(RESTORED_NOTE)

    # saving for real discards the draft
    qtbot.mouseClick(again.overview.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not again.overview.is_dirty())
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert drafts.load(db, anna.id, "overview", person_id) is None
        assert persons.get_person(db, ops.user_id, person_id).nickname == "Abu Ali"
    again.close()
    wait_idle(qtbot, ops)


def test_dont_save_discards_the_draft(qtbot, ops, people_store, anna, person_id,  # noqa: ANN001
                                      monkeypatch) -> None:
    import ui.person.person_window as module

    window = _open(qtbot, ops, person_id)
    qtbot.keyClicks(window.overview.form.nickname, "Abu")
    with qtbot.waitSignal(window.overview.drafts.saved, timeout=5000):
        pass
    monkeypatch.setattr(module, "ask_discard", lambda p, w: QMessageBox.StandardButton.Discard)
    window.close()
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert drafts.load(db, anna.id, "overview", person_id) is None


def test_new_person_draft_comes_back(qtbot, ops, people_store, anna) -> None:  # noqa: ANN001
    dialog = NewPersonDialog(ops)
    dialog.show()
    wait_idle(qtbot, ops)
    qtbot.keyClicks(dialog.form.given_names, "Mariam")
    qtbot.keyClicks(dialog.form.family_name, "Tesfaye")
    with qtbot.waitSignal(dialog.drafts.saved, timeout=5000):
        pass
    _crash(qtbot, ops, dialog)

    again = NewPersonDialog(ops)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.form.family_name.text() == "Tesfaye")
    assert again.form.given_names.text() == "Mariam"
    assert again.note.text()
    with qtbot.waitSignal(again.created, timeout=10000):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert drafts.load(db, anna.id, "new_person") is None
