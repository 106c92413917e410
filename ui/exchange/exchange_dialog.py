"""File → Exchange: make a file for another laptop of the office, or read one from it.

The work runs off the GUI thread (``app.exchange.transfer``) while a busy bar moves; the
summary that follows holds counts only, never names. Coordinators also make a new laptop's
join file here, and see its one-time code once; and, after the data key (and with it the
office's exchange key) was changed, make the key file for the other laptops (its code shown
once) or take one in with its code (``app.exchange.key_file``).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.access.permissions import Permission, allowed
from app.errors import WegwijsError
from app.i18n import _
from ui.session.operations import Operations
from ui.widgets.save_check import check_save_path

EXCHANGE_SUFFIX = ".wegwijs-exchange"
JOIN_SUFFIX = ".wegwijs-join"
KEY_SUFFIX = ".wegwijs-key"


def key_changed_text() -> str:
    """What a coordinator must do after a rotation changed the office's exchange key."""
    return _("The office's exchange key was changed too. The office's other laptops cannot "
             "exchange with this one until they have the new key: a coordinator makes a key "
             "file here (File → Exchange → Key file for the other laptops…) and takes it in on "
             "each of them with the one-time code it shows (Take the office's new key…). "
             "Changes made meanwhile wait on each laptop; nothing is lost.")


def summary_lines(summary: Any) -> list[str]:
    """What came in, in counts (an ``incoming.Summary``)."""
    if summary.nothing_new:
        return [_("Nothing new: this laptop already had everything in the file.")]
    lines = [_("Changes taken in: {n}").format(n=summary.changes),
             _("New people: {n}").format(n=summary.people_new),
             _("People with changes: {n}").format(n=summary.people_changed),
             _("Erased elsewhere, erased here too: {n}").format(n=summary.erased),
             _("Audit lines from other laptops: {n}").format(n=summary.audit_lines),
             _("New conflicts waiting for a decision: {n}").format(n=summary.conflicts)]
    if summary.duplicates:
        lines.append(_("Possible duplicates to look at: {n}").format(n=len(summary.duplicates)))
    if summary.new_exchange_key:
        lines.append(_("This laptop took the office's newer exchange key from the other "
                       "database."))
    return lines


