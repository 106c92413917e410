"""Ending a plan under the four-eyes principle: a second user confirms with their password.

The reason, note and date are kept as a draft while typed; the second person's name and
password never are (the password is not even counted as typing).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, NotAllowed, WegwijsError, WrongPassphrase
from app.i18n import _
from app.services import plans
from ui.dialog_drafts import FormDrafts
from ui.forms import FieldErrors, combo_value
from ui.operations import Operations, person_change
from ui.plan_dialogs import combo, date_edit
from ui.unlock import password_edit


class EndPlanDialog(QDialog):
    """Signals:
        ended(): the plan was ended and confirmed.
    """

    ended = Signal()

    def __init__(self, ops: Operations, person_id: uuid.UUID, plan_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("end_plan_dialog")
        self.setWindowTitle(_("End the perspective plan"))
        self._ops = ops
        self._person_id = person_id
        self._plan_id = plan_id
        self.errors = FieldErrors()
        intro = QLabel(_("Ending support is decided by two people (four-eyes principle). "
                         "Prepare it with the partners; then a second case manager or the "
                         "coordinator confirms here with their own password."))
        intro.setWordWrap(True)
        self.reason = combo("outflow", "reason")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.ended_on = date_edit("ended_on")
        self.ended_on.setPlaceholderText(_("today"))
        self.confirmer = QLineEdit()
        self.confirmer.setObjectName("confirmer")
        self.password = password_edit("confirmer_password")
        form = QFormLayout()
        e = self.errors
        e.add(form, _("&Reason"), self.reason, "reason")
        e.add(form, _("&Note"), self.note, "note")
        e.add(form, _("Ended &on"), self.ended_on, "ended_on")
        e.add(form, _("Second person: &user name"), self.confirmer, "confirmer")
        e.add(form, _("Second person: &password"), self.password, "password")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(_("&End the plan"))
        self.confirm_button.setObjectName("confirm_end")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.drafts = FormDrafts(ops, "end_plan", person_id, {
            "reason": self.reason, "note": self.note, "ended_on": self.ended_on}, self,
            also_watch=(self.confirmer,))
        layout = QVBoxLayout(self)
        layout.addWidget(self.drafts.note)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(e.general)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, 440)
        self.drafts.restore()

    def reject(self) -> None:
        if self.drafts.close_ok(self, _("ending the plan"), self._submit):
            self.password.clear()
            super().reject()

    def _submit(self) -> None:
        self.errors.clear()
        by, plan_id = self._ops.user_id, self._plan_id
        reason, note, ended_on = combo_value(self.reason), self.note.toPlainText(), \
            self.ended_on.text()
        confirmer, password = self.confirmer.text(), self.password.text()
        self.confirm_button.setEnabled(False)

        def done(_plan) -> None:  # noqa: ANN001
            self.password.clear()
            self.drafts.forget()
            self.ended.emit()
            self.accept()

        def failed(err: WegwijsError) -> None:
            self.confirm_button.setEnabled(True)
            self.password.clear()
            if isinstance(err, WrongPassphrase):
                self.errors.show(InvalidInput({"password": err.message}))
            elif isinstance(err, NotAllowed):
                self.errors.show(InvalidInput({"confirmer": err.message}))
            else:
                self.errors.show(err)

        self._ops.run_in(self, lambda db: plans.end_plan(
            db, by, plan_id, reason=reason, note=note, ended_on=ended_on or None,
            confirmer=confirmer, confirmer_password=password), done, failed,
            changes={person_change(self._person_id), "people"})
