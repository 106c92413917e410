"""Loading the database layer and the later windows' modules in the background.

The unlock window and the main window with its People list need neither SQLAlchemy nor the
services (issue 17): a user's own password opens the list through plain SQL
(``app.access.quick_start``). The database layer (SQLAlchemy, the models, the services) is plain
Python and loads in a background thread, which then reads the shipped questionnaires; the
modules of Today, a person's window and the New person dialog load on the GUI thread once that
thread is done. What is loaded is then left out of the garbage collector's walks
(``gc.freeze``).

When the loading begins:
- while the unlock window waits for a password: ``DELAY_MS`` after it showed, unless Enter
  came first (a password manager, a passphrase file): then the main window comes first, and
  ``begin`` is called once it has painted;
- at once, when something needs the layer sooner: ``wait`` begins it and waits for it.

Code on the GUI thread that needs those modules calls :func:`wait` first, so no module is ever
imported by two threads at once.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading

from PySide6.QtCore import QTimer

STORE_MODULES = ("app.access.workspace", "app.store.engine", "app.store.opening",
                 "app.services.users", "app.services.search", "app.settings")
# The main window's own modules and the quick start's: imported on the GUI thread while the key
# is derived (Argon2 holds no GIL), so neither waits for them after it.
WINDOW_MODULES = ("ui.office.main_window", "app.access.quick_start", "app.store.people_reader")
LATER_MODULES = ("ui.session.auto_backup", "ui.office.today", "ui.person.person_window",
                 "ui.person.new_person")
DELAY_MS = 200  # after the unlock window showed, when no Enter came
SWITCH_WHILE_LOADING = 0.0005  # seconds; Python's default is 0.005

_thread: threading.Thread | None = None
_held = False
_scheduled = False
_polling = False
_lock = threading.Lock()


def start() -> None:
    """The unlock window is up: begin loading soon, unless Enter comes first (``hold``)."""
    global _scheduled
    if _scheduled:
        return
    _scheduled = True
    QTimer.singleShot(DELAY_MS, _timer_begin)


def hold() -> None:
    """Enter came: the main window goes first; ``begin`` is called when it has painted."""
    global _held
    _held = True


def begin() -> None:
    """Begin loading the database layer now (once per process; later calls do nothing)."""
    global _thread
    with _lock:
        if _thread is not None:
            return
        _thread = threading.Thread(target=_load_store_layer, name="wegwijs-preload")
        _thread.start()
    if threading.current_thread() is threading.main_thread():
        _poll_later()


def wait() -> None:
    """Return once the database layer is loaded (beginning the loading if need be)."""
    begin()
    assert _thread is not None
    _thread.join()


def window_modules() -> None:
    """The main window's and the quick start's modules (no database layer), on the GUI
    thread; and the country names of the interface language (Babel's locale data, which the
    People list's first paint would otherwise load)."""
    _import(WINDOW_MODULES)
    from app.countries import country_name
    from app.i18n import interface_language

    country_name("NL", interface_language())


def _timer_begin() -> None:
    if not _held:
        begin()
    _poll_later()


def _poll_later() -> None:
    """Import LATER_MODULES on the GUI thread once the background thread is done."""
    global _polling
    if not _polling:
        _polling = True
        QTimer.singleShot(50, _later_modules)


def _later_modules() -> None:
    if _thread is None or _thread.is_alive():  # not yet: the window stays responsive
        QTimer.singleShot(50, _later_modules)
        return
    _import(WINDOW_MODULES + LATER_MODULES)


def _load_store_layer() -> None:
    # While this thread loads (a third of a second of Python holding the GIL), the window's
    # threads get the GIL back sooner when they ask for it: the People list searches and
    # paints meanwhile (issue 17).
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_WHILE_LOADING)
    try:
        _import(STORE_MODULES)
        _read_questionnaires()
    finally:
        sys.setswitchinterval(previous)


def _import(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)
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
