"""The History tab shows the audit trail to coordinators only; others read a plain sentence."""

from __future__ import annotations

import pytest
import shiboken6

from app.errors import NotAllowed
from app.i18n import _
from app.services import audit, persons
from app.services.persons import PersonFields
from app.services.users import authenticate
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.person.person_window import PersonWindow
from ui.session.operations import Operations

pytestmark = pytest.mark.gui


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        return persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi")).id


def _open(qtbot, ops, person_id):  # noqa: ANN001, ANN202
    w = PersonWindow(ops, person_id)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    w.tabs.setCurrentWidget(w.history)
    return w


def _close(qtbot, w, ops) -> None:  # noqa: ANN001
    if shiboken6.isValid(w):
        w.close()
    wait_idle(qtbot, ops)


def test_coordinator_reads_the_history(qtbot, ops, people_store, person_id) -> None:  # noqa: ANN001
    w = _open(qtbot, ops, person_id)
    try:
        tab = w.history
        assert tab.view.isVisible()
        assert tab.model.rowCount() >= 2  # created and opened
        with people_store.session() as db:
            assert tab.model.rowCount() == len(audit.history(db, ops.user_id, person_id))
        assert tab.note.text() == _(
            "Every look at and change of this person's records, newest first.")
    finally:
        _close(qtbot, w, ops)


def test_case_manager_sees_only_a_sentence(qtbot, qapp, people_store, person_id) -> None:  # noqa: ANN001
    with people_store.session() as db:
        bram = authenticate(db, "bram", SECOND_PASSWORD).id
    ops = Operations(people_store, bram)
    try:
        w = _open(qtbot, ops, person_id)
        tab = w.history
        assert not tab.view.isVisible()
        assert tab.model.rowCount() == 0
        assert tab.note.text() == _(
            "The history of this file (who looked at or changed what) is for coordinators only.")
        assert w.file.history == []
        _close(qtbot, w, ops)
    finally:
        ops.shutdown()


def test_history_needs_a_named_reader(people_store, person_id) -> None:  # noqa: ANN001
    with people_store.session() as db:
        with pytest.raises(TypeError):
            audit.history(db, person_id)  # type: ignore[call-arg]
        with pytest.raises(NotAllowed):
            audit.history(db, None, person_id)
