"""Switching the interface language rebuilds everything in one go and loses nothing typed:
open person windows come back in the new language with their unsaved text, the main window
keeps its place and tab, and an open Settings dialog comes back in the new language."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from app.services import drafts, persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.session.controller import Controller
from ui.settings.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        return persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi")).id


@pytest.fixture
def controller(qtbot, people_store, anna, person_id):  # noqa: ANN001, ANN201
    c = Controller(people_store.target)
    c._unlocked(people_store, anna)
    qtbot.waitUntil(lambda: c.window is not None and c.window.isVisible())
    yield c
    if c.window is not None:
        for w in list(c.window.people_windows.values()):
            w.drop()
        c.window.closed.disconnect()
        c.window.close()
    wait_idle(qtbot, c.ops)
    c.ops.shutdown()
    c.store = None  # the fixture closes the store


def _switch(qtbot, controller, lang: str):  # noqa: ANN001, ANN202
    old = controller.window
    controller.window.language_changed.emit(lang)
    assert controller.window is not old  # rebuilt at once, in the same call
    assert controller.window.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(old))
    return controller.window


def test_person_windows_come_back_in_the_new_language_with_their_typing(  # noqa: ANN001
        qtbot, controller, people_store, anna, person_id) -> None:
    window = controller.window
    window.tabs.setCurrentIndex(0)
    window.setGeometry(QRect(20, 30, 760, 500))
    person = window.open_person(person_id)
    qtbot.waitUntil(lambda: person.file is not None)
    wait_idle(qtbot, controller.ops)
    person.tabs.setCurrentIndex(0)
    qtbot.keyClicks(person.overview.form.nickname, "Abu Ali")
    assert person.overview.is_dirty()
    assert person.overview.drafts.pending  # switched before the draft timer fired

    new = _switch(qtbot, controller, "ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert new.tabs.tabText(1) == "&الأشخاص"
    assert new.tabs.currentIndex() == 0
    assert new.geometry() == QRect(20, 30, 760, 500)
    assert not shiboken6.isValid(person)  # the Dutch person window is gone, nothing asked
    assert list(new.people_windows) == [person_id]
    again = new.people_windows[person_id]
    assert again.isVisible()
    assert again.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert again.tabs.tabText(0) == "&نظرة عامة"
    assert again.overview.save_button.text() == "&حفظ التغييرات"
    qtbot.waitUntil(lambda: again.overview.form.nickname.text() == "Abu Ali")
    assert again.overview.is_dirty()
    with people_store.session() as db:
        assert persons.get_person(db, anna.id, person_id).nickname == ""  # a draft, not saved

    # and back to Dutch: the same again
    back = _switch(qtbot, controller, "nl")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert back.tabs.tabText(1) == "&Mensen"
    third = back.people_windows[person_id]
    assert third.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert third.tabs.tabText(0) == "&Overzicht"
    qtbot.waitUntil(lambda: third.overview.form.nickname.text() == "Abu Ali")
    assert third.overview.is_dirty()

    # saving for real still works and forgets the draft
    qtbot.mouseClick(third.overview.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not third.overview.is_dirty())
    wait_idle(qtbot, controller.ops)
    with people_store.session() as db:
        assert persons.get_person(db, anna.id, person_id).nickname == "Abu Ali"
        assert drafts.load(db, anna.id, "overview", person_id) is None


def test_open_settings_come_back_in_the_new_language(qtbot, controller) -> None:  # noqa: ANN001
    dialog = controller.window.open_settings()
    qtbot.waitUntil(dialog.isVisible)
    new = _switch(qtbot, controller, "ar")
    assert not shiboken6.isValid(dialog)
    shown = [d for d in new.findChildren(SettingsDialog) if d.isVisible()]
    assert len(shown) == 1
    assert shown[0].tabs.tabText(0) == "&عام"
    assert shown[0].layoutDirection() == Qt.LayoutDirection.RightToLeft
    shown[0].close()
    wait_idle(qtbot, controller.ops)
