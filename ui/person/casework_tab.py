"""The Contacts tab: the person's contact log, their appointments and reminders, and their
referrals to partners with where each stands. Each list has its buttons beside it; the lists
are read through the services when the person's file (re)loads."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import N_, _
from app.services import contact_log, follow_ups, referrals, users
from app.services.operations import PersonFile
from ui.person.casework_dialogs import (
    ContactLogDialog,
    FollowUpDialog,
    ReferralDialog,
    ReferralStatusDialog,
)
from ui.person.person_tab import PersonTab
from ui.session.operations import Operations
from ui.widgets.forms import show_error
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date

OVERDUE = QColor("#b00020")


class OverdueModel(RecordTableModel):
    """Rows whose record says ``overdue`` (or waits too long) in red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            if getattr(self.record(index.row()), "overdue", False):
                return QBrush(OVERDUE)
        return super().data(index, role)


CONTACT_COLUMNS = (
    Column(N_("Date"), lambda r: fmt_date(r.contact_on), lambda r: r.contact_on.toordinal()),
    Column(N_("Kind"), lambda r: contact_log.kind_label(r.kind)),
    Column(N_("Interpreter"), lambda r: _("yes") if r.interpreter else ""),
    Column(N_("With whom"), lambda r: r.with_whom, natural_direction=True),
    Column(N_("Note"), lambda r: r.note.replace("\n", " "), natural_direction=True),
    Column(N_("Logged by"), lambda r: r.logged_by),
)
FOLLOW_UP_COLUMNS = (
    Column(N_("Date"), lambda r: fmt_date(r.due_on) + ("  " + _("overdue") if r.overdue else ""),
           lambda r: r.due_on.toordinal()),
    Column(N_("What"), lambda r: r.description, natural_direction=True),
    Column(N_("Followed up by"), lambda r: r.owner),
    Column(N_("Goal"), lambda r: r.goal, natural_direction=True),
    Column(N_("Done"), lambda r: fmt_date(r.done_on)),
)
REFERRAL_COLUMNS = (
    Column(N_("Referred"), lambda r: fmt_date(r.referred_on),
           lambda r: r.referred_on.toordinal()),
    Column(N_("Partner"), lambda r: r.partner, natural_direction=True),
    Column(N_("Purpose"), lambda r: r.purpose, natural_direction=True),
    Column(N_("Status"), lambda r: referrals.status_label(r.status) + (
        "  " + _("since {date}").format(date=fmt_date(r.status_on))
        if r.status_on != r.referred_on else "")),
    Column(N_("Followed up by"), lambda r: r.follow_up_by),
)


