"""The blank questionnaire from the main window's Tools menu: chosen, previewed, saved."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import wait_idle
from ui.office.blank_questionnaire_dialog import BlankQuestionnaireDialog

pytestmark = pytest.mark.gui


def test_choose_language_preview_and_save(qtbot, ops, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = BlankQuestionnaireDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=20000)
    with qtbot.waitSignal(dialog.made, timeout=20000) as made:
        dialog.language.setCurrentIndex(dialog.language.findData("ti"))
    assert made.args[0] >= 2
    dialog.questionnaire.setCurrentIndex(dialog.questionnaire.findData("extended_screening"))
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=20000)
    target = tmp_path / "paper.pdf"
    dialog.ask_path = lambda parent, suggested: (
        target if suggested == "extended_screening-ti.pdf" else None)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with pdfplumber.open(target) as pdf:
        first = pdf.pages[0].extract_text()
        assert "Uitgebreide screening" in first
        assert len(pdf.pages) >= 3
    wait_idle(qtbot, ops)


def test_the_tools_menu_opens_it(qtbot, main_window) -> None:  # noqa: ANN001
    actions = [a for a in main_window.findChildren(type(main_window.actions()[0]))
               if "questionnaire" in a.text().lower() or "vragenlijst" in a.text().lower()]
    assert actions
    actions[0].trigger()
    dialogs = main_window.findChildren(BlankQuestionnaireDialog)
    assert dialogs and dialogs[0].isVisible()
    qtbot.waitUntil(lambda: dialogs[0].pdf is not None, timeout=20000)
    dialogs[0].close()
