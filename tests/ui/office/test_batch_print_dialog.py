"""Printing the cards of several selected people: progress, then one PDF with every card."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt

from app.services import persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.office.batch_print_dialog import BatchPrintDialog
from ui.office.people import PeopleView

pytestmark = pytest.mark.gui


def test_select_three_and_print_their_cards(qtbot, ops, people_store, anna,
                                            tmp_path: Path) -> None:
    with people_store.session() as db:
        for name, lang in (("Rahwa", "ti"), ("Rania", "ar"), ("Emre", "tr"), ("Olena", "uk")):
            persons.create_person(db, anna.id, PersonFields(given_names=name,
                                                            document_language=lang))
    screen = PeopleView(ops)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=10000)
    selection = screen.view.selectionModel()
    for row in (0, 1, 3):
        selection.select(screen.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    dialog = screen.findChild(BatchPrintDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20000)
    assert dialog.bar.value() == 3
    out = tmp_path / "cards.pdf"
    dialog.save_to(out)
    reader = PdfReader(out)
    assert len(reader.pages) % 3 == 0 and len(reader.pages) >= 3
    wait_idle(qtbot, ops)
    dialog.close()
