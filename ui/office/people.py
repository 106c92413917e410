"""People: search as you type, filter by status and case manager, open or register someone."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.vocabulary import LABELS, ResidenceStatus
from ui.office.people_model import PeopleFilter, PeopleModel
from ui.session import preload
from ui.session.operations import Operations
from ui.widgets.record_model import SORT_ROLE


class PeopleView(QWidget):
    """The searchable list of everyone registered.

    Signals:
        open_person(object): open this person's window (their id).
        new_person(): register someone new.
    """

    open_person = Signal(object)
    new_person = Signal()

    def __init__(self, ops: Operations, parent: QWidget | None = None, *,
                 first_page: list | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("people")
        self._ops = ops
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by name (any script), nickname, number, "
                                         "V-number or phone"))
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.status.addItem(_("Every status"), None)
        for status in ResidenceStatus:
            self.status.addItem(_(LABELS[status.value]), status.value)
        self.manager = QComboBox()
        self.manager.setObjectName("manager_filter")
        self.manager.addItem(_("Every case manager"), None)
        self.new_button = QPushButton(_("&New person…"))
        self.new_button.setObjectName("new_person")
        self.new_button.setToolTip(_("Register someone new (Ctrl+N)"))
        self.count = QLabel()
        self.count.setObjectName("people_count")
        self.print_button = QPushButton(_("Print &cards of the selection…"))
        self.print_button.setObjectName("print_cards")
        self.print_button.setToolTip(_("Select several people with Shift or Ctrl and print "
                                       "their contact cards in one go"))

        self.model = PeopleModel(ops, self)
        self.proxy = QSortFilterProxyModel(self)  # sorted by the database; the proxy keeps roles
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setObjectName("people_view")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several people can be selected (Shift/Ctrl+click) to print their cards at once.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((80, 220, 180, 90, 130, 150)):
            self.view.setColumnWidth(col, width)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.status, 1)
        top.addWidget(self.manager, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.print_button)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.status)
        self.setTabOrder(self.status, self.manager)
        self.setTabOrder(self.manager, self.new_button)
        self.setTabOrder(self.new_button, self.view)

        self.search.textChanged.connect(self._filter_changed)
        self.status.currentIndexChanged.connect(self._filter_changed)
        self.manager.currentIndexChanged.connect(self._filter_changed)
        self.search.returnPressed.connect(self._open_first)
        self.view.activated.connect(self._activated)
        self.new_button.clicked.connect(self.new_person)
        self.print_button.clicked.connect(self.print_cards)
        self.model.counted.connect(self._counted)
        self.model.modelReset.connect(self._select_first)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self.view.setFocus,
                  context=Qt.ShortcutContext.WidgetShortcut)
        ops.changed.connect(self._changed)
        self._load_managers()
        if first_page is not None:  # read already, with the start-up's settings
            self.model.show_first_page(PeopleFilter(), first_page)
        else:
            self.model.set_filter(PeopleFilter())

    def clear_data(self) -> None:
        """At lock: no names left in the list or in the search box."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self.count.clear()

    def reload_data(self) -> None:
        self._filter_changed()

    def selected_people(self) -> list[uuid.UUID]:
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.view.selectionModel().selectedRows()})
        return [self.model.person_id(r) for r in rows]

    def print_cards(self):  # noqa: ANN201
        """Contact cards of every selected person, made in a worker with a progress bar."""
        preload.wait()
        from ui.office.batch_print_dialog import BatchPrintDialog

        ids = self.selected_people()
        if not ids:
            return None
        dialog = BatchPrintDialog(self._ops, ids, self)
        dialog.open()
        dialog.start()
        return dialog

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_person(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.person_id(self.proxy.mapToSource(index).row())

    # helpers

    def _load_managers(self) -> None:
        def done(rows: list) -> None:
            current = self.manager.currentData()
            self.manager.blockSignals(True)
            while self.manager.count() > 1:
                self.manager.removeItem(1)
            for user in rows:
                self.manager.addItem(user.display_name, str(user.id))
            index = self.manager.findData(current)
            self.manager.setCurrentIndex(max(0, index))
            self.manager.blockSignals(False)

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202 - in a worker, once the store is open
            from app.services import users

            return users.list_users(db, by)

        self._ops.run_in(self, work, done)

    @Slot()
    def _filter_changed(self) -> None:
        status = self.status.currentData()
        manager = self.manager.currentData()
        self.model.set_filter(PeopleFilter(
            self.search.text(), ResidenceStatus(status) if status else None,
            uuid.UUID(manager) if manager else None))

    @Slot(int)
    def _counted(self, n: int) -> None:
        self.count.setText(ngettext("{n} person", "{n} people", n).format(n=f"{n:,}".replace(
            ",", ".")))

    @Slot()
    def _select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    @Slot()
    def _open_first(self) -> None:
        person = self.current_person()
        if person is not None:
            self.open_person.emit(person)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        self.open_person.emit(self.model.person_id(self.proxy.mapToSource(index).row()))

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if "users" in keys:
            self._load_managers()
        if "people" in keys:
            self.model.refresh()
