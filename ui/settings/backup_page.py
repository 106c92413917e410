"""Settings page "Backups": where the encrypted backups go, how many are kept, back up now.

The folder is checked by ``app.privacy.backup`` (there, writable, not a file) and its problems are
shown under the field. Only a coordinator may change the folder; everyone may back up now.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.errors import WegwijsError
from app.i18n import _, interface_language
from app.privacy import backup
from app.vocabulary import UserRole
from ui.session.operations import Operations
from ui.widgets.forms import FieldErrors

OK_STYLE = "color: #1b5e20;"


def when(path: Path) -> str:
    """The local date and time a backup was written."""
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%d-%m-%Y %H:%M")


def describe(path: Path) -> str:
    """One line of the list: date, file name and size."""
    size = format_decimal(path.stat().st_size / 1_000_000, format="0.0",
                          locale=interface_language())
    return _("{when}   {name}   ({size} MB)").format(when=when(path), name=path.name, size=size)


def listing(folder_text: str) -> list[str] | None:
    """The backups in the folder, newest first; None when the folder is not there."""
    if not folder_text.strip():
        return []
    folder = Path(folder_text.strip()).expanduser()
    try:
        if not folder.is_dir():
            return None
        return [describe(p) for p in reversed(backup.backups_in(folder))]
    except OSError:
        return None


class BackupPage(QWidget):
    """The backup folder, the generations kept, "Back up now" and the backups in the folder.

    Signals:
        backed_up(object): a backup was written and verified (its ``Path``).
    """

    backed_up = Signal(object)

    def __init__(self, ops: Operations, user, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("backup_page")
        self._ops = ops
        self.coordinator = getattr(user, "role", None) == UserRole.COORDINATOR
        self._saved = ("", 10)
        self.errors = FieldErrors()

        intro = QLabel(_("Wegwijs writes an encrypted copy of all data to this folder when it "
                         "closes and once a day while it runs. Choose a USB stick or a network "
                         "share, not this computer's own disk. The office passphrase opens a "
                         "backup."))
        intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setObjectName("backup_folder")
        self.folder.setPlaceholderText(_("For example a folder on a USB stick"))
        self.choose = QPushButton(_("C&hoose…"))
        self.choose.setObjectName("choose_backup_folder")
        self.choose.clicked.connect(self.choose_folder)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        folder_row.setFocusProxy(self.folder)
        self.generations = QSpinBox()
        self.generations.setObjectName("backup_generations")
        option = settings.OPTIONS["backup_generations"]
        self.generations.setRange(option.minimum or 1, option.maximum or 365)
        self.generations.setMinimumWidth(80)
        keep_row = QWidget()  # a number needs no full-width box
        keep = QHBoxLayout(keep_row)
        keep.setContentsMargins(0, 0, 0, 0)
        keep.addWidget(self.generations)
        keep.addStretch(1)
        keep_row.setFocusProxy(self.generations)
        form = QFormLayout()
        self.errors.add(form, _("Backup &folder"), folder_row, "backup_folder")
        self.errors.add(form, _("Backups to &keep"), keep_row, "backup_generations")

        self.save = QPushButton(_("&Save"))
        self.save.setObjectName("save_backup_settings")
        self.save.clicked.connect(self.save_settings)
        self.back_up_now = QPushButton(_("Back up &now"))
        self.back_up_now.setObjectName("back_up_now")
        self.back_up_now.clicked.connect(self.start_backup)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.back_up_now)
        buttons.addStretch(1)
        self.result = QLabel()
        self.result.setObjectName("backup_result")
        self.result.setWordWrap(True)
        self.result.hide()

        self.backups = QStringListModel(self)
        self.backup_list = QListView()
        self.backup_list.setObjectName("backup_list")
        self.backup_list.setModel(self.backups)
        self.backup_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Dates and file names read left to right, also in an Arabic window.
        self.backup_list.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.list_title = QLabel(_("Backups in this folder, newest first:"))
        self.list_note = QLabel()
        self.list_note.setObjectName("backup_list_note")
        self.list_note.setWordWrap(True)
        self.list_note.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if not self.coordinator:
            self.folder.setReadOnly(True)
            self.choose.setEnabled(False)
            self.generations.setEnabled(False)
            self.save.setEnabled(False)
            layout.addWidget(QLabel(_("Only a coordinator can change the backup folder.")))
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.list_title)
        layout.addWidget(self.list_note)
        layout.addWidget(self.backup_list, 1)
        ops.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        """Read the saved folder and generations, then list the backups in the folder."""
        def work(db):  # noqa: ANN001, ANN202
            return (str(settings.get(db, "backup_folder") or ""),
                    int(settings.get(db, "backup_generations")))

        self._ops.run_in(self, work, self._fill, self.errors.show, read_only=True)

    @Slot()
    def choose_folder(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the backup folder"), start)
        if chosen:
            self.folder.setText(str(Path(chosen)))

    @Slot()
    def save_settings(self) -> None:
        self.errors.clear()
        self.result.hide()
        by, folder, generations = self._ops.user_id, self.folder.text(), self.generations.value()

        def done(saved: str) -> None:
            self._saved = (saved, generations)
            self.folder.setText(saved)
            self._list()

        self._ops.run_in(self, lambda db: backup.save_settings(db, by, folder, generations),
                         done, self.errors.show, changes={"settings"})

    @Slot()
    def start_backup(self) -> None:
        """Save a changed folder (coordinator), then write and verify a backup off the GUI
        thread; the result shows the file, its time and the check."""
        self.errors.clear()
        self.result.hide()
        self.back_up_now.setEnabled(False)
        store, by = self._ops.store, self._ops.user_id
        folder_text, generations = self.folder.text(), self.generations.value()
        save = self.coordinator and (folder_text.strip(), generations) != self._saved
        if not self.coordinator:
            folder_text, generations = self._saved

        def work(_db):  # noqa: ANN001, ANN202
            if save:
                with store.session() as db:
                    folder_text_saved = backup.save_settings(db, by, folder_text, generations)
            else:
                folder_text_saved = folder_text.strip()
            made = backup.backup(store, backup.usable_folder(folder_text_saved),
                                 generations=generations)
            return folder_text_saved, made, when(made), listing(folder_text_saved)

        self._ops.run_in(self, work, self._backed_up, self._failed, session=False,
                         changes={"settings"} if save else ())

    # helpers

    def _fill(self, values: tuple[str, int]) -> None:
        self._saved = values
        self.folder.setText(values[0])
        self.generations.setValue(values[1])
        self._list()

    def _list(self) -> None:
        folder = self._saved[0]
        self._ops.run_in(self, lambda _db: listing(folder), self._show_list, self.errors.show,
                         session=False, read_only=True)

    def _show_list(self, lines: list[str] | None) -> None:
        self.backups.setStringList(lines or [])
        if lines is None:
            note = _("The backup folder is not there right now. Is the USB stick plugged in, or "
                     "the network share connected?")
        elif not self._saved[0]:
            note = _("No backup folder is set: Wegwijs makes no automatic backups.")
        elif not lines:
            note = _("There are no backups in this folder yet.")
        else:
            note = ""
        self.list_note.setText(note)
        self.list_note.setVisible(bool(note))

    def _backed_up(self, result: tuple[str, Path, str, list[str] | None]) -> None:
        folder, made, time, lines = result
        self.back_up_now.setEnabled(True)
        self._saved = (folder, self.generations.value() if self.coordinator else self._saved[1])
        self.folder.setText(folder)
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(_("Backup {name} written at {time} and verified: it opens with the "
                              "office passphrase and passed the integrity check.").format(
                                  name=made.name, time=time))
        self.result.show()
        self._show_list(lines)
        self.backed_up.emit(made)

    def _failed(self, err: WegwijsError) -> None:
        self.back_up_now.setEnabled(True)
        self.errors.show(err)
        self._list()

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if "backups" in keys:
            self._list()
