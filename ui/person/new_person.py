"""Register someone new, after checking whether they are already known.

People come back and their names are spelled differently each time: before saving, the
likely duplicates are shown, and the volunteer opens the existing record or registers anyway.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import N_, _
from app.services import persons, users
from ui.office.today import record_table
from ui.person.person_form import PersonForm
from ui.session.operations import Operations
from ui.widgets.draft_keeper import RESTORED_NOTE, DraftKeeper
from ui.widgets.forms import ask_discard
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel

CANDIDATE_COLUMNS = (
    Column(N_("Match"), lambda c: f"{round(c.score * 100)} %", lambda c: c.score),
    Column(N_("Number"), lambda c: c.row.record_code),
    Column(N_("Name"), lambda c: c.row.name, natural_direction=True),
    Column(N_("Name in own script"), lambda c: c.row.name_original, natural_direction=True),
    Column(N_("Born"), lambda c: c.row.birth_date),
    Column(N_("Case manager"), lambda c: c.row.case_manager),
)


class NewPersonDialog(QDialog):
    """The form for a new person; a second page shows possible duplicates.

    Signals:
        created(object): the new person's id.
        open_existing(object): the volunteer chose an existing person instead.
    """

    created = Signal(object)
    open_existing = Signal(object)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_person_dialog")
        self.setWindowTitle(_("New person"))
        self._ops = ops
        self.form = PersonForm()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)

        page = QWidget()
        inner = QVBoxLayout(page)
        note = QLabel(_("These people are already registered and may be the same person. "
                        "Open one of them, or register a new person if nobody matches."))
        note.setWordWrap(True)
        self.candidates = RecordTableModel(CANDIDATE_COLUMNS, self)
        self.candidate_view = record_table(self.candidates, "candidates")
        inner.addWidget(note)
        inner.addWidget(self.candidate_view)
        self.pages.addWidget(page)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setObjectName("save_person")
        self.register_button = QPushButton(_("&Register as a new person"))
        self.register_button.setObjectName("register_anyway")
        self.open_button = QPushButton(_("&Open the selected person"))
        self.open_button.setObjectName("open_existing")
        self.back_button = QPushButton(_("< &Back to the form"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        for b in (self.back_button, self.open_button, self.register_button, self.save_button):
            self.buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._check_duplicates)
        self.register_button.clicked.connect(self._create)
        self.open_button.clicked.connect(self._open_selected)
        self.back_button.clicked.connect(lambda: self._page(0))
        self.candidate_view.activated.connect(self._open_selected)

        self.note = QLabel()
        self.note.setObjectName("draft_note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        self._page(0)
        self.drafts = DraftKeeper(ops, "new_person", self.form.draft, None, self)
        self.drafts.restored.connect(self._restore_draft)
        self.form.watch.edited.connect(self.drafts.touch)
        by = ops.user_id
        self._ops.run_in(self, lambda db: [(u.id, u.display_name)
                                           for u in users.list_users(db, by)], self._managers)
        self.form.given_names.setFocus()

    def reject(self) -> None:
        if self.form.watch.dirty:
            answer = ask_discard(self, _("the new person"))
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._check_duplicates()
                return
            self.drafts.discard()
        super().reject()

    # helpers

    def _managers(self, managers: list) -> None:
        self.form.set_managers(managers)
        self.drafts.restore()  # after the managers, so a chosen case manager can be selected

    @Slot(dict)
    def _restore_draft(self, data: dict) -> None:
        if self.form.watch.dirty:
            return
        self.form.set_draft(data)
        self.note.setText(_(RESTORED_NOTE))

    def _page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.save_button.setVisible(index == 0)
        # Enter in a field saves. Set once the button is in the dialog: set before, QDialog
        # made the first button of its focus chain (the hidden Open) the default, and Enter
        # did nothing.
        self.save_button.setDefault(index == 0)
        self.back_button.setVisible(index == 1)
        self.open_button.setVisible(index == 1)
        self.register_button.setVisible(index == 1)
        if index == 1:
            self.candidate_view.setFocus()
            self.candidate_view.selectRow(0)

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)

    @Slot()
    def _check_duplicates(self) -> None:
        self.form.errors.clear()
        fields = self.form.fields()
        self._busy(True)

        def done(found: list) -> None:
            self._busy(False)
            if found:
                self.candidates.set_records(found)
                self._page(1)
            else:
                self._create()

        by = self._ops.user_id
        self._ops.run_in(self, lambda db: persons.find_duplicates(db, by, fields), done,
                         self._failed)

    @Slot()
    def _create(self) -> None:
        fields = self.form.fields()
        by = self._ops.user_id
        self._busy(True)

        def done(person_id: uuid.UUID) -> None:
            self._busy(False)
            self.drafts.discard()
            self.form.watch.reset()
            self.created.emit(person_id)
            self.accept()

        self._ops.run_in(self, lambda db: persons.create_person(db, by, fields).id, done, self._failed,
                      changes={"people"})

    def _failed(self, err: WegwijsError) -> None:
        self._busy(False)
        self._page(0)
        self.form.errors.show(err)

    @Slot()
    def _open_selected(self) -> None:
        index = self.candidate_view.currentIndex()
        if not index.isValid():
            return
        candidate = index.data(RECORD_ROLE)
        self.drafts.discard()
        self.form.watch.reset()
        self.open_existing.emit(candidate.row.id)
        self.accept()
