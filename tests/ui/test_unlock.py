"""Unlock: the office passphrase, then the user's own password; first user when none exist."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import Qt

from app.services import users
from app.store import Target, open_store
from app.vocabulary import UserRole
from tests.ui.helpers import PASSWORD, type_text
from ui.unlock import UnlockDialog

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
        assert [u.role for u in users.list_users(db)] == [UserRole.COORDINATOR]
    store.close()
