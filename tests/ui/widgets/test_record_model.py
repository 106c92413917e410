"""Record tables: a model whose Python side the collector already cleared answers a live view
with nothing, instead of raising in Qt's event loop."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from ui.office.people_model import PeopleModel
from ui.widgets.record_model import Column, RecordTableModel


@dataclass
class Row:
    name: str


def test_a_cleared_model_answers_a_live_view_with_nothing(qtbot) -> None:  # noqa: ANN001
    model = RecordTableModel([Column("Name", lambda r: r.name)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_records([Row("Selam"), Row("Omar")])
    view.show()
    assert model.rowCount() == 2 and model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    model.__dict__.clear()  # what Python's collector does to a window's garbage, in any order
    assert model.rowCount() == 0 and model.columnCount() == 0
    assert model.headerData(0, Qt.Orientation.Horizontal) is None
    assert model.data(model.index(0, 0)) is None
    view.horizontalHeader().headerDataChanged(Qt.Orientation.Horizontal, 0, 0)
    view.repaint()  # the view asks again: no exception in the event loop


def test_a_cleared_people_model_answers_with_nothing(qtbot, ops) -> None:  # noqa: ANN001
    model = PeopleModel(ops)
    model.__dict__.clear()
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None
    assert not model.canFetchMore(QModelIndex())
