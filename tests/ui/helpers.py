"""Constants and waits shared by the GUI tests (import as ``tests.ui.helpers``)."""

from __future__ import annotations

PASSWORD = "wachtwoord-anna"
SECOND_PASSWORD = "wachtwoord-bram"
DEMO_PEOPLE = 10_000


def wait_idle(qtbot, ops, timeout: int = 10000) -> None:  # noqa: ANN001
    """Wait until every operation has reported back to the GUI thread."""
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=timeout)


def type_text(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Type like a person; characters QTest cannot press (é, محمد) are typed as input text."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         ch))
