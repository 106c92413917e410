"""Settings: the office profile, the card contacts every card starts with, users, and the
general options (interface language, auto-lock)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.access import workspace
from app.errors import WegwijsError
from app.i18n import N_, _
from app.services import contacts, office, users
from app.vocabulary import UserRole
from ui.office.today import record_table
from ui.person.card_tab import CONTACT_COLUMNS
from ui.person.contact_dialog import ContactDialog
from ui.session.operations import Operations
from ui.session.translations import LANGUAGES
from ui.session.unlock import password_edit
from ui.settings.backup_page import BackupPage
from ui.settings.key_change_dialog import KeyChangeDialog
from ui.widgets.forms import FieldErrors, ask_discard, combo_value, select_data, show_error
from ui.widgets.labels import choices, label, language_label
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel

USER_COLUMNS = (
    Column(N_("Name"), lambda u: u.display_name),
    Column(N_("User name"), lambda u: u.username),
    Column(N_("Role"), lambda u: label("user_role", u.role)),
    Column(N_("Active"), lambda u: _("yes") if u.active else _("no")),
)
OFFICE_FIELDS = (("name", N_("&Name")), ("address", N_("A&ddress")), ("phone", N_("&Phone")),
                 ("email", N_("&E-mail")), ("website", N_("&Website")),
                 ("opening_hours", N_("&Opening hours")))


class UserDialog(QDialog):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_dialog")
        self.setWindowTitle(_("New user"))
        self._ops = ops
        self.errors = FieldErrors()
        self.display_name, self.username = QLineEdit(), QLineEdit()
        self.display_name.setObjectName("display_name")
        self.username.setObjectName("username")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for value, text in choices("user_role"):
            self.role.addItem(text, value)
        select_data(self.role, UserRole.VOLUNTEER.value)
        self.password, self.again = password_edit("password"), password_edit("again")
        form = QFormLayout()
        for text, widget, name in ((_("&Name"), self.display_name, "display_name"),
                                   (_("&User name"), self.username, "username"),
                                   (_("&Role"), self.role, "role"),
                                   (_("&Password"), self.password, "password"),
                                   (_("&Again"), self.again, "again")):
            self.errors.add(form, text, widget, name, required=True)  # users.create_user
        form.addRow(self.errors.legend())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        self.errors.clear()
        if self.password.text() != self.again.text():
            from app.errors import InvalidInput

            self.errors.show(InvalidInput({"again": _("The two passwords differ.")}))
            return
        by = self._ops.user_id
        args = (self.username.text(), self.display_name.text(), combo_value(self.role),
                self.password.text())
        store = self._ops.store  # the new user gets their own way in to the database
        self._ops.run_in(self, lambda _db: workspace.add_user(store, by, *args),
                         lambda _u: self.accept(), self.errors.show, changes={"users"},
                         session=False)


class SettingsDialog(QDialog):
    """Signals:
        language_changed(str): the interface language was saved as something new.
        auto_lock_changed(int): minutes without use before the window locks.
        saved(): the general settings were saved.
    """

    language_changed = Signal(str)
    auto_lock_changed = Signal(int)
    saved = Signal()

    def __init__(self, ops: Operations, user, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(_("Settings"))
        self._ops = ops
        self._user = user
        self._values: dict = {}
        # what the pages showed after loading or saving, to notice unsaved changes
        self._shown: dict[str, dict] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_page(), _("&General"))
        self.tabs.addTab(self._office_page(), _("&Office"))
        self.tabs.addTab(self._contacts_page(), _("&Card contacts"))
        self.tabs.addTab(self._users_page(), _("&Users"))
        self.backup_page = BackupPage(ops, user)
        self.tabs.addTab(self.backup_page, _("&Backups"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(860, 600)
        ops.changed.connect(self._changed)
        self.reload()

    def unsaved(self) -> list[str]:
        """The pages with changes that were not saved: "general" and/or "office"."""
        now = {"general": self._general_values(), "office": self._office_values()}
        return [page for page, shown in self._shown.items() if now[page] != shown]

    def reject(self) -> None:
        """Close (Close button, Esc, the window's close button); asks about unsaved changes."""
        pages = self.unsaved()
        if pages:
            answer = ask_discard(self, _("the settings"))
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._save_then_close(pages)
                return
        super().reject()

    def reload(self) -> None:
        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            profile = office.get_profile(db)
            return (settings.all_values(db), {n: getattr(profile, n) for n, _l in OFFICE_FIELDS},
                    contacts.list_contacts(db, by, None),
                    users.list_users(db, by, active_only=False))

        self._ops.run_in(self, work, self._fill)

    # pages

    def _general_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.general_errors = FieldErrors()
        self.language = QComboBox()
        self.language.setObjectName("interface_language")
        for code in LANGUAGES:
            self.language.addItem(language_label(code), code)
        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("auto_lock_minutes")
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setSuffix(" " + _("min"))
        self.card_format = QComboBox()
        self.card_format.setObjectName("default_card_format")
        for value, text in choices("format"):
            self.card_format.addItem(text, value)
        self.referral_days = QSpinBox()
        self.referral_days.setObjectName("referral_answer_days")
        self.referral_days.setRange(1, 365)
        self.referral_days.setSuffix(" " + _("days"))
        self.referral_days.setToolTip(_("After this many days without an answer, a referral "
                                        "shows on Today"))
        self.one_sided = QCheckBox(_("Print cards one-sided (no duplex printer)"))
        self.one_sided.setObjectName("card_one_sided")
        e = self.general_errors
        e.add(form, _("Interface &language"), self.language, "interface_language")
        e.add(form, _("&Lock after minutes without use"), self.auto_lock, "auto_lock_minutes")
        e.add(form, _("Card &format"), self.card_format, "card_format")
        e.add(form, _("&Wait for a partner's answer to a referral"), self.referral_days,
              "referral_answer_days")
        form.addRow(self.one_sided)
        form.addRow(e.general)
        self.save_general = QPushButton(_("&Save"))
        self.save_general.setObjectName("save_general")
        self.save_general.clicked.connect(self._save_general)
        form.addRow(self.save_general)
        return page

    def _office_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.office_errors = FieldErrors()
        self.office_fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, text in OFFICE_FIELDS:
            edit: QLineEdit | QPlainTextEdit
            if name in ("address", "opening_hours"):
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(64)
            else:
                edit = QLineEdit()
            edit.setObjectName(f"office_{name}")
            self.office_fields[name] = edit
            self.office_errors.add(form, _(text), edit, name)
        form.addRow(self.office_errors.general)
        self.save_office = QPushButton(_("&Save"))
        self.save_office.setObjectName("save_office")
        self.save_office.clicked.connect(self._save_office)
        form.addRow(self.save_office)
        return page

    def _contacts_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(_("Every contact card starts with these contacts. Leave a number empty "
                        "to print a line for writing it by hand."))
        note.setWordWrap(True)
        self.contacts = RecordTableModel(CONTACT_COLUMNS, self)
        self.contact_view = record_table(self.contacts, "default_contacts")
        add, edit, remove = (QPushButton(_("&Add…")), QPushButton(_("C&hange…")),
                             QPushButton(_("&Remove")))
        add.clicked.connect(lambda: self.edit_contact(None))
        edit.clicked.connect(self._edit_selected_contact)
        self.contact_view.activated.connect(self._edit_selected_contact)
        remove.clicked.connect(self._remove_contact)
        row = QHBoxLayout()
        for b in (add, edit, remove):
            row.addWidget(b)
        row.addStretch(1)
        layout.addWidget(note)
        layout.addWidget(self.contact_view)
        layout.addLayout(row)
        return page

    def _users_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.users = RecordTableModel(USER_COLUMNS, self)
        self.user_view = record_table(self.users, "users_view", 0)
        self.add_user_button = QPushButton(_("&New user…"))
        self.add_user_button.setObjectName("add_user")
        self.toggle_user_button = QPushButton(_("&Deactivate / activate"))
        self.key_button = QPushButton(_("Change the data &key…"))
        self.key_button.setObjectName("change_data_key")
        self.key_button.setToolTip(_("When a password or the office passphrase may be known, "
                                     "or to change or retire the office passphrase"))
        coordinator = getattr(self._user, "role", None) == UserRole.COORDINATOR
        for b in (self.add_user_button, self.toggle_user_button, self.key_button):
            b.setEnabled(coordinator)
        self.key_button.setVisible(self._has_data_key())
        self.add_user_button.clicked.connect(self.add_user)
        self.toggle_user_button.clicked.connect(self._toggle_user)
        self.key_button.clicked.connect(lambda: self.change_key())
        row = QHBoxLayout()
        row.addWidget(self.add_user_button)
        row.addWidget(self.toggle_user_button)
        row.addWidget(self.key_button)
        row.addStretch(1)
        layout.addWidget(self.user_view)
        layout.addLayout(row)
        if not coordinator:
            layout.addWidget(QLabel(_("Only a coordinator can add or deactivate users.")))
        return page

    # actions

    def edit_contact(self, contact) -> ContactDialog:  # noqa: ANN001
        by = self._ops.user_id

        def save(fields, done, failed) -> None:  # noqa: ANN001
            work = ((lambda db: contacts.add_contact(db, by, fields, None)) if contact is None
                    else (lambda db: contacts.update_contact(db, by, contact.id, contact.version,
                                                             fields)))
            self._ops.run_in(dialog, work, lambda _r: done(), failed, changes={"contacts"})

        dialog = ContactDialog(save, contact, self, ops=self._ops)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _has_data_key(self) -> bool:
        """An SQLite database with a key file (a server's accounts guard a PostgreSQL one)."""
        store = self._ops.store
        return store is not None and store.target.path is not None and store.key is not None

    def change_key(self, deactivate=None) -> KeyChangeDialog:  # noqa: ANN001 - a User
        dialog = KeyChangeDialog(self._ops, deactivate=deactivate, parent=self,
                                 office_name=self.office_fields["name"].text()
                                 if hasattr(self, "office_fields") else "")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def add_user(self) -> UserDialog:
        dialog = UserDialog(self._ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # helpers

    def _fill(self, result: tuple) -> None:
        values, profile, defaults, all_users = result
        unsaved = self.unsaved()  # a reload after saving one page keeps what is typed on another
        if "general" not in unsaved:
            self._values = values
            select_data(self.language, values["interface_language"])
            self.auto_lock.setValue(int(values["auto_lock_minutes"]))
            select_data(self.card_format, values["card_format"])
            self.one_sided.setChecked(bool(values["card_one_sided"]))
            self.referral_days.setValue(int(values["referral_answer_days"]))
            self._shown["general"] = self._general_values()
        if "office" not in unsaved:
            for name, edit in self.office_fields.items():
                if isinstance(edit, QLineEdit):
                    edit.setText(profile[name])
                else:
                    edit.setPlainText(profile[name])
            self._shown["office"] = self._office_values()
        self.contacts.set_records(defaults)
        self.users.set_records(all_users)

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if keys & {"users", "contacts", "office", "settings"}:
            self.reload()

    def _general_values(self) -> dict:
        return {"interface_language": combo_value(self.language),
                "auto_lock_minutes": self.auto_lock.value(),
                "card_format": combo_value(self.card_format),
                "card_one_sided": self.one_sided.isChecked(),
                "referral_answer_days": self.referral_days.value()}

    def _office_values(self) -> dict[str, str]:
        return {n: (e.text() if isinstance(e, QLineEdit) else e.toPlainText())
                for n, e in self.office_fields.items()}

    def _save_then_close(self, pages: list[str]) -> None:
        """Save the unsaved pages; close when all are saved, else stay on the one that failed."""
        left = set(pages)

        def saved(page: str) -> None:
            left.discard(page)
            if not left:
                QDialog.reject(self)

        def failed(page: str) -> None:
            self.tabs.setCurrentIndex(0 if page == "general" else 1)

        if "general" in pages:
            self._write_general(lambda: saved("general"), lambda: failed("general"))
        if "office" in pages:
            self._write_office(lambda: saved("office"), lambda: failed("office"))

    @Slot()
    def _save_general(self) -> None:
        self._write_general()

    def _write_general(self, then: Callable[[], None] | None = None,
                       otherwise: Callable[[], None] | None = None) -> None:
        self.general_errors.clear()
        by = self._ops.user_id
        new = self._general_values()
        old = dict(self._values)

        def work(db):  # noqa: ANN001, ANN202
            for key, value in new.items():
                settings.set_value(db, by, key, value)

        def done(_r) -> None:  # noqa: ANN001
            self._values.update(new)
            self._shown["general"] = new
            self.saved.emit()
            if new["auto_lock_minutes"] != old.get("auto_lock_minutes"):
                self.auto_lock_changed.emit(new["auto_lock_minutes"])
            if then is not None:
                then()
            if new["interface_language"] != old.get("interface_language"):
                self.language_changed.emit(new["interface_language"])

        def failed(err: WegwijsError) -> None:
            self.general_errors.show(err)
            if otherwise is not None:
                otherwise()

        self._ops.run_in(self, work, done, failed, changes={"settings"})

    @Slot()
    def _save_office(self) -> None:
        self._write_office()

    def _write_office(self, then: Callable[[], None] | None = None,
                      otherwise: Callable[[], None] | None = None) -> None:
        self.office_errors.clear()
        by = self._ops.user_id
        values = self._office_values()

        def done(_r) -> None:  # noqa: ANN001
            self._shown["office"] = values  # the reload that follows puts in the stored text
            if then is not None:
                then()

        def failed(err: WegwijsError) -> None:
            self.office_errors.show(err)
            if otherwise is not None:
                otherwise()

        self._ops.run_in(self, lambda db: office.update_profile(db, by, **values), done,
                         failed, changes={"office"})

    @Slot()
    def _edit_selected_contact(self) -> None:
        index = self.contact_view.currentIndex()
        if index.isValid():
            self.edit_contact(index.data(RECORD_ROLE))

    @Slot()
    def _remove_contact(self) -> None:
        index = self.contact_view.currentIndex()
        if index.isValid():
            contact, by = index.data(RECORD_ROLE), self._ops.user_id
            self._ops.run_in(self, lambda db: contacts.delete_contact(db, by, contact.id),
                             changes={"contacts"})

    @Slot()
    def _toggle_user(self) -> None:
        index = self.user_view.currentIndex()
        if not index.isValid():
            return
        chosen, by = index.data(RECORD_ROLE), self._ops.user_id

        def failed(err: WegwijsError) -> None:
            show_error(self, err)

        if chosen.active and self._has_data_key():
            self.change_key(chosen)  # deactivating also changes the data key
            return
        store = self._ops.store
        self._ops.run_in(self, lambda _db: workspace.set_user_active(store, by, chosen.id,
                                                                     not chosen.active),
                         None, failed, changes={"users"}, session=False)
