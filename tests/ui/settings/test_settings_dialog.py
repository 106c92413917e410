"""Settings: office profile, default card contacts, users, language, auto-lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app import settings
from app.services import office, users
from tests.ui.helpers import wait_idle
from ui.settings.settings_dialog import SettingsDialog, UserDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, ops, anna):  # noqa: ANN001, ANN201
    d = SettingsDialog(ops, anna)
    qtbot.addWidget(d)
    d.show()
    wait_idle(qtbot, ops)
    yield d
    wait_idle(qtbot, ops)


def test_office_profile_and_general_settings(qtbot, dialog, ops, people_store) -> None:  # noqa: ANN001
    dialog.tabs.setCurrentIndex(1)
    name = dialog.office_fields["name"]
    name.clear()
    qtbot.keyClicks(name, "Stem in de Stad, Haarlem")
    qtbot.keyClicks(dialog.office_fields["phone"], "nonsense")
    qtbot.mouseClick(dialog.save_office, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.office_errors.text("phone") != "")
    dialog.office_fields["phone"].clear()
    qtbot.keyClicks(dialog.office_fields["phone"], "023-5551234")
    qtbot.mouseClick(dialog.save_office, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert office.get_profile(db).name == "Stem in de Stad, Haarlem"

    dialog.tabs.setCurrentIndex(0)
    dialog.auto_lock.setFocus()
    dialog.auto_lock.selectAll()
    qtbot.keyClicks(dialog.auto_lock, "15")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.language_changed) as language, \
            qtbot.waitSignal(dialog.auto_lock_changed) as minutes:
        qtbot.mouseClick(dialog.save_general, Qt.MouseButton.LeftButton)
    assert language.args == ["en"]
    assert minutes.args == [15]
    with people_store.session() as db:
        assert settings.get(db, "interface_language") == "en"
        assert settings.get(db, "auto_lock_minutes") == 15


def test_a_coordinator_adds_a_user(qtbot, dialog, ops, people_store) -> None:  # noqa: ANN001
    dialog.tabs.setCurrentIndex(3)
    assert dialog.users.rowCount() == 2
    qtbot.mouseClick(dialog.add_user_button, Qt.MouseButton.LeftButton)
    user_dialog = dialog.findChild(UserDialog)
    qtbot.keyClicks(user_dialog.display_name, "Chris Vrijwilliger")
    qtbot.keyClicks(user_dialog.username, "chris")
    qtbot.keyClicks(user_dialog.password, "chris wachtwoord")
    qtbot.keyClicks(user_dialog.again, "chris wachtwoord")
    qtbot.mouseClick(user_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.users.rowCount() == 3)
    with people_store.session() as db:
        assert users.authenticate(db, "chris", "chris wachtwoord").display_name == \
            "Chris Vrijwilliger"


def _answer(monkeypatch, button) -> list:  # noqa: ANN001
    """Answer the unsaved-changes question with ``button``; returns the questions asked."""
    asked: list = []

    def ask(parent, what):  # noqa: ANN001, ANN202
        asked.append(what)
        return button

    monkeypatch.setattr("ui.settings.settings_dialog.ask_discard", ask)
    return asked


def test_closing_without_changes_asks_nothing(qtbot, dialog, monkeypatch) -> None:  # noqa: ANN001
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert dialog.unsaved() == []
    dialog.reject()
    assert asked == [] and not dialog.isVisible()


def test_closing_with_unsaved_changes_asks_and_cancel_stays(qtbot, dialog, monkeypatch) -> None:  # noqa: ANN001
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.office_fields["opening_hours"], "ma-vr 10-16")
    assert dialog.unsaved() == ["office"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Close, Esc and the window's button reject
    assert asked and dialog.isVisible()
    assert dialog.office_fields["opening_hours"].toPlainText() == "ma-vr 10-16"


def test_discard_closes_without_saving(qtbot, dialog, ops, people_store, monkeypatch) -> None:  # noqa: ANN001
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    dialog.one_sided.setChecked(not dialog.one_sided.isChecked())
    assert dialog.unsaved() == ["general"]
    dialog.close()
    assert not dialog.isVisible()
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert settings.get(db, "card_one_sided") is False


def test_save_saves_every_changed_page_then_closes(qtbot, dialog, ops, people_store,  # noqa: ANN001
                                                  monkeypatch) -> None:
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.office_fields["opening_hours"], "ma-vr 10-16")
    dialog.card_format.setCurrentIndex(dialog.card_format.findData("a6"))
    assert sorted(dialog.unsaved()) == ["general", "office"]
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with people_store.session() as db:
        assert office.get_profile(db).opening_hours == "ma-vr 10-16"
        assert settings.get(db, "card_format") == "a6"


def test_save_that_fails_keeps_the_dialog_open(qtbot, dialog, ops, monkeypatch) -> None:  # noqa: ANN001
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    dialog.tabs.setCurrentIndex(0)
    qtbot.keyClicks(dialog.office_fields["phone"], "call me maybe")
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.office_errors.text("phone") != "")
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 1


def test_saving_one_page_keeps_what_is_typed_on_another(qtbot, dialog, ops) -> None:  # noqa: ANN001
    qtbot.keyClicks(dialog.office_fields["opening_hours"], "ma-vr 10-16")
    dialog.one_sided.setChecked(not dialog.one_sided.isChecked())
    qtbot.mouseClick(dialog.save_general, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)  # the reload after saving
    assert dialog.office_fields["opening_hours"].toPlainText() == "ma-vr 10-16"
    assert dialog.unsaved() == ["office"]
    qtbot.mouseClick(dialog.save_office, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    assert dialog.unsaved() == []


def test_the_user_form_marks_what_create_user_requires(qtbot, dialog) -> None:  # noqa: ANN001
    user_dialog = dialog.add_user()
    assert user_dialog.errors.required() == ["display_name", "username", "role", "password",
                                             "again"]
    assert user_dialog.findChild(QLabel, "required_legend") is not None
    qtbot.mouseClick(user_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: user_dialog.errors.text("display_name") != "")
    qtbot.keyClicks(user_dialog.display_name, "Chris")
    assert user_dialog.errors.text("display_name") == ""
    assert user_dialog.errors.text("username") != ""
    user_dialog.close()
