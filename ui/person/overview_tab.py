"""The Overview tab: the person's own fields, edited in place and saved with Ctrl+S, and who
manages the person's perspective plan."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.errors import WegwijsError
from app.i18n import _
from app.services import persons
from app.services.operations import PersonFile
from app.vocabulary import PlanStatus
from ui.person.person_form import PersonForm
from ui.person.person_tab import PersonTab
from ui.session.operations import Operations
from ui.widgets.draft_keeper import RESTORED_NOTE, DraftKeeper
from ui.widgets.labels import ltr
from ui.widgets.record_model import fmt_date


class OverviewTab(PersonTab):
    """The person's fields, their plan's case manager, their last contact.

    Signals:
        log_contact(): "Log a contact…" was pressed (the Contacts tab opens its dialog).
    """

    log_contact = Signal()

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("overview_tab")
        self.form = PersonForm()
        self._version = 0
        self.save_button = QPushButton(_("&Save changes"))
        self.save_button.setObjectName("save_overview")
        self.save_button.setEnabled(False)
        self.revert_button = QPushButton(_("&Undo changes"))
        self.revert_button.setEnabled(False)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        self.saved_note.setWordWrap(True)  # in Arabic too, beside the buttons, never cut off
        self.plan_manager = QLabel()
        self.plan_manager.setObjectName("plan_case_manager")
        self.plan_manager.setWordWrap(True)
        self.plan_manager.setStyleSheet("font-weight: 600;")
        self.plan_manager.hide()
        self.last_contact = QLabel()
        self.last_contact.setObjectName("last_contact")
        self.log_button = QPushButton(_("Log &a contact…"))
        self.log_button.setObjectName("overview_log_contact")
        self.log_button.setToolTip(_("A visit, a phone call or an accompanied appointment"))
        self.log_button.clicked.connect(self.log_contact)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        top = QHBoxLayout()
        top.addWidget(self.last_contact, 1)
        top.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plan_manager)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.drafts = DraftKeeper(ops, "overview", self.form.draft, person_id, self)
        self.drafts.restored.connect(self._restore_draft)
        self._draft_checked = False
        self.form.watch.edited.connect(self._edited)
        self.form.watch.edited.connect(self._typed)
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(self._revert)

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.form.set_managers(sorted(file.users.items(), key=lambda kv: kv[1]))
        self._show_plan_manager(file)
        last = file.person.last_contact_on
        self.last_contact.setText(_("Last contact: {date}").format(
            date=ltr(fmt_date(last))) if last else _("No contact recorded yet"))
        if not self.form.watch.dirty:
            self.form.set_person(file.person)
            self._version = file.person.version
            self._edited()
        if not self._draft_checked:
            self._draft_checked = True
            self.drafts.restore()

    def is_dirty(self) -> bool:
        return self.form.watch.dirty

    def unsaved_what(self) -> str:
        return _("the person's details")

    def keep_draft(self) -> None:
        if self.is_dirty():
            self.drafts.save_now()

    def discard_draft(self) -> None:
        self.drafts.discard()

    def save(self, done: Callable[[], None] | None = None) -> None:
        self.form.errors.clear()
        fields = self.form.fields()
        by, pid, version = self.ops.user_id, self.person_id, self._version
        self.save_button.setEnabled(False)

        def saved(new_version: int) -> None:
            self._version = new_version
            self.drafts.discard()
            self.form.watch.reset()
            self._edited()
            self.saved_note.setText(_("Saved."))
            if done is not None:
                done()

        def failed(err: WegwijsError) -> None:
            self.save_button.setEnabled(True)
            self.form.errors.show(err)
            self.saved_note.setText(_("Not saved: see the messages above."))

        self.ops.run_in(self, lambda db: persons.update_person(db, by, pid, version, fields).version,
                     saved, failed, changes={"people", self.change})

    # helpers

    def _show_plan_manager(self, file: PersonFile) -> None:
        """The case manager of the open perspective plan, when there is one."""
        plan = file.plan
        manager = (file.users.get(plan.case_manager_id, "")
                   if plan is not None and plan.status != PlanStatus.ENDED
                   and plan.case_manager_id is not None else "")
        self.plan_manager.setText(_("Case manager in the perspective plan: {name}").format(
            name=manager) if manager else "")
        self.plan_manager.setVisible(bool(manager))

    @Slot()
    def _edited(self) -> None:
        dirty = self.form.watch.dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.saved_note.setText(_("Changed, not yet saved."))

    @Slot()
    def _typed(self) -> None:
        self.drafts.touch()

    @Slot(dict)
    def _restore_draft(self, data: dict) -> None:
        if self.form.watch.dirty:
            return  # typed already since the window opened: that is newer than the draft
        self.form.set_draft(data)
        self.saved_note.setText(_(RESTORED_NOTE))

    @Slot()
    def _revert(self) -> None:
        self.drafts.discard()
        self.form.watch.reset()
        self.form.errors.clear()
        if self.file is not None:
            self.load(self.file)
        self.saved_note.clear()
