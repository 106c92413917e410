"""Remembers whether the clipboard holds text copied from Wegwijs, to wipe it at lock time.

A name or a V-number copied from a person's file must not stay on the clipboard of a locked
laptop. Text another program put there is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication


class ClipboardGuard(QObject):
    """Watches the clipboard; ``wipe()`` clears it when its text came from this program."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._ours: str | None = None
        self._clipboard.dataChanged.connect(self._changed)

    def holds_ours(self) -> bool:
        return self._clipboard.ownsClipboard() or (
            self._ours is not None and self._clipboard.text() == self._ours)

    def wipe(self) -> bool:
        """Clear the clipboard if it holds Wegwijs text; True when it did."""
        if not self.holds_ours():
            return False
        self._clipboard.clear()
        self._ours = None
        return True

    @Slot()
    def _changed(self) -> None:
        # Copying from one of our fields happens while one of our windows is active.
        text = self._clipboard.text()
        if text and (QApplication.activeWindow() is not None or self._clipboard.ownsClipboard()):
            self._ours = text
        elif text != self._ours:
            self._ours = None
