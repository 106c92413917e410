"""Tools → Export people…: a CSV or XLSX file, only for roles that may export, logged."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from acting import acting
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.i18n import _
from app.services import persons, users
from app.store.models import AuditEvent
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.office import export_action
from ui.office.export_action import Exporter, default_name, with_suffix
from ui.office.main_window import AppWindow

pytestmark = pytest.mark.gui

FORMULA = '=HYPERLINK("http://example.org","klik")'


@pytest.fixture
def people(people_store):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Amina",
                                                             family_name="Yusuf"))
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Piet",
                                                             family_name=FORMULA))


@pytest.fixture
def window(main_window):  # noqa: ANN001, ANN201
    return main_window


def test_export_xlsx_from_the_menu(qtbot, window, ops, people_store, people, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "mensen.xlsx"
    monkeypatch.setattr(export_action, "ask_export_path", lambda parent: out)
    exporter = window.exporter
    assert exporter.action.isEnabled()
    with qtbot.waitSignal(exporter.exported, timeout=10000) as sent:
        exporter.action.trigger()
    assert sent.args == [2, out]
    rows = list(openpyxl.load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("record_number", "given_names", "family_name")
    assert {r[1] for r in rows[1:]} == {"Amina", "Piet"}
    assert "'" + FORMULA in {r[2] for r in rows[1:]}  # stays text in a spreadsheet
    box = exporter.message_box
    assert box.isVisible() and box.path.text() == str(out) and "2" in box.label.text()
    box.accept()
    with people_store.session() as db:
        (event,) = db.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
        assert event.user_id == ops.user_id and event.detail == "xlsx:2"


def test_export_csv(qtbot, window, ops, people, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "mensen.csv"
    with qtbot.waitSignal(window.exporter.exported, timeout=10000):
        window.exporter.export_to(out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 3 and rows[0][0] == "record_number"
    assert "'" + FORMULA in [r[2] for r in rows]
    window.exporter.message_box.accept()


def test_a_case_manager_may_not_export(qtbot, ops, people_store, people,
                                       tmp_path: Path) -> None:  # noqa: ANN001
    with people_store.session() as db:
        bram = users.authenticate(db, "bram", SECOND_PASSWORD)
    from ui.session.operations import Operations

    bram_ops = Operations(people_store, bram.id)
    try:
        w = AppWindow(bram_ops, bram)
        qtbot.addWidget(w)
        assert not w.exporter.action.isEnabled()
        # Reached another way all the same: the service refuses and says so plainly.
        exporter = Exporter(bram_ops, bram, w)
        out = tmp_path / "mensen.xlsx"
        with qtbot.waitSignal(exporter.refused, timeout=10000) as refused:
            exporter.export_to(out)
        assert refused.args == [_("Your role does not allow this; ask a coordinator.")]
        box = exporter.message_box
        assert box.icon() == QMessageBox.Icon.Warning and box.text() == refused.args[0]
        box.accept()
        assert not out.exists()
        assert not exporter.action.isEnabled()  # still not, after the refusal
        wait_idle(qtbot, bram_ops)
    finally:
        bram_ops.shutdown()


def test_file_names() -> None:
    assert default_name(date(2026, 12, 1)) == "wegwijs-export-2026-12-01.xlsx"
    assert with_suffix(Path("/x/mensen"), "csv") == Path("/x/mensen.csv")
    assert with_suffix(Path("/x/mensen.XLSX"), "csv") == Path("/x/mensen.XLSX")
    assert with_suffix(Path("/x/week.48"), "xlsx") == Path("/x/week.48.xlsx")
