"""FieldErrors: error lines that go away when the field is edited, required marks, heights."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.errors import InvalidInput
from ui.widgets.forms import REQUIRED_MARK, FieldErrors

pytestmark = pytest.mark.gui

NAMES = ("line", "text", "combo", "editable", "date", "spin", "born")


@pytest.fixture
def form(qtbot):  # noqa: ANN001, ANN201
    page = QWidget()
    layout = QFormLayout(page)
    errors = FieldErrors()
    editors = {"line": QLineEdit(), "text": QPlainTextEdit(), "combo": QComboBox(),
               "editable": QComboBox(), "date": QDateEdit(QDate(2026, 1, 1)), "spin": QSpinBox()}
    editors["combo"].addItems(["a", "b"])
    editors["editable"].setEditable(True)
    editors["editable"].addItems(["a", "b"])
    # a field made of several widgets, as the person form's date of birth with "Estimated"
    born, born_line, estimated = QWidget(), QLineEdit(), QCheckBox("Estimated")
    row = QHBoxLayout(born)
    row.addWidget(born_line)
    row.addWidget(estimated)
    editors["born"] = born
    for name, editor in editors.items():
        errors.add(layout, name, editor, name, required=name == "line")
    layout.addRow(errors.general)
    layout.addRow(errors.legend())
    qtbot.addWidget(page)
    page.show()
    errors.show(InvalidInput({name: f"wrong {name}" for name in NAMES}))
    assert all(errors.text(name) == f"wrong {name}" for name in NAMES)
    return page, errors, editors, born_line, estimated


def test_an_error_line_goes_as_soon_as_its_field_is_edited(qtbot, form) -> None:  # noqa: ANN001
    page, errors, editors, born_line, estimated = form

    qtbot.keyClicks(editors["line"], "x")
    assert errors.text("line") == ""
    assert errors.text("text") == "wrong text"  # the other fields keep theirs

    qtbot.keyClicks(editors["text"], "x")
    qtbot.keyClicks(editors["editable"], "c")
    editors["combo"].activated.emit(1)  # what choosing from the open list sends
    editors["date"].setFocus()
    qtbot.keyClick(editors["date"], Qt.Key.Key_Up)
    editors["spin"].setFocus()
    qtbot.keyClick(editors["spin"], Qt.Key.Key_Up)
    qtbot.keyClicks(born_line, "1990")
    for name in ("text", "editable", "combo", "date", "spin", "born"):
        assert errors.text(name) == "", name
        assert errors.label(name).isHidden(), name

    errors.show(InvalidInput({"born": "wrong born"}))
    qtbot.mouseClick(estimated, Qt.MouseButton.LeftButton)  # any part of a composite field
    assert errors.text("born") == ""


def test_showing_errors_again_after_editing(qtbot, form) -> None:  # noqa: ANN001
    page, errors, editors, *_rest = form
    qtbot.keyClicks(editors["line"], "x")
    errors.show(InvalidInput({"line": "still wrong"}))
    assert errors.text("line") == "still wrong"


def test_required_fields_are_marked_and_explained(form) -> None:  # noqa: ANN001
    page, errors, *_rest = form
    assert errors.required() == ["line"]
    assert page.findChild(QWidget, "label_line").text() == "line" + REQUIRED_MARK
    assert page.findChild(QWidget, "label_text").text() == "text"
    legend = page.findChild(QWidget, "required_legend")
    assert legend.isVisible() and legend.text().startswith("*")


def test_a_long_error_grows_the_window_instead_of_squeezing_the_fields(qtbot) -> None:  # noqa: ANN001
    page = QWidget()
    layout = QFormLayout(page)
    errors = FieldErrors()
    edits = [QLineEdit() for _ in range(3)]
    for i, edit in enumerate(edits):
        errors.add(layout, f"field {i}", edit, f"f{i}")
    qtbot.addWidget(page)
    page.setMinimumWidth(300)
    page.show()
    qtbot.waitExposed(page)
    before = [e.height() for e in edits]
    long = "This error is long enough to wrap over several lines in a narrow window. " * 3
    errors.show(InvalidInput({f"f{i}": long for i in range(3)}))
    qtbot.wait(50)
    assert [e.height() for e in edits] == before
    for i in range(3):
        label = errors.label(f"f{i}")
        assert label.height() >= label.heightForWidth(label.width())  # nothing cut off


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_row_labels_have_room_for_their_last_glyph(qtbot, lang: str) -> None:  # noqa: ANN001
    """A label exactly as wide as its text cut off the last glyph's overhang ("Telefoon" looked
    like "Telefoor"; Arabic labels lost part of a letter): each row label gets two pixels more."""
    from PySide6.QtWidgets import QLabel

    from ui.person.person_form import PersonForm
    from ui.session.translations import apply_language

    apply_language(lang)
    page = PersonForm()
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitExposed(page)
    labels = [w for w in page.findChildren(QLabel)
              if w.objectName().startswith("label_") and w.isVisible()]
    assert len(labels) >= 12
    for row_label in labels:
        text = row_label.text().replace("&", "")
        metrics = row_label.fontMetrics()
        needed = max(metrics.horizontalAdvance(text), metrics.boundingRect(text).width())
        assert row_label.contentsRect().width() >= needed + 1, (row_label.objectName(), text)
