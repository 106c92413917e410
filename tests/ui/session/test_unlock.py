"""Unlock: own password in one step, or the office passphrase (or recovery key) then the user."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import Qt

from app.errors import InvalidInput
from app.services import users
from app.store import Target, open_store
from app.vocabulary import UserRole
from tests.ui.helpers import PASSWORD, type_text
from ui.session.unlock import UnlockDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def db_file(sqlite_template, tmp_path: Path) -> Path:  # noqa: ANN001
    src, key = sqlite_template
    path = tmp_path / "office.db"
    shutil.copyfile(src, path)
    return path


def _add_anna(path: Path, key) -> None:  # noqa: ANN001
    store = open_store(Target(path=path), key=key)
    with store.session() as db:
        users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR, PASSWORD)
    store.close()


def test_passphrase_then_user(qtbot, db_file, sqlite_template) -> None:  # noqa: ANN001
    _add_anna(db_file, sqlite_template[1])
    dialog = UnlockDialog(Target(path=db_file))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page() == "passphrase"

    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pass_errors.text("passphrase") != "")
    assert dialog.page() == "passphrase"
    assert dialog.store is None

    dialog.passphrase.clear()
    type_text(qtbot, dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.page() == "user")

    qtbot.keyClicks(dialog.username, "anna")
    qtbot.keyClicks(dialog.password, "not her password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.user_errors.text("password") != "")

    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.unlocked) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    store, user = blocker.args
    assert user.username == "anna"
    store.close()


def test_first_user_when_none(qtbot, db_file) -> None:  # noqa: ANN001
    dialog = UnlockDialog(Target(path=db_file))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_with(PASSPHRASE)
    qtbot.waitUntil(lambda: dialog.page() == "first_user")
    qtbot.keyClicks(dialog.new_username, "coordinator")
    qtbot.keyClicks(dialog.new_display, "Cora")
    qtbot.keyClicks(dialog.new_password, "short")
    qtbot.keyClicks(dialog.new_again, "short")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.new_errors.text("password") != "")
    for edit in (dialog.new_password, dialog.new_again):
        edit.clear()
        qtbot.keyClicks(edit, "long enough password")
    with qtbot.waitSignal(dialog.unlocked) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    store, user = blocker.args
    with store.session() as db:
        assert [u.role for u in users.list_users(db, user.id)] == [UserRole.COORDINATOR]
    store.close()


@pytest.fixture
def office(tmp_path: Path):  # noqa: ANN201
    """A database made as the set-up makes it: a key file with office and recovery entries."""
    from app.access.workspace import add_user, initialise

    target = Target(path=tmp_path / "keyring.db")
    store = initialise(target, "office passphrase")
    anna = add_user(store, None, "anna", "Anna de Vries", UserRole.COORDINATOR, PASSWORD)
    with store.session() as db:  # made before users had their own way in
        users.create_user(db, anna.id, "bram", "Bram", UserRole.VOLUNTEER,
                          "bram's password")
    code = store.recovery_code
    store.close()
    return target, code


def test_own_password_opens_and_logs_in_at_once(qtbot, office) -> None:  # noqa: ANN001
    target, _code = office
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.clear()
    qtbot.keyClicks(dialog.who, "anna")
    qtbot.keyClicks(dialog.passphrase, "not her password")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pass_errors.text("passphrase") != "")
    assert dialog.page() == "passphrase"
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSWORD)
    # Her own password on an SQLite file at the newest schema: a quick start (issue 17), the
    # main window's first data read with plain SQL, the store opened behind it later.
    with qtbot.waitSignal(dialog.started) as blocker:
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    quick = blocker.args[0]
    try:
        assert quick.user.username == "anna" and quick.user.role == UserRole.COORDINATOR
        assert dialog.passphrase.text() == "" and quick.first_page == []
        assert quick.settings["interface_language"] == "nl"
    finally:
        quick.close()


def test_own_password_on_an_older_schema_opens_the_store_first(qtbot, office) -> None:  # noqa: ANN001
    """A schema still to upgrade has no quick start: the store opens (and upgrades) first."""
    from app.access.workspace import unlock
    from app.store.schema import downgrade

    target, _code = office
    store = unlock(target, "office passphrase")
    downgrade(store.engine, "-1")
    store.close()
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setText("anna")
    with qtbot.waitSignal(dialog.unlocked, timeout=20000) as blocker:
        dialog.open_with(PASSWORD)
    store, user = blocker.args
    assert user.username == "anna"
    store.close()


def test_office_passphrase_then_login_gives_the_user_a_way_in(qtbot, office) -> None:  # noqa: ANN001
    from app.access.workspace import has_own_passphrase

    target, _code = office
    assert not has_own_passphrase(target, "bram")
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.clear()
    qtbot.keyClicks(dialog.who, "bram")
    qtbot.keyClicks(dialog.passphrase, "office passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.page() == "user")
    assert dialog.username.text() == "bram"
    qtbot.keyClicks(dialog.password, "bram's password")
    with qtbot.waitSignal(dialog.unlocked) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    blocker.args[0].close()
    assert has_own_passphrase(target, "bram")


def test_recovery_key_opens_when_passwords_are_lost(qtbot, office) -> None:  # noqa: ANN001
    target, code = office
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
    assert dialog.page() == "recovery"
    qtbot.keyClicks(dialog.recovery, "AAAA-BBBB")
    qtbot.keyClick(dialog.recovery, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.recovery_errors.text("recovery") != "")
    dialog.recovery.clear()
    qtbot.keyClicks(dialog.recovery, code.lower())
    qtbot.keyClick(dialog.recovery, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.page() == "user")
    assert dialog.recovery.text() == ""
    dialog.username.setText("anna")
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.unlocked) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    blocker.args[0].close()


def test_the_passphrase_field_keeps_its_height_when_its_error_shows(qtbot, db_file) -> None:  # noqa: ANN001
    dialog = UnlockDialog(Target(path=db_file))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = (dialog.who, dialog.passphrase)
    before = [f.height() for f in fields]
    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pass_errors.text("passphrase") != "")
    qtbot.wait(20)
    assert [f.height() for f in fields] == before
    # longer messages (as translated ones are) under both fields: the window grows instead
    long = ("The passphrase does not open this database. Check the user name and the "
            "passphrase (and Caps Lock). ") * 2
    dialog.pass_errors.show(InvalidInput({"username": long, "passphrase": long}))
    qtbot.wait(20)
    assert [f.height() for f in fields] == before
    for name in ("username", "passphrase"):
        error = dialog.pass_errors.label(name)
        assert error.height() >= error.heightForWidth(error.width())  # the whole message shows
    qtbot.keyClicks(dialog.passphrase, "x")
    assert dialog.pass_errors.text("passphrase") == ""  # typing again takes it away
    assert dialog.pass_errors.text("username") == long  # the other field's error stays


def test_the_first_field_says_it_takes_either_password(qtbot, db_file) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    from app.i18n import _

    dialog = UnlockDialog(Target(path=db_file))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QLabel, "label_passphrase").text() == _("&Password")
    hint = dialog.findChild(QLabel, "passphrase_hint")
    assert hint.isVisible() and _("office passphrase") in hint.text()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.pass_errors.text("passphrase") == _(
        "Type your password or the office passphrase.")


def test_enter_derives_the_key_before_waiting_for_the_database_layer(
        qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """Issue 17: Enter starts Argon2 at once (in the worker, without the GIL); the wait for
    the background loading of the database layer comes after it, never on the GUI thread."""
    import threading

    from app.access import keyring
    from app.access.workspace import add_user, initialise
    from ui.session import preload

    target = Target(path=tmp_path / "w.db")
    store = initialise(target, PASSPHRASE)
    add_user(store, None, "anna", "Anna de Vries", UserRole.COORDINATOR, PASSWORD)
    store.close()
    steps: list[tuple[str, bool]] = []
    derive = keyring.hash_secret_raw

    def counted_derive(**kwargs):  # noqa: ANN003, ANN202
        steps.append(("derive", threading.current_thread() is threading.main_thread()))
        return derive(**kwargs)

    monkeypatch.setattr(keyring, "hash_secret_raw", counted_derive)
    monkeypatch.setattr(preload, "wait", lambda: steps.append(
        ("wait", threading.current_thread() is threading.main_thread())))
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setText("anna")
    # Her own password: a quick start, which never waits for the database layer.
    with qtbot.waitSignal(dialog.started, timeout=20000) as started:
        dialog.open_with(PASSWORD)
    started.args[0].close()
    assert steps == [("derive", False)]
    # The office passphrase: the store opens first, after the keys are derived (her own entry
    # tried first, then the office's), in the worker.
    steps.clear()
    dialog = UnlockDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setText("anna")
    with qtbot.waitSignal(dialog.unlocked, timeout=20000) as unlocked:
        dialog.open_with(PASSPHRASE)
        qtbot.waitUntil(lambda: dialog.page() == "user", timeout=20000)
        qtbot.keyClicks(dialog.password, PASSWORD)
        dialog.ok_button.click()
    unlocked.args[0].close()
    assert steps[:3] == [("derive", False), ("derive", False), ("wait", False)]
