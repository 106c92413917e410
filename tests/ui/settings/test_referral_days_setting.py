"""Settings: the number of days Today waits for a partner's answer to a referral."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from app import settings
from tests.ui.helpers import wait_idle
from ui.settings.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("WEGWIJS_SHOTS")


def test_the_days_to_wait_for_an_answer(qtbot, ops, anna, people_store) -> None:  # noqa: ANN001
    dialog = SettingsDialog(ops, anna)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ops)
    assert dialog.referral_days.value() == 14
    dialog.referral_days.setFocus()
    dialog.referral_days.selectAll()
    qtbot.keyClicks(dialog.referral_days, "21")
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/settings_general.png")
    qtbot.mouseClick(dialog.save_general, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        assert settings.get(db, "referral_answer_days") == 21
