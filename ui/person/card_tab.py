"""The Contact card tab: language, format, the person's own contacts, a live preview of the
real PDF, Print (system dialog) and Save as PDF."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import DocumentError, WegwijsError
from app.i18n import N_, _
from app.printing import document_data
from app.services import contacts, persons
from app.services.operations import PersonFile
from ui.office.today import record_table
from ui.person.contact_dialog import ContactDialog
from ui.person.person_form import DOCUMENT_LANGUAGES
from ui.person.person_tab import PersonTab
from ui.session.operations import Operations
from ui.widgets.forms import ERROR_STYLE, combo_value, select_data, show_error
from ui.widgets.labels import choices, language_label, ltr, role_label
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.printing import ask_printer, configure_printer, print_pdf, sent_message, write_pdf
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel
from ui.widgets.save_check import check_save_path

CONTACT_COLUMNS = (
    Column(N_("Kind"), lambda c: role_label(c.role)),
    Column(N_("Organisation"), lambda c: c.organisation),
    Column(N_("Name"), lambda c: c.name, natural_direction=True),
    Column(N_("Phone"), lambda c: c.phone),
)


def card_languages() -> tuple[str, ...]:
    try:
        import app.documents as documents

        return tuple(documents.CARD_LANGUAGES)
    except (ImportError, AttributeError):
        return DOCUMENT_LANGUAGES


def render_preview(db, by: uuid.UUID | None, person_id: uuid.UUID, lang: str,  # noqa: ANN001
                   fmt: str, one_sided: bool, show_name: bool) -> bytes:
    """The card as it will print, without recording a print in the audit trail."""
    person = persons.get_person(db, by, person_id)
    data = document_data.card_data(db, by, person, lang, fmt=fmt, one_sided=one_sided,
                                   show_name=show_name)
    import app.documents as documents

    try:
        return documents.render_card(data)
    except OSError as err:
        raise DocumentError(_("The card cannot be made: a file of Wegwijs itself cannot be read "
                              "({reason}). Please tell the coordinator; reinstalling Wegwijs "
                              "may help.").format(reason=err.strerror or type(err).__name__)
                            ) from None


class CardTab(PersonTab):
    """Signals:
        previewed(int): a fresh preview is shown (pages), or 0 with a message instead.
        printed(int): pages sent to a printer.
        saved(str): the path a PDF was saved to.
    """

    previewed = Signal(int)
    printed = Signal(int)
    saved = Signal(str)

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("card_tab")
        self.language = QComboBox()
        self.language.setObjectName("card_language")
        for code in card_languages():
            self.language.addItem(language_label(code), code)
        self.format = QComboBox()
        self.format.setObjectName("card_format")
        for value, text in choices("format"):
            self.format.addItem(text, value)
        self.one_sided = QCheckBox(_("One-sided (printer without duplex)"))
        self.one_sided.setObjectName("one_sided")
        self.show_name = QCheckBox(_("Print the name and number on the card"))
        self.show_name.setObjectName("show_name")
        options = QGroupBox(_("Card"))
        form = QFormLayout(options)
        form.addRow(_("Second &language"), self.language)
        form.addRow(_("&Format"), self.format)
        form.addRow(self.one_sided)
        form.addRow(self.show_name)

        self.contacts = RecordTableModel(CONTACT_COLUMNS, self)
        self.contact_view = record_table(self.contacts, "contact_view")
        self.add_button = QPushButton(_("&Add contact…"))
        self.add_button.setObjectName("add_contact")
        self.edit_button = QPushButton(_("&Change…"))
        self.remove_button = QPushButton(_("&Remove"))
        own = QGroupBox(_("This person's own contacts"))
        own_layout = QVBoxLayout(own)
        note = QLabel(_("The office's contacts are on every card; a contact added here "
                        "replaces the office's contact of the same kind."))
        note.setWordWrap(True)
        own_layout.addWidget(note)
        own_layout.addWidget(self.contact_view)
        row = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(b)
        own_layout.addLayout(row)

        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("print_card")
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("save_card")
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        # What became of the last print or save: which printer and how many pages, or why not.
        self.status = QLabel()
        self.status.setObjectName("card_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(options)
        left_layout.addWidget(own, 1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.status)
        self.preview = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh_preview)
        for signal in (self.language.currentIndexChanged, self.format.currentIndexChanged,
                       self.one_sided.toggled, self.show_name.toggled):
            # Not straight to QTimer.start: its start(int) overload would take the index or
            # the checked state as a new interval.
            signal.connect(self._schedule_preview)
        self.add_button.clicked.connect(lambda: self.edit_contact(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.contact_view.activated.connect(self._edit_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save_as)
        self._loaded_once = False

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.contacts.set_records(sorted(file.person.contacts, key=lambda c: c.position))
        if not self._loaded_once:
            self._loaded_once = True
            select_data(self.language, file.person.document_language)
        self._timer.start()

    def options(self) -> tuple[str, str, bool, bool]:
        return (combo_value(self.language), combo_value(self.format),
                self.one_sided.isChecked(), self.show_name.isChecked())

    @Slot()
    def refresh_preview(self) -> None:
        lang, fmt, one_sided, show_name = self.options()
        pid = self.person_id

        def failed(err: WegwijsError) -> None:
            self.preview.show_message(err.message)
            self.previewed.emit(0)

        def done(pdf: bytes) -> None:
            self.preview.set_pdf(pdf)
            self.previewed.emit(self.preview.page_count())

        by = self.ops.user_id
        self.ops.run_in(self, lambda db: render_preview(db, by, pid, lang, fmt, one_sided,
                                                        show_name), done, failed)

    def edit_contact(self, contact) -> ContactDialog:  # noqa: ANN001
        by, pid = self.ops.user_id, self.person_id

        def save(fields, done, failed) -> None:  # noqa: ANN001
            if contact is None:
                work = lambda db: contacts.add_contact(db, by, fields, pid)  # noqa: E731
            else:
                work = lambda db: contacts.update_contact(  # noqa: E731
                    db, by, contact.id, contact.version, fields)
            self.ops.run_in(dialog, work, lambda _r: done(), failed, changes={self.change})

        dialog = ContactDialog(save, contact, self, ops=self.ops, person_id=self.person_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def final_pdf(self, then) -> None:  # noqa: ANN001
        """The card for printing or saving (recorded in the audit trail), then ``then(pdf)``."""
        lang, fmt, one_sided, show_name = self.options()
        by, pid = self.ops.user_id, self.person_id
        self.ops.run_in(self, lambda db: document_data.person_card(
            db, by, pid, lang, fmt=fmt, one_sided=one_sided, show_name=show_name), then,
            lambda err: show_error(self, err), changes={self.change})

    def print_to(self, printer: QPrinter, pdf: bytes, *, title: str | None = None) -> int:
        """Print on a printer that is already chosen (the dialog's, or a test's queue); the
        status line says which printer and how many pages, or why nothing was printed."""
        try:
            configure_printer(printer, pdf, one_sided=self.one_sided.isChecked(),
                              title=title or _("Contact card"))
            pages = print_pdf(pdf, printer)
        except WegwijsError as err:
            self._say(_("Not printed: {reason}").format(reason=err.message), error=True)
            raise
        self._say(sent_message(printer, pages))
        self.printed.emit(pages)
        return pages

    def save_to(self, path: Path) -> None:
        try:
            check_save_path(self.ops, path)  # never the database, its key file or a backup
        except WegwijsError as err:
            self._say(err.message, error=True)
            show_error(self, err)
            return

        def done(pdf: bytes) -> None:
            try:
                write_pdf(path, pdf)
            except WegwijsError as err:
                self._say(err.message, error=True)
                show_error(self, err)
                return
            self._say(_("Saved: {path}").format(path=ltr(path)))
            self.saved.emit(str(path))

        self.final_pdf(done)

    # helpers

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    @Slot()
    def _schedule_preview(self, *args: object) -> None:
        self._timer.start()

    @Slot()
    def _print(self) -> None:
        def chosen(pdf: bytes) -> None:
            printer = ask_printer(self, pdf, one_sided=self.one_sided.isChecked(),
                                  title=_("Contact card"),
                                  dialog_title=_("Print the contact card"))
            if printer is not None:
                try:
                    self.print_to(printer, pdf)
                except WegwijsError as err:
                    show_error(self, err)

        self.final_pdf(chosen)

    @Slot()
    def _save_as(self) -> None:
        name = f"{self.file.person.record_code}-{combo_value(self.language)}.pdf" \
            if self.file else "card.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the card as PDF"),
                                                    str(Path.home() / name), _("PDF (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def _selected(self):  # noqa: ANN202
        index = self.contact_view.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    @Slot()
    def _edit_selected(self) -> None:
        contact = self._selected()
        if contact is not None:
            self.edit_contact(contact)

    @Slot()
    def _remove_selected(self) -> None:
        contact = self._selected()
        if contact is None:
            return
        by = self.ops.user_id
        self.ops.run_in(self, lambda db: contacts.delete_contact(db, by, contact.id),
                        changes={self.change})
