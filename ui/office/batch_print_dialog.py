"""Printing the contact cards of several people at once: a progress bar, Cancel, then Save as
PDF or Print. The cards are made in a worker; the window never freezes.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import _
from app.printing import batch_cards
from ui.session.operations import Operations
from ui.widgets.labels import ltr
from ui.widgets.printing import ask_printer, print_pdf, write_pdf
from ui.widgets.save_check import check_save_path


class _Progress(QObject):
    """Signals:
        step(int, int): done, total (emitted from the worker, queued to the GUI thread).
    """

    step = Signal(int, int)


class BatchPrintDialog(QDialog):
    def __init__(self, ops: Operations, person_ids: list[uuid.UUID],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batch_print_dialog")
        self.setWindowTitle(_("Print contact cards"))
        self.ops = ops
        self.person_ids = list(person_ids)
        self.pdf: bytes | None = None
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._step)
        self.note = QLabel(_("Making {n} contact cards, each in the person's own language…")
                           .format(n=len(self.person_ids)))
        self.note.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("batch_progress")
        self.bar.setRange(0, len(self.person_ids))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("batch_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setObjectName("batch_save")
        self.save_button.clicked.connect(self._save)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("batch_print")
        self.print_button.clicked.connect(self._print)
        for button in (self.save_button, self.print_button):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.resize(480, 140)

    def start(self) -> None:
        ids, by, store = self.person_ids, self.ops.user_id, self.ops.store

        def step(done: int, total: int) -> bool:
            self._progress.step.emit(done, total)
            return not self._cancel.is_set()

        def work(_db):  # noqa: ANN001, ANN202
            return batch_cards.render_cards(store, by, ids, progress=step)

        self.ops.run_in(self, work, self._made, self._failed, session=False)

    @Slot()
    def cancel(self) -> None:
        if self.pdf is None and not self._cancel.is_set():
            self._cancel.set()
            self.note.setText(_("Stopping after the current card…"))
        else:
            self.reject()

    @Slot(int, int)
    def _step(self, done: int, total: int) -> None:
        self.bar.setValue(done)

    def _made(self, result: tuple[bytes, int]) -> None:
        self.pdf, count = result
        self.note.setText(_("{n} of {total} cards are ready.").format(
            n=count, total=len(self.person_ids)))
        self.cancel_button.setText(_("Close"))
        for button in (self.save_button, self.print_button):
            button.setEnabled(count > 0)

    def _failed(self, err: WegwijsError) -> None:
        self.note.setText(err.message)
        self.cancel_button.setText(_("Close"))

    def save_to(self, path: Path) -> None:
        if self.pdf is not None:
            check_save_path(self.ops, path)  # never the database, its key file or a backup
            write_pdf(path, self.pdf)
            self.note.setText(_("Saved: {path}").format(path=ltr(path)))

    def _save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the cards"),
                                                    str(Path.home() / "contactkaarten.pdf"),
                                                    _("PDF (*.pdf)"))
        if path:
            try:
                self.save_to(Path(path))
            except WegwijsError as err:
                self.note.setText(err.message)

    def _print(self) -> None:
        if self.pdf is None:
            return
        printer = ask_printer(self, self.pdf, one_sided=False, title=_("Contact cards"))
        if printer is not None:
            try:
                print_pdf(self.pdf, printer)
            except WegwijsError as err:
                self.note.setText(err.message)
