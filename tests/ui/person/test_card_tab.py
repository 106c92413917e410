"""The contact card: own contacts, live preview of the real PDF, one-sided, Save as PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

import ui.person.card_tab as module
from app.errors import WegwijsError
from app.i18n import _, ngettext
from app.services import audit, contacts, persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.person.contact_dialog import ContactDialog
from ui.person.person_window import PersonWindow
from ui.widgets import printing

pytestmark = pytest.mark.gui


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        return persons.create_person(db, anna.id, PersonFields(
            given_names="Selam", family_name="Tesfay", name_original="ሰላም ተስፋይ",
            document_language="ti", status="undocumented")).id


@pytest.fixture
def window(qtbot, ops, person_id):  # noqa: ANN001, ANN201
    w = PersonWindow(ops, person_id)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    yield w
    if shiboken6.isValid(w):
        w.close()
    wait_idle(qtbot, ops)


def test_fill_preview_and_save_the_card(qtbot, documents, window, ops, people_store,  # noqa: ANN001
                                        person_id, tmp_path: Path, monkeypatch) -> None:
    card = window.card
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is card
    qtbot.waitUntil(lambda: card.preview.page_count() > 0, timeout=15000)

    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    dialog = card.findChild(ContactDialog)
    dialog.role.setCurrentIndex(dialog.role.findData("legal_aid"))
    qtbot.keyClicks(dialog.organisation, "Advocatenkantoor Spaarne")
    qtbot.keyClicks(dialog.name, "mr. De Boer")
    qtbot.keyClicks(dialog.phone, "023-5557788")
    with qtbot.waitSignal(card.previewed, timeout=15000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert card.contacts.rowCount() == 1
    with people_store.session() as db:
        shown = contacts.card_contacts(db, ops.user_id, person_id)
        assert "Advocatenkantoor Spaarne" in [c.organisation for c in shown]
    two_sided = card.preview.page_count()

    with qtbot.waitSignal(card.previewed, timeout=15000):
        card.one_sided.setFocus()
        qtbot.keyClick(card.one_sided, Qt.Key.Key_Space)
    assert card.preview.page_count() < two_sided

    target = tmp_path / "kaart.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(card.saved, timeout=15000):
        qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "023-5557788" in text
    with people_store.session() as db:
        assert ("print", "card") in [(e.action, e.entity) for e in audit.history(db, ops.user_id, person_id)]


def test_preview_says_why_when_documents_cannot_be_made(qtbot, documents, window,  # noqa: ANN001
                                                        monkeypatch) -> None:
    def broken(_data) -> bytes:  # noqa: ANN001 - as when a font file is damaged
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(documents, "render_card", broken)
    window.tabs.setCurrentWidget(window.card)
    window.card.refresh_preview()
    preview = window.card.preview
    qtbot.waitUntil(lambda: preview.currentWidget() is preview.message, timeout=15000)
    assert preview.message.text()
    assert preview.page_count() == 0


def test_printing_says_which_printer_and_how_many_pages(qtbot, documents, window, ops,  # noqa: ANN001
                                                        tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "printed.pdf"

    class ChosenPrinter:  # the print dialog, where the volunteer picks a PDF printer
        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer: QPrinter, parent=None) -> None:  # noqa: ANN001
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def setWindowTitle(self, title: str) -> None:  # noqa: N802
            pass

        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "QPrintDialog", ChosenPrinter)
    card = window.card
    window.tabs.setCurrentWidget(card)
    status = card.findChild(module.QLabel, "card_status")
    assert status.text() == ""
    with qtbot.waitSignal(card.printed, timeout=15000) as printed:
        qtbot.mouseClick(card.print_button, Qt.MouseButton.LeftButton)
    pages = printed.args[0]
    assert pages == len(PdfReader(io.BytesIO(target.read_bytes())).pages) > 0
    assert status.text() == ngettext(
        "Sent to the printer {name}: {n} page. Check that it came out.",
        "Sent to the printer {name}: {n} pages. Check that it came out.",
        pages).format(name=module.ltr("printed.pdf"), n=pages)

    def broken(pdf: bytes, printer: QPrinter) -> int:
        raise WegwijsError("The printer PDF cannot be used.")

    shown: list[str] = []
    monkeypatch.setattr(module, "print_pdf", broken)
    monkeypatch.setattr(module, "show_error", lambda parent, err: shown.append(err.message))
    qtbot.mouseClick(card.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown != [], timeout=15000)
    assert shown == ["The printer PDF cannot be used."]
    assert status.text() == _("Not printed: {reason}").format(
        reason="The printer PDF cannot be used.")
    wait_idle(qtbot, ops)
