"""The Consent tab: what the person agreed may be shared, with whom, and when it was withdrawn."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import N_, _
from app.services import consents
from app.services.operations import PersonFile
from ui.office.today import record_table
from ui.person.handover_dialog import HandoverDialog, open_handover
from ui.person.person_tab import PersonTab
from ui.person.plan_dialogs import date_edit
from ui.session.operations import Operations
from ui.widgets.dialog_drafts import FormDrafts
from ui.widgets.forms import FieldErrors, show_error
from ui.widgets.labels import label
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date

CONSENT_COLUMNS = (
    Column(N_("Given on"), lambda c: fmt_date(c.given_on), lambda c: c.given_on.toordinal()),
    Column(N_("For"), lambda c: c.purpose, natural_direction=True),
    Column(N_("With"), lambda c: c.partner, natural_direction=True),
    Column(N_("What may be shared"), lambda c: ", ".join(label("scope", s) for s in c.scope)),
    Column(N_("Withdrawn on"), lambda c: fmt_date(c.withdrawn_on) or "—",
           lambda c: c.withdrawn_on.toordinal() if c.withdrawn_on else 0),
)


class ConsentDialog(QDialog):
    def __init__(self, ops: Operations, person_id: uuid.UUID, change: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consent_dialog")
        self.setWindowTitle(_("Record consent"))
        self._ops, self._person_id, self._change = ops, person_id, change
        self.errors = FieldErrors()
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        self.purpose.setPlaceholderText(_("e.g. registration at the language school"))
        self.partner = QLineEdit()
        self.partner.setObjectName("partner")
        self.given_on = date_edit("given_on")
        self.given_on.setPlaceholderText(_("today"))
        scope_box = QWidget()
        scope_layout = QVBoxLayout(scope_box)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        self.scope: dict[str, QCheckBox] = {}
        for key in consents.SCOPES:
            box = QCheckBox(label("scope", key))
            box.setObjectName(f"scope_{key}")
            self.scope[key] = box
            scope_layout.addWidget(box)
        form = QFormLayout()
        e = self.errors
        e.add(form, _("&What for"), self.purpose, "purpose")
        e.add(form, _("&With whom"), self.partner, "partner")
        e.add(form, _("What may be &shared"), scope_box, "scope")
        e.add(form, _("&Given on"), self.given_on, "given_on")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        self.save_button.setObjectName("save_consent")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.drafts = FormDrafts(ops, "consent", person_id, {
            "purpose": self.purpose, "partner": self.partner, "given_on": self.given_on,
            **{f"scope_{k}": box for k, box in self.scope.items()}}, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drafts.note)
        layout.addLayout(form)
        layout.addWidget(e.general)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.drafts.restore()

    def reject(self) -> None:
        if self.drafts.close_ok(self, _("the consent"), self._submit):
            super().reject()

    def _submit(self) -> None:
        self.errors.clear()
        by, pid = self._ops.user_id, self._person_id
        purpose, partner, given = self.purpose.text(), self.partner.text(), self.given_on.text()
        scope = [k for k, box in self.scope.items() if box.isChecked()]

        self._ops.run_in(self, lambda db: consents.give_consent(
            db, by, pid, purpose=purpose, partner=partner, scope=scope, given_on=given or None),
            lambda _c: self._saved(), self.errors.show, changes={self._change})

    def _saved(self) -> None:
        self.drafts.forget()
        self.accept()


class ConsentTab(PersonTab):
    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("consent_tab")
        note = QLabel(_("Share information with partners only as far as a consent below "
                        "covers it, and only while it is not withdrawn."))
        note.setWordWrap(True)
        self.model = RecordTableModel(CONSENT_COLUMNS, self)
        self.view = record_table(self.model, "consent_view", 0)
        self.add_button = QPushButton(_("&Record consent…"))
        self.add_button.setObjectName("add_consent")
        self.withdraw_button = QPushButton(_("&Withdrawn…"))
        self.withdraw_button.setObjectName("withdraw_consent")
        self.withdraw_on = date_edit("withdraw_on")
        self.withdraw_on.setPlaceholderText(_("today"))
        self.withdraw_on.setMaximumWidth(140)
        self.handover_button = QPushButton(_("Han&dover document…"))
        self.handover_button.setObjectName("handover")
        self.handover_button.setToolTip(_("A PDF summary for a partner organisation, holding "
                                          "only what the consent covers"))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.handover_button)
        row.addStretch(1)
        row.addWidget(QLabel(_("Withdrawn on")))
        row.addWidget(self.withdraw_on)
        row.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_consent)
        self.withdraw_button.clicked.connect(self._withdraw)
        self.handover_button.clicked.connect(self.handover)
        self.withdraw_button.setText(_("Mark as &withdrawn"))

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.model.set_records(list(file.person.consents))

    @Slot()
    def add_consent(self) -> ConsentDialog:
        dialog = ConsentDialog(self.ops, self.person_id, self.change, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def handover(self) -> HandoverDialog | None:
        return open_handover(self.ops, self.file, self)

    @Slot()
    def _withdraw(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            show_error(self, _("Select the consent that was withdrawn."))
            return
        consent = index.data(RECORD_ROLE)
        by, when = self.ops.user_id, self.withdraw_on.text() or None

        def failed(err: WegwijsError) -> None:
            show_error(self, err)

        self.ops.run_in(self, lambda db: consents.withdraw_consent(db, by, consent.id, when),
                        lambda _c: self.withdraw_on.clear(), failed, changes={self.change})
