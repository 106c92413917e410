"""Settings: office profile, default card contacts, users, language, auto-lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import settings
from app.services import office, users
from tests.ui.helpers import wait_idle
from ui.settings_dialog import SettingsDialog, UserDialog

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
