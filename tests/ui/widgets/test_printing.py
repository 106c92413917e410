"""Printing a contact card through the print code path to a real CUPS queue (cups-pdf).

CI (``.ci/run``) installs cups and printer-driver-cups-pdf and adds a queue named PDF; the
PDF that cups-pdf writes is checked here. Without a CUPS queue the test is skipped locally
and fails on CI.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.printing import document_data
from app.services import persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.person.person_window import PersonWindow

pytestmark = pytest.mark.gui
CONF = Path("/etc/cups/cups-pdf.conf")


def _queue() -> str:
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    if "PDF" in names:
        return "PDF"
    reason = f"no CUPS queue named PDF (queues: {names or 'none'})"
    if os.environ.get("CI"):
        pytest.fail(reason + "; .ci/run must install cups-pdf and add the queue")
    pytest.skip(reason + "; install cups + printer-driver-cups-pdf and run lpadmin -p PDF")


def _output_folders() -> list[Path]:
    folders = [Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    if CONF.is_file():
        for line in CONF.read_text(errors="replace").splitlines():
            m = re.match(r"^\s*(Out|AnonDirName)\s+(\S+)", line)
            if m:
                folders.append(Path(m.group(2).replace("${HOME}", str(Path.home()))))
    user = os.environ.get("USER") or "root"
    folders.append(Path("/var/spool/cups-pdf") / user)
    return folders


def _arrived(token: str) -> PdfReader | None:
    """The printed PDF once cups-pdf has finished writing it."""
    for folder in _output_folders():
        if folder.is_dir():
            for path in folder.glob(f"*{token}*.pdf"):
                try:
                    reader = PdfReader(path)
                    if reader.pages:
                        return reader
                except Exception:  # noqa: BLE001 - still being written
                    return None
    return None


def test_print_a_card_to_cups(qtbot, documents, ops, people_store, anna) -> None:  # noqa: ANN001
    queue = _queue()
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Dawit", family_name="Haile", document_language="ti")).id
    window = PersonWindow(ops, pid)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    wait_idle(qtbot, ops)
    with people_store.session() as db:
        pdf = document_data.person_card(db, anna.id, pid, "ti")
    expected_pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)

    token = f"wegwijs-test-{uuid.uuid4().hex[:10]}"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(queue)
    assert printer.isValid()
    with qtbot.waitSignal(window.card.printed) as printed:
        window.card.print_to(printer, pdf, title=token)
    assert printed.args == [expected_pages]
    supported = QPrinterInfo.printerInfo(queue).supportedDuplexModes()
    if QPrinter.DuplexMode.DuplexLongSide in supported:
        assert printer.duplex() == QPrinter.DuplexMode.DuplexLongSide

    qtbot.waitUntil(lambda: _arrived(token) is not None, timeout=60000)
    arrived = _arrived(token)
    assert len(arrived.pages) == expected_pages
    card = PdfReader(__import__("io").BytesIO(pdf)).pages[0].mediabox
    page = arrived.pages[0].mediabox
    assert abs(float(page.width) - float(card.width)) < 3
    assert abs(float(page.height) - float(card.height)) < 3
    window.close()
    wait_idle(qtbot, ops)
