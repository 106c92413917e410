"""The Report screen: counts for a period, small counts hidden, saved as PDF and XLSX."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QDate, Qt

from app import demo
from app.questionnaire.aggregate import SUPPRESSED
from tests.ui.helpers import wait_idle
from ui.office.report_dialog import ReportDialog

pytestmark = pytest.mark.gui


def test_overview_for_a_period(qtbot, ops, people_store, tmp_path: Path) -> None:
    demo.generate(people_store, 40, seed=3, today=date(2026, 11, 1))
    dialog = ReportDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start.setDate(QDate(2025, 1, 1))
    dialog.end.setDate(QDate(2026, 11, 1))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    values = [dialog.tree.topLevelItem(i).child(j).text(1)
              for i in range(dialog.tree.topLevelItemCount())
              for j in range(dialog.tree.topLevelItem(i).childCount())]
    assert values and all(v in ("", SUPPRESSED) or int(v) >= 5 or int(v) == 0 for v in values
                          if not v.startswith("Median"))
    dialog.write(tmp_path / "overview.pdf")
    dialog.write(tmp_path / "overview.xlsx")
    wait_idle(qtbot, ops)
    with pdfplumber.open(tmp_path / "overview.pdf") as pdf:
        assert "Intakes" in pdf.pages[0].extract_text()
    assert (tmp_path / "overview.xlsx").stat().st_size > 1000
    dialog.end.setDate(QDate(2024, 1, 1))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text()  # the end before the start: said plainly
