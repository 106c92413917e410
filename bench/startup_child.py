"""The processes that ``bench_startup.py`` and ``profile_startup.py`` time; not run by hand.

    python bench/startup_child.py bare
    python bench/startup_child.py wegwijs --db DB --passphrase-file FILE [--typing S] [--after]

Each prints ``STAMP <what> <time.time()>`` lines (and ``CPU ready <seconds>``, the process's
processor time in all its threads when it is ready); the parent takes its own clock before it
launches the process, so a run's times count from process start (interpreter start-up
included).

``bare`` is Qt's own floor (issue 17): a QApplication, a QTableView of 50 rows, shown; it
stamps ``ready`` at the first paint of the table's viewport, then quits.

``wegwijs`` runs the real window command (``ui.session.command``, as ``python -m
ui.session.command --db DB --passphrase-file FILE``) with a few hooks set from outside, no
product code changed: it stamps ``unlock`` when the unlock window shows, ``enter`` when the
passphrase goes in (``open_with``, the code path of Enter; ``--typing S`` waits S seconds
first, like a volunteer typing while the database layer loads), ``people`` when the main window
shows, ``first_page`` when the People model has its first page (at once when it was read with
the start-up's settings and came with the window) and ``ready`` at the next paint of the People
list (a usable list). With ``--after``: then the first search (typing "ahmadi"
into the search box; ``search`` at its first page) and the first person window
(``person_asked`` → ``person`` when it has loaded), then quits as Ctrl+Q would.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stamp(what: str) -> None:
    print(f"STAMP {what} {time.time():.6f}", flush=True)
    if what == "ready":  # processor time of every thread so far: less at the mercy of the load
        print(f"CPU ready {time.process_time():.6f}", flush=True)


def _first_paint_then(widget, then) -> None:  # noqa: ANN001
    """Call ``then`` at the next Paint event of ``widget`` (within 0.5 s, else anyway)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: ANN001, ANN202, N802
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, then)
            return False

        def timeout(self) -> None:
            if not self.done:
                self.done = True
                stamp("no_paint")
                then()

    watch = Watch(widget)
    widget.installEventFilter(watch)
    widget.update()
    QTimer.singleShot(500, watch.timeout)


def bare() -> int:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv[:1])
    model = QStandardItemModel(50, 4)
    for row in range(50):
        for col in range(4):
            model.setItem(row, col, QStandardItem(f"cell {row}.{col}"))
    view = QTableView()
    view.setModel(model)
    view.resize(1366, 768)

    def ready() -> None:
        stamp("ready")
        app.quit()

    _first_paint_then(view.viewport(), ready)
    view.show()
    return app.exec()


def wegwijs(db: str, passphrase_file: str, typing: float, after: bool) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    import ui.session.controller as controller
    from ui.session.unlock import UnlockDialog

    controller.announce = lambda screen: stamp(screen)  # the unlock and people screens

    open_with = UnlockDialog.open_with

    def typed(self, passphrase: str) -> None:  # noqa: ANN001
        def enter() -> None:
            stamp("enter")
            open_with(self, passphrase)

        if typing > 0:
            QTimer.singleShot(int(typing * 1000), enter)
        else:
            enter()

    UnlockDialog.open_with = typed

    build = controller.Controller._build_window

    def built(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        build(self, *args, **kwargs)
        people = self.window.people
        state = {"page": 0}

        def quit_() -> None:
            QTimer.singleShot(0, QCoreApplication.quit)

        def person_loaded() -> None:
            stamp("person")
            quit_()

        def first_person() -> None:
            stamp("person_asked")  # before the window is made: making it may wait for loading
            window = self.window._person_window(people.model.person_id(0))
            window.loaded.connect(person_loaded)
            self.window.open_person(people.model.person_id(0))

        def page(_seconds: float) -> None:
            state["page"] += 1
            if state["page"] == 1:
                stamp("first_page")
                _first_paint_then(people.view.viewport(), usable)
            elif state["page"] == 2:
                stamp("search")
                QTimer.singleShot(0, first_person)

        def usable() -> None:
            stamp("ready")
            if not after:
                quit_()
                return
            stamp("search_asked")
            people.search.setText("ahmadi")

        people.model.first_page.connect(page)
        if people.model.rowCount() > 0:  # the first page came with the window (issue 17)
            page(0.0)

    controller.Controller._build_window = built
    from ui.session.command import main

    return main(["--db", db, "--passphrase-file", passphrase_file])


def run(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    if argv[0] == "bare":
        return bare()
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--passphrase-file", required=True)
    parser.add_argument("--typing", type=float, default=0.0)
    parser.add_argument("--after", action="store_true")
    args = parser.parse_args(argv[1:])
    return wegwijs(args.db, args.passphrase_file, args.typing, args.after)


if __name__ == "__main__":
    code = run(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # as bench_startup: no interpreter teardown (PySide6 6.12 crash there)
