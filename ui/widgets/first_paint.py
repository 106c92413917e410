"""Run something once a widget has been painted: work that may wait until the volunteer sees
the screen (issue 17: the database layer loads after the People list is on screen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _Watch(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None], timeout_ms: int) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(timeout_ms, self, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._then is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.parent().removeEventFilter(self)
            then()


def after_first_paint(widget: QWidget, then: Callable[[], None], timeout_ms: int = 500) -> None:
    """Call ``then`` (once, on the GUI thread) after ``widget``'s next paint, or after
    ``timeout_ms`` when it is not painted by then (a hidden or minimised window)."""
    _Watch(widget, then, timeout_ms)
