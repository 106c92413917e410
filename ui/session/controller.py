"""The life of a session: set-up or unlock, the main window, auto-lock, language switches.

Quitting is always a decision, never a side effect: the application does not quit when its
last window closes (``ui.session.start``), and a screen that leads on (set-up, unlock, the recovery
key) stays up until the next one shows, so there is never a moment without a window. The
process ends on Ctrl+Q in any state, File → Quit, closing the main window, or Cancel on the
set-up or unlock screen.

The unlock window comes first and needs little. A user's own password on an SQLite file gives a
quick start (``app.access.quick_start``): the main window shows at once with the People list
read through plain SQL, and the database layer loads and the store opens behind it, in a
thread of its own (issue 17). Work asked of ``Operations`` meanwhile waits for that store. Any
other way in (the office passphrase, PostgreSQL, a schema to upgrade) opens the store first, as
the database layer loads while the unlock window waits (``ui.session.preload``).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog

from app.errors import WegwijsError
from app.i18n import _
from app.store.target import Target, needs_setup
from ui.session import preload
from ui.session.auto_lock import AutoLock
from ui.session.clipboard_guard import ClipboardGuard
from ui.session.operations import Operations
from ui.session.preferences import remember_language
from ui.session.session_keys import SessionKeys
from ui.session.translations import apply_language
from ui.session.unlock import UnlockDialog

if TYPE_CHECKING:
    from app.access.quick_start import QuickStart
    from app.store import Store
    from ui.office.main_window import AppWindow
    from ui.session.auto_backup import AutoBackup

PEOPLE_PAGE = "_people_first_page"  # read with the settings after unlocking, not a setting


def announce(screen: str) -> None:
    """With ``WEGWIJS_EXIT_AFTER_SHOWN=1``: say which screen is up, then quit (for tests)."""
    if os.environ.get("WEGWIJS_EXIT_AFTER_SHOWN") == "1":
        print(f"wegwijs: shown {screen}", flush=True)
        QTimer.singleShot(0, QCoreApplication.quit)


class Controller(QObject):
    """Owns the open store, the logged-in user and the main window.

    Signals:
        opened_behind(object, object): from the thread that opens the store behind a quick
            start: the store (or None) and the error (or None).
    """

    opened_behind = Signal(object, object)

    def __init__(self, target: Target, passphrase: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self._passphrase = passphrase
        self.store: Store | None = None
        self.user = None
        self.ops: Operations | None = None
        self.window: AppWindow | None = None
        self.gate: QDialog | None = None
        self.auto_lock: AutoLock | None = None
        self.auto_backup: AutoBackup | None = None
        self._quick: QuickStart | None = None
        self._opener: threading.Thread | None = None
        self._ended = False
        self._lock_when_open = False
        self.opened_behind.connect(self._store_behind)
        self.clipboard = ClipboardGuard(self)
        self.keys = SessionKeys(self)
        self.keys.quit_requested.connect(self.request_quit)
        self.keys.lock_requested.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.keys)

    def start(self) -> None:
        if needs_setup(self.target):
            from ui.settings.setup_wizard import SetupWizard

            wizard = SetupWizard(self.target)
            wizard.unlocked.connect(self._unlocked)
            self._set_gate(wizard)
            announce("setup")
            return
        dialog = UnlockDialog(self.target)
        dialog.unlocked.connect(self._unlocked)
        dialog.started.connect(self._started)
        self._set_gate(dialog)
        announce("unlock")
        preload.start()
        if self._passphrase:
            dialog.open_with(self._passphrase)
            self._passphrase = None

    @Slot(object, object)
    def _unlocked(self, store: Store, user) -> None:  # noqa: ANN001
        preload.wait()
        from app import settings
        from ui.office.people_model import first_page

        self.store, self.user = store, user
        self.ops = Operations(store, user.id, self)
        recovery = store.recovery_code

        def values(db):  # noqa: ANN001, ANN202
            found = dict(settings.all_values(db))
            if recovery:
                from app.services import office

                found["office_name"] = office.get_profile(db).name or ""
            # People's first page in the same trip (issue 17): the list shows with the window
            found[PEOPLE_PAGE] = first_page(db, user.id)
            return found

        self.ops.run_in(self, values, self._open_window)

    @Slot(object)
    def _started(self, quick: QuickStart) -> None:
        """A quick start: the main window now, the store behind it once the window is painted."""
        from ui.widgets.first_paint import after_first_paint

        self._quick = quick
        self.user = quick.user
        self.ops = Operations(None, quick.user.id, self)
        self.ops.expect_store()
        self.ops.reader = quick.reader
        self._open_window({**quick.settings, PEOPLE_PAGE: quick.first_page})
        assert self.window is not None
        after_first_paint(self.window.people.view.viewport(), self._open_behind)

    @Slot()
    def _open_behind(self) -> None:
        """Load the database layer and open the store, in a thread of their own."""
        quick, target, ops = self._quick, self.target, self.ops
        if self._ended or quick is None or ops is None or self._opener is not None:
            return  # the session ended before its window was painted (or it is opening)
        preload.begin()

        def run() -> None:
            store = error = None
            try:
                preload.wait()
                from app.access.workspace import open_behind

                store = open_behind(target, quick)
            except WegwijsError as err:
                error = err
            except BaseException as err:  # noqa: BLE001 - reported, never lost in the thread
                error = WegwijsError(_("The database could not be opened ({kind}).").format(
                    kind=type(err).__name__))
            ops.store_opened(store, error)  # work waiting for the store goes on (or fails)
            self.opened_behind.emit(store, error)

        self._opener = threading.Thread(target=run, name="wegwijs-open-store")
        self._opener.start()

    @Slot(object, object)
    def _store_behind(self, store: Store | None, error: WegwijsError | None) -> None:
        if self._ended:  # the session ended meanwhile (shutdown closed the store)
            return
        if store is None:
            from ui.widgets.forms import show_error

            show_error(self.window, error.message if error is not None else "")
            self._end()
            return
        self.store = store
        self._start_backups()
        if self._lock_when_open:
            self._lock_when_open = False
            self.lock()

    def _open_window(self, values: dict) -> None:
        lang = values.get("interface_language", "nl")
        apply_language(lang)
        remember_language(lang)
        code = self.store.recovery_code if self.store is not None else None
        if code:
            self._show_recovery_code(code, values)
            return
        self._enter(values)

    def _show_recovery_code(self, code: str, values: dict) -> None:
        """Right after set-up: the key that opens the data when every passphrase is lost.

        The main window opens only once the volunteer confirms that the key is kept.
        """
        from ui.settings.recovery_key_dialog import RecoveryKeyDialog

        self.store.recovery_code = None  # type: ignore[union-attr]
        dialog = RecoveryKeyDialog(code, values.get("office_name", ""), self.target.describe())
        dialog.confirmed.connect(lambda: self._enter(values))
        self._set_gate(dialog)
        announce("recovery_key")

    def _enter(self, values: dict) -> None:
        self._build_window(values.pop(PEOPLE_PAGE, None))
        if self.store is not None:  # else once it is open behind the window
            self._start_backups()
        self.auto_lock = AutoLock(int(values.get("auto_lock_minutes", 5)), self)
        QApplication.instance().installEventFilter(self.auto_lock)
        self.auto_lock.lock.connect(self._idle_lock)
        self._close_gate()  # only now: the main window is up

    def _start_backups(self) -> None:
        from ui.session.auto_backup import AutoBackup

        self.auto_backup = AutoBackup(self.ops, self.store, self)
        if self.window is not None:
            self.auto_backup.attach(self.window.statusBar())
        self.auto_backup.start()  # the daily backup: now if due, then checked every hour

    def _set_gate(self, gate: QDialog) -> None:
        """Show the next screen before the one it replaces goes (never no window)."""
        old = self.gate
        self.gate = gate
        gate.rejected.connect(self._quit)  # Cancel, Log out, or the window's close button
        gate.show()
        gate.raise_()
        gate.activateWindow()
        if old is not None:
            self._dismiss(old)

    def _close_gate(self) -> None:
        if self.gate is not None:
            gate, self.gate = self.gate, None
            self._dismiss(gate)

    def _dismiss(self, gate: QDialog) -> None:
        gate.rejected.disconnect(self._quit)
        gate.hide()
        gate.deleteLater()

    def _build_window(self, people_page: list | None = None) -> None:
        from ui.office.main_window import AppWindow

        assert self.ops is not None
        self.window = AppWindow(self.ops, self.user, people_page=people_page)
        self.window.language_changed.connect(self._change_language)
        self.window.auto_lock_changed.connect(self._auto_lock_minutes)
        self.window.lock_requested.connect(self.lock)
        self.window.closed.connect(self._end)
        if self.auto_backup is not None:
            self.auto_backup.attach(self.window.statusBar())
        self.window.show()
        announce("people")

    @Slot(str)
    def _change_language(self, lang: str) -> None:
        """Rebuild the window in the new language, in one go (nothing half-translated shows).

        The old window hands over first: what is typed becomes drafts, person windows and
        dialogs close without a question. The new window is built whole, takes the old one's
        place and tab, shows, and reopens the same person windows (with their drafts) and the
        Settings dialog; only then does the old window close.
        """
        from ui.office.main_window import AppWindow

        old = self.window
        state = old.hand_over() if old is not None else None
        apply_language(lang)
        remember_language(lang)
        AppWindow.carry_over(state)
        self._build_window()
        if old is not None:
            old.closed.disconnect(self._end)
            old.close()
            old.deleteLater()

    @Slot(int)
    def _auto_lock_minutes(self, minutes: int) -> None:
        if self.auto_lock is not None:
            self.auto_lock.set_minutes(minutes)

    @Slot()
    def _idle_lock(self) -> None:
        self.lock(idle=True)

    @Slot()
    def lock(self, idle: bool = False) -> None:
        if self.window is not None and self.store is None and self._opener is not None:
            self._lock_when_open = True  # Ctrl+L in the moment the store opens: then
            return
        if self.window is None or self.store is None or self.gate is not None:
            return
        if self.auto_lock is not None:
            self.auto_lock.pause()
        dialog = UnlockDialog(self.target, self.store, locked_user=self.user.username,
                              idle=idle)
        dialog.unlocked.connect(self._relocked)
        self._set_gate(dialog)  # up before the main window hides
        self.window.hide_all()
        self.clipboard.wipe()
        dialog.raise_()
        dialog.activateWindow()

    @Slot(object, object)
    def _relocked(self, store: Store, user) -> None:  # noqa: ANN001
        if self.window is not None:
            self.window.show_all()
        self._close_gate()
        if self.auto_lock is not None:
            self.auto_lock.resume()

    @Slot()
    def request_quit(self) -> None:
        """Ctrl+Q, in any window and any state: end the session (drafts are kept)."""
        from ui.settings.recovery_key_dialog import RecoveryKeyDialog

        gate = self.gate
        if isinstance(gate, RecoveryKeyDialog) and not gate.may_quit():
            return
        window = self.window
        if window is not None and window.isVisible():
            window.close_dialogs()
            window.close()  # asks about unsaved changes; its closed signal quits
            return
        self._quit()

    @Slot()
    def _quit(self) -> None:
        """A first screen was cancelled: the end, unless the main window is still up."""
        if self.window is not None and self.window.isVisible():
            return
        self._end()

    @Slot()
    def _end(self) -> None:
        """The main window closed, or nothing is left to go on with: the process ends."""
        self.shutdown()
        QCoreApplication.quit()

    def shutdown(self) -> None:
        self._ended = True
        opener = self._opener
        if opener is not None:
            opener.join()  # the store behind a quick start: open it fully, then close it
            if self.store is None and self.ops is not None:
                self.store = self.ops.store
        elif self.ops is not None and self.ops.store_coming:  # never to be opened now
            self.ops.store_opened(None, WegwijsError(_("Wegwijs is closing.")))
        if self.ops is not None:
            self.ops.shutdown()
        if self.auto_backup is not None:
            self.auto_backup.stop()
        if self.store is not None:
            # The closing backup; errors are logged, never keep the window from closing.
            from ui.session.auto_backup import backup_on_close

            if backup_on_close(self.store):
                self.store.close()  # else a hung backup still uses it; the process ends anyway
            self.store = None
        quick, self._quick = self._quick, None
        if quick is not None:
            if self.ops is not None:
                with self.ops.reader_lock:
                    self.ops.reader = None
            quick.close()
