"""Changing the data key (coordinators): after deactivating a user, or when a password or the
office passphrase may be known. It offers to change or retire the office passphrase at once.

The work is ``app.access.rotation.rotate``; this dialog only asks and explains.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.access import rotation, workspace
from app.errors import InvalidInput, StoreError
from app.i18n import _
from ui.session.operations import Operations
from ui.session.unlock import password_edit
from ui.widgets.forms import FieldErrors


class KeyChangeDialog(QDialog):
    """Signals:
        rotated(object): the rotation's result (``rotation.Rotated``), after it is done.
    """

    rotated = Signal(object)

    def __init__(self, ops: Operations, *, deactivate=None, parent: QWidget | None = None,  # noqa: ANN001
                 office_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("key_change_dialog")
        self._ops, self._user, self._office_name = ops, deactivate, office_name
        self.setMinimumWidth(520)
        self.errors = FieldErrors()
        if deactivate is not None:
            self.setWindowTitle(_("Deactivate {name}").format(name=deactivate.display_name))
            text = _("{name} will no longer be able to open Wegwijs. Wegwijs also gives the "
                     "database a new data key, so that no older copy of the key file opens it "
                     "with their password.").format(name=deactivate.display_name)
        else:
            self.setWindowTitle(_("Change the data key"))
            text = _("Wegwijs gives the database a new data key. Afterwards no older copy of "
                     "the key file, and no password or passphrase that was replaced, opens it. "
                     "Everyone who still has access keeps their own password.")
        intro = QLabel(text + "\n\n" + _(
            "Close Wegwijs on other computers that use this database file first. Backups made "
            "before keep the old key and the passwords of their time: keep them locked away, "
            "or delete them."))
        intro.setWordWrap(True)

        box = QGroupBox(_("Office passphrase"))
        self.keep = QRadioButton(_("&Keep it"))
        self.change = QRadioButton(_("C&hange it (everyone who used it needs the new one)"))
        self.retire = QRadioButton(_("&Retire it: only users' own passwords and the recovery "
                                     "key open the database"))
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.keep, self.change, self.retire):
            group.addButton(button)
        self.new = password_edit("new_office_passphrase")
        self.again = password_edit("new_office_passphrase_again")
        passphrases = QFormLayout()
        passphrases.setContentsMargins(24, 0, 0, 0)
        self.errors.add(passphrases, _("&New office passphrase"), self.new, "office")
        self.errors.add(passphrases, _("A&gain"), self.again, "again")
        self.change.toggled.connect(self._changing)
        self._changing(False)
        inner = QVBoxLayout(box)
        inner.addWidget(self.keep)
        inner.addWidget(self.change)
        inner.addLayout(passphrases)
        inner.addWidget(self.retire)

        self.new_recovery = QCheckBox(_("Also make a new &recovery key (the old one stops "
                                        "working)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("change_key")
        self.ok_button.setText(_("&Deactivate and change the key") if deactivate is not None
                               else _("&Change the data key"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(self.new_recovery)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)

    def _changing(self, on: bool) -> None:
        for edit in (self.new, self.again):
            edit.setEnabled(on)

    def _choice(self) -> str:
        if self.change.isChecked():
            return rotation.CHANGE
        return rotation.RETIRE if self.retire.isChecked() else rotation.KEEP

    def _submit(self) -> None:
        self.errors.clear()
        office = self._choice()
        passphrase = self.new.text() if office == rotation.CHANGE else None
        if office == rotation.CHANGE and self.new.text() != self.again.text():
            self.errors.show(InvalidInput({"again": _("The two passphrases differ.")}))
            return
        store, by, user = self._ops.store, self._ops.user_id, self._user
        new_recovery = self.new_recovery.isChecked()
        reason = "user deactivated" if user is not None else "asked in Settings"

        def work(_db):  # noqa: ANN001, ANN202
            if user is not None and user.active:
                workspace.set_user_active(store, by, user.id, False)
            try:
                return rotation.rotate(store, by, office=office, office_passphrase=passphrase,
                                       new_recovery=new_recovery, reason=reason)
            except StoreError as err:
                if user is None:
                    raise
                raise StoreError(_("{name} was deactivated, but the data key was not changed: "
                                   "{reason} Then use Change the data key… in Settings → Users.")
                                 .format(name=user.display_name, reason=err.message)) from None

        self.ok_button.setEnabled(False)

        def done(result: rotation.Rotated) -> None:
            for edit in (self.new, self.again):
                edit.clear()
            self.rotated.emit(result)
            self._after(result, store.target.describe() if store is not None else "")

        def failed(err) -> None:  # noqa: ANN001
            self.ok_button.setEnabled(True)
            self.errors.show(err)

        self._ops.run_in(self, work, done, failed, changes={"users"}, session=False)


    def _after(self, result: rotation.Rotated, where: str) -> None:
        """What the coordinator must do next: give new passwords; bring the office's new
        exchange key to the other laptops; print the new recovery key (this dialog closes when
        it is kept)."""
        if result.left_out:
            QMessageBox.information(self, _("Wegwijs"), _(
                "These users had not opened Wegwijs since an update and have no way in after "
                "the change: {names}. Deactivate them and add them again with a new password.")
                .format(names=", ".join(result.left_out)))
        if result.exchange_key and result.other_laptops:
            from ui.exchange.exchange_dialog import key_changed_text

            QMessageBox.information(self, _("Wegwijs"), key_changed_text())
        if not result.recovery_code:
            self.accept()
            return
        from ui.settings.recovery_key_dialog import RecoveryKeyDialog

        self.recovery_dialog = RecoveryKeyDialog(result.recovery_code, self._office_name, where,
                                                 self)
        self.recovery_dialog.confirmed.connect(self.recovery_dialog.accept)
        self.recovery_dialog.confirmed.connect(self.accept)
        self.recovery_dialog.setModal(True)
        self.recovery_dialog.show()
