"""Python's cyclic garbage collector, run on the GUI thread only.

Widgets caught in reference cycles (a lambda slot that holds its own widget, say) are freed by
the cyclic collector, which runs in whichever thread happens to allocate when a threshold is
passed. When that is a worker thread, Qt objects get destroyed outside the GUI thread and the
program crashes. So the automatic collector is switched off and this object runs the same
generational collections from a timer on the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot


class MainThreadCollector(QObject):
    """While it lives, cyclic garbage is collected on the GUI thread, every ``interval_ms``."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    @Slot()
    def collect(self) -> None:
        """The collections the automatic collector would have made by now."""
        first, second, third = gc.get_count()
        if third > self._thresholds[2]:
            gc.collect(2)
        elif second > self._thresholds[1]:
            gc.collect(1)
        elif first > self._thresholds[0]:
            gc.collect(0)

    def stop(self) -> None:
        """Back to Python's own collector (after a last collection here)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
