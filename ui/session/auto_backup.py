"""Automatic backups while the window runs (at unlock, then checked every hour) and on close.

The work is ``app.privacy.backup.automatic``: nothing happens without a backup folder in the
settings. A failure never interrupts anyone: it shows as a line in the status bar and is
logged by its kind only (no folder names, no personal data).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.errors import StoreError, WegwijsError
from app.i18n import _
from app.privacy import backup
from app.store import Store
from ui.session.operations import Operations
from ui.widgets.forms import ERROR_STYLE

log = logging.getLogger("wegwijs.backup")

HOUR_MS = 60 * 60 * 1000
CLOSE_TIMEOUT_S = 120.0


class BackupNotice(QLabel):
    """A quiet line in the status bar: when the last automatic backup was made, or why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_notice")
        self.hide()

    @Slot(object)
    def made(self, path: Path) -> None:
        self.setStyleSheet("")
        self.setText(_("Backup made at {time}").format(time=datetime.now().strftime("%H:%M")))
        self.setToolTip(path.name)
        self.show()

    @Slot(str)
    def failed(self, message: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(_("The automatic backup failed."))
        self.setToolTip(message + "\n" + _("See Settings → Backups."))
        self.show()


class AutoBackup(QObject):
    """Runs the daily backup in the operations' worker when it is due.

    Signals:
        made(object): an automatic backup was written and verified (its ``Path``).
        failed(str): an automatic backup failed; the message says what to do.
    """

    made = Signal(object)
    failed = Signal(str)

    def __init__(self, ops: Operations, store: Store, parent: QObject | None = None, *,
                 interval_ms: int = HOUR_MS) -> None:
        super().__init__(parent)
        self._ops = ops
        self._store = store
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Check now (at unlock) and then every interval."""
        self.check()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def attach(self, status_bar: QStatusBar) -> BackupNotice:
        """Show the outcome of automatic backups in ``status_bar`` (of a new main window)."""
        notice = BackupNotice()
        status_bar.addPermanentWidget(notice)
        self.made.connect(notice.made)
        self.failed.connect(notice.failed)
        return notice

    @Slot()
    def check(self) -> None:
        """A backup if the newest in the folder is a day old (or there is none)."""
        if self._running:
            return
        self._running = True
        self._ops.run(_daily_work(self._store), self._done, self._failed, session=False,
                      changes=("backups",))

    def _done(self, path: Path | None) -> None:
        self._running = False
        if path is not None:
            log.info("automatic backup written")
            self.made.emit(path)

    def _failed(self, err: WegwijsError) -> None:
        self._running = False
        log.warning("automatic backup failed: %s", type(err).__name__)
        self.failed.emit(err.message)


def _daily_work(store: Store):  # noqa: ANN202
    def work(_db) -> Path | None:  # noqa: ANN001
        try:
            return backup.automatic(store)
        except WegwijsError:
            raise
        except Exception as err:  # a bug, but still only a line in the status bar
            log.error("bug in the automatic backup: %s", type(err).__name__)
            raise StoreError(_("The automatic backup failed unexpectedly ({kind}); please tell "
                               "the coordinator.").format(kind=type(err).__name__)) from None

    return work


def backup_on_close(store: Store, timeout: float = CLOSE_TIMEOUT_S) -> bool:
    """Write the closing backup; False if it is still busy after ``timeout`` seconds.

    Errors are logged (by kind) and never stop the close. A folder that hangs (a network share
    gone away) is left behind after ``timeout``; the caller should then not close the store
    under the running backup.
    """
    def work() -> None:
        try:
            if backup.automatic(store, every=None) is not None:
                log.info("backup on close written")
        except WegwijsError as err:
            log.warning("backup on close failed: %s", type(err).__name__)
        except Exception as err:  # noqa: BLE001 - a bug must not keep the window from closing
            log.error("bug in the backup on close: %s", type(err).__name__)

    thread = threading.Thread(target=work, name="wegwijs-backup-on-close", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        log.warning("backup on close still busy after %.0f s; closing without it", timeout)
        return False
    return True
