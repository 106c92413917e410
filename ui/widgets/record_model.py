"""A table model over a short list of records (Today, history, goals, consents...).

Each column is declared once: a translatable title, how to show a record, and the raw value
to sort by. Long lists that must be fetched page by page use ``PeopleModel`` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.i18n import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: ``title`` is marked with N_ and translated when shown."""

    title: str
    show: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    # Names and free text typed by people get their own direction (Arabic names in a Dutch UI).
    natural_direction: bool = False


class RecordTableModel(QAbstractTableModel):
    """Rows are plain records (dataclasses or loaded ORM objects), replaced as a whole."""

    # A window that is garbage is collected as a whole: Python may clear this model's attributes
    # before Qt has destroyed the view that asks it for headers and rows. The class answers
    # then: no columns, no rows.
    _columns: list[Column] = []  # noqa: RUF012 - read-only fallbacks, never mutated
    _rows: list[Any] = []  # noqa: RUF012

    def __init__(self, columns: Sequence[Column], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def records(self) -> list[Any]:
        return list(self._rows)

    # Qt overrides

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.show(record)
        if role == SORT_ROLE:
            value = column.sort(record) if column.sort else column.show(record)
            return value if isinstance(value, int | float | str) else str(value)
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return _(self._columns[section].title)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None


def sorted_proxy(model: QAbstractTableModel, parent=None) -> QSortFilterProxyModel:  # noqa: ANN001
    """A proxy sorting by the raw values of ``SORT_ROLE``."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def fmt_date(value: Any) -> str:
    """A date as volunteers write it (17-05-2026); empty for None."""
    return value.strftime("%d-%m-%Y") if value else ""


def fmt_moment(value: Any) -> str:
    """A stored moment (UTC) in local time: 17-05-2026 14:05; empty for None."""
    if not value:
        return ""
    from datetime import UTC

    return value.replace(tzinfo=value.tzinfo or UTC).astimezone().strftime("%d-%m-%Y %H:%M")
