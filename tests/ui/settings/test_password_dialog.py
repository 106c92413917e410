"""Changing one's own password from the File menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.errors import WrongPassphrase
from app.i18n import _
from app.services import users
from tests.ui.helpers import PASSWORD, wait_idle
from ui.office.main_window import AppWindow
from ui.settings.password_dialog import PasswordDialog

pytestmark = pytest.mark.gui


def test_change_my_password(qtbot, ops, anna, people_store) -> None:  # noqa: ANN001
    window = AppWindow(ops, anna)
    qtbot.addWidget(window)
    window.show()
    (action,) = [a for a in window.actions() if a.text() == _("Change my &password…")]
    action.trigger()
    (dialog,) = [d for d in window.findChildren(PasswordDialog) if d.isVisible()]
    qtbot.keyClicks(dialog.old, "not my password")
    qtbot.keyClicks(dialog.new, "a sentence nobody guesses")
    qtbot.keyClicks(dialog.again, "a sentence nobody guesses")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.text("old") != "")
    assert dialog.isVisible()

    dialog.old.clear()
    qtbot.keyClicks(dialog.old, PASSWORD)
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "a different sentence")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("again") != ""

    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "a sentence nobody guesses")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(PasswordDialog)
                                 if d.isVisible()])
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        with pytest.raises(WrongPassphrase):
            users.authenticate(db, "anna", PASSWORD)
    with people_store.session() as db:
        assert users.authenticate(db, "anna", "a sentence nobody guesses").id == anna.id
