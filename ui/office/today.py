"""Today: evaluations due within 30 days or overdue, unfinished intakes, people opened lately,
and what the user typed but has not saved yet.

One click (or Enter) on a line opens the person.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.questionnaire import questionnaire_title
from app.services import drafts, evaluations, intakes
from app.services import operations as reads
from ui.exchange.today_conflicts import TodayConflicts
from ui.office.today_casework import TodayCasework
from ui.office.today_deadlines import TodayDeadlines
from ui.session.operations import Operations
from ui.widgets.labels import ltr
from ui.widgets.record_model import (
    RECORD_ROLE,
    Column,
    RecordTableModel,
    fmt_date,
    fmt_moment,
    sorted_proxy,
)


class DueModel(RecordTableModel):
    """Due evaluations; overdue ones in red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            if self.record(index.row()).overdue:
                return QBrush(QColor("#b00020"))
        return super().data(index, role)


DUE_COLUMNS = (
    Column(N_("Due"), lambda r: fmt_date(r.due_on) + ("  " + _("overdue") if r.overdue else ""),
           lambda r: r.due_on.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("Case manager"), lambda r: r.case_manager),
)
INTAKE_COLUMNS = (
    Column(N_("Started"), lambda r: fmt_date(r.started_at), lambda r: r.started_at.timestamp()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("Questionnaire"), lambda r: questionnaire_title(r.questionnaire_id)),
)
DRAFT_KINDS = {
    "new_person": N_("New person"), "overview": N_("Personal details"),
    "plan": N_("Perspective plan"), "goal": N_("Goal"), "action": N_("Action"),
    "evaluation": N_("Evaluation"), "end_plan": N_("Ending the plan"),
    "consent": N_("Consent"), "contact": N_("Card contact"),
}
DRAFT_COLUMNS = (
    Column(N_("Typed on"), lambda r: fmt_moment(r.updated_at),
           lambda r: r.updated_at.timestamp()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.name, natural_direction=True),
    Column(N_("Form"), lambda r: _(DRAFT_KINDS.get(r.kind, N_("Other form")))),
)
RECENT_COLUMNS = (
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.name, natural_direction=True),
    Column(N_("Name in own script"), lambda r: r.name_original if r.name_original != r.name
           else "", natural_direction=True),
    Column(N_("Born"), lambda r: r.birth_date),
)


RESIZE_ROWS = 100


