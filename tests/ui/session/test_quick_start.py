"""Issue 17: a user's own password shows the main window with the People list first, read with
plain SQL; the database layer loads and the store opens behind it, and what is asked meanwhile
waits for that store instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.store import Target
from app.vocabulary import UserRole
from tests.ui.helpers import PASSWORD, wait_idle
from ui.session.controller import Controller
from ui.session.unlock import UnlockDialog

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[3]
OFFICE = "office passphrase"


@pytest.fixture
def office(tmp_path: Path) -> Target:
    """A database as the set-up makes it, anna with her own password, and two people."""
    from app.access.workspace import add_user, initialise
    from app.services import persons
    from app.services.persons import PersonFields

    target = Target(path=tmp_path / "office" / "wegwijs.db")
    store = initialise(target, OFFICE)
    anna = add_user(store, None, "anna", "Anna de Vries", UserRole.COORDINATOR, PASSWORD)
    with store.session() as db:
        for given, family in (("Hamid", "Rahimi"), ("Selam", "Tesfay")):
            persons.create_person(db, anna.id, PersonFields(given_names=given,
                                                            family_name=family))
    store.close()
    return target


def _quick_start(qtbot, target: Target):  # noqa: ANN001, ANN202
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.who.setText("anna")
    with qtbot.waitSignal(dialog.started, timeout=20000) as started:
        dialog.open_with(PASSWORD)
    return started.args[0]


def test_the_window_shows_the_list_then_the_store_opens_behind_it(qtbot, office) -> None:  # noqa: ANN001
    controller = Controller(office)
    quick = _quick_start(qtbot, office)
    assert [row.name for row in quick.first_page] == ["Hamid Rahimi", "Selam Tesfay"]
    opening = threading.Event()
    from app.access import workspace

    open_behind = workspace.open_behind

    def slow_open(target, started):  # noqa: ANN001, ANN202 - the store comes a little later
        opening.wait(10)
        return open_behind(target, started)

    workspace.open_behind = slow_open
    try:
        controller._started(quick)
        window = controller.window
        assert window is not None and window.isVisible()
        assert window.people.model.rowCount() == 2  # shown before any store
        assert controller.store is None and window.ops.store_coming
        # Work asked now (as a search through the services would be) waits for the store.
        answers: list[int] = []
        window.ops.run(lambda db: db.execute(__import__("sqlalchemy").text(
            "SELECT count(*) FROM persons")).scalar_one(), answers.append)
        # The list itself searches through its plain reader meanwhile.
        window.people.search.setText("selam")
        qtbot.waitUntil(lambda: window.people.model.rowCount() == 1, timeout=10000)
        assert answers == []
        # Ctrl+L before the store is open: the window locks as soon as it is.
        controller.lock()
        assert window.isVisible() and controller.gate is None
        opening.set()
        qtbot.waitUntil(lambda: controller.store is not None, timeout=20000)
        qtbot.waitUntil(lambda: answers == [2], timeout=10000)
        assert controller.auto_backup is not None
        assert not window.isVisible() and isinstance(controller.gate, UnlockDialog)
        gate = controller.gate
        gate.password.setText(PASSWORD)
        gate.ok_button.click()
        qtbot.waitUntil(lambda: window.isVisible() and controller.gate is None, timeout=20000)
    finally:
        workspace.open_behind = open_behind
        opening.set()
        if controller.window is not None:
            controller.window.closed.disconnect()
            controller.window.close()
        if controller.ops is not None:
            wait_idle(qtbot, controller.ops)
        controller.shutdown()


def test_quitting_while_the_store_opens_closes_everything(qtbot, office) -> None:  # noqa: ANN001
    controller = Controller(office)
    controller._started(_quick_start(qtbot, office))
    window = controller.window
    controller._open_behind()  # as at the first paint, and quit at once
    window.closed.disconnect()
    window.close()
    controller.shutdown()
    assert controller.store is None and controller._quick is None
    assert window.ops.reader is None
    # The database opens again at once: nothing of this session holds it.
    _quick_start(qtbot, office).close()


def test_a_store_that_fails_to_open_behind_the_window_ends_with_its_message(
        qtbot, office, monkeypatch) -> None:  # noqa: ANN001
    from app.access import workspace
    from app.errors import StoreError

    def broken(target, started):  # noqa: ANN001, ANN202
        raise StoreError("The database reported a problem: disk I/O error")

    monkeypatch.setattr(workspace, "open_behind", broken)
    shown: list[str] = []
    monkeypatch.setattr("ui.widgets.forms.show_error", lambda parent, text: shown.append(text))
    monkeypatch.setattr("ui.session.controller.QCoreApplication.quit", lambda: None)
    controller = Controller(office)
    controller._started(_quick_start(qtbot, office))
    ops = controller.ops
    failed: list[str] = []
    ops.run(lambda db: 1, failed=lambda err: failed.append(err.message), read_only=True)
    with qtbot.waitSignal(controller.opened_behind, timeout=20000):
        controller._open_behind()
    qtbot.waitUntil(lambda: bool(failed) and bool(shown), timeout=10000)
    # Told once (not again by the list's own work that waited for the store too).
    assert failed == shown == ["The database reported a problem: disk I/O error"]
    assert controller._quick is None  # the session ended: reader and lock let go
    controller.window.closed.disconnect()
    controller.window.close()


SCRIPT = """
import sys
import ui.session.controller as controller

def announce(screen):
    if screen == "people":
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy")
        print("people shown; sqlalchemy loaded:", bool(loaded), flush=True)
        controller.QTimer.singleShot(0, controller.QCoreApplication.quit)

controller.announce = announce
from ui.session.command import main
sys.exit(main(["--db", sys.argv[1], "--passphrase-file", sys.argv[2]]))
"""


def test_the_real_program_shows_people_before_sqlalchemy_loads(office, tmp_path) -> None:  # noqa: ANN001
    """The real command, as the README starts it, with her password from a file."""
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    secret.chmod(0o600)
    data = office.path.parent
    (data / "window.ini").write_text("[General]\nlast_username=anna\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WEGWIJS_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(office.path), str(secret)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "people shown; sqlalchemy loaded: False" in done.stdout, done.stdout
