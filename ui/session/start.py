"""Start the window: ``wegwijs`` without a subcommand calls ``run``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from app import __version__
from app.errors import WegwijsError
from app.store.target import resolve_target


def _read_passphrase_file(path: Path | None) -> str | None:
    if path is None:
        return None
    from app.cli_options import read_passphrase

    class _Args:
        passphrase_file = path

    return read_passphrase(_Args())  # type: ignore[arg-type]


def run(db: str | None = None, passphrase_file: Path | None = None) -> int:
    """Show set-up or unlock, then the main window; returns the exit code."""
    # Fractional scale factors as the screen has them (Qt 6's default, said here as an
    # environment setting rather than through Qt's enums, whose first use costs about 20 ms).
    os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Wegwijs")
    app.setOrganizationName("Stem in de Stad")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("wegwijs")
    # Closing a dialog never ends the program: set-up and unlock close before the main window
    # is there. The controller quits when the volunteer asks (Ctrl+Q, File → Quit, closing the
    # main window, Cancel on the first screen).
    app.setQuitOnLastWindowClosed(False)
    from ui.session.gc_guard import MainThreadCollector

    collector = MainThreadCollector(app)

    from ui.session.controller import Controller
    from ui.session.preferences import remembered_language
    from ui.session.translations import apply_language

    apply_language(remembered_language())
    target = resolve_target(db)
    try:
        passphrase = _read_passphrase_file(passphrase_file)
    except WegwijsError as err:
        print(f"wegwijs: {err.message}", file=sys.stderr)
        return 1
    controller = Controller(target, passphrase)
    controller.start()
    from ui.session import fonts

    QTimer.singleShot(50, fonts.register)  # the bundled fonts, while the unlock window waits
    code = app.exec()
    controller.shutdown()
    # Destroy the windows now, while the application exists, rather than in whatever order
    # the interpreter's exit would.
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    controller.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.stop()  # the last cyclic garbage goes while the application still exists
    return code
