"""The History tab: who opened, changed or printed what, and when (from the audit trail)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.operations import PersonFile
from ui.labels import label
from ui.operations import Operations
from ui.person_tab import PersonTab
from ui.record_model import Column, RecordTableModel
from ui.today import record_table


def _when(event) -> str:  # noqa: ANN001
    from datetime import UTC

    local = event.at.replace(tzinfo=event.at.tzinfo or UTC).astimezone()
    return local.strftime("%d-%m-%Y %H:%M")


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
        note = QLabel(_("Every look at and change of this person's records, newest first."))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view)

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self._names = file.users
        self.model.set_records(file.history)
