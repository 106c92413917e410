"""Adding synthetic demo people: long work with a progress bar that can be cancelled.

The generator runs in a worker; each batch reports progress through a signal, and the
worker stops after the current batch when Cancel is pressed.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import demo
from app.i18n import _
from ui.session.operations import Operations


class _Progress(QObject):
    """Signals:
        step(int, int): done, total (emitted from the worker thread, queued to the GUI).
    """

    step = Signal(int, int)


class DemoDialog(QDialog):
    """Signals:
        finished_adding(int): how many people were added (fewer when cancelled).
    """

    finished_adding = Signal(int)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_dialog")
        self.setWindowTitle(_("Add demo people"))
        self._ops = ops
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._step)
        note = QLabel(_("Adds invented people with plans and evaluations, for training and "
                        "demonstrations. Never use this in the office's real database."))
        note.setWordWrap(True)
        self.count = QSpinBox()
        self.count.setObjectName("demo_count")
        self.count.setRange(1, 100_000)
        self.count.setValue(1000)
        self.count.setSingleStep(1000)
        self.bar = QProgressBar()
        self.bar.setObjectName("demo_progress")
        self.bar.setValue(0)
        self.status = QLabel()
        form = QFormLayout()
        form.addRow(_("&Number of people"), self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(_("&Start"))
        self.start_button.setObjectName("demo_start")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setObjectName("demo_cancel")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._running = False
        self.resize(460, 220)

    @Slot()
    def start(self) -> None:
        total = self.count.value()
        self._running = True
        self._cancel.clear()
        self.start_button.setEnabled(False)
        self.count.setEnabled(False)
        self.bar.setRange(0, total)
        store, progress, cancel = self._ops.store, self._progress, self._cancel

        def report(done: int, total: int) -> bool:
            progress.step.emit(done, total)
            return not cancel.is_set()

        self._ops.run(lambda _db: demo.generate(store, total, seed=1, progress=report),
                      self._done, self._failed, changes={"people"}, session=False,
                      context=self)

    @Slot()
    def cancel(self) -> None:
        if self._running:
            self._cancel.set()
            self.status.setText(_("Stopping after the current batch…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    # helpers

    @Slot(int, int)
    def _step(self, done: int, total: int) -> None:
        self.bar.setValue(done)
        self.status.setText(_("{done} of {total} people added").format(done=done, total=total))

    def _done(self, added: int) -> None:
        self._running = False
        self.finished_adding.emit(added)
        self.status.setText(_("{n} people added.").format(n=added))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))

    def _failed(self, err) -> None:  # noqa: ANN001
        self._running = False
        self.status.setText(err.message)
        self.cancel_button.setEnabled(True)
