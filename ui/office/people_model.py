"""The list of people: a table model that fetches pages lazily, off the GUI thread.

``set_filter`` starts a search for the first page; the view asks for more with
``canFetchMore``/``fetchMore`` as it scrolls. Only one query runs at a time: typing faster than
the database answers replaces the waiting query with the newest, and stale answers are dropped
(a generation counter), so the list stays smooth with 100,000 people.

On an SQLite file opened at start-up with a user's own password, the pages come from the
plain-SQL reader (``Operations.reader``, app.store.people_reader), which needs no database
layer: the list is searchable while SQLAlchemy still loads (issue 17). Otherwise they come from
``app.services.search``; a test holds both to the same answers.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.countries import country_name
from app.i18n import N_, _, interface_language
from app.vocabulary import LABELS, ResidenceStatus
from ui.office.pages import PAGE
from ui.session.operations import Operations
from ui.widgets.record_model import RECORD_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from app.services.search import PersonRow

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PeopleFilter:
    query: str = ""
    status: ResidenceStatus | None = None
    case_manager_id: uuid.UUID | None = None


COLUMNS = (N_("Number"), N_("Name"), N_("Name in own script"), N_("Born"), N_("Nationality"),
           N_("Status"), N_("Case manager"))


class PeopleModel(QAbstractTableModel):
    """People matching a filter, sorted by name, fetched ``PAGE`` rows at a time.

    Signals:
        counted(int): how many people match the current filter (arrives after the first page).
        first_page(float): the first page of a new filter is shown; seconds since it was asked.
    """

    counted = Signal(int)
    first_page = Signal(float)

    # What a model whose attributes Python's collector already cleared answers to a view that
    # Qt has not yet destroyed: nothing (see RecordTableModel).
    _rows: list[PersonRow] = []  # noqa: RUF012 - read-only fallbacks, never mutated
    _more = _fetching = _searching = False

    def __init__(self, ops: Operations, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._ops = ops
        self._rows: list[PersonRow] = []
        self._filter = PeopleFilter()
        self._generation = 0
        self._searching = False
        self._waiting: tuple[PeopleFilter, int, float] | None = None
        self._fetching = False
        self._more = False
        self.total: int | None = None

    def set_filter(self, flt: PeopleFilter) -> None:
        """Show the people matching ``flt`` (replacing the list when the answer arrives)."""
        self._generation += 1
        self._waiting = (flt, self._generation, time.perf_counter())
        if not self._searching:
            self._start_waiting()

    def show_first_page(self, flt: PeopleFilter, rows: list[PersonRow]) -> None:
        """Show a first page read beforehand (with the start-up's other reads, issue 17),
        as if ``set_filter(flt)`` had just answered."""
        self._generation += 1
        self._waiting = None
        self.beginResetModel()
        self._filter = flt
        self._rows = rows
        self._more = len(rows) == PAGE
        self.endResetModel()
        self.first_page.emit(0.0)
        self._count(flt, self._generation, len(rows))

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def clear(self) -> None:
        """Forget every row (at lock time); answers still on their way are dropped."""
        self._generation += 1
        self._waiting = None
        self.beginResetModel()
        self._rows = []
        self._more = False
        self.total = None
        self.endResetModel()

    def current_filter(self) -> PeopleFilter:
        return self._filter

    def person_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def is_searching(self) -> bool:
        return self._searching or self._fetching

    # Qt overrides

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._show(row, col)
        if role == SORT_ROLE:
            return row.record_code if col == 0 else self._show(row, col)
        if role == RECORD_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching \
            and not self._searching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        flt, generation, offset = self._filter, self._generation, len(self._rows)
        def done(rows: list[PersonRow]) -> None:
            self._fetching = False
            if generation != self._generation or offset != len(self._rows):
                return
            self._more = len(rows) == PAGE
            if rows:
                self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()

        self._read(lambda read: read.page(flt, offset), done, lambda err: self._stop_fetching())

    # helpers

    def _stop_fetching(self) -> None:
        self._fetching = False

    def _start_waiting(self) -> None:
        assert self._waiting is not None
        flt, generation, asked = self._waiting
        self._waiting = None
        self._searching = True

        def done(rows: list[PersonRow]) -> None:
            self._searching = False
            if generation == self._generation:
                self.beginResetModel()
                self._filter = flt
                self._rows = rows
                self._more = len(rows) == PAGE
                self.endResetModel()
                self.first_page.emit(time.perf_counter() - asked)
                self._count(flt, generation, len(rows))
            if self._waiting is not None:
                self._start_waiting()

        def failed(err) -> None:  # noqa: ANN001
            self._searching = False
            if self._waiting is not None:
                self._start_waiting()

        self._read(lambda read: read.page(flt, 0), done, failed)

    def _count(self, flt: PeopleFilter, generation: int, shown: int) -> None:
        if shown < PAGE:
            self.total = shown
            self.counted.emit(shown)
            return

        def done(n: int) -> None:
            if generation == self._generation:
                self.total = n
                self.counted.emit(n)

        self._read(lambda read: read.count(flt), done, lambda err: None)

    def _read(self, ask: Callable[[_Pages], Any], done: Callable[[Any], None],
              failed: Callable[[Any], None]) -> None:
        """Run ``ask`` on the list's pages in a reading worker: through the plain-SQL reader
        when there is one, else through the services (in a session)."""
        reader, lock, by = self._ops.reader, self._ops.reader_lock, self._ops.user_id
        if reader is not None:
            def plain(_db):  # noqa: ANN001, ANN202
                with lock:  # one connection: one question at a time
                    return ask(_Pages(by, reader=reader))

            self._ops.run_in(self, plain, done, failed, session=False, read_only=True)
        else:
            self._ops.run_in(self, lambda db: ask(_Pages(by, db=db)), done, failed,
                             read_only=True)

    @staticmethod
    def _show(row: PersonRow, col: int) -> str:
        if col == 0:
            return row.record_code
        if col == 1:
            return row.name or row.nickname
        if col == 2:
            return row.name_original if row.name_original != row.name else ""
        if col == 3:
            return row.birth_date
        if col == 4:
            return country_name(row.nationality, interface_language())
        if col == 5:
            return _(LABELS.get(row.status.value, row.status.value))
        return row.case_manager


class _Pages:
    """The list's two questions, asked of the plain reader or of the services' search."""

    def __init__(self, by: uuid.UUID | None, *, reader=None, db=None) -> None:  # noqa: ANN001
        self._by, self._reader, self._db = by, reader, db

    def page(self, flt: PeopleFilter, offset: int) -> list[PersonRow]:
        if self._reader is not None:
            return self._reader.page(self._by, flt.query, status=flt.status,
                                     case_manager_id=flt.case_manager_id, limit=PAGE,
                                     offset=offset)
        from app.services import search

        return search.search(self._db, self._by, flt.query, status=flt.status,
                             case_manager_id=flt.case_manager_id, limit=PAGE, offset=offset)

    def count(self, flt: PeopleFilter) -> int:
        if self._reader is not None:
            return self._reader.count(self._by, flt.query, status=flt.status,
                                      case_manager_id=flt.case_manager_id)
        from app.services import search

        return search.count(self._db, self._by, flt.query, status=flt.status,
                            case_manager_id=flt.case_manager_id)


def first_page(db, by: uuid.UUID | None) -> list[PersonRow]:  # noqa: ANN001
    """In a worker: the unfiltered list's first page (read with the start-up's settings)."""
    return _Pages(by, db=db).page(PeopleFilter(), 0)
