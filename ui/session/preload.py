"""Loading what comes after the unlock while the unlock window waits for a password.

The database layer (SQLAlchemy, the models, the services) is plain Python and loads in a
background thread, which then reads the shipped questionnaires; the main window's modules load
on the GUI thread once that thread is done and the unlock window has painted. Code that needs
those modules first calls :func:`wait`, so no module is ever imported by two threads at once.
The unlock's key derivation (Argon2, which holds no GIL) runs beside that thread. What is loaded
is then left out of the garbage collector's walks (``gc.freeze``).
"""

from __future__ import annotations

import gc
import importlib
import threading

from PySide6.QtCore import QTimer

STORE_MODULES = ("app.access.workspace", "app.store.engine", "app.store.opening",
                 "app.services.users",
                 "app.settings")
WINDOW_MODULES = ("ui.office.main_window", "ui.session.auto_backup")
WINDOW_DELAY_MS = 250  # after the unlock window has painted

_thread: threading.Thread | None = None


def start() -> None:
    """Begin loading (once per process; later calls do nothing)."""
    global _thread
    if _thread is not None:
        return
    _thread = threading.Thread(target=_import, args=(STORE_MODULES,), name="wegwijs-preload")
    _thread.start()
    QTimer.singleShot(WINDOW_DELAY_MS, _window_modules)


def wait() -> None:
    """Return once the background loading (if any) is finished."""
    if _thread is not None:
        _thread.join()


def _window_modules() -> None:
    if _thread is not None and _thread.is_alive():  # not yet: the window stays responsive
        QTimer.singleShot(50, _window_modules)
        return
    _import(WINDOW_MODULES)


def _import(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)
    if names is STORE_MODULES:
        _read_questionnaires()
    # What is loaded now lives as long as the process: the collector (run from a timer on the
    # GUI thread, ui.session.gc_guard) need not walk it again. Without this the first
    # collection walks every object the imports made, a tenth of a second on the GUI thread
    # during start-up (issue 17).
    gc.freeze()


def _read_questionnaires() -> None:
    """The shipped questionnaires, read once per process: the first person window (its intake
    tab) and Today need them, and reading them there would make that window wait."""
    from app.questionnaire.registry import default_registry

    try:
        default_registry()
    except Exception:  # a broken file is reported where it is used, not here
        default_registry.cache_clear()
