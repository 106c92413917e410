"""The Shelter and decisions tab: the person's stays in 24-hour shelter (at most one and a half
years, a warning from 15 months, the extension decided and recorded), the team's decisions
(the multidisciplinary team; refusals waiting for a second person, who confirms or turns them
down here), and merging a record registered twice (undo until confirmed)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dates import add_months
from app.errors import NotAllowed, WegwijsError
from app.i18n import N_, _, ngettext
from app.services import deadlines, merge, team_decisions, users
from app.services.operations import PersonFile
from ui.person.person_tab import PersonTab
from ui.person.shelter_dialogs import EndStayDialog, ExtensionDialog, StayDialog, TeamDecisionDialog
from ui.person.triage_panel import OUTCOMES
from ui.session.operations import Operations
from ui.widgets.forms import show_error
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date

WARNING_STYLE = ("#stay_warning { background: #fdecea; border: 1px solid #b00020; "
                 "border-radius: 4px; padding: 6px; }")
KIND_LABELS = {"team": N_("Multidisciplinary team"),
               "refuse_admission": N_("Refusing admission (four eyes)")}
STATUS_LABELS = {"pending": N_("waiting for a second person"), "confirmed": N_("confirmed"),
                 "rejected": N_("turned down")}


@dataclass(frozen=True)
class StayRow:
    id: uuid.UUID
    started_on: date
    ended_on: date | None
    ends_on: date
    location: str
    extensions: str


@dataclass(frozen=True)
class DecisionRow:
    id: uuid.UUID
    decided_on: date
    kind: str
    outcome: str
    participants: str
    reason: str
    status: str
    proposed_by: uuid.UUID | None
    settled_by: str


STAY_COLUMNS = (
    Column(N_("Began"), lambda r: fmt_date(r.started_on), lambda r: r.started_on.toordinal()),
    Column(N_("Ends at the latest"), lambda r: fmt_date(r.ends_on)),
    Column(N_("Left"), lambda r: fmt_date(r.ended_on)),
    Column(N_("Location"), lambda r: r.location, natural_direction=True),
    Column(N_("Extension"), lambda r: r.extensions, natural_direction=True),
)
DECISION_COLUMNS = (
    Column(N_("Date"), lambda r: fmt_date(r.decided_on), lambda r: r.decided_on.toordinal()),
    Column(N_("Kind"), lambda r: _(KIND_LABELS.get(r.kind, r.kind))),
    Column(N_("Decision"), lambda r: _(OUTCOMES.get(r.outcome, r.outcome))),
    Column(N_("Status"), lambda r: _(STATUS_LABELS.get(r.status, r.status)) + (
        f" ({r.settled_by})" if r.settled_by else "")),
    Column(N_("Who took part"), lambda r: r.participants.replace("\n", " "),
           natural_direction=True),
    Column(N_("Reason"), lambda r: r.reason.replace("\n", " "), natural_direction=True),
)


def read_tab(db, by: uuid.UUID | None, person_id: uuid.UUID) -> tuple:  # noqa: ANN001
    """Everything the tab shows, read in the worker."""
    names = {u.id: u.display_name for u in users.list_users(db, by, active_only=False)}
    stays = []
    for stay in deadlines.stays_of(db, by, person_id):
        ext = "; ".join(_("until {day}: {who}, {why}").format(
            day=fmt_date(e.until), who=e.decided_by, why=e.reason.replace("\n", " "))
            for e in stay.extensions)
        stays.append(StayRow(stay.id, stay.started_on, stay.ended_on, deadlines.stay_end(stay),
                             stay.location, ext))
    try:
        rows = [DecisionRow(d.id, d.decided_on, d.kind.value, d.outcome, d.participants,
                            d.reason, d.status.value, d.proposed_by, names.get(d.settled_by, ""))
                for d in team_decisions.decisions_of(db, by, person_id)]
    except NotAllowed:  # a volunteer: the reasons may be medical
        rows = []
    try:
        pending = [(m.id, f"W-{m.duplicate_record_number:05d}", m.merged_at)
                   for m in merge.pending_merges(db, by, person_id)]
    except NotAllowed:
        pending = []
    return stays, rows, pending


class ShelterTab(PersonTab):
    """Signals:
        filled(): the lists were (re)read.
    """

    filled = Signal()

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        from ui.office.today import record_table

        super().__init__(ops, person_id, parent)
        self.setObjectName("shelter_tab")
        self.stays: list[StayRow] = []
        self.stay_model = RecordTableModel(STAY_COLUMNS, self)
        self.decision_model = RecordTableModel(DECISION_COLUMNS, self)
        self.stay_view = record_table(self.stay_model, "stay_view")
        self.decision_view = record_table(self.decision_model, "decision_view")
        self.stay_warning = QLabel()
        self.stay_warning.setObjectName("stay_warning")
        self.stay_warning.setStyleSheet(WARNING_STYLE)
        self.stay_warning.setWordWrap(True)
        self.stay_warning.hide()
        self.start_button = self._button(_("&Begin a stay…"), "begin_stay", self.begin_stay)
        self.end_button = self._button(_("End the sta&y…"), "end_stay", self.end_stay)
        self.extend_button = self._button(_("E&xtend…"), "extend_stay", self.extend_stay)
        self.team_button = self._button(_("Team &decision…"), "team_decision",
                                        self.team_decision)
        self.confirm_button = self._button(_("Con&firm as second person"), "confirm_decision",
                                           self.confirm_decision)
        self.reject_button = self._button(_("T&urn down"), "reject_decision",
                                          self.reject_decision)
        self.merge_button = self._button(_("&Merge with another record…"), "merge_records",
                                         self.merge_records)
        self.merge_note = QLabel()
        self.merge_note.setObjectName("merge_note")
        self.merge_note.setWordWrap(True)
        self.undo_merge_button = self._button(_("Undo the mer&ge"), "undo_merge",
                                              self.undo_merge)
        self.confirm_merge_button = self._button(_("Ma&ke the merge final"), "confirm_merge",
                                                 self.confirm_merge)
        self.pending_merge: uuid.UUID | None = None
        for button in (self.start_button, self.end_button, self.extend_button,
                       self.confirm_button, self.reject_button):
            button.setEnabled(False)  # until the lists are read
        self.undo_merge_button.hide()
        self.confirm_merge_button.hide()
        self.decision_view.selectionModel().selectionChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        for title, widgets, buttons, stretch in (
                (_("Stays in 24-hour shelter (at most one and a half years)"),
                 (self.stay_warning, self.stay_view),
                 (self.start_button, self.extend_button, self.end_button), 2),
                (_("Team decisions"), (self.decision_view,),
                 (self.team_button, self.confirm_button, self.reject_button), 3),
                (_("Registered twice?"), (self.merge_note,),
                 (self.merge_button, self.undo_merge_button, self.confirm_merge_button), 0)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            for widget in widgets:
                inner.addWidget(widget)
            row = QHBoxLayout()
            row.addStretch(1)
            for button in buttons:
                row.addWidget(button)
            inner.addLayout(row)
            layout.addWidget(box, stretch)

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.refresh()

    def refresh(self) -> None:
        by, pid = self.ops.user_id, self.person_id
        self.ops.run_in(self, lambda db: read_tab(db, by, pid), self._fill, self._failed,
                        read_only=True)

    # actions

    @Slot()
    def begin_stay(self) -> StayDialog:
        return self._open(StayDialog(self.ops, self.person_id, self))

    @Slot()
    def end_stay(self) -> EndStayDialog | None:
        stay = self._open_stay()
        return self._open(EndStayDialog(self.ops, self.person_id, stay.id, self)) if stay else None

    @Slot()
    def extend_stay(self) -> ExtensionDialog | None:
        stay = self._open_stay()
        return (self._open(ExtensionDialog(self.ops, self.person_id, stay.id, self))
                if stay else None)

    @Slot()
    def team_decision(self) -> TeamDecisionDialog:
        intake = self._latest_intake()
        return self._open(TeamDecisionDialog(self.ops, self.person_id, intake, self))

    @Slot()
    def confirm_decision(self) -> None:
        self._settle(team_decisions.confirm)

    @Slot()
    def reject_decision(self) -> None:
        self._settle(team_decisions.reject)

    @Slot()
    def merge_records(self):  # noqa: ANN201 - the MergeDialog
        from ui.person.merge_dialog import MergeDialog

        return self._open(MergeDialog(self.ops, self.person_id, self))

    @Slot()
    def undo_merge(self) -> None:
        self._merge_step(merge.undo)

    @Slot()
    def confirm_merge(self) -> None:
        self._merge_step(merge.confirm)

    # helpers

    def _open(self, dialog):  # noqa: ANN001, ANN202
        dialog.open()
        return dialog

    def _open_stay(self) -> StayRow | None:
        return next((s for s in self.stays if s.ended_on is None), None)

    def _latest_intake(self) -> uuid.UUID | None:
        if self.file is None:
            return None
        done = [i for i in self.file.person.intakes if i.triage]
        return done[-1].id if done else None

    def _selected(self) -> DecisionRow | None:
        rows = self.decision_view.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _settle(self, action) -> None:  # noqa: ANN001
        row = self._selected()
        if row is None:
            return
        by = self.ops.user_id
        self.ops.run_in(self, lambda db: action(db, by, row.id).status.value, None,
                        self._failed, changes={self.change, "people"})

    def _merge_step(self, action) -> None:  # noqa: ANN001
        if self.pending_merge is None:
            return
        by, merge_id = self.ops.user_id, self.pending_merge
        self.ops.run_in(self, lambda db: action(db, by, merge_id).status.value, None,
                        self._failed, changes={self.change, "people", "recent"})

    def _fill(self, result: tuple) -> None:
        self.stays, decisions, pending = result
        self.stay_model.set_records(self.stays)
        self.decision_model.set_records(decisions)
        stay = self._open_stay()
        today = date.today()
        warn = stay is not None and today >= add_months(stay.ends_on, -3)
        if warn and stay is not None:
            months = deadlines.months_between(stay.started_on, today)
            text = ngettext("In the shelter for {n} month.", "In the shelter for {n} months.",
                            months).format(n=months) + " "
            text += (_("The stay has passed its end ({day}): record the extension or end it.")
                     if today > stay.ends_on else
                     _("The stay ends on {day}: prepare the outflow, or record an extension "
                       "if one is decided.")).format(day=fmt_date(stay.ends_on))
            self.stay_warning.setText(text)
        self.stay_warning.setVisible(warn)
        self.pending_merge = pending[0][0] if pending else None
        self.merge_note.setText(
            _("{record} was merged into this record on {day}. Undo it if it was not the same "
              "person; make it final when you are sure.").format(
                record=pending[0][1], day=fmt_date(pending[0][2])) if pending else
            _("If this person was registered twice, merge the two records into this one, "
              "field by field. Until you make it final, the merge can be undone."))
        self._enable()
        self.filled.emit()

    def _enable(self) -> None:
        stay = self._open_stay()
        self.start_button.setEnabled(stay is None)
        self.end_button.setEnabled(stay is not None)
        self.extend_button.setEnabled(stay is not None)
        row = self._selected()
        waiting = row is not None and row.status == "pending"
        self.confirm_button.setEnabled(waiting and row.proposed_by != self.ops.user_id)
        self.reject_button.setEnabled(waiting and row.proposed_by != self.ops.user_id)
        self.undo_merge_button.setVisible(self.pending_merge is not None)
        self.confirm_merge_button.setVisible(self.pending_merge is not None)

    def _failed(self, err: WegwijsError) -> None:
        show_error(self, err)

