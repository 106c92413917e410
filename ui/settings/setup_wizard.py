"""First start: a short set-up that creates the encrypted database.

Four pages: the office passphrase (twice), the office profile printed on every card, the
office's default card contacts, and the first user (a coordinator). Nothing is written until
Finish; if the last step fails the new, empty file is removed so set-up can simply run again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.access.workspace import initialise, set_user_passphrase
from app.errors import InvalidInput, WegwijsError
from app.i18n import _
from app.services import contacts, office, users
from app.store import Store, Target
from app.store.keys import MIN_NEW_PASSPHRASE
from app.vocabulary import UserRole
from ui.session.operations import Operations
from ui.session.preferences import remember_username
from ui.session.unlock import password_edit
from ui.widgets.forms import FieldErrors
from ui.widgets.labels import role_label

PAGES = ("passphrase", "office", "contacts", "user")


class _Page(QWizardPage):
    """A page with its explanation in full at the top (the wizard's own subtitle line has a
    fixed height and cuts long sentences off), then a form."""

    def __init__(self, title: str, explanation: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.explanation = QLabel(explanation)
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addStretch(1)


class SetupWizard(QWizard):
    """The first-start set-up.

    Signals:
        unlocked(object, object): the new ``Store`` and the first ``User`` (logged in).
    """

    unlocked = Signal(object, object)

    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup")
        self._target = target
        self._ops = Operations(None, None, self)
        self.setWindowTitle(_("Wegwijs – first start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(640, 520)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))

        p = self.pass_page = _Page(
            _("Protect the data"),
            _("Wegwijs keeps everything in one encrypted file on this computer. Choose an "
              "office passphrase of at least {n} characters and keep it somewhere safe: "
              "without it nobody, not even a technician, can open the data. Each user also "
              "gets a password of their own later.").format(n=MIN_NEW_PASSPHRASE))
        self.passphrase = password_edit("passphrase")
        self.passphrase_again = password_edit("passphrase_again")
        p.errors.add(p.form, _("&Office passphrase"), self.passphrase, "passphrase",
                     required=True)
        p.errors.add(p.form, _("&Again"), self.passphrase_again, "again", required=True)
        where = QLabel(_("The file: {where}").format(where=target.describe()))
        where.setWordWrap(True)
        p.form.addRow(where)
        p.form.addRow(p.errors.legend())
        p.validatePage = self._check_passphrase  # type: ignore[method-assign]
        self.addPage(p)

        p = self.office_page = _Page(_("Your office"),
                                     _("Printed on every contact card. You can change it later "
                                       "under Settings."))
        self.office_fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, label in (("name", _("&Name")), ("address", _("A&ddress")),
                            ("phone", _("&Phone")), ("email", _("&E-mail")),
                            ("opening_hours", _("&Opening hours"))):
            edit: QLineEdit | QPlainTextEdit
            if name in ("address", "opening_hours"):
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(60)
            else:
                edit = QLineEdit()
            edit.setObjectName(f"office_{name}")
            self.office_fields[name] = edit
            p.errors.add(p.form, label, edit, name)
        self.office_fields["name"].setText("Stem in de Stad")  # type: ignore[union-attr]
        self.addPage(p)

        p = self.contacts_page = _Page(
            _("Contacts on every card"),
            _("Fill in the local organisations and numbers you know; leave the rest empty "
              "and the card prints a line to write on by hand. National numbers (112, "
              "0900-8844, Veilig Thuis, 113) are always printed."))
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.addWidget(QLabel("<b>{}</b>".format(_("Contact"))), 0, 0)
        grid.addWidget(QLabel("<b>{}</b>".format(_("Organisation or name"))), 0, 1)
        grid.addWidget(QLabel("<b>{}</b>".format(_("Phone"))), 0, 2)
        self.default_contacts = contacts.load_default_file()
        self.contact_edits: list[tuple[QLineEdit, QLineEdit]] = []
        for row, fields in enumerate(self.default_contacts, start=1):
            org, phone = QLineEdit(fields.organisation), QLineEdit(fields.phone)
            org.setObjectName(f"contact_org_{fields.role}")
            phone.setObjectName(f"contact_phone_{fields.role}")
            grid.addWidget(QLabel(role_label(fields.role)), row, 0)
            grid.addWidget(org, row, 1)
            grid.addWidget(phone, row, 2)
            self.contact_edits.append((org, phone))
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)
        p.form.addRow(grid_box)
        p.form.addRow(p.errors.general)
        p.errors.hide_on_edit(p.errors.general, grid_box)
        self.addPage(p)

        p = self.user_page = _Page(
            _("The first user"),
            _("You become the coordinator: you can add the other users under Settings. Each "
              "user logs in with their own password."))
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = password_edit("password")
        self.password_again = password_edit("password_again")
        p.errors.add(p.form, _("Your &name"), self.display_name, "display_name", required=True)
        p.errors.add(p.form, _("&User name"), self.username, "username", required=True)
        p.errors.add(p.form, _("Your own pass&word"), self.password, "password", required=True)
        p.errors.add(p.form, _("&Again"), self.password_again, "again", required=True)
        p.form.addRow(p.errors.general)
        p.form.addRow(p.errors.legend())
        self.addPage(p)
        self.display_name.textEdited.connect(self._suggest_username)
        self._creating = False

    def accept(self) -> None:  # the Finish button
        if self._creating:
            return
        if self.password.text() != self.password_again.text():
            self.user_page.errors.show(InvalidInput({"again": _("The two passwords differ.")}))
            return
        self._create()

    # helpers

    def _check_passphrase(self) -> bool:
        errors = self.pass_page.errors
        errors.clear()
        text = self.passphrase.text()
        if len(text) < MIN_NEW_PASSPHRASE:
            errors.show(InvalidInput({"passphrase": _(
                "Choose an office passphrase of at least {n} characters.").format(
                    n=MIN_NEW_PASSPHRASE)}))
            return False
        if text != self.passphrase_again.text():
            errors.show(InvalidInput({"again": _("The two office passphrases differ.")}))
            return False
        return True

    @Slot(str)
    def _suggest_username(self, text: str) -> None:
        if not self.username.isModified():
            self.username.setText(text.strip().split(" ")[0].lower() if text.strip() else "")

    def _create(self) -> None:
        self._creating = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        target = self._target
        passphrase = self.passphrase.text()
        profile = {name: (e.text() if isinstance(e, QLineEdit) else e.toPlainText())
                   for name, e in self.office_fields.items()}
        defaults = [(org.text(), phone.text()) for org, phone in self.contact_edits]
        user = (self.username.text(), self.display_name.text(), self.password.text())
        stage = ["user", ""]  # what was being saved, and which contact (its role)

        def work(_db):  # noqa: ANN001, ANN202
            store = initialise(target, passphrase if target.is_sqlite else None)
            try:
                with store.session() as db:
                    first = users.create_user(db, None, user[0], user[1], UserRole.COORDINATOR,
                                              user[2])
                    set_user_passphrase(store, first.username, user[2])
                    stage[0] = "office"
                    office.update_profile(db, first.id, **profile)
                    stage[0] = "contacts"
                    rows = contacts.list_contacts(db, first.id, None)
                    for row, (org, phone) in zip(rows, defaults, strict=False):
                        stage[1] = row.role.value
                        if org.strip() or phone.strip():
                            fields = contacts.ContactFields(
                                role=row.role.value, organisation=org, phone=phone,
                                purpose_key=row.purpose_key, address=row.address,
                                hours=row.hours, name=row.name, purpose_text=row.purpose_text)
                            contacts.update_contact(db, first.id, row.id, row.version, fields)
                    return store, first
            except BaseException:
                store.close()
                if target.is_sqlite and target.path is not None:
                    for suffix in ("", "-wal", "-shm", ".keyring"):
                        target.path.with_name(target.path.name + suffix).unlink(missing_ok=True)
                raise

        self._ops.run_in(self, work, self._created,
                         lambda err: self._failed(err, stage[0], stage[1]), session=False)

    def _created(self, result: tuple[Store, object]) -> None:
        store, user = result
        remember_username(user.username)  # type: ignore[attr-defined]
        # Stays up, waiting, until the controller shows the next window (the recovery key).
        self.setEnabled(False)
        self.unlocked.emit(store, user)

    def _failed(self, err: WegwijsError, stage: str, role: str = "") -> None:
        self._creating = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if stage == "office":
            self.office_page.errors.show(err)
            self._go_to(1)
        elif stage == "contacts":
            self.contacts_page.errors.show(self._name_the_row(err, role))
            self._go_to(2)
            field = "org" if "organisation" in getattr(err, "problems", {}) else "phone"
            edit = self.contacts_page.findChild(QLineEdit, f"contact_{field}_{role}")
            if edit is not None:
                edit.setFocus()
        else:
            self.user_page.errors.show(err)

    @staticmethod
    def _name_the_row(err: WegwijsError, role: str) -> WegwijsError:
        """The contacts page shows its problems in one line: say which contact each is about."""
        if not role:
            return err
        problems = err.problems if isinstance(err, InvalidInput) else {"": err.message}
        return InvalidInput({name: _("{contact}: {problem}").format(
            contact=role_label(role), problem=message) for name, message in problems.items()})

    def _go_to(self, index: int) -> None:
        while self.currentId() > index:
            self.back()
