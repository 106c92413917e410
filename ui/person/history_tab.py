"""The History tab: who opened, changed or printed what, and when (from the audit trail).

Only coordinators read the audit trail; anyone else sees one plain sentence saying so.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.access.permissions import Permission
from app.i18n import N_, _
from app.services.operations import PersonFile
from ui.office.today import record_table
from ui.person.person_tab import PersonTab
from ui.session.operations import Operations
from ui.widgets.labels import label
from ui.widgets.record_model import Column, RecordTableModel, fmt_moment


def _when(event) -> str:  # noqa: ANN001
    return fmt_moment(event.at)


class HistoryTab(PersonTab):
    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("history_tab")
        self._names: dict[uuid.UUID, str] = {}
        columns = (
            Column(N_("When"), _when, lambda e: e.at.timestamp()),
            Column(N_("Who"), lambda e: self._names.get(e.user_id, "") if e.user_id
                   else _("(system)")),
            Column(N_("What"), lambda e: label("audit_action", e.action)),
            Column(N_("Record"), lambda e: label("entity", e.entity)),
            Column(N_("Detail"), lambda e: e.detail),
        )
        self.model = RecordTableModel(columns, self)
        self.view = record_table(self.model, "history_view", 0, Qt.SortOrder.DescendingOrder)
        self.note = QLabel(_("Every look at and change of this person's records, newest first."))
        self.note.setObjectName("history_note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self._names = file.users
        readable = file.may(Permission.READ_AUDIT)
        self.view.setVisible(readable)
        self.note.setText(
            _("Every look at and change of this person's records, newest first.") if readable
            else _("The history of this file (who looked at or changed what) is for "
                   "coordinators only."))
        self.model.set_records(file.history if readable else [])
