"""Unlock on start and after auto-lock.

A user whose password is in the database's keyring opens it and logs in with their user name
and password in one step. Anyone else types the office passphrase (or the printed recovery
key), then logs in; that first login adds their own way in. When the database has no user
yet (made with ``wegwijs init``), the last step creates the first coordinator instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, WegwijsError
from app.i18n import _
from app.vocabulary import UserRole
from ui.office.pages import PAGE
from ui.session import preload
from ui.session.operations import Operations
from ui.session.preferences import remember_username, remembered_username
from ui.widgets.forms import FieldErrors
from ui.widgets.labels import ltr

if TYPE_CHECKING:  # the database layer is loaded while the window waits (ui.session.controller)
    from app.access.quick_start import QuickStart
    from app.access.workspace import Opened
    from app.store import Store, Target


def _left(button: QPushButton) -> QHBoxLayout:
    """A button at its own width, at the start of the row."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


def _selectable(label: QLabel) -> None:
    from PySide6.QtCore import Qt

    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class UnlockDialog(QDialog):
    """Asks the passphrase (unless the store is already open), then the user.

    Signals:
        unlocked(object, object): the open ``Store`` and the logged-in ``User``.
        started(object): a user's own password opened an SQLite file at the newest schema:
            the ``QuickStart`` (app.access.quick_start) the main window shows first, before
            the store is opened behind it.
    """

    unlocked = Signal(object, object)
    started = Signal(object)

    def __init__(self, target: Target, store: Store | None = None, *, locked_user: str = "",
                 idle: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlock")
        self._target = target
        self.store = store
        self._relock = bool(locked_user)
        self._ops = Operations(store, None, self)
        self.setWindowTitle(_("Wegwijs – locked") if self._relock else _("Wegwijs – unlock"))
        self.setMinimumWidth(460)

        intro = QLabel(_("Wegwijs keeps its data encrypted. Type your user name and password "
                         "to open it.") if not self._relock else
                       _("Wegwijs was locked because it was not used for a while. Type your "
                         "password to continue.") if idle else
                       _("Wegwijs is locked. Type your password to continue."))
        intro.setWordWrap(True)
        # a path reads left to right, also in a right-to-left sentence
        where = QLabel(_("Database: {where}").format(where=ltr(target.describe())))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(mid);")
        # Selectable once the window is up: the first Qt flag handed to a widget makes
        # PySide6 build its Python enum classes (about 20 ms), which need not keep the window
        # from showing; after Enter they are built while the key is derived (issue 17).
        QTimer.singleShot(0, where, lambda: _selectable(where))

        self.pages = QStackedWidget()
        # page 0: user name and password (or the office passphrase, or the recovery key)
        self.who = QLineEdit(remembered_username())
        self.who.setObjectName("unlock_username")
        self.passphrase = password_edit("passphrase")
        self.pass_errors = FieldErrors()
        page = QWidget()
        form = QFormLayout(page)
        self.pass_errors.add(form, _("&User name"), self.who, "username")
        self.pass_errors.add(form, _("&Password"), self.passphrase, "passphrase")
        # one field takes either: say so, naming the office passphrase by its own name
        hint = QLabel(_("Your own password, or the office passphrase if you have no password "
                        "of your own on this computer yet."))
        hint.setObjectName("passphrase_hint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        form.addRow(hint)
        self.recovery_button = QPushButton(_("Use the &recovery key…"))
        self.recovery_button.setObjectName("recovery_button")
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.clicked.connect(lambda: self._show_page(3))
        form.addRow(_left(self.recovery_button))
        self.pages.addWidget(page)
        # page 1: user
        self.username = QLineEdit(locked_user or remembered_username())
        self.username.setObjectName("username")
        self.username.setReadOnly(self._relock)
        self.password = password_edit("password")
        self.user_errors = FieldErrors()
        page = QWidget()
        form = QFormLayout(page)
        self.user_errors.add(form, _("&User name"), self.username, "username")
        self.user_errors.add(form, _("Pass&word"), self.password, "password")
        form.addRow(self.user_errors.general)
        self.pages.addWidget(page)
        # page 2: first user
        self.new_username = QLineEdit()
        self.new_username.setObjectName("new_username")
        self.new_display = QLineEdit()
        self.new_display.setObjectName("new_display_name")
        self.new_password = password_edit("new_password")
        self.new_again = password_edit("new_password_again")
        self.new_errors = FieldErrors()
        page = QWidget()
        form = QFormLayout(page)
        note = QLabel(_("There are no users yet. Create the first coordinator."))
        note.setWordWrap(True)
        form.addRow(note)
        self.new_errors.add(form, _("&User name"), self.new_username, "username", required=True)
        self.new_errors.add(form, _("&Name"), self.new_display, "display_name", required=True)
        self.new_errors.add(form, _("Your own pass&word"), self.new_password, "password",
                            required=True)
        self.new_errors.add(form, _("&Again"), self.new_again, "again", required=True)
        form.addRow(self.new_errors.general)
        form.addRow(self.new_errors.legend())
        self.pages.addWidget(page)
        # page 3: recovery key
        self.recovery = QLineEdit()
        self.recovery.setObjectName("recovery_key")
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery_errors = FieldErrors()
        page = QWidget()
        form = QFormLayout(page)
        note = QLabel(_("Type the recovery key that was printed when Wegwijs was set up. After "
                        "opening, log in and choose a new password."))
        note.setWordWrap(True)
        form.addRow(note)
        self.recovery_errors.add(form, _("Recovery &key"), self.recovery, "recovery")
        back = QPushButton(_("&Back to the password"))
        back.setAutoDefault(False)
        back.clicked.connect(lambda: self._show_page(0))
        form.addRow(_left(back))
        self.pages.addWidget(page)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("unlock_button")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            _("Log out") if self._relock else _("Cancel"))
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pages)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self._show_page(1 if store is not None else 0)

    def page(self) -> str:
        return ("passphrase", "user", "first_user", "recovery")[self.pages.currentIndex()]

    def open_with(self, passphrase: str) -> None:
        """Unlock with a passphrase from a file or the environment (skips the first step)."""
        self.passphrase.setText(passphrase)
        self._unlock()

    # helpers

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.ok_button.setText((_("&Unlock"), _("&Log in"), _("&Create user"),
                                _("&Unlock"))[index])
        if index == 0:
            first = self.passphrase if self.who.text() else self.who
        else:
            first = (None, self.password if self.username.text() else self.username,
                     self.new_username, self.recovery)[index]
        first.setFocus()

    @Slot()
    def _next(self) -> None:
        index = self.pages.currentIndex()
        if index == 0:
            self._unlock()
        elif index == 1:
            self._login()
        elif index == 2:
            self._create_first_user()
        else:
            self._recover()

    def _done(self, user) -> None:  # noqa: ANN001
        """Unlocked: stays up, waiting, until the controller has the next window on screen."""
        self._busy(True)
        self.unlocked.emit(self.store, user)

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.pages.setEnabled(not busy)

    def _unlock(self) -> None:
        self.pass_errors.clear()
        passphrase = self.passphrase.text()
        if not passphrase and self._target.is_sqlite:
            self.pass_errors.show(InvalidInput({"passphrase": _(
                "Type your password or the office passphrase.")}))
            return
        self._busy(True)
        target, who = self._target, self.who.text()
        preload.hold()  # the next window comes first; the database layer loads after it
        # Loaded here, not in the worker: the key derivation starts there at once, and the GUI
        # thread's own imports below do not compete with it for the GIL.
        from app.access.workspace import Opened, open_for

        def work(_db):  # noqa: ANN001, ANN202
            # The key derivation (Argon2, without the GIL) runs at once. A user's own password
            # on an SQLite file gives a quick start (the main window's first data, read with
            # plain SQL); otherwise open_for waits for the database layer (``loaded``) only
            # before it opens the store.
            opened = open_for(target, who, passphrase if target.is_sqlite else None,
                              loaded=preload.wait, quick_page=PAGE)
            return self._count_users(opened) if isinstance(opened, Opened) else opened

        def failed(err: WegwijsError) -> None:
            self._busy(False)
            self.pass_errors.show(InvalidInput({"passphrase": err.message}))
            self.passphrase.selectAll()
            self.passphrase.setFocus()

        self._ops.run_in(self, work, self._opened, failed, session=False)
        preload.window_modules()  # while the key is derived (no GIL): the main window's own

    def _recover(self) -> None:
        self.recovery_errors.clear()
        code = self.recovery.text()
        if not code.strip():
            self.recovery_errors.show(InvalidInput({"recovery": _("Type the recovery key.")}))
            return
        preload.wait()
        from app.access.workspace import Opened, unlock_with_recovery_key

        self._busy(True)
        target = self._target

        def work(_db):  # noqa: ANN001, ANN202
            return self._count_users(Opened(unlock_with_recovery_key(target, code), None))

        def failed(err: WegwijsError) -> None:
            self._busy(False)
            self.recovery_errors.show(InvalidInput({"recovery": err.message}))
            self.recovery.selectAll()
            self.recovery.setFocus()

        self._ops.run_in(self, work, self._opened, failed, session=False)

    @staticmethod
    def _count_users(opened: Opened) -> tuple[Opened, int]:
        """Runs in the worker: whether there is any user (0 means: create the first one). Nobody
        has logged in yet: the only question asked of the database is whether it has users."""
        from app.access.permissions import no_users_yet

        try:
            with opened.store.session() as db:
                return opened, 0 if no_users_yet(db) else 1
        except BaseException:
            opened.store.close()
            raise

    def _opened(self, result: tuple[Opened, int] | QuickStart) -> None:
        if not isinstance(result, tuple):
            self.passphrase.clear()
            remember_username(result.user.username)
            self.started.emit(result)  # stays up, busy, until the main window is on screen
            return
        self._busy(False)
        opened, count = result
        self.store = opened.store
        self._ops.store = self.store
        self.passphrase.clear()
        self.recovery.clear()
        if opened.user is not None:
            remember_username(opened.user.username)
            self._done(opened.user)
            return
        if self.who.text() and not self.username.text():
            self.username.setText(self.who.text())
        self._show_page(1 if count else 2)

    def _login(self) -> None:
        self.user_errors.clear()
        name, password = self.username.text(), self.password.text()
        if not name:
            self.user_errors.show(InvalidInput({"username": _("Type your user name.")}))
            return
        preload.wait()
        from app.access.workspace import log_in
        from app.services import users

        self._busy(True)

        def done(user) -> None:  # noqa: ANN001
            self._busy(False)
            self.password.clear()
            remember_username(user.username)
            self._done(user)

        def failed(err: WegwijsError) -> None:
            self._busy(False)
            self.user_errors.show(InvalidInput({"password": err.message}))
            self.password.selectAll()
            self.password.setFocus()

        if self._relock:
            self._ops.run_in(self, lambda db: users.authenticate(db, name, password), done,
                             failed)
        else:  # the first login after the office passphrase also adds the user's own way in
            store = self.store
            self._ops.run_in(self, lambda _db: log_in(store, name, password), done, failed,
                             session=False)

    def _create_first_user(self) -> None:
        self.new_errors.clear()
        if self.new_password.text() != self.new_again.text():
            self.new_errors.show(InvalidInput({"again": _("The two passwords differ.")}))
            return
        self._busy(True)
        name, display, password = (self.new_username.text(), self.new_display.text(),
                                   self.new_password.text())

        def done(user) -> None:  # noqa: ANN001
            self._busy(False)
            remember_username(user.username)
            self._done(user)

        def failed(err: WegwijsError) -> None:
            self._busy(False)
            self.new_errors.show(err)

        preload.wait()
        from app.access.workspace import set_user_passphrase
        from app.services import users

        store = self.store

        def work(db):  # noqa: ANN001, ANN202
            user = users.create_user(db, None, name, display, UserRole.COORDINATOR, password)
            set_user_passphrase(store, user.username, password)
            return user

        self._ops.run_in(self, work, done, failed)