def record_table(model: RecordTableModel, name: str, sort_column: int | None = None,
                 order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> QTableView:
    """A read-only table over ``model``; sortable by clicking a header when ``sort_column``
    is given (lists with an order of their own, such as goals, keep that order)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(sorted_proxy(model, view))
    if sort_column is not None:
        view.sortByColumn(sort_column, order)
        view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Sized from the first rows, not all (Qt reads a thousand by default: with a large
    # office's lists that is most of a second on the GUI thread at each refresh).
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_ROWS)
    view.setTabKeyNavigation(False)
    return view


class TodayView(QWidget):
    """What needs attention today.

    Signals:
        open_person(object): the id of the person clicked.
        loaded(): the lists were (re)filled from the database.
    """

    open_person = Signal(object)
    open_new_person = Signal()
    loaded = Signal()

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today")
        self._ops = ops
        self._shown_before = False
        self.due_model = DueModel(DUE_COLUMNS, self)
        self.intake_model = RecordTableModel(INTAKE_COLUMNS, self)
        self.recent_model = RecordTableModel(RECENT_COLUMNS, self)
        self.draft_model = RecordTableModel(DRAFT_COLUMNS, self)
        self.draft_view = record_table(self.draft_model, "draft_view", 0,
                                       Qt.SortOrder.DescendingOrder)
        self.due_view = record_table(self.due_model, "due_view", 0)
        self.intake_view = record_table(self.intake_model, "intake_view", 0)
        self.recent_view = record_table(self.recent_model, "recent_view")
        self.headline = QLabel()
        self.headline.setObjectName("today_headline")
        self.headline.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.casework = TodayCasework(ops, self)  # follow-ups, late referrals, log a contact
        self.deadlines = TodayDeadlines(ops, self)  # screening, long stays, four eyes
        self.casework.log_button.clicked.connect(self.log_contact)
        self.conflicts = TodayConflicts(self)  # after an exchange: fields to decide
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.conflicts.button)
        top.addWidget(self.casework.log_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.boxes = []
        for title, view, stretch in ((_("Evaluations due in the next 30 days, and overdue"),
                                      self.due_view, 3),
                                     (_("Unfinished intakes"), self.intake_view, 2),
                                     (_("People you opened recently"), self.recent_view, 2),
                                     (_("Typed but not saved yet: open it to save or discard"),
                                      self.draft_view, 1)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(view)
            layout.addWidget(box, stretch)
            self.boxes.append(box)
            view.clicked.connect(self._clicked)
            view.activated.connect(self._clicked)
        for box, view, stretch in self.deadlines.boxes() + self.casework.boxes():
            layout.insertWidget(layout.count() - 2, box, stretch)  # before recent and drafts
            view.clicked.connect(self._clicked)
            view.activated.connect(self._clicked)
        self.drafts_box = self.boxes[-1]
        self.drafts_box.hide()  # shown only when there is something to finish
        for box, _view, _stretch in self.casework.boxes():
            box.hide()  # as the deadline boxes: shown by the first fill when they hold something
        ops.changed.connect(self._changed)
        # The lists load when Today first shows (``showEvent``), not at start-up: the main
        # window opens on People, and Today's queries and its thousands of rows on a large
        # office would hold up People's first page (issue 17).

    @Slot()
    def refresh(self) -> None:
        user_id = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            return (evaluations.due_evaluations(db, user_id, within_days=30),
                    intakes.unfinished(db, user_id), reads.recently_opened(db, user_id),
                    drafts.waiting(db, user_id),
                    self.casework.work(db, user_id), self.deadlines.work(db, user_id),
                    self.conflicts.work(db, user_id))

        self._ops.run_in(self, work, self._fill)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Shown for the first time, or back on Today (from a person's window, say): the
        lists may have changed."""
        super().showEvent(event)
        if not self._shown_before or not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def clear_data(self) -> None:
        """At lock: the lists hold names; empty them."""
        for model in (self.due_model, self.intake_model, self.recent_model, self.draft_model):
            model.set_records([])
        self.casework.clear()
        self.deadlines.clear()
        self.conflicts.clear()
        self.headline.clear()

    # helpers

    def _fill(self, result: tuple) -> None:
        due, open_intakes, recent, waiting, casework, deadline_lists, conflicts = result
        self.conflicts.fill(conflicts)
        self.casework.fill(casework)
        self.deadlines.fill(deadline_lists)
        self.due_model.set_records(due)
        self.intake_model.set_records(open_intakes)
        self.recent_model.set_records(recent)
        self.draft_model.set_records(waiting)
        self.drafts_box.setVisible(bool(waiting))
        overdue = sum(1 for d in due if d.overdue)
        self.headline.setText(
            _("Today, {day}").format(day=ltr(fmt_date(date.today()))) + " — " +
            ngettext("{n} evaluation due", "{n} evaluations due", len(due)).format(n=len(due)) +
            (_(", {n} overdue").format(n=overdue) if overdue else ""))
        self.loaded.emit()

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if self._shown_before and any(k in ("people", "drafts", "follow_ups", "referrals", "exchange") or k.startswith("person:")
               for k in keys):
            self.refresh()

    @Slot()
    def log_contact(self):  # noqa: ANN201 - the ContactLogDialog
        """Log a contact: the people opened lately come first in the dialog."""
        return self.casework.log_contact([self.recent_view, self.casework.follow_up_view,
                                          self.due_view, self.casework.referral_view,
                                          self.intake_view])

    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        if isinstance(record, drafts.Waiting) and record.person_id is None:
            self.open_new_person.emit()  # the New person form offers its draft back
            return
        person_id = getattr(record, "person_id", None) or getattr(record, "id", None)
        if isinstance(person_id, uuid.UUID):
            self.open_person.emit(person_id)
