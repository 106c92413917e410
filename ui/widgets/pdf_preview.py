"""A live preview of a PDF (the real card or plan), or a plain message when there is none."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class PdfPreview(QStackedWidget):
    """Shows PDF bytes with QtPdf, all pages one under another, fitted to the width.

    Signals:
        shown(int): a document with this many pages is on screen.
    """

    shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.message = QLabel()
        self.message.setObjectName("preview_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.addWidget(self.view)
        self.addWidget(self.message)
        self._buffer: QBuffer | None = None
        self.pdf: bytes | None = None

    def set_pdf(self, data: bytes) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.pdf = data
        self.setCurrentWidget(self.view)
        self.shown.emit(self.document.pageCount())

    def show_message(self, text: str) -> None:
        self.pdf = None
        self.document.close()
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def page_count(self) -> int:
        return self.document.pageCount() if self.pdf else 0
