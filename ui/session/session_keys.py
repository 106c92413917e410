"""Ctrl+Q and Ctrl+L in every window and every state, dialogs included.

A menu action's shortcut only fires in the window that owns it, and not at all while a modal
dialog is open. These two keys belong to the session, not to a window: the filter sits on the
application, claims them before any shortcut or line edit sees them, and asks the controller.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

# From text, not from Qt's enums: the first use of the Qt namespace builds its Python enum
# classes (about 20 ms), which the unlock window need not wait for (issue 17).
LOCK_KEY = QKeySequence("Ctrl+L")[0]
QUIT_KEY = QKeySequence("Ctrl+Q")[0]


def _is_quit(event: QKeyEvent) -> bool:
    """Ctrl+Q everywhere (Windows has no standard Quit key), and the platform's own one."""
    return (event.keyCombination() == QUIT_KEY
            or event.matches(QKeySequence.StandardKey.Quit))


def _is_lock(event: QKeyEvent) -> bool:
    return event.keyCombination() == LOCK_KEY


class SessionKeys(QObject):
    """An application event filter for the session's keys.

    Signals:
        quit_requested(): Ctrl+Q (the platform's Quit key) in any window.
        lock_requested(): Ctrl+L in any window.
    """

    quit_requested = Signal()
    lock_requested = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(watched, QWidget):  # the same key also passes the QWindow
            return False
        assert isinstance(event, QKeyEvent)
        signal = (self.quit_requested if _is_quit(event)
                  else self.lock_requested if _is_lock(event) else None)
        if signal is None:
            return False
        event.accept()  # claimed: no shortcut and no editor sees it
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            signal.emit()  # as a menu shortcut would, while the key is delivered
        return True
