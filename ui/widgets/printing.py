"""Printing PDFs through Qt's printer, with the card's page size and duplex setting.

``ask_printer`` shows the print dialog set up for a PDF; ``print_pdf`` takes an already
configured ``QPrinter`` (from that dialog, or set up by a test for a CUPS queue) and draws each page of the PDF on it. Saving as PDF needs no printer:
the bytes are written as they are, so a laptop without printers still makes cards.
``sent_message`` says where the pages went, for the status line after printing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.errors import WegwijsError
from app.files import write_atomic
from app.i18n import _, ngettext
from ui.widgets.labels import ltr

PRINT_DPI = 600


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:  # noqa: ANN001
    """A QPdfDocument over ``data``; keep the returned buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise WegwijsError(_("The document could not be read for printing."))
    return document, buffer


def configure_printer(printer: QPrinter, pdf: bytes, *, one_sided: bool,
                      title: str = "Wegwijs") -> None:
    """Page size from the document's first page (the card format), duplex unless one-sided."""
    document, buffer = load_pdf(pdf)
    points = document.pagePointSize(0)
    document.close()
    buffer.close()
    size = QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point,
                     "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if points.width() > points.height()
                   else QPageLayout.Orientation.Portrait)
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)
    printer.setPageMargins(QPageLayout().margins())
    printer.setDuplex(QPrinter.DuplexMode.DuplexNone if one_sided
                      else QPrinter.DuplexMode.DuplexLongSide)
    printer.setDocName(title)


def ask_printer(parent: QWidget, pdf: bytes, *, one_sided: bool, title: str,
                dialog_title: str = "") -> QPrinter | None:
    """The print dialog for ``pdf`` (its page size, duplex unless ``one_sided``, the job named
    ``title``); the printer chosen, or None when the volunteer cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, pdf, one_sided=one_sided, title=title)
    dialog = QPrintDialog(printer, parent)
    if dialog_title:
        dialog.setWindowTitle(dialog_title)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` on ``printer``; returns the number of pages printed."""
    document, buffer = load_pdf(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise WegwijsError(_("The printer {name} cannot be used. Check that it is switched on, "
                             "or save the document as PDF.").format(name=printer.printerName()))
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        scale = printer.resolution() / 72.0
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, pixels)
            painter.drawImage(QRectF(0, 0, points.width() * scale, points.height() * scale),
                              image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()
        buffer.close()


def write_pdf(path: Path, data: bytes) -> None:
    """Write a PDF safely (a partial file never replaces a good one)."""
    write_atomic(path, data)


def printer_name(printer: QPrinter) -> str:
    """The queue's name, or the file a PDF printer writes to."""
    return printer.printerName() or Path(printer.outputFileName()).name


def sent_message(printer: QPrinter, pages: int) -> str:
    """"Sent to the printer PDF: 2 pages. Check that it came out." """
    return ngettext("Sent to the printer {name}: {n} page. Check that it came out.",
                    "Sent to the printer {name}: {n} pages. Check that it came out.",
                    pages).format(name=ltr(printer_name(printer)), n=pages)
