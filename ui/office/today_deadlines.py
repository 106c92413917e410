"""Today's deadlines of the source (seed 003): who is due for the extended screening within
two weeks of the short intake (overdue in red), stays in 24-hour shelter from 15 months (past
one and a half years in red), and decisions waiting for a second person (four eyes). Each box
shows only when it has something in it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QTableView, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.services import deadlines, team_decisions
from ui.session.operations import Operations
from ui.widgets.record_model import Column, RecordTableModel, fmt_date

RED = "#b00020"


class LateModel(RecordTableModel):
    """Rows whose ``late`` attribute (given as a function) holds are shown in red."""

    def __init__(self, columns, late, parent=None) -> None:  # noqa: ANN001
        super().__init__(columns, parent)
        self._late = late

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            if self._late(self.record(index.row())):
                return QBrush(QColor(RED))
        return super().data(index, role)


SCREENING_COLUMNS = (
    Column(N_("Due"), lambda r: fmt_date(r.due_on) + ("  " + _("overdue") if r.overdue else ""),
           lambda r: r.due_on.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("Short intake"), lambda r: fmt_date(r.intake_on), lambda r: r.intake_on.toordinal()),
    Column(N_("Case manager"), lambda r: r.case_manager),
)
STAY_COLUMNS = (
    Column(N_("Stay ends"), lambda r: fmt_date(r.ends_on) + (
        "  " + _("past the end") if r.past_end else ""), lambda r: r.ends_on.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("In the shelter"), lambda r: ngettext("{n} month", "{n} months", r.months).format(
        n=r.months), lambda r: r.months),
    Column(N_("Extension"), lambda r: _("decided") if r.extended else _("not decided")),
    Column(N_("Case manager"), lambda r: r.case_manager),
)
KINDS = {"team": N_("Team decision"), "refuse_admission": N_("Refusing admission")}
PENDING_COLUMNS = (
    Column(N_("Date"), lambda r: fmt_date(r.decided_on), lambda r: r.decided_on.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("Decision"), lambda r: _(KINDS.get(r.kind, r.kind))),
    Column(N_("Proposed by"), lambda r: r.proposed_by),
)


class TodayDeadlines(QObject):
    """The deadline boxes of Today; ``TodayView`` places them and reads their data with its
    own lists."""

    def __init__(self, ops: Operations, parent: QWidget) -> None:
        from ui.office.today import record_table

        super().__init__(parent)
        self._ops = ops
        self.screening_model = LateModel(SCREENING_COLUMNS, lambda r: r.overdue, self)
        self.stay_model = LateModel(STAY_COLUMNS, lambda r: r.past_end, self)
        self.pending_model = RecordTableModel(PENDING_COLUMNS, self)
        self.screening_view = record_table(self.screening_model, "today_screening_view", 0)
        self.stay_view = record_table(self.stay_model, "today_stay_view", 0)
        self.pending_view = record_table(self.pending_model, "today_pending_view", 0)
        self.screening_box = QGroupBox(_("Extended screening due: within two weeks of the "
                                         "short intake"))
        self.screening_box.setObjectName("today_screening_box")
        QVBoxLayout(self.screening_box).addWidget(self.screening_view)
        self.stay_box = QGroupBox(_("Stays in 24-hour shelter from 15 months (at most one and "
                                    "a half years)"))
        self.stay_box.setObjectName("today_stay_box")
        QVBoxLayout(self.stay_box).addWidget(self.stay_view)
        self.pending_box = QGroupBox(_("Waiting for a second person to confirm (four eyes)"))
        self.pending_box.setObjectName("today_pending_box")
        QVBoxLayout(self.pending_box).addWidget(self.pending_view)
        for box in (self.screening_box, self.stay_box, self.pending_box):
            box.hide()

    def boxes(self) -> list[tuple[QGroupBox, QTableView, int]]:
        return [(self.screening_box, self.screening_view, 2), (self.stay_box, self.stay_view, 2),
                (self.pending_box, self.pending_view, 1)]

    def work(self, db, user_id: uuid.UUID | None) -> tuple:  # noqa: ANN001
        """Read in the worker, with Today's other lists."""
        if user_id is None:
            return [], [], []
        return (deadlines.screening_due(db, user_id), deadlines.stay_alerts(db, user_id),
                [p for p in team_decisions.pending(db, user_id)])

    def fill(self, result: tuple) -> None:
        screenings, stays, pending = result
        for model, box, rows in ((self.screening_model, self.screening_box, screenings),
                                 (self.stay_model, self.stay_box, stays),
                                 (self.pending_model, self.pending_box, pending)):
            model.set_records(rows)
            box.setVisible(bool(rows))

    def clear(self) -> None:
        for model in (self.screening_model, self.stay_model, self.pending_model):
            model.set_records([])
