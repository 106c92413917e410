"""Merging a person registered twice, from their window: the other record chosen among the
likely duplicates, the fields chosen side by side, everything attached comes along; undone
until made final, on the Shelter and decisions tab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.services import consents, intakes, persons
from app.services.persons import PersonFields
from app.store.models import Person
from tests.ui.helpers import wait_idle
from ui.person.person_window import PersonWindow

pytestmark = pytest.mark.gui


def test_merge_choose_fields_undo_and_make_final(qtbot, ops, people_store, anna,  # noqa: ANN001
                                                 tmp_path: Path) -> None:
    with people_store.session() as db:
        keep = persons.create_person(db, anna.id, PersonFields(
            given_names="Mohammed", family_name="Haddad", birth_date="1990",
            phone="0612345678")).id
        other = persons.create_person(db, anna.id, PersonFields(
            given_names="Mohamed", family_name="Hadad", birth_date="12-03-1990",
            v_number="2612345678"))
        other_id, other_code = other.id, other.record_code
        intakes.begin(db, anna.id, other_id, "short_intake")
        consents.give_consent(db, anna.id, other_id, purpose="Taalcursus", partner="Taalhuis",
                              scope=["contact"])
    window = PersonWindow(ops, keep)
    window.resize(1150, 760)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    tab = window.shelter
    window.tabs.setCurrentWidget(tab)
    dialog = tab.merge_records()
    # The likely duplicate is offered first.
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    assert dialog.model.record(0).id == other_id
    rect = dialog.view.visualRect(dialog.view.model().index(0, 1))
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10000)
    assert other_code in dialog.heading.text()
    assert "2" in dialog.attached.text()  # an intake and a consent come along
    # The suggested values: the V-number of the other record (this one has none), this phone.
    assert dialog.groups["v_number"].checkedId() == 1
    assert dialog.groups["phone"].checkedId() == 0
    other_name = dialog.groups["family_name"].button(1)
    assert other_name.objectName() == "merge_family_name_1"
    qtbot.mouseClick(other_name, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, other_name.height() // 2))
    assert dialog.choices()["family_name"] == "duplicate"
    shots = Path(os.environ.get("WEGWIJS_SHOTS", tmp_path))
    dialog.grab().save(str(shots / "merge-dialog.png"))
    with qtbot.waitSignal(dialog.merged, timeout=10000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.undo_merge_button.isVisible(), timeout=10000)
    assert other_code in tab.merge_note.text()
    with people_store.session() as db:
        assert db.get(Person, other_id) is None
        merged = db.get(Person, keep)
        assert (merged.family_name, merged.v_number, merged.phone) == (
            "Hadad", "2612345678", "0612345678")
        assert len(merged.intakes) == 1 and len(merged.consents) == 1
    window.grab().save(str(shots / "shelter-tab-merged.png"))
    qtbot.mouseClick(tab.undo_merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.undo_merge_button.isVisible(), timeout=10000)
    with people_store.session() as db:
        assert db.get(Person, other_id).family_name == "Hadad"
        assert db.get(Person, keep).family_name == "Haddad"
        assert len(db.get(Person, other_id).consents) == 1
    wait_idle(qtbot, ops)
    window.close()
