"""Caseloads: people per case manager against the caseload setting (full in red), the waiting
list of people admitted without a case manager; one click opens the person."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.services import deadlines, persons
from app.store.models import User
from tests.ui.helpers import wait_idle
from ui.office.caseload_dialog import LOAD_COLUMNS, WAITING_COLUMNS, CaseloadDialog
from ui.widgets.record_model import RecordTableModel

pytestmark = pytest.mark.gui


def test_caseloads_waiting_list_and_the_setting(qtbot, ops, people_store, anna,  # noqa: ANN001
                                                tmp_path: Path) -> None:
    with people_store.session() as db:
        bram = db.scalar(select(User).where(User.username == "bram")).id
        deadlines.set_capacity(db, anna.id, 2)
        people = [persons.create_person(db, anna.id, persons.PersonFields(
            given_names=f"Persoon {i}")).id for i in range(3)]
        for pid in people[:2]:
            deadlines.assign_case_manager(db, anna.id, pid, bram)
        deadlines.start_stay(db, anna.id, people[2], "01-11-2026")
    dialog = CaseloadDialog(ops, anna)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.waiting_model.rowCount() == 1, timeout=10000)
    loads = {dialog.load_model.record(i).name: dialog.load_model.record(i)
             for i in range(dialog.load_model.rowCount())}
    assert loads["Bram Jansen"].full and loads["Bram Jansen"].count == 2
    row = next(i for i in range(dialog.load_model.rowCount())
               if dialog.load_model.record(i).name == "Bram Jansen")
    assert dialog.load_model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "(1)" in dialog.waiting_box.title()
    shots = Path(os.environ.get("WEGWIJS_SHOTS", tmp_path))
    dialog.grab().save(str(shots / "caseload-dialog.png"))
    # The coordinator raises the caseload: Bram has room again.
    dialog.capacity.setValue(3)
    qtbot.mouseClick(dialog.save_capacity, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(dialog.load_model.record(i).full
                                    for i in range(dialog.load_model.rowCount())),
                    timeout=10000)
    rect = dialog.waiting_view.visualRect(dialog.waiting_view.model().index(0, 2))
    with qtbot.waitSignal(dialog.open_person) as opened:
        qtbot.mouseClick(dialog.waiting_view.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert opened.args == [people[2]]
    wait_idle(qtbot, ops)


def test_the_models_pass_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    for columns in (LOAD_COLUMNS, WAITING_COLUMNS):
        qtmodeltester.check(RecordTableModel(columns))
