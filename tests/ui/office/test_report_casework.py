"""The Report screen shows the contacts by kind and the referrals by status, small counts
hidden."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QDate, Qt

from app.questionnaire.aggregate import SUPPRESSED
from app.services import contact_log, persons, referrals
from ui.office.report_dialog import ReportDialog

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("WEGWIJS_SHOTS")


def test_contacts_and_referrals_in_the_overview(qtbot, ops, people_store, anna) -> None:  # noqa: ANN001
    with people_store.session() as db:
        for i in range(6):
            pid = persons.create_person(db, anna.id, persons.PersonFields(
                given_names=f"P{i}")).id
            contact_log.log_contact(db, anna.id, pid, contact_log.ContactFields(
                kind="visit", contact_on="02-03-2026"))
            referrals.create_referral(db, anna.id, pid, partner="ASKV",
                                      referred_on="02-03-2026")
    dialog = ReportDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start.setDate(QDate(2026, 1, 1))
    dialog.end.setDate(QDate(2026, 11, 30))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    tables = {}
    for i in range(dialog.tree.topLevelItemCount()):
        item = dialog.tree.topLevelItem(i)
        tables[item.text(0)] = {item.child(j).text(0): item.child(j).text(1)
                                for j in range(item.childCount())}
    assert tables["Contacts by kind"] == {"Visit": "6", "Of which with an interpreter":
                                         SUPPRESSED, "All contacts": "6"}
    assert tables["Referrals made, by status"] == {"Sent": "6"}
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/report_casework.png")
