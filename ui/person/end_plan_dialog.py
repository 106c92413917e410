"""Ending a plan under the four-eyes principle: a second user confirms with their password.

The reason, note and date are kept as a draft while typed; the second person's name and
password never are (the password is not even counted as typing). Cancel simply closes: what
was typed stays a draft. No reason is chosen until the volunteer chooses one. When nobody else
may confirm (no other active case manager or coordinator), the dialog says so and where users
are added, and confirming is off.
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
from app.i18n import N_, _
from app.services import plans, users
from app.vocabulary import UserRole
from ui.person.plan_dialogs import combo, date_edit
from ui.session.operations import Operations, person_change
from ui.session.unlock import password_edit
from ui.widgets.dialog_drafts import FormDrafts
from ui.widgets.forms import FieldErrors, combo_value

NO_SECOND_PERSON = N_("Ending a plan needs a second person with their own account (a case "
                      "manager or the coordinator). A coordinator adds users under Settings → "
                      "Users.")
NO_SECOND_PERSON_STYLE = ("#no_second_person { background: #fdecea; border: 1px solid #b00020; "
                          "border-radius: 4px; padding: 6px; }")


def other_confirmers(db, by: uuid.UUID | None) -> int:  # noqa: ANN001
    """How many active users other than ``by`` may confirm the end of a plan."""
    return sum(1 for u in users.list_users(db, by)
               if u.id != by and u.role != UserRole.VOLUNTEER)


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
        self.reason.insertItem(0, _("Choose a reason…"), None)
        self.reason.setCurrentIndex(0)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.ended_on = date_edit("ended_on")
        self.ended_on.setPlaceholderText(_("today"))
        self.confirmer = QLineEdit()
        self.confirmer.setObjectName("confirmer")
        self.password = password_edit("confirmer_password")
        self.no_second_person = QLabel(_(NO_SECOND_PERSON))
        self.no_second_person.setObjectName("no_second_person")
        self.no_second_person.setStyleSheet(NO_SECOND_PERSON_STYLE)
        self.no_second_person.setWordWrap(True)
        self.no_second_person.hide()
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
        layout.addWidget(self.no_second_person)
        layout.addLayout(form)
        layout.addWidget(e.general)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, 440)
        self.drafts.restore()
        self._check_second_person()

    def reject(self) -> None:
        """Close without asking: what was typed (not the second person) stays a draft."""
        if self.drafts.dirty:
            self.drafts.save_now()
        self.password.clear()
        super().reject()

    def _check_second_person(self) -> None:
        by = self._ops.user_id

        def counted(n: int) -> None:
            self.no_second_person.setVisible(n == 0)
            self.confirm_button.setEnabled(n > 0)

        self._ops.run_in(self, lambda db: other_confirmers(db, by), counted, lambda _e: None,
                         read_only=True)

    def _missing(self, reason: str, confirmer: str, password: str) -> dict[str, str]:
        """What must be filled in before the second person's password is checked."""
        problems = {}
        if not reason:
            problems["reason"] = _("Choose a reason for ending the plan.")
        if not confirmer.strip():
            problems["confirmer"] = _("Type the second person's user name.")
        if not password:
            problems["password"] = _("Type the second person's password.")
        return problems

    def _submit(self) -> None:
        self.errors.clear()
        by, plan_id = self._ops.user_id, self._plan_id
        reason, note, ended_on = combo_value(self.reason), self.note.toPlainText(), \
            self.ended_on.text()
        confirmer, password = self.confirmer.text(), self.password.text()
        missing = self._missing(reason, confirmer, password)
        if missing:
            self.errors.show(InvalidInput(missing))
            return
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
