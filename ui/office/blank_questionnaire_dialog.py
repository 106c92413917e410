"""Paper when the laptop is not there: a blank intake questionnaire (short intake or extended
screening) in Dutch beside a card language, previewed, saved as PDF or printed. Nothing
personal is read: the form is made from the questionnaire (app.printing.blank_questionnaire).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import N_, _
from app.printing.blank_questionnaire import QUESTIONNAIRES, blank_questionnaire
from app.printing.document_data import card_languages
from ui.session.operations import Operations
from ui.widgets.forms import show_error
from ui.widgets.labels import language_label, ltr
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.printing import ask_printer, print_pdf, write_pdf
from ui.widgets.save_check import check_save_path

AskPath = Callable[[QWidget, str], Path | None]
TITLES = {"short_intake": N_("Short intake"), "extended_screening": N_("Extended screening")}


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save the blank questionnaire"),
                                                str(Path.home() / suggested), _("PDF (*.pdf)"))
    if not path:
        return None
    return Path(path) if Path(path).suffix else Path(path + ".pdf")


class BlankQuestionnaireDialog(QDialog):
    """Choose the questionnaire and the language; the form is made off the GUI thread.

    Signals:
        made(int): a form with this many pages is in the preview.
        saved(str): the path the PDF was saved to.
    """

    made = Signal(int)
    saved = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None, *,
                 ask_path: AskPath | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blank_questionnaire_dialog")
        self.setWindowTitle(_("Blank questionnaire on paper"))
        self._ops = ops
        self.ask_path: AskPath = ask_path or ask_pdf_path
        self._pdf: bytes | None = None
        intro = QLabel(_("For an intake without the laptop: print the questions with boxes to "
                         "tick and lines to write on, in Dutch beside the person's language. "
                         "Type the answers in later; the questions are numbered as on the "
                         "screen."))
        intro.setWordWrap(True)
        self.questionnaire = QComboBox()
        self.questionnaire.setObjectName("blank_questionnaire")
        for qid in QUESTIONNAIRES:
            self.questionnaire.addItem(_(TITLES[qid]), qid)
        self.language = QComboBox()
        self.language.setObjectName("blank_language")
        for code in card_languages():
            self.language.addItem(language_label(code), code)
        form = QFormLayout()
        form.addRow(_("&Questionnaire"), self.questionnaire)
        form.addRow(_("&Language beside Dutch"), self.language)
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("save_blank_questionnaire")
        self.print_button = QPushButton(_("Pr&int…"))
        self.print_button.setObjectName("print_blank_questionnaire")
        close = QPushButton(_("Close"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addWidget(close)
        self.status = QLabel()
        self.status.setObjectName("blank_status")
        self.status.setWordWrap(True)
        self.preview = PdfPreview()
        self.preview.setMinimumHeight(360)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self.questionnaire.currentIndexChanged.connect(self.make)
        self.language.currentIndexChanged.connect(self.make)
        self.save_button.clicked.connect(self._save_as)
        self.print_button.clicked.connect(self._print)
        close.clicked.connect(self.reject)
        self.resize(760, 820)
        self.make()

    @property
    def pdf(self) -> bytes | None:
        return self._pdf

    @Slot()
    def make(self) -> None:
        """Make the form for the chosen questionnaire and language, and preview it."""
        qid, lang = self.questionnaire.currentData(), self.language.currentData()
        self._pdf = None
        self._enable()
        self.preview.show_message(_("Making the questionnaire…"))

        def done(result: tuple[str, str, bytes]) -> None:
            if (result[0], result[1]) != (self.questionnaire.currentData(),
                                          self.language.currentData()):
                return  # another choice was made meanwhile; its form is on its way
            self._pdf = result[2]
            self.preview.set_pdf(self._pdf)
            self._enable()
            self.status.clear()
            self.made.emit(self.preview.page_count())

        def failed(err: WegwijsError) -> None:
            self.status.setText(err.message)

        self._ops.run_in(self, lambda _db: (qid, lang, blank_questionnaire(qid, lang)), done,
                         failed, session=False)

    def save_to(self, path: Path) -> None:
        pdf = self._pdf
        if pdf is None:
            return
        try:
            check_save_path(self._ops, path)
        except WegwijsError as err:
            show_error(self, err)
            return

        def done(written: Path) -> None:
            self.status.setText(_("Saved: {path}").format(path=ltr(written)))
            self.saved.emit(str(written))

        self._ops.run_in(self, lambda _db: (write_pdf(path, pdf), path)[1], done,
                         lambda err: show_error(self, err), session=False)

    def _enable(self) -> None:
        self.save_button.setEnabled(self._pdf is not None)
        self.print_button.setEnabled(self._pdf is not None)

    @Slot()
    def _save_as(self) -> None:
        name = f"{self.questionnaire.currentData()}-{self.language.currentData()}.pdf"
        path = self.ask_path(self, name)
        if path is not None:
            self.save_to(path)

    @Slot()
    def _print(self) -> None:
        if self._pdf is None:
            return
        printer = ask_printer(self, self._pdf, one_sided=False,
                              title=_("Blank questionnaire on paper"))
        if printer is not None:
            try:
                print_pdf(self._pdf, printer)
            except WegwijsError as err:
                show_error(self, err)


def open_blank_questionnaire(ops: Operations, parent: QWidget) -> BlankQuestionnaireDialog:
    dialog = BlankQuestionnaireDialog(ops, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
