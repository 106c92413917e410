"""Changing the data key from the window: deactivating a user from Settings → Users changes
it (and may change the office passphrase at once); "my password may be known" does too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from acting import user_named
from PySide6.QtCore import Qt

from app.access import keyring
from app.access.workspace import add_user, initialise, open_for, unlock
from app.errors import WrongPassphrase
from app.store import Target
from app.vocabulary import UserRole
from tests.ui.helpers import wait_idle
from ui.settings.key_change_dialog import KeyChangeDialog
from ui.settings.password_dialog import PasswordDialog
from ui.settings.recovery_key_dialog import RecoveryKeyDialog
from ui.settings.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui
OFFICE = "office passphrase of the window"


@pytest.fixture
def office(qapp, tmp_path: Path) -> Iterator:  # noqa: ANN001
    """A keyed database open as cora (coordinator), with vera (volunteer)."""
    from ui.session.operations import Operations

    target = Target(path=tmp_path / "w.db")
    store = initialise(target, OFFICE)
    cora = add_user(store, None, "cora", "Cora", UserRole.COORDINATOR, "cora's password")
    add_user(store, cora.id, "vera", "Vera Vrijwilliger", UserRole.VOLUNTEER, "vera's password")
    ops = Operations(store, cora.id)
    yield target, store, ops, cora
    ops.shutdown()
    store.close()


def _opens(target: Target, user: str | None, secret: str) -> bool:
    try:
        (open_for(target, user, secret).store if user else unlock(target, secret)).close()
    except WrongPassphrase:
        return False
    return True


def test_deactivating_a_user_changes_the_key_and_the_office_passphrase(
        qtbot, office, tmp_path: Path) -> None:  # noqa: ANN001
    target, store, ops, cora = office
    old = tmp_path / "old.keyring"
    old.write_bytes(keyring.keyring_path(target.path).read_bytes())
    settings = SettingsDialog(ops, cora)
    qtbot.addWidget(settings)
    settings.show()
    wait_idle(qtbot, ops)
    settings.tabs.setCurrentIndex(3)
    assert settings.key_button.isVisible() and settings.key_button.isEnabled()
    model = settings.user_view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "vera")
    settings.user_view.setCurrentIndex(model.index(row, 0))
    qtbot.mouseClick(settings.toggle_user_button, Qt.MouseButton.LeftButton)
    dialog = settings.findChild(KeyChangeDialog)
    assert dialog is not None and "Vera Vrijwilliger" in dialog.windowTitle()
    qtbot.mouseClick(dialog.change, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.new, "the new office passphrase")
    qtbot.keyClicks(dialog.again, "not the same")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("again") != ""
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "the new office passphrase")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=20000)
    wait_idle(qtbot, ops)
    with store.session() as db:  # the window's store goes on with the new key
        assert not user_named(db, "vera").active
    keyring.keyring_path(target.path).write_bytes(old.read_bytes())
    try:
        assert not _opens(target, "vera", "vera's password")
        assert not _opens(target, None, OFFICE)
    finally:
        store_ring = tmp_path / "w.db.keyring"
        assert store_ring.exists()
    settings.close()


def test_a_new_recovery_key_is_shown_to_print(qtbot, office) -> None:  # noqa: ANN001
    target, _store, ops, _cora = office
    dialog = KeyChangeDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_recovery.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(RecoveryKeyDialog) is not None, timeout=20000)
    shown = dialog.findChild(RecoveryKeyDialog)
    assert shown.isVisible() and dialog.isVisible()  # kept open until the key is kept
    code = "".join(c for c in shown.key_label.text() if c.isalnum() or c == "-")
    from app.access.workspace import unlock_with_recovery_key

    unlock_with_recovery_key(target, code).close()
    shown.kept.setChecked(True)
    qtbot.mouseClick(shown.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def test_my_password_may_be_known(qtbot, office, tmp_path: Path) -> None:  # noqa: ANN001
    target, _store, ops, cora = office
    old = tmp_path / "old.keyring"
    old.write_bytes(keyring.keyring_path(target.path).read_bytes())
    dialog = PasswordDialog(ops, cora.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.known.isVisible()
    qtbot.keyClicks(dialog.old, "cora's password")
    qtbot.keyClicks(dialog.new, "a sentence nobody guesses")
    qtbot.keyClicks(dialog.again, "a sentence nobody guesses")
    dialog.known.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=20000)
    wait_idle(qtbot, ops)
    assert _opens(target, "cora", "a sentence nobody guesses")
    keyring.keyring_path(target.path).write_bytes(old.read_bytes())
    assert not _opens(target, "cora", "cora's password")
