"""Locks the window after some minutes without keyboard or mouse use."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class AutoLock(QObject):
    """Watches the application's input events; fires ``lock`` after ``minutes`` of quiet.

    Signals:
        lock(): time to lock.
    """

    lock = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(max(1, int(minutes)) * 60_000)
        self._timer.start()

    @Slot()
    def pause(self) -> None:
        self._timer.stop()

    @Slot()
    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    @Slot()
    def _fire(self) -> None:
        self.lock.emit()
