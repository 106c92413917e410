"""Today's line "conflicts waiting": how many fields wait for a case manager's decision after
an exchange (a count, no names), and a button that opens the conflicts screen."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.i18n import ngettext


class TodayConflicts(QObject):
    """Signals:
        open_conflicts(): the button was clicked.
    """

    open_conflicts = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.button = QPushButton()
        self.button.setObjectName("today_conflicts")
        self.button.setStyleSheet("color: #8a4b00; font-weight: 600;")
        self.button.clicked.connect(self.open_conflicts.emit)
        self.button.hide()
        self.count = 0

    @staticmethod
    def work(db, user_id: uuid.UUID | None) -> int:  # noqa: ANN001 - a Session, in the worker
        from app.exchange import conflicts

        return conflicts.count_waiting(db, user_id) if user_id is not None else 0

    def fill(self, count: int) -> None:
        self.count = count
        self.button.setText(ngettext("{n} conflict waiting for a decision",
                                     "{n} conflicts waiting for a decision", count).format(n=count))
        self.button.setVisible(count > 0)

    def clear(self) -> None:
        self.fill(0)
