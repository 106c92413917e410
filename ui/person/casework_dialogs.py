"""The dialogs of casework: log a contact, add a follow-up, refer to a partner, change a
referral's status. Each saves through the operations (the services check and audit) and closes
when saved; an error shows next to its field and nothing typed is lost."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, WegwijsError
from app.i18n import _
from app.services import contact_log, follow_ups, referrals
from app.vocabulary import ContactKind, ReferralStatus
from ui.session.operations import Operations, person_change
from ui.widgets.forms import FieldErrors, combo_value, select_data
from ui.widgets.record_model import fmt_date

People = Sequence[tuple[uuid.UUID, str]]
Users = Sequence[tuple[uuid.UUID, str]]


class _SaveDialog(QDialog):
    """A form with Save and Cancel; ``work(db)`` saves, ``changes`` say what changed."""

    def __init__(self, ops: Operations, name: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.ops = ops
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_" + name.removesuffix("_dialog"))
        self.save_button.setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.errors.general)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def work(self):  # noqa: ANN201 - (work(db), changes)
        raise NotImplementedError

    def _submit(self) -> None:
        self.errors.clear()
        try:
            work, changes = self.work()
        except WegwijsError as err:
            self.errors.show(err)
            return
        self.save_button.setEnabled(False)

        def failed(err: WegwijsError) -> None:
            self.save_button.setEnabled(True)
            self.errors.show(err)

        self.ops.run_in(self, work, lambda _r: self.accept(), failed, changes=changes)


def _date_edit(name: str, value: date | None = None) -> QLineEdit:
    edit = QLineEdit(fmt_date(value) if value else "")
    edit.setObjectName(name)
    edit.setPlaceholderText(_("dd-mm-yyyy"))
    edit.setMaximumWidth(160)
    return edit


def _users_combo(name: str, users: Users, selected: uuid.UUID | None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for uid, label in users:
        combo.addItem(label, uid)
    select_data(combo, selected)
    return combo


class ContactLogDialog(_SaveDialog):
    """Log a contact: kind (a visit unless chosen otherwise), date (today), interpreter, with
    whom, a short note. Without ``person_id`` (from Today) it asks whom: one of ``people`` or a
    record number typed in."""

    def __init__(self, ops: Operations, person_id: uuid.UUID | None,
                 parent: QWidget | None = None, *, people: People = (),
                 selected: uuid.UUID | None = None) -> None:
        super().__init__(ops, "contact_log_dialog", _("Log a contact"), parent)
        self.person_id = person_id
        self.person: QComboBox | None = None
        if person_id is None:
            self.person = QComboBox()
            self.person.setObjectName("contact_person")
            self.person.setEditable(True)
            self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.person.lineEdit().setPlaceholderText(_("record number, e.g. W-00042"))
            for pid, label in people:
                self.person.addItem(label, pid)
            if selected is not None:
                select_data(self.person, selected)
            self.person.setMinimumWidth(320)
            self.errors.add(self.form, _("&Person"), self.person, "person", required=True)
        self.kind = QComboBox()
        self.kind.setObjectName("contact_kind")
        for kind in ContactKind:
            self.kind.addItem(contact_log.kind_label(kind.value), kind.value)
        self.contact_on = _date_edit("contact_on", date.today())
        self.interpreter = QCheckBox(_("An &interpreter was used"))
        self.interpreter.setObjectName("contact_interpreter")
        self.with_whom = QLineEdit()
        self.with_whom.setObjectName("contact_with_whom")
        self.with_whom.setPlaceholderText(_("e.g. GP Zuid, lawyer, municipality"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("contact_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(72)
        e = self.errors
        e.add(self.form, _("&Kind"), self.kind, "kind")
        e.add(self.form, _("&Date"), self.contact_on, "contact_on")
        self.form.addRow("", self.interpreter)
        e.add(self.form, _("&With whom"), self.with_whom, "with_whom")
        e.add(self.form, _("Short &note"), self.note, "note")
        self.finish_layout()
        self.resize(460, 300)

    def fields(self) -> contact_log.ContactFields:
        return contact_log.ContactFields(
            kind=combo_value(self.kind), contact_on=self.contact_on.text(),
            interpreter=self.interpreter.isChecked(), with_whom=self.with_whom.text(),
            note=self.note.toPlainText())

    def work(self):  # noqa: ANN201
        fields, by = self.fields(), self.ops.user_id
        pid, reference = self.person_id, ""
        if self.person is not None:
            index = self.person.findText(self.person.currentText())
            pid = self.person.itemData(index) if index >= 0 else None
            reference = self.person.currentText().strip()
            if pid is None and not reference:
                raise InvalidInput({"person": _("Choose the person, or type their record "
                                                "number.")})

        def work(db):  # noqa: ANN001, ANN202
            from app.services import persons

            target = pid
            if target is None:
                try:
                    target = persons.resolve(db, by, reference).id
                except WegwijsError as err:
                    raise InvalidInput({"person": err.message}) from None
            contact_log.log_contact(db, by, target, fields)
            return target

        return work, {person_change(pid)} if pid else {"people"}


class FollowUpDialog(_SaveDialog):
    """An appointment or reminder: what, when, who follows it up, and the goal it serves."""

    def __init__(self, ops: Operations, person_id: uuid.UUID, users: Users,
                 goals: Sequence[tuple[uuid.UUID, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, "follow_up_dialog", _("Appointment or reminder"), parent)
        self.person_id = person_id
        self.description = QLineEdit()
        self.description.setObjectName("follow_up_description")
        self.description.setPlaceholderText(_("e.g. accompany to the GP, lawyer appointment"))
        self.due_on = _date_edit("follow_up_due_on")
        self.owner = _users_combo("follow_up_owner", users, ops.user_id)
        self.goal = QComboBox()
        self.goal.setObjectName("follow_up_goal")
        self.goal.addItem(_("(no goal)"), None)
        for gid, text in goals:
            self.goal.addItem(text if len(text) <= 60 else text[:59] + "…", gid)
        e = self.errors
        e.add(self.form, _("&What"), self.description, "description", required=True)
        e.add(self.form, _("&Date"), self.due_on, "due_on", required=True)
        e.add(self.form, _("&Followed up by"), self.owner, "owner_id")
        e.add(self.form, _("&Goal of the plan"), self.goal, "goal_id")
        self.form.addRow(e.legend())
        self.finish_layout()
        self.resize(480, 300)

    def work(self):  # noqa: ANN201
        fields = follow_ups.FollowUpFields(
            description=self.description.text(), due_on=self.due_on.text(),
            owner_id=self.owner.currentData(), goal_id=self.goal.currentData())
        by, pid = self.ops.user_id, self.person_id
        return (lambda db: follow_ups.add_follow_up(db, by, pid, fields).id,
                {person_change(pid), "follow_ups"})


class ReferralDialog(_SaveDialog):
    """Refer the person to a partner (without a handover document): partner, purpose, date
    and who follows it up."""

    def __init__(self, ops: Operations, person_id: uuid.UUID, users: Users,
                 partners: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(ops, "referral_dialog", _("Referral to a partner"), parent)
        self.person_id = person_id
        self.partner = QComboBox()
        self.partner.setObjectName("referral_partner")
        self.partner.setEditable(True)
        self.partner.addItems(list(partners))
        self.partner.setCurrentText("")
        self.purpose = QLineEdit()
        self.purpose.setObjectName("referral_purpose")
        self.referred_on = _date_edit("referred_on", date.today())
        self.follow_up_by = _users_combo("referral_follow_up_by", users, ops.user_id)
        e = self.errors
        e.add(self.form, _("&Partner"), self.partner, "partner", required=True)
        e.add(self.form, _("P&urpose"), self.purpose, "purpose")
        e.add(self.form, _("&Date"), self.referred_on, "referred_on")
        e.add(self.form, _("&Followed up by"), self.follow_up_by, "follow_up_by")
        self.form.addRow(e.legend())
        self.finish_layout()
        self.resize(480, 300)

    def work(self):  # noqa: ANN201
        by, pid = self.ops.user_id, self.person_id
        partner, purpose = self.partner.currentText(), self.purpose.text()
        when, follower = self.referred_on.text(), self.follow_up_by.currentData()
        return (lambda db: referrals.create_referral(
            db, by, pid, partner=partner, purpose=purpose, referred_on=when,
            follow_up_by=follower).id, {person_change(pid), "referrals"})


class ReferralStatusDialog(_SaveDialog):
    """The partner's answer or the next step: the new status and its date."""

    def __init__(self, ops: Operations, referral: referrals.ReferralRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, "referral_status_dialog",
                         _("Referral to {partner}").format(partner=referral.partner), parent)
        self.referral = referral
        self.status = QComboBox()
        self.status.setObjectName("referral_status")
        for status in ReferralStatus:
            if status.value != referral.status:
                self.status.addItem(referrals.status_label(status.value), status.value)
        self.status_on = _date_edit("status_on", date.today())
        e = self.errors
        e.add(self.form, _("New &status"), self.status, "status")
        e.add(self.form, _("&Date"), self.status_on, "status_on")
        self.finish_layout()
        self.resize(420, 200)

    def work(self):  # noqa: ANN201
        by, r = self.ops.user_id, self.referral
        status, when = combo_value(self.status), self.status_on.text()
        return (lambda db: referrals.set_status(db, by, r.id, status, version=r.version,
                                                on=when).id,
                {person_change(r.person_id), "referrals"})
