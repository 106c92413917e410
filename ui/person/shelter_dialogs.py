"""Dialogs of the Shelter and decisions tab: a stay in 24-hour shelter begins or ends, its
extension beyond one and a half years (who decided, why, until when), and the
multidisciplinary team's decision. Each checks through the services and shows every problem
beside its field; nothing typed is lost on an error (the dialog stays open)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import _
from app.services import deadlines, team_decisions
from ui.person.plan_dialogs import date_edit
from ui.person.triage_panel import OUTCOMES
from ui.session.operations import Operations, person_change
from ui.widgets.forms import FieldErrors


def _text_box(name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class _ServiceDialog(QDialog):
    """A form whose OK runs one service call; errors go beside the fields.

    Signals:
        saved(object): the service's result.
    """

    saved = Signal(object)

    def __init__(self, ops: Operations, person_id: uuid.UUID, title: str, intro: str,
                 ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._ops = ops
        self._person_id = person_id
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self._intro = QLabel(intro)
        self._intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("shelter_ok")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons

    def _finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.resize(560, self.sizeHint().height())

    def work(self) -> Callable[[Any], Any]:
        raise NotImplementedError

    def submit(self) -> None:
        self.errors.clear()
        self.ok_button.setEnabled(False)
        work = self.work()

        def done(result: Any) -> None:
            self.saved.emit(result)
            self.accept()

        def failed(err: WegwijsError) -> None:
            self.ok_button.setEnabled(True)
            self.errors.show(err)

        self._ops.run_in(self, work, done, failed,
                         changes={person_change(self._person_id), "people"})


class StayDialog(_ServiceDialog):
    """The day a stay in 24-hour shelter began, and where."""

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, _("Stay in 24-hour shelter"),
                         _("A stay lasts at most one and a half years; Wegwijs warns from 15 "
                           "months."), _("&Record the stay"), parent)
        self.setObjectName("stay_dialog")
        self.started_on = date_edit("started_on")
        self.started_on.setPlaceholderText(_("today"))
        self.location = QLineEdit()
        self.location.setObjectName("location")
        self.errors.add(self.form, _("&Began on"), self.started_on, "started_on")
        self.errors.add(self.form, _("&Location"), self.location, "location")
        self._finish_layout()

    def work(self) -> Callable[[Any], Any]:
        by, pid = self._ops.user_id, self._person_id
        start, place = self.started_on.text() or None, self.location.text()
        return lambda db: deadlines.start_stay(db, by, pid, start, place).id


class EndStayDialog(_ServiceDialog):
    """The day the person left the 24-hour shelter."""

    def __init__(self, ops: Operations, person_id: uuid.UUID, stay_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, _("End of the stay"),
                         _("The day the person left the 24-hour shelter."),
                         _("&End the stay"), parent)
        self.setObjectName("end_stay_dialog")
        self._stay_id = stay_id
        self.ended_on = date_edit("ended_on")
        self.ended_on.setPlaceholderText(_("today"))
        self.errors.add(self.form, _("&Left on"), self.ended_on, "ended_on")
        self._finish_layout()

    def work(self) -> Callable[[Any], Any]:
        by, stay_id, day = self._ops.user_id, self._stay_id, self.ended_on.text() or None
        return lambda db: deadlines.end_stay(db, by, stay_id, day).id


class ExtensionDialog(_ServiceDialog):
    """The decision to let a stay last beyond one and a half years."""

    def __init__(self, ops: Operations, person_id: uuid.UUID, stay_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, _("Extend the stay"),
                         _("The shelter ends in any case after one and a half years; in unique "
                           "cases (serious medical problems, for example) the mayor may extend "
                           "it, with the GGD for vulnerable or ill people. Record who decided, "
                           "why and until when."), _("&Record the extension"), parent)
        self.setObjectName("extension_dialog")
        self._stay_id = stay_id
        self.until = date_edit("until")
        self.decided_by = QLineEdit()
        self.decided_by.setObjectName("decided_by")
        self.decided_by.setPlaceholderText(_("for example: the mayor, with the GGD"))
        self.reason = _text_box("reason")
        self.decided_on = date_edit("decided_on")
        self.decided_on.setPlaceholderText(_("today"))
        e = self.errors
        e.add(self.form, _("Extended &until"), self.until, "until", required=True)
        e.add(self.form, _("&Decided by"), self.decided_by, "decided_by", required=True)
        e.add(self.form, _("&Reason"), self.reason, "reason", required=True)
        e.add(self.form, _("Decided &on"), self.decided_on, "decided_on")
        self.form.addRow(e.legend())
        self._finish_layout()

    def work(self) -> Callable[[Any], Any]:
        by, stay_id = self._ops.user_id, self._stay_id
        until, who, why = self.until.text(), self.decided_by.text(), self.reason.toPlainText()
        on = self.decided_on.text() or None
        return lambda db: deadlines.extend_stay(db, by, stay_id, until=until, decided_by=who,
                                                reason=why, decided_on=on).id


class TeamDecisionDialog(_ServiceDialog):
    """The multidisciplinary team's decision: date, who took part, the decision, the reason;
    optionally applied to the person's latest intake (a refusal against the advice then waits
    for a second person)."""

    def __init__(self, ops: Operations, person_id: uuid.UUID, intake_id: uuid.UUID | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, _("Decision of the multidisciplinary team"),
                         _("Complex or doubtful cases go to the multidisciplinary team. It may "
                           "admit someone who does not meet the criteria at first (hardship "
                           "clause). Refusing admission against the advice needs a second "
                           "person, who confirms it afterwards."), _("&Record the decision"),
                         parent)
        self.setObjectName("team_decision_dialog")
        self._intake_id = intake_id
        self.decided_on = date_edit("decided_on")
        self.decided_on.setPlaceholderText(_("today"))
        self.participants = _text_box("participants", 2)
        self.participants.setPlaceholderText(_("names and roles, for example: case manager, "
                                               "GGD doctor, lawyer"))
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(_("Choose a decision…"), "")
        for value, label in OUTCOMES.items():
            self.outcome.addItem(_(label), value)
        self.reason = _text_box("reason")
        self.apply = QCheckBox(_("This is the &decision on the latest intake"))
        self.apply.setObjectName("apply_to_intake")
        self.apply.setEnabled(intake_id is not None)
        self.apply.setChecked(intake_id is not None)
        e = self.errors
        e.add(self.form, _("&Date"), self.decided_on, "decided_on")
        e.add(self.form, _("Who took &part"), self.participants, "participants", required=True)
        e.add(self.form, _("Deci&sion"), self.outcome, "outcome", required=True)
        e.add(self.form, _("&Reason"), self.reason, "reason", required=True)
        self.form.addRow("", self.apply)
        self.form.addRow(e.legend())
        self._finish_layout()

    def work(self) -> Callable[[Any], Any]:
        by, pid = self._ops.user_id, self._person_id
        fields = team_decisions.TeamFields(
            decided_on=self.decided_on.text() or None,
            participants=self.participants.toPlainText(), outcome=self.outcome.currentData(),
            reason=self.reason.toPlainText(),
            intake_id=self._intake_id if self.apply.isChecked() else None)
        return lambda db: team_decisions.record_team_decision(db, by, pid, fields).status.value
