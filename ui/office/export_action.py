"""Tools → Export people…: all people to a CSV or XLSX file, for the roles that may export.

The file is written off the GUI thread by ``app.privacy.export.export`` (formula injection
neutralised, the export logged in the audit trail); the window then says how many people
were written and where. The suggested file name holds no personal data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.access.permissions import Permission, allowed
from app.errors import WegwijsError
from app.i18n import _, ngettext
from ui.session.operations import Operations
from ui.widgets.save_check import check_save_path

if TYPE_CHECKING:  # typing only: screens hold no SQL
    from sqlalchemy.orm import Session

SUFFIXES = {"xlsx": ".xlsx", "csv": ".csv"}


def default_name(today: date | None = None) -> str:
    return f"wegwijs-export-{(today or date.today()).isoformat()}.xlsx"


def file_filters() -> dict[str, str]:
    """The save dialog's filters, each with the format it stands for."""
    return {_("Spreadsheet (*.xlsx)"): "xlsx", _("CSV, comma-separated (*.csv)"): "csv"}


def ask_export_path(parent: QWidget | None) -> Path | None:
    """Ask where to save; the file name ends in .xlsx or .csv. None when cancelled."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    filters = file_filters()
    path, chosen = QFileDialog.getSaveFileName(
        parent, _("Export people"), str(Path(folder) / default_name()), ";;".join(filters))
    if not path:
        return None
    return with_suffix(Path(path), filters.get(chosen, "xlsx"))


def with_suffix(path: Path, fmt: str) -> Path:
    """``path`` as typed when it ends in .csv or .xlsx, else with the chosen format's ending."""
    if path.suffix.lower() in SUFFIXES.values():
        return path
    return path.with_name(path.name + SUFFIXES[fmt])


class ExportDone(QDialog):
    """How many people were written, and the file in a field of its own (never wrapped at a
    hyphen, and easy to copy)."""

    def __init__(self, count: int, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_done")
        self.setWindowTitle(_("Export people"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.label = QLabel(ngettext("{n} person was written to this file:",
                                     "{n} people were written to this file:", count)
                            .format(n=count))
        self.label.setWordWrap(True)
        self.path = QLineEdit(str(path))
        self.path.setObjectName("export_path")
        self.path.setReadOnly(True)
        self.path.setCursorPosition(0)
        width = self.path.fontMetrics().horizontalAdvance(str(path)) + 24
        self.path.setMinimumWidth(min(max(width, 360), 720))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.path)
        layout.addWidget(buttons)


class Exporter(QObject):
    """The Export action of the main window and the work behind it.

    Signals:
        exported(int, object): how many people were written, and the file (a Path).
        refused(str): the message why nothing was written.
    """

    exported = Signal(int, object)
    refused = Signal(str)

    def __init__(self, ops: Operations, user, parent: QWidget) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ops = ops
        self.message_box: QMessageBox | ExportDone | None = None
        self.action = QAction(_("&Export people…"), parent)
        self.action.setObjectName("export_action")
        self._may = may = allowed(getattr(user, "role", None), Permission.EXPORT)
        self.action.setEnabled(may)
        self.action.setToolTip(_("All people to a spreadsheet (XLSX) or CSV file") if may else
                               _("Your role does not allow this; ask a coordinator."))
        self.action.triggered.connect(lambda _checked=False: self.start())

    @Slot()
    def start(self) -> None:
        """Ask where to save, then export there."""
        path = ask_export_path(self.parent())
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write every person to ``path`` (.csv or .xlsx) off the GUI thread."""
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        path = with_suffix(path, fmt)
        try:
            check_save_path(self.ops, path)  # never the database, its key file or a backup
        except WegwijsError as err:
            self._failed(err)
            return
        by = self.ops.user_id
        self.action.setEnabled(False)

        def work(db: Session) -> int:
            from app.privacy import export  # the database layer: loaded by now (a worker)

            return export.export(db, by, fmt, path)

        self.ops.run_in(self, work, lambda n: self._done(n, path), self._failed)

    # helpers

    def _done(self, count: int, path: Path) -> None:
        self.action.setEnabled(self._may)
        box = ExportDone(count, path, self.parent())
        self.message_box = box
        box.open()
        self.exported.emit(count, path)

    def _failed(self, err: WegwijsError) -> None:
        self.action.setEnabled(self._may)
        self._tell(QMessageBox.Icon.Warning, err.message)
        self.refused.emit(err.message)

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        """A message that does not block the window (the volunteer closes it with OK)."""
        box = QMessageBox(icon, _("Export people"), text, QMessageBox.StandardButton.Ok,
                          self.parent())
        box.setObjectName("export_message")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()
