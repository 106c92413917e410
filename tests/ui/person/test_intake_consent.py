"""Consent asked in the intake is recorded as consent: answering the screening's consent
questions in the window makes consent records, which the Consent tab shows at once."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt

from app.services import consents, persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.person.person_window import PersonWindow
from ui.session.translations import apply_language

pytestmark = pytest.mark.gui


def _click(qtbot, button) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_consent_answers_become_consent_records(qtbot, ops, people_store, anna) -> None:  # noqa: ANN001
    apply_language("nl")
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(given_names="Rahwa",
                                                              family_name="Tekle")).id
    w = PersonWindow(ops, pid)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    try:
        w.tabs.setCurrentWidget(w.intake)
        tab = w.intake
        _click(qtbot, tab.start_buttons["extended_screening"])
        qtbot.waitUntil(lambda: tab.form is not None)
        tab.form.blocks["consent_data_exchange"].input.buttons["yes"].click()
        organisations = tab.form.blocks["consent_organisations"]
        qtbot.waitUntil(organisations.isVisible)
        organisations.input.buttons["language_school"].click()
        tab.form.blocks["consent_insurance"].input.buttons["no"].click()
        qtbot.waitUntil(lambda: {c.partner for c in w.consent.model.records()
                                 if c.withdrawn_on is None} == {"Taalschool"}, timeout=15000)
        with people_store.session() as db:
            (made,) = consents.consents_of(db, ops.user_id, pid)
            assert made.intake_id is not None and sorted(made.scope) == [
                "contact", "education_work", "identity"]
        # Taking the answer back withdraws the consent it gave.
        tab.form.blocks["consent_data_exchange"].input.buttons["no"].click()
        qtbot.waitUntil(lambda: all(c.withdrawn_on is not None
                                    for c in w.consent.model.records()), timeout=15000)
    finally:
        wait_idle(qtbot, ops)
        if shiboken6.isValid(w):
            w.close()
        wait_idle(qtbot, ops)
