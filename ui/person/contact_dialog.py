"""Edit one contact of a card: the role, who, phone, address, hours and what it is for."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
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

from app import opening_hours
from app.errors import WegwijsError
from app.i18n import _
from app.services.contacts import ContactFields
from app.services.drafts import record_form
from ui.session.operations import Operations
from ui.widgets.dialog_drafts import FormDrafts
from ui.widgets.forms import FieldErrors, combo_value, select_data
from ui.widgets.labels import choices


class ContactDialog(QDialog):
    """``save(fields, done, failed)`` is called with the form; the dialog closes when done.

    With ``ops`` what is typed is kept as a draft (of ``person_id``'s card, or of the office's
    contacts when None) until saved.
    """

    def __init__(self, save: Callable[[ContactFields, Callable, Callable], None],
                 contact=None, parent: QWidget | None = None, *,  # noqa: ANN001
                 ops: Operations | None = None, person_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contact_dialog")
        self.setWindowTitle(_("Contact on the card"))
        self._save = save
        self._purpose_key = contact.purpose_key if contact is not None else None
        self.errors = FieldErrors()
        self.role = QComboBox()
        self.role.setObjectName("role")
        for value, text in choices("contact_role"):
            self.role.addItem(text, value)
        self.organisation = QLineEdit()
        self.organisation.setObjectName("organisation")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.address = QPlainTextEdit()
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(56)
        self.hours = QLineEdit()
        self.hours.setObjectName("hours")
        self.hours.setPlaceholderText(_("e.g. ma-do 9:00-17:00; za 10-12"))
        self.hours_note = QLabel()
        self.hours_note.setObjectName("hours_understood")
        self.hours_note.setWordWrap(True)
        self.hours.textChanged.connect(self._show_hours)
        self.purpose = QPlainTextEdit()
        self.purpose.setObjectName("purpose_text")
        self.purpose.setTabChangesFocus(True)
        self.purpose.setFixedHeight(56)
        self.purpose.setPlaceholderText(_("Leave empty for the standard text of this kind of "
                                          "contact (translated on the card)"))
        form = QFormLayout()
        e = self.errors
        e.add(form, _("&Kind"), self.role, "role")
        e.add(form, _("&Organisation"), self.organisation, "organisation")
        e.add(form, _("&Name"), self.name, "name")
        e.add(form, _("&Phone"), self.phone, "phone")
        e.add(form, _("A&ddress"), self.address, "address")
        e.add(form, _("&Hours"), self.hours, "hours")
        form.addRow("", self.hours_note)
        e.add(form, _("What you can go there &for"), self.purpose, "purpose_text")
        form.addRow(e.general)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_contact")
        self.save_button.setText(_("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        if contact is not None:
            select_data(self.role, contact.role.value)
            self.organisation.setText(contact.organisation)
            self.name.setText(contact.name)
            self.phone.setText(contact.phone)
            self.address.setPlainText(contact.address)
            self.hours.setText(contact.hours)
            self.purpose.setPlainText(contact.purpose_text)
        self.drafts = FormDrafts(
            ops, record_form("contact", contact.id if contact is not None else None), person_id,
            {"role": self.role, "organisation": self.organisation, "name": self.name,
             "phone": self.phone, "address": self.address, "hours": self.hours,
             "purpose_text": self.purpose}, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drafts.note)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(520, 460)
        self.drafts.restore()

    def _show_hours(self, text: str) -> None:
        """How the card will print the hours: understood (the day names then follow the
        card's language) or as typed."""
        slots = opening_hours.parse(text)
        if not text.strip():
            self.hours_note.setText("")
        elif slots is None:
            self.hours_note.setText(_("Printed as typed (not understood as days and times)."))
        else:
            self.hours_note.setText(_("Understood: {hours}; the card prints the days in its "
                                      "language.").format(
                                          hours="; ".join(opening_hours.describe(slots, "nl"))))

    def fields(self) -> ContactFields:
        role = combo_value(self.role)
        key = self._purpose_key if self._purpose_key and self._purpose_key.endswith(role) \
            else None
        return ContactFields(role=role, organisation=self.organisation.text(),
                             name=self.name.text(), phone=self.phone.text(),
                             address=self.address.toPlainText(), hours=self.hours.text(),
                             purpose_key=key, purpose_text=self.purpose.toPlainText())

    def _submit(self) -> None:
        self.errors.clear()
        self.save_button.setEnabled(False)

        def failed(err: WegwijsError) -> None:
            self.save_button.setEnabled(True)
            self.errors.show(err)

        def saved() -> None:
            self.drafts.forget()
            self.accept()

        self._save(self.fields(), saved, failed)

    def reject(self) -> None:
        if self.drafts.close_ok(self, _("the contact"), self._submit):
            super().reject()
