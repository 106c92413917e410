"""Drafts of a dialog (or a tab's form): kept as the volunteer types, offered back on reopening.

``FormDrafts`` is a ``DraftKeeper`` that knows the form's fields (by name), watches them for
edits (``watch``), puts a draft back into them and shows a note bar (``note``) that says a
draft came back, with a button to drop it. A dialog keeps it as ``.drafts``: locking then writes what is
pending (``AppWindow.hide_all``, ``PersonTab.keep_draft``), and its ``reject`` asks
``close_ok`` (Save / Don't save / Cancel). Never hand a password field to ``fields``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.i18n import N_, _
from ui.session.operations import Operations
from ui.widgets.draft_keeper import DraftKeeper
from ui.widgets.forms import ChangeWatch, ask_discard, select_data

RESTORED_DIALOG_NOTE = N_("Restored what you typed earlier (not yet saved).")
NOTE_STYLE = ("#draft_note { background: #fff4ce; border: 1px solid #d9b44a; "
              "border-radius: 4px; }")


def field_values(fields: dict[str, QWidget]) -> dict[str, Any]:
    """What the fields hold, JSON-ready: text, a choice's data, a tick."""
    data: dict[str, Any] = {}
    for name, w in fields.items():
        if isinstance(w, QLineEdit):
            data[name] = w.text()
        elif isinstance(w, QPlainTextEdit):
            data[name] = w.toPlainText()
        elif isinstance(w, QComboBox):
            data[name] = w.currentData()
        elif isinstance(w, QAbstractButton):
            data[name] = w.isChecked()
    return data


def put_values(fields: dict[str, QWidget], data: dict[str, Any]) -> None:
    """Fill the fields from ``field_values`` data; names the data lacks stay as they are."""
    for name, w in fields.items():
        if name not in data:
            continue
        value = data[name]
        if isinstance(w, QLineEdit):
            w.setText(str(value or ""))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        elif isinstance(w, QComboBox):
            select_data(w, value)
        elif isinstance(w, QAbstractButton):
            w.setChecked(bool(value))


class DraftNote(QFrame):
    """"Restored what you typed earlier", with a button to throw it away. Hidden until then.

    Signals:
        discard_clicked(): the volunteer does not want the restored text.
    """

    discard_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_note")
        self.setStyleSheet(NOTE_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel(_(RESTORED_DIALOG_NOTE))
        self.label.setWordWrap(True)
        self.discard_button = QPushButton(_("Discard it"))
        self.discard_button.setObjectName("discard_draft")
        self.discard_button.setAutoDefault(False)
        self.discard_button.setToolTip(_("Put the fields back as they were saved and forget "
                                         "what was typed earlier"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.discard_button)
        self.discard_button.clicked.connect(self.discard_clicked)
        self.hide()


class FormDrafts(DraftKeeper):
    """The draft of one form: the named ``fields`` are kept, they and ``also_watch`` (fields
    that count as typing but are never kept, such as a user name) mark the form as edited.
    Build it after the fields are filled from the database."""

    def __init__(self, ops: Operations | None, form: str, person_id: uuid.UUID | None,
                 fields: dict[str, QWidget], parent: QObject | None = None, *,
                 also_watch: tuple[QWidget, ...] = ()) -> None:
        super().__init__(ops, form, lambda: field_values(fields), person_id, parent)
        self.fields = fields
        self.watch = ChangeWatch(self)
        self.watch.watch(*fields.values(), *also_watch)
        self.note = DraftNote()
        self._original: dict[str, Any] | None = None
        self.watch.edited.connect(self.touch)
        self.restored.connect(self._put_back)
        self.note.discard_clicked.connect(self.drop_restored)
        # A dialog goes with the window it belongs to (a person's window closed or locked):
        # write what waits before that window closes.
        if isinstance(parent, QDialog) and parent.parentWidget() is not None:
            parent.parentWidget().window().installEventFilter(self)

    @property
    def dirty(self) -> bool:
        return self.watch.dirty

    def close_ok(self, parent: QWidget, what: str, save: Callable[[], None]) -> bool:
        """The volunteer closes the form: True when it may close (nothing typed, or "Don't
        save", which forgets the draft); "Save" starts ``save`` and keeps the form open."""
        if not self.watch.dirty:
            return True
        answer = ask_discard(parent, what)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            save()
            return False
        self.forget()
        return True

    def forget(self) -> None:
        """Saved for real, or not wanted: no draft, nothing unsaved, no note."""
        self.discard()
        self.watch.reset()
        self.note.hide()
        self._original = None

    @Slot()
    def drop_restored(self) -> None:
        """Put back what the fields held before the draft came back, and forget the draft."""
        if self._original is not None:
            self._fill(self._original)
        self.forget()

    # Qt overrides

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Close and self.pending:
            self.save_now()
        return False

    # helpers

    def _fill(self, data: dict[str, Any]) -> None:
        self.watch.pause(True)
        try:
            put_values(self.fields, data)
        finally:
            self.watch.pause(False)

    @Slot(dict)
    def _put_back(self, data: dict) -> None:
        if self.watch.dirty:
            return  # typed already since the form opened: that is newer than the draft
        self._original = self._collect()
        self._fill(data)
        self.watch.dirty = True
        self.note.show()
