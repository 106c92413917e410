"""Help → About: the version, the licence, and the third-party licences of what is inside."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.licences import third_party_text, version_line


class AboutDialog(QDialog):
    """The program's version and licences; the list can be read and copied, not changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Wegwijs"))
        layout = QVBoxLayout(self)
        self.version = QLabel(version_line())
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.version.font()
        font.setBold(True)
        self.version.setFont(font)
        layout.addWidget(self.version)
        about = QLabel(_("Case files, contact cards and perspective plans for the volunteers "
                         "of Stem in de Stad, Haarlem.") + "\n" + _(
                             "Licence: EUPL-1.2. Made with Qt {qt}.").format(
                             qt=QLibraryInfo.version().toString()))
        about.setWordWrap(True)
        layout.addWidget(about)
        layout.addWidget(QLabel(_("Third-party software and fonts inside Wegwijs, with their "
                                  "licences:")))
        self.licences = QPlainTextEdit()
        self.licences.setReadOnly(True)
        self.licences.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.licences.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licences.setPlainText(third_party_text())
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)
