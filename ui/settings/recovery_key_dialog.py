"""Right after set-up: the recovery key, shown once, printed or saved, and confirmed.

The key opens the database when every password and the office passphrase are forgotten, and
Wegwijs shows it only here. The main window opens only after the volunteer ticks that the key
is printed or written down; closing this window or pressing Escape does not skip it (quitting
with Ctrl+Q asks first).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import _, ngettext
from ui.widgets.labels import ltr


def recovery_sheet(code: str, office_name: str, where: str) -> bytes:
    from app.documents.recovery_sheet import render_recovery_sheet

    return render_recovery_sheet(office_name, code, dt.date.today(), where)


class RecoveryKeyDialog(QDialog):
    """The key, "Print", "Save as PDF", a tick box and "Continue".

    Signals:
        confirmed(): the volunteer ticked that the key is kept; the main window may open.
    """

    confirmed = Signal()

    def __init__(self, code: str, office_name: str, where: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key")
        self._code, self._office, self._where = code, office_name, where
        self._pdf: bytes | None = None
        self.setWindowTitle(_("Wegwijs – your recovery key"))
        self.setMinimumWidth(560)

        intro = QLabel(_(
            "This key opens the data when every password and the office passphrase are "
            "forgotten. Wegwijs shows it only now. Print it or write it down, and keep it "
            "locked away from this computer."))
        intro.setWordWrap(True)
        self.key_label = QLabel(ltr(code))
        self.key_label.setObjectName("recovery_key_text")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")

        self.print_button = QPushButton(_("&Print"))
        self.print_button.setObjectName("print_recovery_key")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("save_recovery_key")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_sheet)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("recovery_key_status")
        self.status.setWordWrap(True)

        self.kept = QCheckBox(_("I &have printed the recovery key or written it down"))
        self.kept.setObjectName("recovery_key_kept")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.continue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setObjectName("recovery_key_continue")
        self.continue_button.setText(_("&Continue"))
        self.continue_button.setEnabled(False)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.buttons.accepted.connect(self._continue)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.kept.setFocus()

    def sheet(self) -> bytes:
        """The one-page sheet as PDF bytes (made once)."""
        if self._pdf is None:
            self._pdf = recovery_sheet(self._code, self._office, self._where)
        return self._pdf

    @Slot()
    def print_sheet(self) -> None:
        """On the default printer; says which printer and how many pages."""
        from ui.widgets.printing import configure_printer, print_pdf

        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            self._say(_("This computer has no printer set up. Save the key as PDF and print it "
                        "elsewhere, or write it down."), error=True)
            return
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        try:
            pdf = self.sheet()
            configure_printer(printer, pdf, one_sided=True, title=_("Recovery key"))
            pages = print_pdf(pdf, printer)
        except WegwijsError as err:
            self._say(err.message, error=True)
            return
        self._say(ngettext("Sent to the printer {name}: {n} page. Check that it came out.",
                           "Sent to the printer {name}: {n} pages. Check that it came out.",
                           pages).format(name=ltr(info.printerName()), n=pages))

    @Slot()
    def save_sheet(self) -> None:
        from ui.widgets.printing import write_pdf
        from ui.widgets.save_check import check_save_path

        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the recovery key"), str(Path.home() / "wegwijs-herstelsleutel.pdf"),
            _("PDF (*.pdf)"))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            check_save_path(None, path, self._database())  # never the database or its key file
            write_pdf(path, self.sheet())
        except WegwijsError as err:  # says which file and why
            self._say(err.message, error=True)
            return
        self._say(_("Saved as {path}. Print it and then delete the file.").format(
            path=ltr(str(path))))

    def _database(self) -> Path | None:
        """The database file the key opens (``where`` names it; an address is no file)."""
        return None if not self._where or "://" in self._where else Path(self._where)

    def may_quit(self) -> bool:
        """Asked before quitting from this screen: the key is not shown again."""
        if self.kept.isChecked():
            return True
        answer = QMessageBox.warning(
            self, _("Quit without the recovery key?"),
            _("Wegwijs will not show the recovery key again. Quit anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # Qt overrides

    def reject(self) -> None:  # Escape never skips the key
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    # helpers

    def _continue(self) -> None:
        if self.kept.isChecked():
            self.confirmed.emit()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)
