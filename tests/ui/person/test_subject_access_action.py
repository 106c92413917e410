"""Subject access from the person window: a PDF and a JSON file in a chosen folder."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.services import consents, persons
from app.services.persons import PersonFields
from app.services.users import authenticate
from app.store.models import AuditEvent
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.person.person_window import PersonWindow
from ui.session.operations import Operations

pytestmark = pytest.mark.gui


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Senait", family_name="Kahsay", phone="0687654321")).id
        consents.give_consent(db, anna.id, pid, purpose="School", partner="ROC",
                              scope=["contact"])
    return pid


def _window(qtbot, ops, person_id) -> PersonWindow:  # noqa: ANN001
    w = PersonWindow(ops, person_id)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    return w


def test_coordinator_exports_everything(qtbot, ops, people_store, person_id,  # noqa: ANN001
                                        tmp_path: Path) -> None:
    w = _window(qtbot, ops, person_id)
    folder = tmp_path / "inzage"
    asked = []
    w.ask_folder = lambda parent: (asked.append(parent), folder)[1]
    try:
        assert w.export_action.isVisible()
        with qtbot.waitSignal(w.exported, timeout=20000) as exported:
            w.export_action.trigger()
        assert asked == [w]
        pdf_path, json_path = (Path(p) for p in exported.args[0])
        assert pdf_path.parent == folder and json_path.parent == folder
        assert pdf_path.name.startswith("W-00001-") and pdf_path.suffix == ".pdf"
        data = json.loads(json_path.read_text(encoding="utf-8"))
        assert data["person"]["given_names"] == "Senait"
        assert data["consents"][0]["partner"] == "ROC"
        assert {e["action"] for e in data["history"]} >= {"create", "open"}
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
            pdf_path.read_bytes())).pages)
        assert "Senait" in text and "0687654321" in text and "ROC" in text
        # a letter the person can read, not a dump: plain words, no internal ids
        assert "Wat wij over u bewaren" in text and "Met wie wij het deelden" in text
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", text)
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}", text)
        (box,) = [b for b in w.findChildren(QMessageBox) if b.objectName() == "export_done"]
        assert str(folder) in box.text() and pdf_path.name in box.text()
        with people_store.session() as db:
            (event,) = db.scalars(select(AuditEvent).where(
                AuditEvent.detail == "subject_access")).all()
        assert event.user_id == ops.user_id and event.person_id == person_id
        box.close()
    finally:
        if shiboken6.isValid(w):
            w.close()
        wait_idle(qtbot, ops)


def test_cancelled_folder_writes_nothing(qtbot, ops, people_store, person_id) -> None:  # noqa: ANN001
    w = _window(qtbot, ops, person_id)
    w.ask_folder = lambda parent: None
    try:
        w.export_action.trigger()
        wait_idle(qtbot, ops)
        with people_store.session() as db:
            assert not db.scalars(select(AuditEvent).where(
                AuditEvent.detail == "subject_access")).all()
    finally:
        w.close()
        wait_idle(qtbot, ops)


def test_case_manager_has_no_export(qtbot, qapp, people_store, person_id,  # noqa: ANN001
                                    tmp_path: Path) -> None:
    with people_store.session() as db:
        bram = authenticate(db, "bram", SECOND_PASSWORD).id
    ops = Operations(people_store, bram)
    try:
        w = _window(qtbot, ops, person_id)
        assert not w.export_action.isVisible()
        w.export_everything(tmp_path / "out")
        wait_idle(qtbot, ops)
        assert not (tmp_path / "out").exists()
        w.close()
        wait_idle(qtbot, ops)
    finally:
        ops.shutdown()
