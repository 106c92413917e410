"""Today's casework: the user's own appointments and reminders (overdue ones in red), the
referrals still without a partner's answer after the set number of days, and "Log a
contact…" for a person of Today's lists (or a record number typed in)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGroupBox, QPushButton, QTableView, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.services import follow_ups, referrals
from ui.person.casework_dialogs import ContactLogDialog
from ui.person.casework_tab import OverdueModel
from ui.session.operations import Operations
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date

FOLLOW_UP_COLUMNS = (
    Column(N_("Date"), lambda r: fmt_date(r.due_on) + ("  " + _("overdue") if r.overdue else ""),
           lambda r: r.due_on.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("What"), lambda r: r.description, natural_direction=True),
)
REFERRAL_COLUMNS = (
    Column(N_("Referred"), lambda r: fmt_date(r.referred_on),
           lambda r: r.referred_on.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
    Column(N_("Partner"), lambda r: r.partner, natural_direction=True),
    Column(N_("Waiting"), lambda r: ngettext("{n} day", "{n} days", r.waiting_days).format(
        n=r.waiting_days), lambda r: r.waiting_days),
    Column(N_("Followed up by"), lambda r: r.follow_up_by),
)


class TodayCasework(QObject):
    """The parts of Today about casework; ``TodayView`` places the boxes and the button."""

    def __init__(self, ops: Operations, parent: QWidget) -> None:
        from ui.office.today import record_table

        super().__init__(parent)
        self._ops = ops
        self._parent = parent
        self.follow_up_model = OverdueModel(FOLLOW_UP_COLUMNS, self)
        self.referral_model = RecordTableModel(REFERRAL_COLUMNS, self)
        self.follow_up_view = record_table(self.follow_up_model, "today_follow_up_view", 0)
        self.referral_view = record_table(self.referral_model, "today_referral_view", 0)
        self.follow_up_box = QGroupBox(_("Your appointments and reminders: overdue and the "
                                         "next 14 days"))
        QVBoxLayout(self.follow_up_box).addWidget(self.follow_up_view)
        self.referral_box = QGroupBox()
        QVBoxLayout(self.referral_box).addWidget(self.referral_view)
        self.log_button = QPushButton(_("Log &a contact…"))
        self.log_button.setObjectName("today_log_contact")
        self.log_button.setToolTip(_("For someone on Today's lists (the person you opened "
                                     "last comes first), or type a record number"))

    def boxes(self) -> list[tuple[QGroupBox, QTableView, int]]:
        return [(self.follow_up_box, self.follow_up_view, 2),
                (self.referral_box, self.referral_view, 2)]

    def work(self, db, user_id: uuid.UUID | None) -> tuple:  # noqa: ANN001
        """Read in the worker, with Today's other lists."""
        if user_id is None:
            return [], [], referrals.answer_days(db)
        return (follow_ups.due_for(db, user_id, user_id), referrals.unanswered(db, user_id),
                referrals.answer_days(db))

    def fill(self, result: tuple) -> None:
        items, late, days = result
        self.follow_up_model.set_records(items)
        self.referral_model.set_records(late)
        self.referral_box.setTitle(ngettext(
            "Referrals without an answer after {n} day", "Referrals without an answer after "
            "{n} days", days).format(n=days))
        self.follow_up_box.setVisible(bool(items))
        self.referral_box.setVisible(bool(late))

    def clear(self) -> None:
        self.follow_up_model.set_records([])
        self.referral_model.set_records([])

    def log_contact(self, views: Iterable[QTableView] = ()) -> ContactLogDialog:
        """The contact dialog, offering the people of Today's lists in the order of ``views``
        (the people opened lately first): the first is chosen, so the person just seen takes
        two clicks, this button and Save; another is chosen from the list or typed."""
        people: dict[uuid.UUID, str] = {}
        for view in views:
            model = view.model()
            for row in range(model.rowCount()):
                record = model.index(row, 0).data(RECORD_ROLE)
                pid = getattr(record, "person_id", None) or getattr(record, "id", None)
                code = getattr(record, "record_code", "")
                name = getattr(record, "person_name", None) or getattr(record, "name", "")
                if isinstance(pid, uuid.UUID) and code:
                    people.setdefault(pid, f"{code}  {name}")
        dialog = ContactLogDialog(self._ops, None, self._parent, people=list(people.items()),
                                  selected=next(iter(people), None))
        dialog.open()
        return dialog