class CaseworkTab(PersonTab):
    """Contacts, follow-ups and referrals of one person.

    Signals:
        filled(): the three lists were (re)read.
    """

    filled = Signal()

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        from ui.office.today import record_table  # today imports this module's model

        super().__init__(ops, person_id, parent)
        self.setObjectName("casework_tab")
        self.users: list[tuple[uuid.UUID, str]] = []
        self.contact_model = RecordTableModel(CONTACT_COLUMNS, self)
        self.follow_up_model = OverdueModel(FOLLOW_UP_COLUMNS, self)
        self.referral_model = RecordTableModel(REFERRAL_COLUMNS, self)
        self.contact_view = record_table(self.contact_model, "contact_log_view")
        self.follow_up_view = record_table(self.follow_up_model, "follow_up_view")
        self.referral_view = record_table(self.referral_model, "referral_view")
        self.log_button = QPushButton(_("Log &a contact…"))
        self.log_button.setObjectName("log_contact")
        self.log_button.clicked.connect(self.log_contact)
        self.add_follow_up_button = QPushButton(_("Add appointment or re&minder…"))
        self.add_follow_up_button.setObjectName("add_follow_up")
        self.add_follow_up_button.clicked.connect(self.add_follow_up)
        self.done_button = QPushButton(_("&Done"))
        self.done_button.setObjectName("follow_up_done")
        self.done_button.clicked.connect(self.mark_done)
        self.refer_button = QPushButton(_("&Refer to a partner…"))
        self.refer_button.setObjectName("new_referral")
        self.refer_button.clicked.connect(self.new_referral)
        self.status_button = QPushButton(_("Change stat&us…"))
        self.status_button.setObjectName("referral_status_button")
        self.status_button.clicked.connect(self.change_status)
        self.referral_view.activated.connect(lambda _i: self.change_status())
        layout = QVBoxLayout(self)
        for title, view, buttons, stretch in (
                (_("Contacts"), self.contact_view, (self.log_button,), 3),
                (_("Appointments and reminders"), self.follow_up_view,
                 (self.add_follow_up_button, self.done_button), 2),
                (_("Referrals"), self.referral_view, (self.refer_button, self.status_button),
                 2)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            row = QHBoxLayout()
            row.addStretch(1)
            for button in buttons:
                row.addWidget(button)
            inner.addWidget(view)
            inner.addLayout(row)
            layout.addWidget(box, stretch)

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.refresh()

    def refresh(self) -> None:
        by, pid = self.ops.user_id, self.person_id

        def work(db):  # noqa: ANN001, ANN202
            return (contact_log.contacts_of(db, by, pid), follow_ups.follow_ups_of(db, by, pid),
                    referrals.referrals_of(db, by, pid),
                    [(u.id, u.display_name) for u in users.list_users(db, by)])

        self.ops.run_in(self, work, self._fill, self._failed, read_only=True)

    @Slot()
    def log_contact(self) -> ContactLogDialog:
        dialog = ContactLogDialog(self.ops, self.person_id, self)
        dialog.open()
        return dialog

    @Slot()
    def add_follow_up(self) -> FollowUpDialog:
        plan = self.file.plan if self.file is not None else None
        goals = [(g.id, g.description) for g in plan.goals] if plan is not None else []
        dialog = FollowUpDialog(self.ops, self.person_id, self.users, goals, self)
        dialog.open()
        return dialog

    @Slot()
    def mark_done(self) -> None:
        record = self._selected(self.follow_up_view)
        if record is None or record.done_on is not None:
            return
        by = self.ops.user_id
        self.ops.run_in(self, lambda db: follow_ups.mark_done(db, by, record.id).id, None,
                        self._failed, changes={self.change, "follow_ups"})

    @Slot()
    def new_referral(self) -> ReferralDialog:
        partners = sorted({c.partner for c in self.file.person.consents}) if self.file else []
        dialog = ReferralDialog(self.ops, self.person_id, self.users, partners, self)
        dialog.open()
        return dialog

    @Slot()
    def change_status(self) -> ReferralStatusDialog | None:
        record = self._selected(self.referral_view)
        if record is None:
            return None
        if record.status in {s.value for s in referrals.FINAL}:
            show_error(self, _("This referral is {status}; make a new referral instead.")
                       .format(status=referrals.status_label(record.status).lower()))
            return None
        dialog = ReferralStatusDialog(self.ops, record, self)
        dialog.open()
        return dialog

    # helpers

    def _fill(self, result: tuple) -> None:
        contacts, items, refs, self.users = result
        self.contact_model.set_records(contacts)
        self.follow_up_model.set_records(items)
        self.referral_model.set_records(refs)
        self._enable()
        self.filled.emit()

    def _enable(self) -> None:
        for view, button in ((self.follow_up_view, self.done_button),
                             (self.referral_view, self.status_button)):
            button.setEnabled(view.model().rowCount() > 0)

    def _selected(self, view):  # noqa: ANN001, ANN202
        """The chosen row's record; the only row when there is one; else None."""
        index = view.currentIndex()
        if not index.isValid() and view.model().rowCount() == 1:
            index = view.model().index(0, 0)
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _failed(self, err: WegwijsError) -> None:
        show_error(self, err)
