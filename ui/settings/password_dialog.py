"""A user changes their own password (and with it their way in to the database)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.access import rotation, workspace
from app.errors import InvalidInput, StoreError
from app.i18n import _
from ui.session.operations import Operations
from ui.session.unlock import password_edit
from ui.widgets.forms import FieldErrors


class PasswordDialog(QDialog):
    def __init__(self, ops: Operations, user_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle(_("Change my password"))
        self.setMinimumWidth(420)
        self._ops, self._user_id = ops, user_id
        self.errors = FieldErrors()
        self.old = password_edit("old_password")
        self.new = password_edit("new_password")
        self.again = password_edit("new_password_again")
        intro = QLabel(_("Your password opens Wegwijs on this computer. Choose one of at least "
                         "ten characters that others cannot guess; a short sentence works well."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.errors.add(form, _("&Current password"), self.old, "old")
        self.errors.add(form, _("&New password"), self.new, "new")
        self.errors.add(form, _("&Again"), self.again, "again")
        self.known = QCheckBox(_("My old password may be &known to someone else"))
        self.known.setObjectName("password_known")
        self.known.setToolTip(_("Wegwijs then also changes the data key, so that an older copy "
                                "of the key file does not open the database with the old "
                                "password. Close Wegwijs on other computers first."))
        self.known.setVisible(ops.store is not None and ops.store.key is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Change password"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.known)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        self.errors.clear()
        if self.new.text() != self.again.text():
            self.errors.show(InvalidInput({"again": _("The two passwords differ.")}))
            return
        store, user_id = self._ops.store, self._user_id
        old, new = self.old.text(), self.new.text()
        known = self.known.isChecked() and self.known.isVisible()
        self.save_button.setEnabled(False)

        def work(_db):  # noqa: ANN001, ANN202
            workspace.change_password(store, user_id, old, new)
            if known:
                try:
                    return rotation.rotate(store, user_id, own_password=True,
                                           reason="password may be known")
                except StoreError as err:
                    raise StoreError(_("Your password was changed, but the data key was not: "
                                       "{reason}").format(reason=err.message)) from None
            return None

        def done(result: rotation.Rotated | None) -> None:
            for edit in (self.old, self.new, self.again):
                edit.clear()
            if result is not None and result.exchange_key and result.other_laptops:
                from ui.exchange.exchange_dialog import key_changed_text

                QMessageBox.information(self, _("Wegwijs"), key_changed_text())
            self.accept()

        def failed(err) -> None:  # noqa: ANN001
            self.save_button.setEnabled(True)
            self.errors.show(err)

        self._ops.run_in(self, work, done, failed, session=False)
