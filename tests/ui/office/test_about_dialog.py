"""Help → About: the version, and the generated list of third-party licences."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import __version__
from app.i18n import _
from ui.office.about_dialog import AboutDialog

pytestmark = pytest.mark.gui


def test_help_about_shows_the_version_and_the_licences(qtbot, main_window) -> None:  # noqa: ANN001
    about = next(action for menu in main_window.menuBar().actions() if menu.menu()
                 for action in menu.menu().actions() if action.text() == _("&About Wegwijs"))
    about.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in main_window.findChildren(AboutDialog)))
    dialog = next(d for d in main_window.findChildren(AboutDialog) if d.isVisible())
    assert __version__ in dialog.version.text()
    text = dialog.licences.toPlainText().lower()
    for part in ("SQLCipher", "HarfBuzz", "PySide6", "Qt 6", "SQLAlchemy", "reportlab",
                 "Noto Naskh Arabic", "SIL Open Font License", "LGPL-3.0"):
        assert part.lower() in text, part
    assert dialog.licences.isReadOnly()
    shots = os.environ.get("WEGWIJS_SCREENSHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "about.png"))
    dialog.close()
