"""A warm handover from the window becomes a referral: its purpose and who follows it up are
asked in the handover dialog, and the Contacts tab shows it, status "sent"."""

from __future__ import annotations

import os

import pytest
import shiboken6
from PySide6.QtCore import Qt

from app.services import consents, persons, referrals
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.person.handover_dialog import HandoverDialog
from ui.person.person_window import PersonWindow

pytestmark = pytest.mark.gui
PARTNER = "Taalhuis Haarlem"
SHOTS = os.environ.get("WEGWIJS_SHOTS")


def test_the_handover_is_a_referral_to_follow_up(qtbot, ops, people_store, anna,
                                                 documents) -> None:  # noqa: ANN001
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(given_names="Hamid")).id
        consents.give_consent(db, anna.id, pid, purpose="Language course", partner=PARTNER,
                              scope=["identity"])
    w = PersonWindow(ops, pid)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    try:
        w.tabs.setCurrentWidget(w.consent)
        qtbot.mouseClick(w.consent.handover_button, Qt.MouseButton.LeftButton)
        dialog = next(d for d in w.consent.findChildren(HandoverDialog) if d.isVisible())
        dialog.partner.setCurrentText(PARTNER)
        qtbot.waitUntil(lambda: dialog._checked_partner == PARTNER, timeout=10000)
        assert dialog.follow_up_by.currentData() == anna.id
        qtbot.keyClicks(dialog.purpose, "Dutch course A1")
        if SHOTS:
            dialog.grab().save(f"{SHOTS}/handover_referral.png")
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=20000)
        assert "Contacts tab" in dialog.status.text()
        with people_store.session() as db:
            (row,) = referrals.referrals_of(db, anna.id, pid)
        assert (row.partner, row.purpose, row.status, row.follow_up_by) == (
            PARTNER, "Dutch course A1", "sent", "Anna de Vries")
        dialog.reject()
        qtbot.waitUntil(lambda: w.casework.referral_model.rowCount() == 1)
    finally:
        wait_idle(qtbot, ops)
        if shiboken6.isValid(w):
            w.close()
        wait_idle(qtbot, ops)