class ExchangeDialog(QDialog):
    """Signals:
        finished_work(str): what the last step said (the summary), for tests and the status bar.
        show_conflicts(): the volunteer wants to see the conflicts now.
    """

    finished_work = Signal(str)
    show_conflicts = Signal()

    def __init__(self, ops: Operations, role: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchange_dialog")
        self.setWindowTitle(_("Exchange with another laptop"))
        self._ops = ops
        intro = QLabel(_("Laptops of the office exchange their work by file: a USB stick, a "
                         "shared folder or an e-mail attachment. The file is encrypted for this "
                         "office; reading the same file twice changes nothing. The same field "
                         "changed on two laptops is kept as a conflict for a case manager to "
                         "decide."))
        intro.setWordWrap(True)
        self.make_button = QPushButton(_("&Make a file for another laptop…"))
        self.make_button.setObjectName("exchange_make")
        self.make_button.clicked.connect(lambda: self._ask_make())
        self.read_button = QPushButton(_("&Read a file from another laptop…"))
        self.read_button.setObjectName("exchange_read")
        self.read_button.clicked.connect(lambda: self._ask_read())
        self.join_button = QPushButton(_("&Join file for a new laptop…"))
        self.join_button.setObjectName("exchange_join")
        self.join_button.clicked.connect(lambda: self._ask_join())
        self.join_button.setVisible(allowed(role, Permission.MANAGE_USERS))
        self.key_file_button = QPushButton(_("&Key file for the other laptops…"))
        self.key_file_button.setObjectName("exchange_key_file")
        self.key_file_button.setToolTip(_("After the data key was changed (deactivating a "
                                          "user, say), the other laptops need the office's new "
                                          "exchange key from this file"))
        self.key_file_button.clicked.connect(lambda: self._ask_key_file())
        self.take_key_button = QPushButton(_("&Take the office's new key…"))
        self.take_key_button.setObjectName("exchange_take_key")
        self.take_key_button.clicked.connect(lambda: self._ask_take_key())
        for button in (self.key_file_button, self.take_key_button):
            button.setVisible(allowed(role, Permission.MANAGE_USERS))
        self.sync_button = QPushButton(_("&Sync with the office's server…"))
        self.sync_button.setObjectName("exchange_sync")
        self.sync_button.clicked.connect(lambda: self._ask_sync())
        self.progress = QProgressBar()
        self.progress.setObjectName("exchange_progress")
        self.progress.setRange(0, 0)  # busy: the work runs in one transaction
        self.progress.hide()
        self.result = QLabel()
        self.result.setObjectName("exchange_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts_button = QPushButton(_("Show the &conflicts"))
        self.conflicts_button.setObjectName("exchange_show_conflicts")
        self.conflicts_button.clicked.connect(self.show_conflicts.emit)
        self.conflicts_button.setVisible(False)
        self.conflicts_button.setEnabled(allowed(role, Permission.SEE_SENSITIVE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in self._buttons():
            layout.addWidget(button)
        layout.addWidget(self.progress)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(buttons)
        lines = self.result.fontMetrics().lineSpacing()
        self.result.setMinimumHeight(lines * 9)  # the summary's lines, or the join code
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.resize(640, 500)

    # the three steps, also called by tests with a path

    def make_file(self, path: Path) -> None:
        from app.exchange import transfer
        from app.files import write_atomic

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            sealed, counts = transfer.export_bytes(db, by)
            write_atomic(path, sealed)  # inside the transaction: a failure keeps nothing
            return counts

        self._start(work, lambda counts: self._done(
            _("Wrote {path}: {changes} changes about {people} people, {audit} audit lines.")
            .format(path=path, **counts)))

    def read_file(self, path: Path) -> None:
        from app.exchange import exchange_file, transfer

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            return transfer.import_bytes(db, by, exchange_file.read_file(path))

        def done(summary: Any) -> None:
            self.conflicts_button.setVisible(bool(summary.conflicts or summary.duplicates))
            self._done("\n".join(summary_lines(summary)))

        self._start(work, done, changes=("people", "exchange"))

    def make_join_file(self, path: Path) -> None:
        from app.exchange import join
        from app.files import write_atomic

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            sealed, made = join.make_join_bytes(db, by)
            write_atomic(path, sealed)
            return made

        self._start(work, lambda made: self._done(
            _("Wrote the join file {path} (record numbers from W-{first:05d} on the new "
              "laptop).").format(path=path, first=made.series * 1_000_000 + 1) + "\n\n" +
            _("One-time code, to type on the new laptop (it is shown only now):"),
            code=made.code))

    def make_key_file(self, path: Path) -> None:
        from app.exchange import key_file
        from app.files import write_atomic

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            sealed, made = key_file.make_key_bytes(db, by)
            write_atomic(path, sealed)
            return made

        self._start(work, lambda made: self._done(
            _("Wrote the key file {path} with the office's exchange key. Take it in on each "
              "other laptop of the office (Take the office's new key…).").format(path=path)
            + "\n\n" + _("One-time code, to type on the other laptops (it is shown only "
                          "now):"), code=made.code))

    def take_key_file(self, path: Path, code: str) -> None:
        from app.exchange import exchange_file, key_file

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            return key_file.take_key_bytes(db, by, exchange_file.read_file(path), code)

        def done(taken: Any) -> None:
            self._done(_("This laptop took the office's new exchange key: it exchanges with "
                         "the other laptops again. Make a file for another laptop now: the "
                         "changes made here meanwhile go with it.") if taken.changed else
                       _("This laptop already has this exchange key; nothing was changed."))

        self._start(work, done, changes=("exchange",))

    def sync_with_server(self, address: str) -> None:
        from app.exchange import sync

        store, by = self._ops.store, self._ops.user_id

        def work(_db):  # noqa: ANN001, ANN202 - both sides open their own sessions
            return sync.sync_with_server(store, address, by)

        def done(result: Any) -> None:
            there, here = result
            self.conflicts_button.setVisible(bool(here.conflicts or here.duplicates))
            sent = [_("Sent: {n} changes taken in there.").format(n=there.changes)]
            if there.new_exchange_key:
                sent.append(_("The other database took this laptop's newer exchange key."))
            self._done("\n".join([*sent, *summary_lines(here)]))

        self._start(work, done, changes=("people", "exchange"), session=False)

    # helpers

    def _ask_sync(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        address, ok = QInputDialog.getText(
            self, _("Sync with the office's server"),
            _("The server's address (postgresql+psycopg://USER@HOST/DB):"),
            QLineEdit.EchoMode.Normal, "postgresql+psycopg://")
        if ok and address.strip():
            self.sync_with_server(address.strip())

    def _folder(self) -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def _ask_make(self) -> None:
        name = f"wegwijs-{date.today().isoformat()}{EXCHANGE_SUFFIX}"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Make a file for another laptop"), str(Path(self._folder()) / name),
            _("Wegwijs exchange file (*{suffix})").format(suffix=EXCHANGE_SUFFIX))
        if path and self._checked(Path(path)):
            self.make_file(Path(path))

    def _ask_read(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Read a file from another laptop"), self._folder(),
            _("Wegwijs exchange file (*{suffix})").format(suffix=EXCHANGE_SUFFIX))
        if path:
            self.read_file(Path(path))

    def _ask_join(self) -> None:
        name = f"wegwijs-new-laptop{JOIN_SUFFIX}"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Join file for a new laptop"), str(Path(self._folder()) / name),
            _("Wegwijs join file (*{suffix})").format(suffix=JOIN_SUFFIX))
        if path and self._checked(Path(path)):
            self.make_join_file(Path(path))

    def _ask_key_file(self) -> None:
        name = f"wegwijs-office-key{KEY_SUFFIX}"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Key file for the other laptops"), str(Path(self._folder()) / name),
            _("Wegwijs key file (*{suffix})").format(suffix=KEY_SUFFIX))
        if path and self._checked(Path(path)):
            self.make_key_file(Path(path))

    def _ask_take_key(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Take the office's new key"), self._folder(),
            _("Wegwijs key file (*{suffix})").format(suffix=KEY_SUFFIX))
        if not path:
            return
        code, ok = QInputDialog.getText(
            self, _("Take the office's new key"),
            _("The one-time code the coordinator's screen showed for this key file:"),
            QLineEdit.EchoMode.Normal)
        if ok and code.strip():
            self.take_key_file(Path(path), code.strip())

    def _checked(self, path: Path) -> bool:
        try:
            check_save_path(self._ops, path)
        except WegwijsError as err:
            self._done(err.message)
            return False
        return True

    def _start(self, work, done, changes: tuple[str, ...] = (),  # noqa: ANN001
               session: bool = True) -> None:
        for button in self._buttons():
            button.setEnabled(False)
        self.progress.show()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setText(_("Working… the database stays as it was until the file is "
                              "done."))
        self.conflicts_button.hide()
        self._ops.run_in(self, work, done, self._failed, changes=changes, session=session)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.make_button, self.read_button, self.sync_button, self.join_button,
                self.key_file_button, self.take_key_button)

    @Slot(object)
    def _failed(self, err: WegwijsError) -> None:
        self._done(err.message)

    def _done(self, text: str, code: str = "") -> None:
        """Show ``text``; a one-time ``code`` below it large and in a fixed-width font, to be
        read across the room and typed on the other laptop."""
        self.progress.hide()
        for button in self._buttons():
            button.setEnabled(True)
        if code:
            self.result.setTextFormat(Qt.TextFormat.RichText)
            self.result.setText(
                "<p>{}</p><p style='font-family: monospace; font-size: 20pt; "
                "font-weight: bold;'>{}</p>".format(html.escape(text).replace("\n", "<br>"),
                                                    html.escape(code)))
            text += f"\n\n{code}"
        else:
            self.result.setTextFormat(Qt.TextFormat.PlainText)
            self.result.setText(text)
        self.finished_work.emit(text)
