"""Deactivating a user (or changing the data key) in the window on a laptop that exchanges with
others changes the office's exchange key too, and the coordinator is told plainly that the other
laptops need the new key file before they can exchange again."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from acting import acting
from exchange_replicas import first_laptop, join_from
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.access.workspace import add_user
from app.exchange import transfer
from app.vocabulary import UserRole
from tests.ui.helpers import wait_idle
from ui.session.operations import Operations
from ui.settings.key_change_dialog import KeyChangeDialog
from ui.settings.password_dialog import PasswordDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def laptop(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """The coordinator's laptop of an office with a second laptop; what message boxes said."""
    store = first_laptop(tmp_path / "a.db")
    join_from(store, tmp_path / "b.db").close()
    with store.session() as db:
        by = acting(db)
    vera = add_user(store, by, "vera", "Vera Vrijwilliger", UserRole.VOLUNTEER, "vera's password")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *a, **k: told.append(text))
    ops = Operations(store, by)
    yield store, ops, vera, told
    ops.shutdown()
    store.close()


def _generation(store) -> int:  # noqa: ANN001
    with store.session(read_only=True) as db:
        return transfer.key_generation(db)


def test_deactivating_tells_the_coordinator_the_other_laptops_need_the_key_file(
        qtbot, laptop) -> None:  # noqa: ANN001
    store, ops, vera, told = laptop
    dialog = KeyChangeDialog(ops, deactivate=vera)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
                    timeout=20000)
    wait_idle(qtbot, ops)
    assert _generation(store) == 1
    assert len(told) == 1 and "exchange key was changed too" in told[0]
    assert "Key file for the other laptops" in told[0]


def test_my_password_may_be_known_says_so_too(qtbot, laptop) -> None:  # noqa: ANN001
    store, ops, vera, told = laptop
    ops_vera = Operations(store, vera.id)
    try:
        dialog = PasswordDialog(ops_vera, vera.id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.old, "vera's password")
        qtbot.keyClicks(dialog.new, "a sentence nobody guesses")
        qtbot.keyClicks(dialog.again, "a sentence nobody guesses")
        dialog.known.setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(),
                        timeout=20000)
        wait_idle(qtbot, ops_vera)
    finally:
        ops_vera.shutdown()
    assert _generation(store) == 1
    assert len(told) == 1 and "a coordinator makes a key file" in told[0]
