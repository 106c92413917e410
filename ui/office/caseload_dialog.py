"""Caseloads: how many people each case manager carries against the office's caseload (about
25 in the source, a setting coordinators change here), and the waiting list of people admitted
without a case manager yet. Giving someone a case manager whose caseload is full is refused by
the services; one click on the waiting list opens the person."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.access.permissions import Permission, allowed
from app.errors import WegwijsError
from app.i18n import N_, _
from app.services import deadlines
from ui.session.operations import Operations
from ui.widgets.forms import show_error
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date


class LoadModel(RecordTableModel):
    """Full caseloads in red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            if self.record(index.row()).full:
                return QBrush(QColor("#b00020"))
        return super().data(index, role)


LOAD_COLUMNS = (
    Column(N_("Case manager"), lambda r: r.name, natural_direction=True),
    Column(N_("People"), lambda r: f"{r.count} / {r.capacity}", lambda r: r.count),
    Column(N_("Caseload"), lambda r: _("full") if r.full else _("room for {n}").format(
        n=r.capacity - r.count)),
)
WAITING_COLUMNS = (
    Column(N_("Waiting since"), lambda r: fmt_date(r.since), lambda r: r.since.toordinal()),
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.person_name, natural_direction=True),
)


class CaseloadDialog(QDialog):
    """Signals:
        open_person(object): a person on the waiting list was chosen.
        loaded(): the lists were (re)read.
    """

    open_person = Signal(object)
    loaded = Signal()

    def __init__(self, ops: Operations, user, parent: QWidget | None = None) -> None:  # noqa: ANN001
        from ui.office.today import record_table

        super().__init__(parent)
        self.setObjectName("caseload_dialog")
        self.setWindowTitle(_("Caseloads and waiting list"))
        self._ops = ops
        self.load_model = LoadModel(LOAD_COLUMNS, self)
        self.waiting_model = RecordTableModel(WAITING_COLUMNS, self)
        self.load_view = record_table(self.load_model, "caseload_view", 1,
                                      Qt.SortOrder.DescendingOrder)
        self.waiting_view = record_table(self.waiting_model, "waiting_view", 0)
        self.waiting_view.activated.connect(self._chosen)
        self.waiting_view.clicked.connect(self._chosen)
        self.capacity = QSpinBox()
        self.capacity.setObjectName("caseload_capacity")
        option = settings.OPTIONS["caseload_per_case_manager"]
        self.capacity.setRange(option.minimum or 1, option.maximum or 500)
        self.capacity.setEnabled(allowed(user.role, Permission.MANAGE_USERS))
        self.save_capacity = QPushButton(_("&Save"))
        self.save_capacity.setObjectName("save_caseload_capacity")
        self.save_capacity.setEnabled(self.capacity.isEnabled())
        self.save_capacity.clicked.connect(self._save_capacity)
        label = QLabel(_("People per case &manager"))
        label.setBuddy(self.capacity)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.capacity)
        row.addWidget(self.save_capacity)
        row.addStretch(1)
        note = QLabel(_("The source counts about 25 people per case manager. People whose "
                        "support ended no longer count."))
        note.setWordWrap(True)
        self.waiting_box = QGroupBox()
        QVBoxLayout(self.waiting_box).addWidget(self.waiting_view)
        loads = QGroupBox(_("People per case manager"))
        inner = QVBoxLayout(loads)
        inner.addLayout(row)
        inner.addWidget(note)
        inner.addWidget(self.load_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(loads, 1)
        layout.addWidget(self.waiting_box, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)
        ops.changed.connect(self._changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            return (deadlines.caseloads(db, by), deadlines.waiting_list(db, by),
                    deadlines.capacity(db))

        self._ops.run_in(self, work, self._fill, self._failed, read_only=True)

    def _fill(self, result: tuple) -> None:
        loads, waiting, capacity = result
        self.load_model.set_records(loads)
        self.waiting_model.set_records(waiting)
        self.capacity.setValue(capacity)
        self.waiting_box.setTitle(_("Waiting list: admitted, no case manager yet ({n})").format(
            n=len(waiting)))
        self.loaded.emit()

    @Slot()
    def _save_capacity(self) -> None:
        by, value = self._ops.user_id, self.capacity.value()

        self._ops.run_in(self, lambda db: deadlines.set_capacity(db, by, value),
                         lambda _v: self.refresh(), self._failed,
                         changes={"settings"})

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if any(k in ("people", "settings") or k.startswith("person:") for k in keys):
            self.refresh()

    @Slot(QModelIndex)
    def _chosen(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        if record is not None and isinstance(record.person_id, uuid.UUID):
            self.open_person.emit(record.person_id)

    def _failed(self, err: WegwijsError) -> None:
        show_error(self, err)
