"""The life of a session: set-up or unlock, the main window, auto-lock, language switches.

The unlock window comes first and needs little: the database layer and the main window's
modules load while it waits for the password (``ui.preload``), so the window is up sooner and
pressing Enter does not wait for them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

from app.store.target import Target, needs_setup
from ui import preload
from ui.auto_lock import AutoLock
from ui.clipboard_guard import ClipboardGuard
from ui.operations import Operations
from ui.preferences import remember_language
from ui.translations import apply_language
from ui.unlock import UnlockDialog

if TYPE_CHECKING:
    from app.store import Store
    from ui.app_window import AppWindow
    from ui.auto_backup import AutoBackup

def announce(screen: str) -> None:
    """With ``WEGWIJS_EXIT_AFTER_SHOWN=1``: say which screen is up, then quit (for tests)."""
    if os.environ.get("WEGWIJS_EXIT_AFTER_SHOWN") == "1":
        print(f"wegwijs: shown {screen}", flush=True)
        QTimer.singleShot(0, QCoreApplication.quit)


class Controller(QObject):
    """Owns the open store, the logged-in user and the main window."""

    def __init__(self, target: Target, passphrase: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self._passphrase = passphrase
        self.store: Store | None = None
        self.user = None
        self.ops: Operations | None = None
        self.window: AppWindow | None = None
        self.gate: QWidget | None = None
        self.auto_lock: AutoLock | None = None
        self.auto_backup: AutoBackup | None = None
        self.clipboard = ClipboardGuard(self)

    def start(self) -> None:
        if needs_setup(self.target):
            from ui.setup_wizard import SetupWizard

            wizard = SetupWizard(self.target)
            wizard.unlocked.connect(self._unlocked)
            wizard.rejected.connect(self._quit)
            self.gate = wizard
            wizard.show()
            announce("setup")
            return
        dialog = UnlockDialog(self.target)
        dialog.unlocked.connect(self._unlocked)
        dialog.rejected.connect(self._quit)
        self.gate = dialog
        dialog.show()
        announce("unlock")
        preload.start()
        if self._passphrase:
            dialog.open_with(self._passphrase)
            self._passphrase = None

    @Slot(object, object)
    def _unlocked(self, store: Store, user) -> None:  # noqa: ANN001
        preload.wait()
        from app import settings

        self.store, self.user = store, user
        self.ops = Operations(store, user.id, self)
        self.ops.run_in(self, settings.all_values, self._open_window)

    def _open_window(self, values: dict) -> None:
        lang = values.get("interface_language", "nl")
        apply_language(lang)
        remember_language(lang)
        from ui.auto_backup import AutoBackup

        self.auto_backup = AutoBackup(self.ops, self.store, self)
        self._build_window()
        self.auto_backup.start()  # the daily backup: now if due, then checked every hour
        self.auto_lock = AutoLock(int(values.get("auto_lock_minutes", 5)), self)
        QApplication.instance().installEventFilter(self.auto_lock)
        self.auto_lock.lock.connect(self.lock)
        if self.gate is not None:
            self.gate.deleteLater()
            self.gate = None
        code = getattr(self.store, "recovery_code", None)
        if code:
            self._show_recovery_code(code)

    def _show_recovery_code(self, code: str) -> None:
        """Right after set-up: the key that opens the data when every passphrase is lost."""
        from PySide6.QtWidgets import QMessageBox

        from app.i18n import _

        box = QMessageBox(QMessageBox.Icon.Information, _("Your recovery key"), _(
            "Write this recovery key down or print it, and keep it locked away from this "
            "computer. It opens the data when every passphrase is forgotten. Wegwijs shows it "
            "only now.") + "\n\n" + code, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("recovery_key")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.store.recovery_code = None  # type: ignore[union-attr]

    def _build_window(self) -> None:
        from ui.app_window import AppWindow

        assert self.ops is not None
        self.window = AppWindow(self.ops, self.user)
        self.window.language_changed.connect(self._change_language)
        self.window.auto_lock_changed.connect(self._auto_lock_minutes)
        self.window.lock_requested.connect(self.lock)
        self.window.closed.connect(self._quit)
        if self.auto_backup is not None:
            self.auto_backup.attach(self.window.statusBar())
        self.window.show()
        announce("people")

    @Slot(str)
    def _change_language(self, lang: str) -> None:
        """Rebuild the window in the new language (open person windows keep their edits)."""
        apply_language(lang)
        remember_language(lang)
        old = self.window
        if old is not None:
            if not old.close_people():
                return
            old.closed.disconnect(self._quit)
            old.close()
            old.deleteLater()
        self._build_window()

    @Slot(int)
    def _auto_lock_minutes(self, minutes: int) -> None:
        if self.auto_lock is not None:
            self.auto_lock.set_minutes(minutes)

    @Slot()
    def lock(self) -> None:
        if self.window is None or self.store is None or self.gate is not None:
            return
        if self.auto_lock is not None:
            self.auto_lock.pause()
        self.window.hide_all()
        self.clipboard.wipe()
        dialog = UnlockDialog(self.target, self.store, locked_user=self.user.username)
        dialog.unlocked.connect(self._relocked)
        dialog.rejected.connect(self._quit)
        self.gate = dialog
        dialog.show()

    @Slot(object, object)
    def _relocked(self, store: Store, user) -> None:  # noqa: ANN001
        if self.window is not None:
            self.window.show_all()
        if self.gate is not None:
            self.gate.deleteLater()
            self.gate = None
        if self.auto_lock is not None:
            self.auto_lock.resume()

    @Slot()
    def _quit(self) -> None:
        if self.window is not None and self.window.isVisible():
            return
        self.shutdown()
        QCoreApplication.quit()

    def shutdown(self) -> None:
        if self.ops is not None:
            self.ops.shutdown()
        if self.auto_backup is not None:
            self.auto_backup.stop()
        if self.store is not None:
            # The closing backup; errors are logged, never keep the window from closing.
            from ui.auto_backup import backup_on_close

            if backup_on_close(self.store):
                self.store.close()  # else a hung backup still uses it; the process ends anyway
            self.store = None
