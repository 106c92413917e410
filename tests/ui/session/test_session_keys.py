"""Ctrl+L and Ctrl+Q belong to the session: they work in every window, dialogs included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.i18n import _
from tests.ui.helpers import PASSWORD
from ui.session.unlock import UnlockDialog

pytestmark = pytest.mark.gui


def test_ctrl_l_locks_with_a_modal_dialog_open(qtbot, unlocked) -> None:  # noqa: ANN001
    window = unlocked.window
    box = QMessageBox(QMessageBox.Icon.Information, "x", "a dialog", parent=window)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.open()
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(unlocked.gate, UnlockDialog)
    assert not window.isVisible() and not box.isVisible()
    texts = " ".join(label.text() for label in unlocked.gate.findChildren(QLabel))
    assert _("Wegwijs is locked. Type your password to continue.") in texts  # no idle lock
    qtbot.keyClicks(unlocked.gate.password, PASSWORD)
    qtbot.keyClick(unlocked.gate.password, Qt.Key.Key_Return)
    qtbot.waitUntil(window.isVisible)


def test_ctrl_q_while_locked_ends_the_session(qtbot, unlocked, monkeypatch) -> None:  # noqa: ANN001
    quits = []
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: quits.append(1)))
    qtbot.keyClick(unlocked.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    gate = unlocked.gate
    qtbot.keyClick(gate.password, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quits == [1]
    assert unlocked.store is None  # shut down: the closing backup ran, the store is closed


def test_ctrl_q_in_the_main_window_closes_it(qtbot, unlocked, monkeypatch) -> None:  # noqa: ANN001
    quits = []
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: quits.append(1)))
    window = unlocked.window
    qtbot.keyClick(window.people.search, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert quits == [1]
