"""The retention review offers only people whose last contact of any kind is older than the
period, and shows that date: a logged contact, an intake or a referral keeps a person off it."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from acting import acting

from app.services import contact_log, intakes, persons, referrals
from tests.ui.helpers import wait_idle
from ui.office.retention_dialog import RetentionDialog

pytestmark = pytest.mark.gui
LONG_AGO = date(2020, 3, 1)
SHOTS = os.environ.get("WEGWIJS_SHOTS")


def test_only_people_without_any_recent_contact(qtbot, main_window, ops,
                                                people_store) -> None:  # noqa: ANN001
    with people_store.session() as db:
        by = acting(db)
        made = {given: persons.create_person(db, by, persons.PersonFields(
            given_names=given, family_name="Oud"), today=LONG_AGO).id
            for given in ("Vergeten", "Gebeld", "Intake", "Verwezen")}
        contact_log.log_contact(db, by, made["Gebeld"], contact_log.ContactFields(
            kind="phone_call", contact_on=(date.today() - timedelta(days=40))
            .strftime("%d-%m-%Y")))
        intakes.begin(db, by, made["Intake"], "short_intake")
        referrals.create_referral(db, by, made["Verwezen"], partner="ASKV")
    main_window.retention_action.trigger()
    dialog = main_window.findChild(RetentionDialog)
    qtbot.waitUntil(lambda: dialog.review is not None)
    wait_idle(qtbot, ops)
    model = dialog.table.model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert [(row[1], row[2]) for row in rows] == [("Vergeten Oud", "01-03-2020")]
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/retention_review.png")
    dialog.close()
