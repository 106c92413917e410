"""GUI fixtures: a store with real users and passwords, operations, and a 10,000-person copy.

Every test gets its own data folder (``WEGWIJS_DATA_DIR``) so window preferences never leak
between tests, and the interface language is reset to Dutch.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.i18n import set_interface_language
from app.services import users
from app.store import Store, Target, open_store
from app.store.keys import DatabaseKey
from app.vocabulary import UserRole
from tests.ui.helpers import DEMO_PEOPLE, PASSWORD, SECOND_PASSWORD

# The offscreen platform says this whenever a window has a minimum size; it is not our warning.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",
                   "This plugin does not support raise",
                   "This plugin does not support grabbing the keyboard")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def data_dir(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: ANN001
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(folder))
    # As in the application: cyclic garbage is collected on the GUI thread only, never in a
    # worker thread (where destroying a widget crashes).
    from ui.session.gc_guard import MainThreadCollector

    collector = MainThreadCollector()
    yield folder
    from ui.session.translations import apply_language

    apply_language("nl")
    set_interface_language("nl")
    # Widgets the test closed are deleted now, before their Python side is collected: a model
    # whose Python half is already cleared must never be asked for its rows by a dying view.
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.stop()
    collector.deleteLater()


@pytest.fixture
def people_store(sqlite_store: Store) -> Store:
    """An empty store with a coordinator (anna) and a case manager (bram), with passwords."""
    with sqlite_store.session() as db:
        anna = users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR,
                                 PASSWORD)
        users.create_user(db, anna.id, "bram", "Bram Jansen", UserRole.CASE_MANAGER,
                          SECOND_PASSWORD)
    return sqlite_store


@pytest.fixture
def anna(people_store: Store):  # noqa: ANN201
    with people_store.session() as db:
        return users.authenticate(db, "anna", PASSWORD)


@pytest.fixture
def ops(qapp, people_store: Store, anna) -> Iterator:  # noqa: ANN001
    from ui.session.operations import Operations

    operations = Operations(people_store, anna.id)
    yield operations
    operations.shutdown()


@pytest.fixture(scope="session")
def demo_template(sqlite_template: tuple[Path, DatabaseKey],
                  tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DatabaseKey]:
    """10,000 synthetic people, generated once per session (about 20 s)."""
    from app import demo

    src, key = sqlite_template
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(src, path)
    store = open_store(Target(path=path), key=key)
    try:
        with store.session() as db:  # the first user, made before the demo's case managers
            users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR, PASSWORD)
        demo.generate(store, DEMO_PEOPLE, seed=7)
    finally:
        store.close()
    return path, key


@pytest.fixture
def demo_store(demo_template: tuple[Path, DatabaseKey], tmp_path: Path) -> Iterator[Store]:
    src, key = demo_template
    path = tmp_path / "demo.db"
    shutil.copyfile(src, path)
    for suffix in ("-wal", "-shm"):
        extra = Path(str(src) + suffix)
        if extra.exists():
            shutil.copyfile(extra, Path(str(path) + suffix))
    store = open_store(Target(path=path), key=key)
    yield store
    store.close()


@pytest.fixture
def demo_ops(qapp, demo_store: Store) -> Iterator:  # noqa: ANN001
    from ui.session.operations import Operations

    with demo_store.session() as db:
        anna = users.authenticate(db, "anna", PASSWORD)
    operations = Operations(demo_store, anna.id)
    yield operations
    operations.shutdown()


@pytest.fixture
def documents(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """The document renderer: the real one when it exists, else the stand-in."""
    import app.documents as real

    if hasattr(real, "render_card"):
        try:
            real.render_plan(None)
        except NotImplementedError:  # the plan renderer is still being written
            from tests.ui import fake_documents

            monkeypatch.setattr(real, "render_plan", fake_documents.render_plan)
        except Exception:  # noqa: BLE001 - a real renderer refusing None
            pass
        return real
    from tests.ui import fake_documents

    for name in ("CARD_LANGUAGES", "FORMATS", "CardData", "Office", "CardContact", "PlanData",
                 "PlanGoal", "PlanAction", "PlanEvaluation", "render_card", "render_plan",
                 "review_states"):
        monkeypatch.setattr(real, name, getattr(fake_documents, name), raising=False)
    return real


@pytest.fixture
def main_window(qtbot, ops, anna):  # noqa: ANN001, ANN201
    """The main window of a logged-in coordinator, shown; person windows closed afterwards."""
    from tests.ui.helpers import wait_idle
    from ui.office.main_window import AppWindow

    w = AppWindow(ops, anna)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    wait_idle(qtbot, ops)
    yield w
    for pw in list(w.people_windows.values()):
        pw.close()
    wait_idle(qtbot, ops)


@pytest.fixture
def unlocked(qtbot, people_store, anna):  # noqa: ANN001, ANN201
    """A controller after unlocking as Anna: the main window with its People list loaded.

    Afterwards the window goes as at a lock (person windows dropped, drafts kept, no question).
    """
    from tests.ui.helpers import wait_idle
    from ui.session.controller import Controller

    c = Controller(people_store.target)
    c._unlocked(people_store, anna)
    qtbot.waitUntil(lambda: c.window is not None and c.window.isVisible())
    yield c
    if c.gate is not None:  # locked at the end: the lock window goes first, as at a quit
        c._close_gate()
    if c.window is not None:
        c.window.closed.disconnect()
        c.window.hide_all()
        c.window.close()
    wait_idle(qtbot, c.ops)
    c.ops.shutdown()
    c.store = None
