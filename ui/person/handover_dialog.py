"""The warm handover dialog: a PDF summary for a partner, holding only what consent covers.

The volunteer chooses the partner (from the person's consents, or types one); the dialog says
what the consent for that partner covers. Without consent it says so plainly: only a
coordinator gets a field to override with a reason, which the service keeps in the audit
trail. The document is made off the GUI thread by ``app.privacy.handover``, previewed, then saved as
PDF or printed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.access.permissions import Permission
from app.errors import InvalidInput, WegwijsError
from app.i18n import _
from app.privacy import handover
from app.services import consents
from app.services.operations import PersonFile
from ui.session.operations import Operations, person_change
from ui.widgets.forms import FieldErrors, show_error
from ui.widgets.labels import label, ltr
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.printing import ask_printer, print_pdf, write_pdf
from ui.widgets.save_check import check_save_path

AskPath = Callable[[QWidget, str], Path | None]


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """The save dialog for the handover PDF; None when the volunteer cancels."""
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save the handover document"),
                                                str(Path.home() / suggested), _("PDF (*.pdf)"))
    if not path:
        return None
    return Path(path) if Path(path).suffix else Path(path + ".pdf")


def consent_partners(file: PersonFile) -> list[str]:
    """Partners named in consents that are not withdrawn, each once, in the order given."""
    seen: dict[str, str] = {}
    for consent in file.person.consents:
        if consent.withdrawn_on is None:
            seen.setdefault(consent.partner.strip().casefold(), consent.partner.strip())
    return list(seen.values())


class HandoverDialog(QDialog):
    """Choose a partner, see what consent covers, preview, save or print the handover.

    Signals:
        made(int): a handover document with this many pages is in the preview.
        saved(str): the path the PDF was saved to.
        printed(int): pages sent to a printer.
    """

    made = Signal(int)
    saved = Signal(str)
    printed = Signal(int)

    def __init__(self, ops: Operations, file: PersonFile, parent: QWidget | None = None, *,
                 ask_path: AskPath | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handover_dialog")
        self.setWindowTitle(_("Handover document – {name}").format(
            name=file.person.display_name))
        self._ops, self._file = ops, file
        #: Asks where to save (the save dialog unless a test or caller puts another here).
        self.ask_path: AskPath = ask_path or ask_pdf_path
        self._person_id: uuid.UUID = file.person.id
        self._may_override = file.may(Permission.OVERRIDE_CONSENT)
        self._checked_partner: str | None = None
        self._scope_ok = False
        self._pdf: bytes | None = None
        self._made_for = ""
        self.errors = FieldErrors()

        intro = QLabel(_("A handover document sums up this person's file for a partner "
                         "organisation. It holds only what the person's consent for that "
                         "partner covers."))
        intro.setWordWrap(True)
        self.partner = QComboBox()
        self.partner.setObjectName("partner")
        self.partner.setEditable(True)
        self.partner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.partner.addItems(consent_partners(file))
        self.partner.lineEdit().setPlaceholderText(_("Name of the organisation"))
        self.partner.setMinimumWidth(320)
        self.coverage = QLabel()
        self.coverage.setObjectName("coverage")
        self.coverage.setWordWrap(True)
        self.coverage.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("override_reason")
        self.reason.setPlaceholderText(_("Why must this be handed over without consent? "
                                         "For example: acute danger, the person cannot be "
                                         "asked."))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add(form, _("&Partner organisation"), self.partner, "partner")
        # The handover becomes a referral that is followed up (app.services.referrals).
        self.purpose = QLineEdit()
        self.purpose.setObjectName("referral_purpose")
        self.purpose.setPlaceholderText(_("e.g. asylum advice, Dutch course, a bed for the "
                                          "night"))
        self.follow_up_by = QComboBox()
        self.follow_up_by.setObjectName("referral_follow_up_by")
        for uid, name in sorted(file.users.items(), key=lambda kv: kv[1]):
            self.follow_up_by.addItem(name, uid)
        self.follow_up_by.setCurrentIndex(max(0, self.follow_up_by.findData(ops.user_id)))
        self.errors.add(form, _("P&urpose of the referral"), self.purpose, "purpose")
        # What the partner is asked to do, printed at the top of the document.
        self.request = QPlainTextEdit()
        self.request.setObjectName("handover_request")
        self.request.setPlaceholderText(_("What do you ask the partner to do? For example: "
                                          "make an appointment for legal advice this week; "
                                          "the person comes with an interpreter."))
        self.request.setTabChangesFocus(True)
        self.request.setFixedHeight(self.request.fontMetrics().lineSpacing() * 3 + 12)
        self.errors.add(form, _("&We ask the partner to"), self.request, "request")
        self.errors.add(form, _("&Followed up by"), self.follow_up_by, "follow_up_by")
        form.addRow(_("Consent covers"), self.coverage)
        self.errors.add(form, _("&Reason for the override"), self.reason, "override_reason")
        self._reason_row = form.rowCount() - 1
        self._form = form
        form.setRowVisible(self._reason_row, False)

        self.make_button = QPushButton(_("&Make the document"))
        self.make_button.setObjectName("make_handover")
        self.make_button.setDefault(True)
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("save_handover")
        self.print_button = QPushButton(_("Pr&int…"))
        self.print_button.setObjectName("print_handover")
        close = QPushButton(_("Close"))
        close.setObjectName("close_handover")
        row = QHBoxLayout()
        row.addWidget(self.make_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addWidget(close)
        self.status = QLabel()
        self.status.setObjectName("handover_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview()
        self.preview.setMinimumHeight(320)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._check_scope)
        self.partner.editTextChanged.connect(self._partner_edited)
        self.reason.textChanged.connect(self._forget_document)
        self.request.textChanged.connect(self._forget_document)
        self.make_button.clicked.connect(self.make)
        self.save_button.clicked.connect(self._save_as)
        self.print_button.clicked.connect(self._print)
        close.clicked.connect(self.reject)
        self.resize(720, 760)
        self._partner_edited()

    # public

    @property
    def pdf(self) -> bytes | None:
        """The document in the preview (None until made, or after the partner changed)."""
        return self._pdf

    def override_visible(self) -> bool:
        return self._form.isRowVisible(self._reason_row)

    @Slot()
    def make(self) -> None:
        """Prepare the handover in a worker (audited by the service) and preview it."""
        self.errors.clear()
        partner = self.partner.currentText().strip()
        reason = self.reason.toPlainText().strip() if self.override_visible() else ""
        if self.override_visible() and not reason:
            self.errors.show(InvalidInput({"override_reason": _(
                "Give the reason for handing over without consent.")}))
            return
        by, pid = self._ops.user_id, self._person_id
        purpose, follower = self.purpose.text(), self.follow_up_by.currentData()
        request = self.request.toPlainText()
        self.make_button.setEnabled(False)
        self.status.setText(_("Making the document…"))

        def work(db):  # noqa: ANN001, ANN202
            from app.documents.handover_pdf import render_handover

            made = handover.prepare(db, by, pid, partner, override_reason=reason or None,
                                    purpose=purpose, follow_up_by=follower,
                                    request=request)
            return render_handover(made)

        def done(pdf: bytes) -> None:
            self._pdf, self._made_for = pdf, partner
            self.preview.set_pdf(pdf)
            self._enable()
            self.status.setText(_("This is the document for {partner}. Save it as PDF or "
                                  "print it.").format(partner=partner) + " " + _(
                "The referral is on the Contacts tab, to follow up until {partner} "
                "answers.").format(partner=partner))
            self.made.emit(self.preview.page_count())

        def failed(err: WegwijsError) -> None:
            self._enable()
            self.status.clear()
            self.errors.show(err)

        self._ops.run_in(self, work, done, failed, changes={person_change(pid)})

    def save_to(self, path: Path) -> None:
        """Write the document in the preview to ``path`` (off the GUI thread)."""
        pdf = self._pdf
        if pdf is None:
            return

        def failed(err: WegwijsError) -> None:
            show_error(self, err)

        try:
            check_save_path(self._ops, path)  # never the database, its key file or a backup
        except WegwijsError as err:
            failed(err)
            return

        def done(written: Path) -> None:
            self.status.setText(_("Saved: {path}").format(path=ltr(written)))
            self.saved.emit(str(written))

        self._ops.run_in(self, lambda _db: (write_pdf(path, pdf), path)[1], done, failed,
                         session=False)

    def print_to(self, printer: QPrinter) -> int:
        """Print the document in the preview on a printer that is already chosen."""
        if self._pdf is None:
            return 0
        pages = print_pdf(self._pdf, printer)
        self.printed.emit(pages)
        return pages

    # helpers

    def _suggested_name(self) -> str:
        slug = re.sub(r"[^\w]+", "-", self._made_for, flags=re.UNICODE).strip("-").lower()
        what = _("handover")
        return f"{self._file.person.record_code}-{what}-{slug or 'partner'}.pdf"

    def _enable(self) -> None:
        partner = self.partner.currentText().strip()
        known = self._checked_partner == partner and partner != ""
        self.make_button.setEnabled(partner != "" and (not known or self._scope_ok
                                                       or self._may_override))
        has_pdf = self._pdf is not None
        self.save_button.setEnabled(has_pdf)
        self.print_button.setEnabled(has_pdf)

    @Slot()
    def _forget_document(self) -> None:
        if self._pdf is not None:
            self._pdf = None
            self.preview.show_message(_("Make the document again to see it here."))
            self.status.clear()
        self._enable()

    @Slot(str)
    def _partner_edited(self, *args: object) -> None:
        self._checked_partner = None
        self._scope_ok = False
        self._forget_document()
        if not self.partner.currentText().strip():
            self.coverage.setText(_("Choose or type the partner organisation."))
            self._form.setRowVisible(self._reason_row, False)
            self.preview.show_message(_("Choose the partner, then make the document to see "
                                        "it here."))
            self._timer.stop()
            return
        self.coverage.setText(_("Checking the consents…"))
        self._timer.start()

    @Slot()
    def _check_scope(self) -> None:
        partner, pid, by = self.partner.currentText().strip(), self._person_id, self._ops.user_id
        if not partner:
            return
        self._ops.run_in(self, lambda db: (partner, consents.active_scope(db, by, pid, partner)),
                         self._show_scope, self.errors.show, read_only=True)

    def _show_scope(self, result: tuple[str, set[str]]) -> None:
        partner, scope = result
        if partner != self.partner.currentText().strip():
            return  # the volunteer typed on; a newer check is on its way
        self._checked_partner, self._scope_ok = partner, bool(scope)
        self.coverage.setStyleSheet("" if scope else "font-weight: 600;")
        if scope:
            self.coverage.setText(", ".join(label("scope", s) for s in sorted(scope)))
            self._form.setRowVisible(self._reason_row, False)
        else:
            text = _("Nothing: there is no consent to share anything with {partner}. Without "
                     "consent no handover document can be made.").format(partner=partner)
            if self._may_override:
                text += "\n" + _("As a coordinator you may override this. Give the reason "
                                 "below; the override and its reason are kept in the log.")
            else:
                text += "\n" + _("Record the person's consent first, or ask a coordinator.")
            self.coverage.setText(text)
            self._form.setRowVisible(self._reason_row, self._may_override)
        if self._pdf is None:
            self.preview.show_message(
                _("Make the document to see it here.") if scope or self._may_override
                else _("No handover document can be made for this partner."))
        self._enable()

    @Slot()
    def _save_as(self) -> None:
        if self._pdf is None:
            return
        path = self.ask_path(self, self._suggested_name())
        if path is not None:
            self.save_to(path)

    @Slot()
    def _print(self) -> None:
        if self._pdf is None:
            return
        printer = ask_printer(self, self._pdf, one_sided=True, title=_("Handover document"),
                              dialog_title=_("Print the handover document"))
        if printer is not None:
            try:
                self.print_to(printer)
            except WegwijsError as err:
                show_error(self, err)


def open_handover(ops: Operations, file: PersonFile | None, parent: QWidget,
                  **kwargs: object) -> HandoverDialog | None:
    """Show the handover dialog for the loaded person file (None while it is still loading)."""
    if file is None:
        return None
    dialog = HandoverDialog(ops, file, parent, **kwargs)  # type: ignore[arg-type]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
