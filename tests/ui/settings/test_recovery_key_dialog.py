"""The recovery key after set-up: kept on paper before the main window opens."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.documents.recovery_sheet import render_recovery_sheet
from ui.settings.recovery_key_dialog import RecoveryKeyDialog

pytestmark = pytest.mark.gui
CODE = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"


@pytest.fixture
def dialog(qtbot):  # noqa: ANN001, ANN201
    d = RecoveryKeyDialog(CODE, "Stem in de Stad", "/home/anna/wegwijs.db")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return doc.pages[0].extract_text()


def test_the_sheet_holds_office_date_key_and_instructions() -> None:
    text = _text(render_recovery_sheet("Stem in de Stad", CODE, dt.date(2026, 12, 3),
                                       "/home/anna/wegwijs.db"))
    assert "Stem in de Stad" in text and "03-12-2026" in text and CODE in text
    assert "Herstelsleutel gebruiken" in text  # where to type it when it is needed


def test_continue_only_after_the_tick(qtbot, dialog) -> None:  # noqa: ANN001
    assert CODE in dialog.key_label.text()
    assert not dialog.continue_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.confirmed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape does not skip the key
        dialog.close()
    assert dialog.isVisible()
    assert dialog.kept.hasFocus()
    qtbot.keyClick(dialog.kept, Qt.Key.Key_Space)
    assert dialog.continue_button.isEnabled()
    with qtbot.waitSignal(dialog.confirmed):
        qtbot.keyClick(dialog.continue_button, Qt.Key.Key_Return)


def test_save_as_pdf(qtbot, dialog, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "sleutel"  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    dialog.save_button.click()
    saved = tmp_path / "sleutel.pdf"
    assert CODE in _text(saved.read_bytes())
    assert "sleutel.pdf" in dialog.status.text()


def test_save_into_a_folder_that_cannot_be_written_says_why(qtbot, dialog, tmp_path: Path,
                                                            monkeypatch) -> None:  # noqa: ANN001
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(blocker / "sleutel.pdf"), "")))
    dialog.save_button.click()
    assert dialog.status.text() and "sleutel" not in [p.name for p in tmp_path.iterdir()]


def test_print_goes_to_the_default_printer(qtbot, dialog) -> None:  # noqa: ANN001
    from PySide6.QtPrintSupport import QPrinterInfo

    default = QPrinterInfo.defaultPrinter()
    if default.isNull():
        message = "no default printer (.ci/run makes the CUPS queue PDF the default)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    dialog.print_button.click()
    assert default.printerName() in dialog.status.text()
    assert "1" in dialog.status.text()  # one page
